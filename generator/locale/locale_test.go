package locale

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/bidi"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
)

// builtin is the real built-in message folder of the repository.
var builtin = os.DirFS("../../i18n")

// text is a message that must not fail.
func text(s string, err error) string {
	if err != nil {
		panic(fmt.Sprintf("message failed: %v", err))
	}
	return s
}

func mustLoad(t *testing.T, own map[string]site.File, langs []string, def string) (*Catalog, diag.List) {
	t.Helper()
	c, diags := Load(builtin, own, langs, def)
	if c == nil {
		t.Fatal("Load returned a nil catalog")
	}
	return c, append(diags, c.Warnings(nil)...)
}

func TestLegalBasisBuiltin(t *testing.T) {
	c, diags := mustLoad(t, nil, []string{"en", "de"}, "en")
	if len(diags) != 0 {
		t.Fatalf("built-in en and de messages are incomplete:\n%v", diags)
	}
	tests := []struct {
		lang, code, want string
	}{
		{"en", "gdpr-6-1-a", "Art. 6(1)(a) GDPR"},
		{"en", "gdpr-6-1-f", "Art. 6(1)(f) GDPR"},
		{"en", "gdpr-9-2-a", "Art. 9(2)(a) GDPR"},
		{"en", "bdsg-26", "§ 26 BDSG"},
		{"de", "gdpr-6-1-b", "Art. 6 Abs. 1 lit. b DSGVO"},
		{"de", "gdpr-6-1-f", "Art. 6 Abs. 1 lit. f DSGVO"},
		{"de", "gdpr-9-2-a", "Art. 9 Abs. 2 lit. a DSGVO"},
		{"de", "bdsg-26", "§ 26 BDSG"},
		// a language the catalog does not know reads the default language
		{"fr", "gdpr-6-1-f", "Art. 6(1)(f) GDPR"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.code, func(t *testing.T) {
			if got := text(c.LegalBasis(tt.lang, tt.code)); got != tt.want {
				t.Errorf("LegalBasis(%q, %q) = %q, want %q", tt.lang, tt.code, got, tt.want)
			}
		})
	}
	for _, code := range vocab.LegalBases() {
		for _, lang := range []string{"en", "de"} {
			if got := text(c.LegalBasis(lang, code)); got == LegalBasisPrefix+code || got == "" {
				t.Errorf("LegalBasis(%q, %q) = %q: no built-in label", lang, code, got)
			}
		}
	}
}

// TestBuiltinLabelsAreVocab checks that the built-in message files label
// exactly the legal-basis codes and safeguards of package vocab: a word
// there without a label shows as its message id on every page, and a
// label without the word is a code that validate's hint does not name.
func TestBuiltinLabelsAreVocab(t *testing.T) {
	c, _ := mustLoad(t, nil, []string{"en", "de"}, "en")
	tests := []struct {
		prefix string
		want   []string
	}{
		{LegalBasisPrefix, vocab.LegalBases()},
		{SafeguardPrefix, vocab.Safeguards()},
	}
	for _, tt := range tests {
		var got []string
		for id := range c.builtinIDs {
			if code, ok := strings.CutPrefix(id, tt.prefix); ok {
				got = append(got, code)
			}
		}
		slices.Sort(got)
		if want := slices.Sorted(slices.Values(tt.want)); !slices.Equal(got, want) {
			t.Errorf("built-in %s… messages = %q, want %q", tt.prefix, got, want)
		}
	}
}

