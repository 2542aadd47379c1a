package site

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// withParams is minimalSite with the entity's file ending in params, or
// starting with it when it holds no table.
func withParams(params string) fstest.MapFS {
	fsys := minimalSite()
	e := fsys["content/entities/acme.toml"].Data
	b := append(append([]byte{}, e...), params...)
	if !strings.Contains(params, "[") {
		b = append([]byte(params), e...)
	}
	fsys["content/entities/acme.toml"] = &fstest.MapFile{Data: b}
	return fsys
}

// TestLoadParams: every TOML value is a param, and a table is a localized
// value exactly when its keys are all languages of the site.
func TestLoadParams(t *testing.T) {
	s, diags := load(t, withParams(`
[params]
newsletterTool = "Brevo"
retentionDays = 90
ratio = 0.5
enabled = true
start = 2025-03-01
changed = 2025-03-01T10:00:00Z
tools = ["Matomo", "Brevo"]
tool = { en = "Mail", de = "Post" }
perLanguage = { en = [1, 2], de = [3] }
inline = [{ a = 1 }, { en = "x", de = "y" }]

[params.contact]
team = "Privacy"
hours = { en = "9 to 5", de = "9 bis 17" }

[[params.offices]]
city = "Jena"
[[params.offices]]
city = "Berlin"
`))
	if len(diags) != 0 {
		t.Fatalf("Load: %v", diags)
	}
	p := s.Entity("acme").Params
	want := map[string]any{
		"newsletterTool": "Brevo",
		"retentionDays":  int64(90),
		"ratio":          0.5,
		"enabled":        true,
		"tools":          []any{"Matomo", "Brevo"},
		"tool":           LocalizedParam{"en": "Mail", "de": "Post"},
		"perLanguage":    LocalizedParam{"en": []any{int64(1), int64(2)}, "de": []any{int64(3)}},
		"inline":         []any{ParamTable{"a": int64(1)}, LocalizedParam{"en": "x", "de": "y"}},
		"contact":        ParamTable{"team": "Privacy", "hours": LocalizedParam{"en": "9 to 5", "de": "9 bis 17"}},
		"offices":        []any{ParamTable{"city": "Jena"}, ParamTable{"city": "Berlin"}},
	}
	for k, w := range want {
		if !reflect.DeepEqual(p[k], w) {
			t.Errorf("params.%s = %#v, want %#v", k, p[k], w)
		}
	}
	if d, ok := p["start"].(time.Time); !ok || ParamTimeKind(d) != LocalDate || d.Format("2006-01-02") != "2025-03-01" {
		t.Errorf("params.start = %#v, want the local date 2025-03-01", p["start"])
	}
	if d, ok := p["changed"].(time.Time); !ok || ParamTimeKind(d) != OffsetDateTime {
		t.Errorf("params.changed = %#v, want an offset date-time", p["changed"])
	}
}

