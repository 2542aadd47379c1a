package validate

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/site"
)

// TestMessagesEscaped puts terminal escapes, bidi overrides and bytes that
// are not UTF-8 into every value validate quotes (in states the loader
// would refuse, to reach each message) and checks that no message, as
// made and as printed, holds one raw: unknown legal basis, country,
// safeguard and right, translation-mismatch, translation-missing, and the
// catalog's missing-messages warning for the language.
func TestMessagesEscaped(t *testing.T) {
	for _, v := range []string{"\x1b[31m", "\x1b]0;t\a", "\u202e", "\u009b1m", "\xff", "\r"} {
		t.Run(strconv.Quote(v), func(t *testing.T) {
			s, diags := site.Load(context.Background(), validSite())
			if len(diags) != 0 {
				t.Fatalf("test site does not load cleanly:\n%v", diags)
			}
			m := &s.Section("general").Translations["en"].Meta
			m.LegalBases = append(m.LegalBases, "gdpr"+v)
			m.ThirdCountries = append(m.ThirdCountries, "U"+v)
			m.Safeguards = append(m.Safeguards, "scc"+v)
			m.Covers = append(m.Covers, "access"+v)
			s.Config.Languages = append(s.Config.Languages, "x"+v)
			cat, diags := locale.Load(os.DirFS("../../i18n"), s.I18n, s.Config.Languages, s.Config.DefaultLanguage)
			diags.Add(cat.Warnings(nil)...) // the missing-messages warning
			diags.Add(Site(s, cat)...)
			kinds := map[string]bool{}
			for _, d := range diags {
				for _, text := range []string{d.Message, d.String()} {
					if !utf8.ValidString(text) || strings.ContainsFunc(text, func(r rune) bool { return !strconv.IsPrint(r) }) {
						t.Errorf("not escaped: %q", text)
					}
				}
				for _, k := range []string{"unknown legal basis", "country code", "unknown safeguard", "unknown right", "language-neutral", "translation (", "UI messages have no"} {
					if strings.Contains(d.Message, k) {
						kinds[k] = true
					}
				}
			}
			if len(kinds) != 7 {
				t.Errorf("only these messages were reached: %v\n%v", kinds, diags)
			}
		})
	}
}