func TestSiteMessagesOverride(t *testing.T) {
	own := map[string]site.File{
		"de": {Path: "i18n/de.toml", Data: []byte("none = \"Keine Übermittlung\"\n\n[legalBasis]\ngdpr-6-1-f = \"Art. 6 I lit. f DSGVO\"\n")},
	}
	c, diags := mustLoad(t, own, []string{"en", "de"}, "en")
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics:\n%v", diags)
	}
	tests := []struct {
		lang, id, want string
	}{
		{"de", "legalBasis.gdpr-6-1-f", "Art. 6 I lit. f DSGVO"},
		{"de", "none", "Keine Übermittlung"},
		{"de", "legalBasis.gdpr-6-1-a", "Art. 6 Abs. 1 lit. a DSGVO"}, // not overridden
		{"de", "contents", "Inhalt"},                                  // not overridden
		{"en", "legalBasis.gdpr-6-1-f", "Art. 6(1)(f) GDPR"},          // other language untouched
		{"en", "none", "None"},
	}
	for _, tt := range tests {
		if got := text(c.T(tt.lang, tt.id, nil)); got != tt.want {
			t.Errorf("T(%q, %q) = %q, want %q", tt.lang, tt.id, got, tt.want)
		}
	}
}

func TestSiteDefinesLegalBasis(t *testing.T) {
	own := map[string]site.File{
		"en": {Path: "i18n/en.toml", Data: []byte("[legalBasis]\ngdpr-9-2-h = \"Art. 9(2)(h) GDPR\"\n")},
		"de": {Path: "i18n/de.toml", Data: []byte("[legalBasis]\ngdpr-9-2-h = \"Art. 9 Abs. 2 lit. h DSGVO\"\n")},
	}
	c, diags := mustLoad(t, own, []string{"en", "de"}, "en")
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics:\n%v", diags)
	}
	if got := text(c.LegalBasis("de", "gdpr-9-2-h")); got != "Art. 9 Abs. 2 lit. h DSGVO" {
		t.Errorf("LegalBasis(de, gdpr-9-2-h) = %q", got)
	}
	if !c.Has(LegalBasisPrefix + "gdpr-9-2-h") {
		t.Errorf("Has(%q) = false for a site-defined code", LegalBasisPrefix+"gdpr-9-2-h")
	}
}

func TestMissingLanguageFallsBack(t *testing.T) {
	c, diags := mustLoad(t, nil, []string{"en", "de", "fr"}, "en")
	if len(diags) != 1 {
		t.Fatalf("want one warning for fr, got %d:\n%v", len(diags), diags)
	}
	d := diags[0]
	if d.Severity != diag.Warning || !strings.Contains(d.Message, "fr") || !strings.Contains(d.Message, "en") {
		t.Errorf("diagnostic = %v, want a warning naming fr and the fallback en", d)
	}
	if got := text(c.LegalBasis("fr", "gdpr-6-1-f")); got != "Art. 6(1)(f) GDPR" {
		t.Errorf("LegalBasis(fr) = %q, want the en label", got)
	}
	if got := text(c.T("fr", "contents", nil)); got != "Contents" {
		t.Errorf("T(fr, contents) = %q, want the en text", got)
	}
}

func TestPartialTranslationWarnsInItsFile(t *testing.T) {
	own := map[string]site.File{"fr": {Path: "i18n/fr.toml", Data: []byte("contents = \"Sommaire\"\n")}}
	c, diags := mustLoad(t, own, []string{"en", "fr"}, "en")
	if len(diags) != 1 || diags[0].Severity != diag.Warning || diags[0].File != "i18n/fr.toml" {
		t.Fatalf("want one warning in i18n/fr.toml, got:\n%v", diags)
	}
	// check reports it under the rule of a missing translation, for the
	// language, not as a build error.
	if diags[0].Rule != "translation-missing" || diags[0].Lang != "fr" {
		t.Errorf("rule %q, lang %q; want translation-missing, fr", diags[0].Rule, diags[0].Lang)
	}
	if got := text(c.T("fr", "contents", nil)); got != "Sommaire" {
		t.Errorf("T(fr, contents) = %q", got)
	}
	// Under --strict nothing is shown, so the message does not say so.
	if m := diags.Strict()[0].Message; strings.Contains(m, "shown in") || !strings.Contains(m, "expected them in i18n/fr.toml, since under --strict a missing translation is an error") {
		t.Errorf("under --strict: %q", m)
	}
}