// TestLoadParamsErrors: what [params] refuses, each once, at its key.
func TestLoadParamsErrors(t *testing.T) {
	tests := []struct {
		name, params string
		want         []string
	}{
		{"not a table", "params = 5\n", []string{
			`content/entities/acme.toml:1:10: error: value has type integer; expected a table of values, e.g. [params] with newsletterTool = "…" on the next line`,
		}},
		{"an array of tables", "[[params]]\nx = 1\n", []string{
			`content/entities/acme.toml:13:2: error: value has type array; expected a table of values, e.g. [params] with newsletterTool = "…" on the next line`,
		}},
		{"a language the site does not have", "[params]\ntool = { en = \"Mail\", fr = \"Courrier\" }\n", []string{
			`content/entities/acme.toml:14:1: error: params.tool: language "fr" is not in site.toml languages ["en" "de"]; expected only those codes in a localized value (a table of your own must not use a language code such as "en" as a key)`,
		}},
		{"several, in a table of arrays", "[params]\nlist = [{ de = \"a\", at = \"b\", ch = \"c\" }]\n", []string{
			`content/entities/acme.toml:14:1: error: params.list: languages "at", "ch" are not in site.toml languages ["en" "de"]; expected only those codes in a localized value (a table of your own must not use a language code such as "de" as a key)`,
		}},
		// Pages of every language fall back to the default one: en pages
		// printed nothing for it.
		{"a localized value without the default language", "[params]\ntool = { de = \"Post\" }\n", []string{
			`content/entities/acme.toml:14:1: error: key "params.tool" has no "en" value, so en pages would show nothing there; expected en = … in the table too, since en is the default language`,
		}},
		{"one deep inside", "[params.a]\nb = [1, { de = 2 }]\n", []string{
			`content/entities/acme.toml:14:1: error: key "params.a.b" has no "en" value, so en pages would show nothing there; expected en = … in the table too, since en is the default language`,
		}},
		{"a key no template can read", "[params]\n\"my-tool\" = 1\n", []string{
			`content/entities/acme.toml:14:1: error: params key "my-tool" cannot be used in a template; expected letters, digits and _ starting with a letter`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			params := tt.params
			if strings.Contains(params, "[") {
				params = "\n" + params
			}
			_, diags := load(t, withParams(params))
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// FuzzParams loads arbitrary [params] tables and checks that every value
// Load keeps is one of the kinds Params documents, that a localized value
// names only the site's languages, and that no key is reported unknown:
// [params] takes any key.
//
//	go test ./generator/site -run '^$' -fuzz '^FuzzParams$' -fuzztime 1m
func FuzzParams(f *testing.F) {
	for _, s := range []string{
		"retentionDays = 90\nratio = 0.5\nenabled = true\nstart = 2025-03-01\nat = 10:00:00\ntools = [\"a\", 1, 2.5]\n",
		"tool = { en = \"a\", de = \"b\" }\nx = { en = \"a\", fr = \"b\" }\n",
		"list = [{ en = \"a\", de = \"b\" }, { a = [1, { b = 2 }] }]\n",
		"[params.t]\nu = { en = { v = 1 }, de = [] }\n[[params.t.w]]\nen = 1\n",
		"\"a.b\" = 1\n\"\" = 2\nx.y.z = 3\n",
		"x = {}\ny = []\nz = [[], [[]]]\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, params string) {
		fsys := withParams("\n[params]\n" + params)
		s, diags := load(t, fsys)
		for _, d := range diags {
			if strings.HasPrefix(d.Message, "unknown key \"params.") {
				t.Errorf("key in [params] reported unknown: %v", d)
			}
		}
		e := s.Entity("acme")
		if e == nil || diags.HasErrors() {
			return
		}
		langs := s.Config.Languages
		var check func(v any, depth int)
		check = func(v any, depth int) {
			if depth > 64 {
				t.Fatalf("params nest deeper than the TOML bounds allow")
			}
			switch v := v.(type) {
			case string, int64, float64, bool, time.Time:
			case []any:
				for _, x := range v {
					check(x, depth+1)
				}
			case LocalizedParam:
				if _, ok := v[s.Config.DefaultLanguage]; !ok {
					t.Errorf("localized value %v without the default language kept without an error", v)
				}
				for k, x := range v {
					if !slices.Contains(langs, k) {
						t.Errorf("localized value with key %q, not a site language", k)
					}
					check(x, depth+1)
				}
			case ParamTable:
				in := 0
				for k, x := range v {
					if slices.Contains(langs, k) {
						in++
					}
					check(x, depth+1)
				}
				if in == len(v) && in > 0 {
					t.Errorf("table %v of site languages only kept as a table, not a localized value", v)
				}
				if in > 0 {
					t.Errorf("table %v mixes site languages and other keys without an error", v)
				}
			default:
				t.Errorf("param value %#v of type %T", v, v)
			}
		}
		for _, v := range e.Params {
			check(v, 0)
		}
	})
}

// TestUnknownKeyOnce: an unknown table is one error that lists the keys
// expected where it stands, not one more per key inside it with an empty
// list ("expected one of: "); keys inside [params] are never unknown.
func TestUnknownKeyOnce(t *testing.T) {
	tests := []struct {
		name, toml string
		want       []string
	}{
		{"unknown table", "\n[foo]\nbar = 1\nbaz = 2\n", []string{
			`content/entities/acme.toml:13:1: error: unknown key "foo"; expected one of: name, address, email, phone, website, register, vatID, representedBy, updated, notices, uses, omit, dpo, authority, params, country, representative, jointControllers, sections`,
		}},
		{"unknown table in a known one", "\n[dpo.x]\ny = 1\n", []string{
			`content/entities/acme.toml:13:1: error: unknown key "dpo.x"; expected one of: name, email, phone, address, none`,
		}},
		{"unknown dotted key", "foo.bar.baz = 1\n", []string{
			`content/entities/acme.toml:1:1: error: unknown key "foo"; expected one of: name, address, email, phone, website, register, vatID, representedBy, updated, notices, uses, omit, dpo, authority, params, country, representative, jointControllers, sections`,
		}},
		{"tables in an array in [params]", "\n[params]\nlist = [{ a = 1, b = { c = 2 } }]\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := load(t, withParams(tt.toml))
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}
