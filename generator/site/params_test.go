package site

import (
	"reflect"
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
onlyDe = { de = "nur" }
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
		"onlyDe":         LocalizedParam{"de": "nur"},
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