// A message that a language's file lacks is shown in the default language
// (SPEC: "A message missing for a language falls back to defaultLanguage's
// and warns").
func TestMissingMessageFallsBackToDefault(t *testing.T) {
	tests := []struct {
		name           string
		own            map[string]site.File
		langs          []string
		lang, id, want string
	}{
		{
			name:  "partial site translation",
			own:   map[string]site.File{"fr": {Path: "i18n/fr.toml", Data: []byte("contents = \"Sommaire\"\n")}},
			langs: []string{"en", "fr"},
			lang:  "fr", id: "none", want: "None",
		},
		{
			name:  "site-defined legal basis only in the default language",
			own:   map[string]site.File{"en": {Path: "i18n/en.toml", Data: []byte("[legalBasis]\ngdpr-9-2-h = \"Art. 9(2)(h) GDPR\"\n")}},
			langs: []string{"en", "de"},
			lang:  "de", id: LegalBasisPrefix + "gdpr-9-2-h", want: "Art. 9(2)(h) GDPR",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, diags := mustLoad(t, tt.own, tt.langs, "en")
			if diags.Count(diag.Warning) != 1 {
				t.Errorf("want one warning about the missing message, got:\n%v", diags)
			}
			if got := text(c.T(tt.lang, tt.id, nil)); got != tt.want {
				t.Errorf("T(%q, %q) = %q, want the default language's %q", tt.lang, tt.id, got, tt.want)
			}
		})
	}
}

func TestBrokenSiteMessageFile(t *testing.T) {
	own := map[string]site.File{"de": {Path: "i18n/de.toml", Data: []byte("none = \"Keine\"\ncontents = \n")}}
	_, diags := mustLoad(t, own, []string{"en", "de"}, "en")
	found := false
	for _, d := range diags {
		if d.File == "i18n/de.toml" && d.Severity == diag.Error && d.Line == 2 {
			found = true
		}
	}
	if !found {
		t.Errorf("no error at i18n/de.toml:2 for malformed TOML; got:\n%v", diags)
	}
}

// A message file that failed to load is one error: its messages are not
// also reported as missing, as a default language without messages, or
// (through Complete) as unknown legal-basis codes.
func TestBrokenMessageFileIsOneError(t *testing.T) {
	for _, tc := range []struct {
		name  string
		own   map[string]site.File
		langs []string
		def   string
	}{
		{"TOML syntax, a language without built-in messages", map[string]site.File{"fr": {Path: "i18n/fr.toml", Data: []byte("none = \"Aucun\"\ncontents = \n")}}, []string{"en", "fr"}, "en"},
		{"not a message file, the default language", map[string]site.File{"fr": {Path: "i18n/fr.toml", Data: []byte("none = 5\n")}}, []string{"fr", "en"}, "fr"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, diags := mustLoad(t, tc.own, tc.langs, tc.def)
			if len(diags) != 1 || diags[0].Severity != diag.Error || diags[0].File != "i18n/fr.toml" {
				t.Errorf("want one error in i18n/fr.toml, got:\n%v", diags)
			}
			if c.Complete() {
				t.Errorf("Complete() = true with a broken message file")
			}
		})
	}
	if c, _ := mustLoad(t, nil, []string{"en", "de"}, "en"); !c.Complete() {
		t.Errorf("Complete() = false with every file loaded")
	}
}

func TestDefaultLanguageWithoutMessages(t *testing.T) {
	c, diags := mustLoad(t, nil, []string{"fr", "en"}, "fr")
	if len(diags) == 0 {
		t.Errorf("no diagnostic although the default language fr has no messages")
	}
	for _, d := range diags {
		if d.Rule != "translation-missing" {
			t.Errorf("%v: rule %q; want translation-missing", d, d.Rule)
		}
	}
	if got := text(c.T("fr", "none", nil)); got == "none" {
		t.Errorf("T(fr, none) = %q: the raw message id would be printed on pages", got)
	}
}

