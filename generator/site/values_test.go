package site

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// loadChanged loads minimalSite with some files replaced or added and
// returns its diagnostics as String prints them.
func loadChanged(t *testing.T, files map[string]string) []string {
	t.Helper()
	m := minimalSite()
	for p, text := range files {
		m[p] = &fstest.MapFile{Data: []byte(text)}
	}
	_, diags := load(t, m)
	var out []string
	for _, d := range diags.Sorted() {
		out = append(out, d.String())
	}
	return out
}

const (
	ctrlMsg = "holds control character %s; expected text without control characters other than tab and newline"
	entity  = "content/entities/acme.toml"
	general = "content/sections/general.en.md"
)

func ctrl(pos, key, r string) string {
	return pos + `: error: key "` + key + `" ` + strings.Replace(ctrlMsg, "%s", r, 1)
}

// TestLoadControlCharacters: a control character written with a TOML
// escape is an error at its key in every kind of file and every kind of
// value, and the file is not loaded; tab, newline and a Windows line end
// in a multi-line string are text.
func TestLoadControlCharacters(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"BEL in an entity name", map[string]string{entity: "name = \"Acme\\u0007 GmbH\"\nnotices = [\"website\"]\n"},
			[]string{ctrl(entity+":1:1", "name", "U+0007")}},
		{"ESC sequence in a language of a localized table", map[string]string{entity: "name = { en = \"Acme\", de = \"\\u001b[31mAcme\" }\nnotices = [\"website\"]\n"},
			[]string{ctrl(entity+":1:1", "name.de", "U+001B")}},
		{"DEL in the dpo table", map[string]string{entity: "name = \"Acme\"\nnotices = [\"website\"]\n[dpo]\nemail = \"d\\u007f@acme.example\"\n"},
			[]string{ctrl(entity+":4:1", "dpo.email", "U+007F")}},
		{"C1 CSI in a param", map[string]string{entity: "name = \"Acme\"\nnotices = [\"website\"]\n[params]\ntool = \"Mail\\u009b31mTool\"\n"},
			[]string{ctrl(entity+":4:1", "params.tool", "U+009B")}},
		{"a lone CR in a notice title", map[string]string{"content/notices/website.toml": "title = { en = \"Web\\rsite\", de = \"Webseite\" }\nsections = [\"general\"]\n"},
			[]string{ctrl("content/notices/website.toml:1:1", "title.en", "U+000D")}},
		{"NUL in an id list is one error, not a bad-id one too", map[string]string{entity: "name = \"Acme\"\nnotices = [\"website\", \"x\\u0000\"]\n"},
			[]string{`content/entities/acme.toml:2:1: error: key "notices", item 2, ` + strings.Replace(ctrlMsg, "%s", "U+0000", 1)}},
		{"site title", map[string]string{"site.toml": "title = \"Privacy\\u001b]0;pwned\\u0007\"\nbaseURL = \"https://privacy.example\"\nlanguages = [\"en\", \"de\"]\n"},
			[]string{ctrl("site.toml:1:1", "title", "U+001B")}},
		{"front matter list item", map[string]string{general: "+++\ntitle = \"General\"\npurposes = [\"ok\", \"Send\\bing\"]\n+++\nbody\n"},
			[]string{`content/sections/general.en.md:3:1: error: key "purposes", item 2, ` + strings.Replace(ctrlMsg, "%s", "U+0008", 1)}},
		{"front matter string", map[string]string{general: "+++\ntitle = \"General\"\nretention = \"\"\"\n1 year\\f\"\"\"\n+++\nbody\n"},
			[]string{ctrl(general+":3:1", "retention", "U+000C")}},
		{"i18n message", map[string]string{"i18n/de.toml": "[glance]\nother = \"Auf einen\\u0007 Blick\"\n"},
			[]string{ctrl("i18n/de.toml:2:1", "glance.other", "U+0007")}},
		{"ESC in a section body, at its line and column", map[string]string{general: "+++\ntitle = \"General\"\n+++\nHello\r\nthere \x1b[2J.\n"},
			[]string{"content/sections/general.en.md:5:7: error: control character U+001B in the body; expected text without control characters other than tab and newline"}},
		{"NUL, tab and CRLF in a section body are Markdown's", map[string]string{general: "+++\ntitle = \"General\"\n+++\nHello\x00\tthere\r\n"}, nil},
		{"noncharacter U+FFFE, which HTML forbids, in an entity name", map[string]string{entity: "name = \"Acme\\uFFFE GmbH\"\nnotices = [\"website\"]\n"},
			[]string{entity + `:1:1: error: key "name" holds noncharacter U+FFFE; expected text without noncharacters (U+FDD0–U+FDEF and U+FFFE, U+FFFF in every plane), which HTML forbids`}},
		{"noncharacter of a higher plane in an i18n message", map[string]string{"i18n/de.toml": "glance = \"Auf einen\\U0010FFFF Blick\"\n"},
			[]string{`i18n/de.toml:1:1: error: key "glance" holds noncharacter U+10FFFF; expected text without noncharacters (U+FDD0–U+FDEF and U+FFFE, U+FFFF in every plane), which HTML forbids`}},
		{"noncharacter typed into a section body", map[string]string{general: "+++\ntitle = \"General\"\n+++\nHello \uFDD0.\n"},
			[]string{"content/sections/general.en.md:4:7: error: noncharacter U+FDD0 in the body; expected text without noncharacters (U+FDD0–U+FDEF and U+FFFE, U+FFFF in every plane), which HTML forbids"}},
		{"bidi marks, isolates and an emoji are text (right-to-left names need them)", map[string]string{entity: "name = \"Acme\\u200f\\u2067x\\u2069 \\U0001F600\"\nnotices = [\"website\"]\n"}, nil},
		{"an unknown key with a TOML escape, at its line, quoted once", map[string]string{entity: "name = \"Acme\"\nnotices = [\"website\"]\n\"a\\u001b[31mb\\\"c\" = 1\n"},
			[]string{`content/entities/acme.toml:3:1: error: unknown key "a\u001b[31mb\"c"; expected one of: name, address, email, phone, website, register, vatID, representedBy, updated, notices, uses, omit, dpo, authority, params, country, representative, jointControllers, sections`}},
		{"a params table with an escape in its name, at its line", map[string]string{entity: "name = \"Acme\"\nnotices = [\"website\"]\n[params.\"t\\u0041\"]\nx = \"a\\u0007\"\n"},
			[]string{ctrl(entity+":4:1", "params.tA.x", "U+0007")}},
		{"tab, newline and CRLF are text", map[string]string{entity: "name = \"Acme\\tGmbH\"\naddress = \"Street 1\\r\\nTown\\n\"\nnotices = [\"website\"]\nregister = \"\"\"\r\nHRB 1\r\nBerlin\"\"\"\r\n"},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := loadChanged(t, tt.files)
			if !slices.Equal(got, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestLoadTimeOfDay: where a date is expected, a TOML local time is an
// error at its key; dates and date-times are accepted.
func TestLoadTimeOfDay(t *testing.T) {
	e := "name = \"Acme\"\nnotices = [\"website\"]\nupdated = "
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"entity updated 10:00:00", map[string]string{entity: e + "10:00:00\n"},
			[]string{`content/entities/acme.toml:3:1: error: key "updated" has a time of day (10:00:00); expected a date such as 2025-03-01`}},
		{"entity updated 07:32", map[string]string{entity: e + "07:32\n"},
			[]string{`content/entities/acme.toml:3:1: error: key "updated" has a time of day (07:32:00); expected a date such as 2025-03-01`}},
		{"section updated 00:00:00", map[string]string{general: "+++\ntitle = \"General\"\nupdated = 00:00:00\n+++\nbody\n"},
			[]string{`content/sections/general.en.md:3:1: error: key "updated" has a time of day (00:00:00); expected a date such as 2025-03-01`}},
		{"the year 0", map[string]string{entity: e + "0000-01-01\n"},
			[]string{`content/entities/acme.toml:3:1: error: key "updated" has the date 0000-01-01, before the year 1000; expected a date such as 2025-03-01`}},
		{"0001-01-01, which pages would read as no date", map[string]string{entity: e + "0001-01-01\n"},
			[]string{`content/entities/acme.toml:3:1: error: key "updated" has the date 0001-01-01, before the year 1000; expected a date such as 2025-03-01`}},
		{"a section date before the year 1000", map[string]string{general: "+++\ntitle = \"General\"\nupdated = 0202-05-01\n+++\nbody\n"},
			[]string{`content/sections/general.en.md:3:1: error: key "updated" has the date 0202-05-01, before the year 1000; expected a date such as 2025-03-01`}},
		{"an integer", map[string]string{entity: e + "20250301\n"},
			[]string{`content/entities/acme.toml:3:11: error: key "updated": 20250301 is an integer, not a date; expected a date such as 2025-03-01`}},
		{"a number", map[string]string{entity: e + "2025.5\n"},
			[]string{`content/entities/acme.toml:3:11: error: key "updated": 2025.5 is a number, not a date; expected a date such as 2025-03-01`}},
		{"a boolean in front matter", map[string]string{general: "+++\ntitle = \"General\"\nupdated = true\n+++\nbody\n"},
			[]string{`content/sections/general.en.md:3:11: error: key "updated": true is a boolean, not a date; expected a date such as 2025-03-01`}},
		{"a date in quotes", map[string]string{entity: e + "\"2025-03-01\"\n"},
			[]string{`content/entities/acme.toml:3:12: error: key "updated": "2025-03-01" is text in quotes, not a date; expected the date without quotes: 2025-03-01`}},
		{"other text", map[string]string{entity: e + "'March 2025'\n"},
			[]string{`content/entities/acme.toml:3:12: error: key "updated": "March 2025" is text, not a date; expected a date such as 2025-03-01, without quotes`}},
		{"the year 9999", map[string]string{entity: e + "9999-12-31\n"}, nil},
		{"date", map[string]string{entity: e + "2025-03-01\n"}, nil},
		{"local date-time", map[string]string{entity: e + "2025-03-01T10:00:00\n"}, nil},
		{"offset date-time", map[string]string{entity: e + "2025-03-01T10:00:00+01:00\n"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := loadChanged(t, tt.files)
			if !slices.Equal(got, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestLoadLocalizedNeedsDefaultLanguage: a localized table without the
// default language would leave an empty place on that language's pages
// (and on every language that falls back to it); it is an error at its key.
func TestLoadLocalizedNeedsDefaultLanguage(t *testing.T) {
	msg := func(pos, key string) string {
		return pos + `: error: key "` + key + `" has no "en" text, so en pages would show nothing there; expected en = "…" in the table too, since en is the default language`
	}
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"entity name only in de", map[string]string{entity: "name = { de = \"Acme GmbH\" }\nnotices = [\"website\"]\n"},
			[]string{msg(entity+":1:1", "name")}},
		{"notice title only in de", map[string]string{"content/notices/website.toml": "title = { de = \"Webseite\" }\nsections = [\"general\"]\n"},
			[]string{msg("content/notices/website.toml:1:1", "title")}},
		{"site title only in de", map[string]string{"site.toml": "title = { de = \"Datenschutz\" }\nbaseURL = \"https://privacy.example\"\nlanguages = [\"en\", \"de\"]\n"},
			[]string{msg("site.toml:1:1", "title")}},
		{"dpo and authority names only in de", map[string]string{entity: "name = \"Acme\"\nnotices = [\"website\"]\n[dpo]\nname = { de = \"Dana\" }\nemail = \"d@acme.example\"\n[authority]\nname = { de = \"BlnBDI\" }\n"},
			[]string{msg(entity+":4:1", "dpo.name"), msg(entity+":7:1", "authority.name")}},
		{"an optional address only in de", map[string]string{entity: "name = \"Acme\"\nnotices = [\"website\"]\naddress = { de = \"Straße 1\" }\n"},
			[]string{msg(entity+":3:1", "address")}},
		{"a blank name is empty, at its key", map[string]string{entity: "notices = [\"website\"]\nname = \"  \"\n"},
			[]string{`content/entities/acme.toml:2:1: error: name is empty in en, the default language; expected the controller's legal name, e.g. name = "Nordlicht AG"`}},
		{"an empty table is empty", map[string]string{entity: "notices = [\"website\"]\nname = {}\n"},
			[]string{`content/entities/acme.toml:2:1: error: name is empty in en, the default language; expected the controller's legal name, e.g. name = "Nordlicht AG"`}},
		{"a blank default language beside a translation", map[string]string{entity: "notices = [\"website\"]\nname = { en = \"\", de = \"Acme\" }\n"},
			[]string{`content/entities/acme.toml:2:1: error: name is empty in en, the default language; expected the controller's legal name, e.g. name = "Nordlicht AG"`}},
		{"no name", map[string]string{entity: "notices = [\"website\"]\n"},
			[]string{`content/entities/acme.toml:1: error: name is missing; expected the controller's legal name, e.g. name = "Nordlicht AG"`}},
		{"a dpo and an authority without names", map[string]string{entity: "name = \"Acme\"\nnotices = [\"website\"]\n[dpo]\nemail = \"d@acme.example\"\n[authority]\nname = \"\"\nurl = \"https://example.com\"\n"},
			[]string{`content/entities/acme.toml:3:1: error: dpo.name is missing; expected the data protection officer's name, e.g. name = "Dr. Miriam Feldkamp" in [dpo]`,
				`content/entities/acme.toml:6:1: error: authority.name is empty in en, the default language; expected the supervisory authority's name, e.g. name = "Berlin Commissioner for Data Protection" in [authority]`}},
		{"no site title", map[string]string{"site.toml": "baseURL = \"https://privacy.example\"\nlanguages = [\"en\", \"de\"]\n"},
			[]string{`site.toml:1: error: title is missing; expected the site's name, e.g. title = "Nordlicht Group Privacy Center"`}},
		{"a blank site title", map[string]string{"site.toml": "baseURL = \"https://privacy.example\"\ntitle = { en = \" \", de = \"Datenschutz\" }\nlanguages = [\"en\", \"de\"]\n"},
			[]string{`site.toml:2:1: error: title is empty in en, the default language; expected the site's name, e.g. title = "Nordlicht Group Privacy Center"`}},
		{"one string for every language", map[string]string{entity: "name = \"Acme\"\nnotices = [\"website\"]\n"}, nil},
		{"en and de", map[string]string{entity: "name = { en = \"Acme\", de = \"Acme\" }\nnotices = [\"website\"]\n"}, nil},
		{"en only", map[string]string{entity: "name = { en = \"Acme\" }\nnotices = [\"website\"]\n"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := loadChanged(t, tt.files)
			if !slices.Equal(got, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestLoadInvalidLanguageDropped: a code in languages that is no language
// tag is one error, and is no language of the site afterwards, so that it
// does not come back as a warning for every section and message it has no
// file for.
func TestLoadInvalidLanguageDropped(t *testing.T) {
	m := minimalSite()
	m["site.toml"].Data = []byte("title = \"P\"\nbaseURL = \"https://privacy.example\"\nlanguages = [\"en\", \"x\\u202e\", \"de\"]\n")
	s, diags := load(t, m)
	want := `site.toml:3:1: error: language code "x\u202e" is not a well-formed BCP 47 tag; expected e.g. "en", "de" or "pt-br"`
	if len(diags) != 1 || diags[0].String() != want {
		t.Errorf("diagnostics = %v, want only %s", diags, want)
	}
	if !slices.Equal(s.Config.Languages, []string{"en", "de"}) {
		t.Errorf("Languages = %q, want the valid codes en, de", s.Config.Languages)
	}
}

// refusedIn finds what a rune-by-rune scan finds, on strings of every kind
// of character it must tell apart.
func TestRefusedInIsRuneScan(t *testing.T) {
	byRune := func(s string) (rune, string, bool) {
		for i, r := range s {
			if what, bad := refusedChar(s, i, r); bad {
				return r, what, true
			}
		}
		return 0, "", false
	}
	pieces := []string{"a", " ", "~", "\t", "\n", "\r", "\r\n", "\x00", "\x1f", "\x7f", "é", "\u0085", "\u009f", "\u00a0",
		"\ufdd0", "\ufffe", "\U0001fffe", "\ufffd", "\xff", "\xc3", "€", "日本"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		gr, gw, gok := refusedIn(s)
		wr, ww, wok := byRune(s)
		if gr != wr || gw != ww || gok != wok {
			t.Fatalf("refusedIn(%q) = %U %q %v, want %U %q %v", s, gr, gw, gok, wr, ww, wok)
		}
	}
}
