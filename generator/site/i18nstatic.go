package site

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

func (l *loader) loadI18n() {
	for _, p := range l.contentFiles(I18nDir, ".toml", false) {
		lang, ok := strings.CutSuffix(strings.TrimPrefix(p, I18nDir+"/"), ".toml")
		if !ok || strings.Contains(lang, "/") {
			l.diags.Errorf(p, 0, 0, "unexpected file; expected i18n/<lang>.toml")
			continue
		}
		if err := CheckLang(lang); err != nil {
			l.diags.Errorf(p, 0, 0, "bad file name: %v", err)
			continue
		}
		b, ok := l.read(p)
		if !ok {
			continue
		}
		// Package locale parses the messages with the same TOML library,
		// so the same bound applies before it sees them: a deep array
		// there overflows the stack as well.
		if line, col, msg := tooDeep(b); line > 0 {
			l.diags.Errorf(p, line, col, "%s", msg)
			continue
		}
		// Messages are text for pages like any other value; a file that
		// does not parse is reported by package locale.
		var msgs map[string]any
		if _, err := toml.Decode(string(b), &msgs); err == nil {
			l.checkValues(Source{Path: p, Text: b}, msgs, toml.MetaData{})
		}
		l.site.I18n[lang] = File{Path: p, Data: b}
	}
}

// loadStatic lists the files under static/, refusing a name that no page
// could link to and no terminal could show: one that is not UTF-8 or holds
// a control character or noncharacter (the file, copied as it is, would
// carry it into the published folder).
func (l *loader) loadStatic() {
	for _, p := range l.contentFiles(StaticDir, "", false) {
		if !utf8.ValidString(p) {
			l.diags.Errorf(p, 0, 0, "file name is not UTF-8; expected a name in UTF-8, as a browser requests it")
			continue
		}
		if i := strings.IndexFunc(p, func(r rune) bool { return unicode.IsControl(r) || isNoncharacter(r) }); i >= 0 {
			r, _ := utf8.DecodeRuneInString(p[i:])
			what := "control character"
			if isNoncharacter(r) {
				what = "noncharacter"
			}
			l.diags.Errorf(p, 0, 0, "file name holds %s U+%04X; expected a name without control characters or noncharacters", what, r)
			continue
		}
		l.site.Static = append(l.site.Static, p)
	}
}