func TestHas(t *testing.T) {
	c, _ := mustLoad(t, nil, []string{"en", "de"}, "en")
	tests := []struct {
		id   string
		want bool
	}{
		{"legalBasis.gdpr-6-1-a", true},
		{"legalBasis.bdsg-26", true},
		{"legalBasis.gdpr-6-1-g", false},
		{"legalBasis.", false},
		{"gdpr-6-1-a", false},
		{"safeguard.scc", true},
		{"contents", true},
		{"nope", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := c.Has(tt.id); got != tt.want {
			t.Errorf("Has(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

func TestT(t *testing.T) {
	c, _ := mustLoad(t, nil, []string{"en", "de"}, "en")
	tests := []struct {
		lang, id string
		data     map[string]any
		want     string
	}{
		{"de", "updated", map[string]any{"Date": "1. März 2025"}, "Stand: 1. März 2025"},
		{"en", "updated", map[string]any{"Date": "March 1, 2025"}, "Last updated: March 1, 2025"},
		{"de", "contents", nil, "Inhalt"},
		{"en", "updated", nil, "Last updated: <no value>"}, // as go-i18n fills a missing key
		{"en", "no.such.message", nil, "no.such.message"},
		{"xx", "contents", nil, "Contents"},
	}
	for _, tt := range tests {
		if got := text(c.T(tt.lang, tt.id, tt.data)); got != tt.want {
			t.Errorf("T(%q, %q) = %q, want %q", tt.lang, tt.id, got, tt.want)
		}
	}
}

func TestDate(t *testing.T) {
	d := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		lang string
		t    time.Time
		want string
	}{
		{"en", d, "March 1, 2025"},
		{"de", d, "1. März 2025"},
		{"fr", d, "1 mars 2025"},
		{"de", time.Date(2024, 12, 24, 0, 0, 0, 0, time.UTC), "24. Dezember 2024"},
		{"en-gb", d, "March 1, 2025"}, // base language en; variants do not matter
		{"de-ch", d, "1. März 2025"},
		{"xx", d, "2025-03-01"},
		{"und", d, "2025-03-01"},
		{"x-foo", d, "2025-03-01"},
		{"en-abcdefgh", d, "March 1, 2025"},
		{"tlh", d, "2025-03-01"},
		{"not a tag", d, "2025-03-01"},
		{"en", time.Time{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			if got := Date(tt.lang, tt.t); got != tt.want {
				t.Errorf("Date(%q, %s) = %q, want %q", tt.lang, tt.t.Format("2006-01-02"), got, tt.want)
			}
		})
	}
}

func TestLanguageName(t *testing.T) {
	tests := []struct{ code, want string }{
		{"en", "English"},
		{"de", "Deutsch"},
		{"fr", "Français"},
		{"es", "Español"},
		{"it", "Italiano"},
		{"pl", "Polski"},
		{"ar", "العربية"},
		{"xx", "xx"},
	}
	for _, tt := range tests {
		if got := LanguageName(tt.code); got != tt.want {
			t.Errorf("LanguageName(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}

func TestLanguageNameIn(t *testing.T) {
	tests := []struct{ lang, code, want string }{
		{"de", "en", "Englisch"},
		{"en", "de", "German"},
		{"fr", "de", "allemand"},
		{"de", "de", "Deutsch"},
	}
	for _, tt := range tests {
		if got := LanguageNameIn(tt.lang, tt.code); got != tt.want {
			t.Errorf("LanguageNameIn(%q, %q) = %q, want %q", tt.lang, tt.code, got, tt.want)
		}
	}
}

func TestCountryName(t *testing.T) {
	tests := []struct{ lang, code, want string }{
		{"de", "US", "Vereinigte Staaten"},
		{"en", "US", "United States"},
		{"fr", "US", "États-Unis"},
		{"de", "CH", "Schweiz"},
		{"en", "QQQ", "QQQ"},
	}
	for _, tt := range tests {
		if got := CountryName(tt.lang, tt.code); got != tt.want {
			t.Errorf("CountryName(%q, %q) = %q, want %q", tt.lang, tt.code, got, tt.want)
		}
	}
}

func TestIsCountry(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"US", true},
		{"DE", true},
		{"CH", true},
		{"us", false},
		{"Us", false},
		{"USA", false},
		{"840", false},
		{"001", false},
		{"EU", false}, // a union, not a country
		{"ZZ", false}, // unknown region
		{"QO", false},
		{"", false},
		{"U", false},
	}
	for _, tt := range tests {
		if got := IsCountry(tt.code); got != tt.want {
			t.Errorf("IsCountry(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

func TestDirection(t *testing.T) {
	tests := []struct{ lang, want string }{
		{"ar", "rtl"},
		{"he", "rtl"},
		{"fa", "rtl"},
		{"ur", "rtl"},
		{"ar-eg", "rtl"},
		{"dv", "rtl"},
		{"syr", "rtl"},
		{"yi", "rtl"},
		{"ckb", "rtl"},
		{"nqo", "rtl"},
		{"ff-adlm", "rtl"},
		{"az-arab", "rtl"},
		{"qaa-hebr", "rtl"},
		{"und-arab", "rtl"},
		{"ar-x-private", "rtl"},
		// Scripts CLDR gives the language, beyond the well-known ones.
		{"phn", "rtl"},
		{"otk", "rtl"},
		{"ae", "rtl"},
		{"arc", "rtl"},
		{"xsa", "rtl"},
		{"mnk-mend", "rtl"},
		{"und-hung", "rtl"},
		{"ku-yezi", "rtl"},
		{"ar-latn", "ltr"},
		{"en", "ltr"},
		{"de", "ltr"},
		{"zh-hant", "ltr"},
		{"i-klingon", "ltr"},
		{"x-foo", "ltr"},
		{"", "ltr"},
		{"not a tag", "ltr"},
	}
	for _, tt := range tests {
		if got := Direction(tt.lang); got != tt.want {
			t.Errorf("Direction(%q) = %q, want %q", tt.lang, got, tt.want)
		}
	}
}

// TestRTLScripts: rtlScripts holds every script of Go's Unicode tables
// whose letters are written right to left, and none other; so a script
// CLDR gives a language is never missed by a list of the known ones.
func TestRTLScripts(t *testing.T) {
	listed := map[string]bool{}
	for code, name := range rtlScripts {
		if name == "" {
			continue
		}
		listed[name] = true
		if unicode.Scripts[name] != nil && !rightToLeft(unicode.Scripts[name]) {
			t.Errorf("rtlScripts has %s (%s), whose letters are not right to left", code, name)
		}
	}
	for name, table := range unicode.Scripts {
		if rightToLeft(table) && !listed[name] {
			t.Errorf("script %s is written right to left; expected its ISO 15924 code in rtlScripts", name)
		}
	}
}

// rightToLeft reports whether most letters of a script have bidi class R
// or AL.
func rightToLeft(table *unicode.RangeTable) bool {
	rtl, all := 0, 0
	check := func(r rune) {
		if !unicode.IsLetter(r) {
			return
		}
		all++
		if p, _ := bidi.LookupRune(r); p.Class() == bidi.R || p.Class() == bidi.AL {
			rtl++
		}
	}
	for _, r := range table.R16 {
		for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
			check(c)
		}
	}
	for _, r := range table.R32 {
		for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
			check(c)
		}
	}
	return all > 0 && 2*rtl > all
}

// BenchmarkT asks for a label as a layout does on every page: without
// data, and again and again.
// Run: go test ./generator/locale -run '^$' -bench T -benchmem
func BenchmarkT(b *testing.B) {
	c, _ := Load(builtin, nil, []string{"en", "de"}, "en")
	for b.Loop() {
		if text(c.T("de", "contents", nil)) != "Inhalt" {
			b.Fatal("wrong label")
		}
	}
}

// broadCodes returns every language code a site may use that this test
// can think of: every two-letter and three-letter code the loader accepts,
// every tag CLDR has display names for or names in, and variants of them
// with scripts, regions, variants and private use, which CLDR mostly has
// no names for.
func broadCodes(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	var codes []string
	add := func(code string) {
		code = strings.ToLower(code)
		if !seen[code] && site.CheckLang(code) == nil {
			seen[code] = true
			codes = append(codes, code)
		}
	}
	const az = "abcdefghijklmnopqrstuvwxyz"
	for _, a := range az {
		for _, b := range az {
			add(string(a) + string(b))
			for _, c := range az {
				add(string(a) + string(b) + string(c))
			}
		}
	}
	for _, tag := range display.Values.Tags() {
		add(tag.String())
	}
	for _, tag := range display.Supported.Tags() {
		add(tag.String())
	}
	for _, tag := range display.Self.Supported.Tags() {
		add(tag.String())
	}
	for _, code := range []string{"en", "de", "aa", "dv", "ar", "zh", "sr", "pt", "ff", "ku", "nb", "tlh", "qaa"} {
		for _, sub := range []string{"latn", "cyrl", "arab", "hant", "hans", "adlm", "thaa", "us", "br", "419", "001", "1901", "x-private", "u-nu-arab", "latn-rs"} {
			add(code + "-" + sub)
		}
	}
	for _, code := range []string{"en-abcdefgh", "xyz", "xyz-arab", "de-1abc", "zh-xyz-cn", "und", "x-abc", "x-a-b", "i-klingon", "zh-min-nan", "art-lojban", "sgn-de", "en-x-foo", "mis", "mul", "zxx"} {
		add(code)
	}
	if len(codes) < 5000 {
		t.Fatalf("only %d codes; the loader accepts more", len(codes))
	}
	return codes
}

// TestNamesEveryCode holds every function that names a language or a
// country, and every other function that takes a language code, to a name
// for every code: aa, dv and und made them panic (CLDR has no names in
// those languages), so no list of codes that failed can show the rule.
func TestNamesEveryCode(t *testing.T) {
	codes := broadCodes(t)
	d := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, code := range codes {
		for what, got := range map[string]string{
			"LanguageName":         LanguageName(code),
			"LanguageNameIn(en,·)": LanguageNameIn("en", code),
			"LanguageNameIn(·,en)": LanguageNameIn(code, "en"),
			"LanguageNameIn(·,de)": LanguageNameIn(code, "de"),
			"LanguageNameIn(·,·)":  LanguageNameIn(code, code),
			"CountryName(·,US)":    CountryName(code, "US"),
			"CountryName(·,GB)":    CountryName(code, "GB"),
			"Date":                 Date(code, d),
		} {
			if strings.TrimSpace(got) == "" {
				t.Errorf("%s for %q is empty", what, code)
			}
		}
		if dir := Direction(code); dir != "ltr" && dir != "rtl" {
			t.Errorf("Direction(%q) = %q", code, dir)
		}
	}
	// Every pair of a smaller set, in both roles.
	var some []string
	for i, code := range codes {
		if i%40 == 0 || !strings.Contains(code, "-") && len(code) == 2 && i%4 == 0 {
			some = append(some, code)
		}
	}
	for _, lang := range some {
		for _, code := range some {
			if LanguageNameIn(lang, code) == "" {
				t.Errorf("LanguageNameIn(%q, %q) is empty", lang, code)
			}
		}
	}
}

// TestNamesFallBack pins where a name comes from when CLDR lacks it: the
// language's own name, its base language's, English for a country, or the
// code; never a name in another language that CLDR thinks is close.
func TestNamesFallBack(t *testing.T) {
	tests := []struct{ what, got, want string }{
		{"LanguageName(aa)", LanguageName("aa"), "aa"},
		{"LanguageName(dv)", LanguageName("dv"), "dv"},
		{"LanguageName(und)", LanguageName("und"), "und"},
		{"LanguageName(x-abc)", LanguageName("x-abc"), "x-abc"},
		{"LanguageName(de-x-foo)", LanguageName("de-x-foo"), "Deutsch"},
		{"LanguageNameIn(aa, en)", LanguageNameIn("aa", "en"), "English"},
		{"LanguageNameIn(aa, de)", LanguageNameIn("aa", "de"), "Deutsch"},
		{"LanguageNameIn(dv, aa)", LanguageNameIn("dv", "aa"), "aa"},
		{"LanguageNameIn(de, aa)", LanguageNameIn("de", "aa"), "Afar"},
		{"LanguageNameIn(en, dv)", LanguageNameIn("en", "dv"), "Divehi"},
		{"LanguageNameIn(en, x-abc)", LanguageNameIn("en", "x-abc"), "x-abc"},
		{"LanguageNameIn(ku, en)", LanguageNameIn("ku", "en"), "English"}, // not Turkish "İngilizce"
		{"LanguageNameIn(nb, en)", LanguageNameIn("nb", "en"), "engelsk"},
		{"LanguageNameIn(pt-br, de)", LanguageNameIn("pt-br", "de"), "alemão"},
		{"CountryName(aa, US)", CountryName("aa", "US"), "United States"},
		{"CountryName(und, DE)", CountryName("und", "DE"), "Germany"},
		{"CountryName(de-x-foo, US)", CountryName("de-x-foo", "US"), "Vereinigte Staaten"},
		{"Direction(dv)", Direction("dv"), "rtl"},
		{"Direction(aa)", Direction("aa"), "ltr"},
		// Well-formed subtags the registry does not have are dropped:
		// the rest of the code names, dates and directs the page.
		{"LanguageName(en-abcdefgh)", LanguageName("en-abcdefgh"), "English"},
		{"LanguageName(xyz)", LanguageName("xyz"), "xyz"},
		{"LanguageNameIn(de, en-abcdefgh)", LanguageNameIn("de", "en-abcdefgh"), "Englisch"},
		{"LanguageNameIn(de-1abc, en)", LanguageNameIn("de-1abc", "en"), "Englisch"},
		{"LanguageNameIn(de, xyz-arab)", LanguageNameIn("de", "xyz-arab"), "xyz-arab"},
		{"CountryName(de-1abc, US)", CountryName("de-1abc", "US"), "Vereinigte Staaten"},
		{"Date(de-1abc)", Date("de-1abc", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)), "1. März 2025"},
		{"Direction(xyz-arab)", Direction("xyz-arab"), "rtl"},
		{"Direction(ar-abcdefgh)", Direction("ar-abcdefgh"), "rtl"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.what, tt.got, tt.want)
		}
	}
}

// TestLoadAnyLanguage loads a site's messages for languages that have no
// CLDR plural rules, which go-i18n's Bundle refused ("no plural rule
// registered for aa"), and prints them.
func TestLoadAnyLanguage(t *testing.T) {
	for _, code := range []string{"aa", "dv", "und", "x-abc", "tlh", "sr-latn", "zh-hant", "pt-br"} {
		t.Run(code, func(t *testing.T) {
			own := map[string]site.File{code: {Path: "i18n/" + code + ".toml", Data: []byte("glance = \"At a glance (" + code + ")\"\n")}}
			c, diags := mustLoad(t, own, []string{"en", code}, "en")
			if diags.HasErrors() {
				t.Fatalf("errors for i18n/%s.toml:\n%v", code, diags)
			}
			if got, want := text(c.T(code, "glance", nil)), "At a glance ("+code+")"; got != want {
				t.Errorf("T(%q, glance) = %q, want %q", code, got, want)
			}
		})
	}
}
