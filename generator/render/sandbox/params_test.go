package sandbox

import (
	"strings"
	"testing"
	"time"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/render/markdown"
	"github.com/noticegen/noticegen/generator/render/view"
	"github.com/noticegen/noticegen/generator/site"
)

// pageDate formats a date as the renderer does for pages in lang.
func pageDate(lang string, t time.Time) view.Date {
	return view.Date{Text: locale.Date(lang, t), ISO: t.Format("2006-01-02")}
}

// runBody runs body b on page p of site s, with the entity's [params] resolved
// as the renderer resolves them, and converts it as a build does.
func runBody(s *site.Site, p *compose.Page, b *Body) ([]byte, *diag.Diagnostic) {
	params := Params(p.Entity.Params, p.Lang, s.Config.DefaultLanguage, pageDate)
	html, d := markdown.NewShared(markdown.NewDirect(false)).Convert(&markdown.Buffers{}, b.With(NewData(s, p, params)))
	return html.Bytes, d
}

// paramsSite is a site whose one entity has a value of every TOML kind in
// [params], as Load leaves them.
func paramsSite(t *testing.T) (*site.Site, *site.Entity) {
	t.Helper()
	loc := func(name string) *time.Location { return time.FixedZone(name, 0) }
	e := &site.Entity{ID: "acme", Name: site.Localized{"": "Acme"}, Params: site.Params{
		"retentionDays": int64(90),
		"negative":      int64(-5),
		"ratio":         0.5,
		"million":       1e6,
		"tiny":          1e-9,
		"enabled":       true,
		"disabled":      false,
		"start":         time.Date(2025, 3, 1, 0, 0, 0, 0, loc("date-local")),
		"meeting":       time.Date(2025, 3, 1, 10, 30, 0, 0, loc("datetime-local")),
		"opens":         time.Date(0, 1, 1, 9, 0, 0, 0, loc("time-local")),
		"changed":       time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC),
		"tools":         []any{"Matomo", "Brevo"},
		"mixed":         []any{int64(1), 2.5, true, "x"},
		"tool":          site.LocalizedParam{"en": "Mail", "de": "Post"},
		"onlyDe":        site.LocalizedParam{"de": "nur deutsch"},
		"perLang":       site.LocalizedParam{"en": []any{"a", "b"}, "de": []any{"c"}},
		"contact": site.ParamTable{
			"team":  "Privacy team",
			"hours": site.LocalizedParam{"en": "9 to 5", "de": "9 bis 17 Uhr"},
			"days":  int64(5),
		},
		"cookie": "kc_consent",
	}}
	s := &site.Site{Config: site.Config{DefaultLanguage: "en", Languages: []string{"en", "de"}}, Entities: []*site.Entity{e}}
	return s, e
}

// runParams renders body with the values of paramsSite in lang.
func runParams(t *testing.T, body, lang string) (string, string) {
	t.Helper()
	s, e := paramsSite(t)
	sf := &site.SectionFile{ID: "x", Lang: "en", Path: "content/sections/x.en.md", Body: body, BodyLine: 4}
	tmpl, d := Parse(sf)
	if d != nil {
		t.Fatalf("Parse(%q): %v", body, d)
	}
	p := &compose.Page{Entity: e, Notice: &site.Notice{ID: "website"}, Lang: lang}
	html, d := runBody(s, p, tmpl)
	if d != nil {
		return "", d.Message
	}
	return string(html), ""
}

// TestParamValues: every TOML value of [params] prints as text and works
// in if, range, eq and gt as a Go value of its kind does.
func TestParamValues(t *testing.T) {
	tests := []struct{ body, lang, want string }{
		{"{{ .Params.retentionDays }} days", "en", "<p>90 days</p>\n"},
		{"{{ .Params.negative }}", "en", "<p>-5</p>\n"},
		{"{{ .Params.ratio }} {{ .Params.million }} {{ .Params.tiny }}", "en", "<p>0.5 1000000 1e-09</p>\n"},
		{"{{ .Params.enabled }} {{ .Params.disabled }}", "en", "<p>true false</p>\n"},
		{"since {{ .Params.start }}", "en", "<p>since March 1, 2025</p>\n"},
		{"seit {{ .Params.start }}", "de", "<p>seit 1. März 2025</p>\n"},
		{"{{ .Params.start.ISO }} {{ .Params.start.Text }}", "de", "<p>2025-03-01 1. März 2025</p>\n"},
		{"{{ .Params.meeting }} {{ .Params.opens }} {{ .Params.changed }}", "en", "<p>2025-03-01T10:30:00 09:00:00 2025-03-01T10:00:00Z</p>\n"},
		{"{{ .Params.tools }}", "en", "<p>Matomo, Brevo</p>\n"},
		{"{{ .Params.mixed }}", "en", "<p>1, 2.5, true, x</p>\n"},
		{"{{ range .Params.tools }}[{{ . }}]{{ end }}", "en", "<p>[Matomo][Brevo]</p>\n"},
		{"{{ range $i, $t := .Params.tools }}{{ $i }}={{ $t }} {{ end }}", "en", "<p>0=Matomo 1=Brevo</p>\n"},
		{"{{ len .Params.tools }} {{ index .Params.tools 1 }}", "en", "<p>2 Brevo</p>\n"},
		{"{{ if .Params.enabled }}on{{ end }}{{ if .Params.disabled }}off{{ end }}", "en", "<p>on</p>\n"},
		{"{{ if eq .Params.retentionDays 90 }}ninety{{ end }}", "en", "<p>ninety</p>\n"},
		{"{{ if gt .Params.retentionDays 30 }}long{{ end }}{{ if lt .Params.ratio 1.0 }} part{{ end }}", "en", "<p>long part</p>\n"},
		{"{{ if eq .Params.start.ISO \"2025-03-01\" }}that day{{ end }}", "en", "<p>that day</p>\n"},
		{"{{ if eq .Params.enabled true }}yes{{ end }}", "en", "<p>yes</p>\n"},
		{"{{ .Params.tool }}", "en", "<p>Mail</p>\n"},
		{"{{ .Params.tool }}", "de", "<p>Post</p>\n"},
		// A localized value without the page's language shows the
		// default language's; without that, nothing, as a localized
		// string does.
		{"[{{ .Params.onlyDe }}]", "en", "<p>[]</p>\n"},
		{"{{ .Params.perLang }}", "de", "<p>c</p>\n"},
		{"{{ .Params.contact.team }}: {{ .Params.contact.hours }}, {{ .Params.contact.days }} days", "de", "<p>Privacy team: 9 bis 17 Uhr, 5 days</p>\n"},
		{"{{ range $k, $v := .Params.contact }}{{ $k }}={{ $v }};{{ end }}", "en", "<p>days=5;hours=9 to 5;team=Privacy team;</p>\n"},
		{"{{ with .Params.contact }}{{ .team }}{{ end }}", "en", "<p>Privacy team</p>\n"},
		// Values are text: a string with Markdown in it stays text.
		{"{{ .Params.cookie }}", "en", "<p>kc_consent</p>\n"},
	}
	for _, tt := range tests {
		got, msg := runParams(t, tt.body, tt.lang)
		if msg != "" || got != tt.want {
			t.Errorf("%s %q:\ngot  %q %s\nwant %q", tt.lang, tt.body, got, msg, tt.want)
		}
	}
}

// TestParamErrors: what a body cannot do with [params] is an error that
// says what was expected, at the action.
func TestParamErrors(t *testing.T) {
	tests := []struct{ body, want string }{
		{"{{ .Params.contact }}", `template: .Params.contact: the value is a table of params (keys days, hours, team), which has no text; expected one of its values, such as .Params.contact.days, or {{ range $key, $value := … }}`},
		{"{{ .Params }}", `template: .Params: the value is a table of params (keys changed, contact, cookie, disabled, enabled, meeting, million, mixed, negative, onlyDe, …), which has no text; expected one of its values, such as .Params.changed, or {{ range $key, $value := … }}`},
		{"{{ .Params.contact.nope }}", `template: .Params.contact.nope: no key "nope" in params.contact; expected one of: days, hours, team (or nope = … there, since every entity that publishes this section needs it)`},
		{"{{ .Params.nope }}", `template: .Params.nope: no key "nope" in the entity's [params]; expected nope = "…" there, since every entity that publishes this section needs it`},
		{"{{ .Params.cookie.x }}", `template: .Params.cookie.x: no field x: .Params.cookie is text, which has no fields; expected .Params.cookie itself`},
		{"{{ .Params.retentionDays.x }}", `template: .Params.retentionDays.x: no field x: .Params.retentionDays is an integer, which has no fields; expected .Params.retentionDays itself`},
		{"{{ .Params.tools.x }}", `template: .Params.tools.x: no field x: .Params.tools is a list, which has no fields; expected {{ range .Params.tools }}…{{ end }} or index .Params.tools 0`},
		{"{{ .Params.start.Day }}", `template: .Params.start.Day: no field Day; expected one of .Params.start.Text, .Params.start.ISO`},
		{"{{ range .Params.tools }}{{ .x }}{{ end }}", `template: .x: no field x: the value before it, from [params], has no fields; expected it without .x, or a table of params with the key x`},
		{"{{ .params.x }}", `template: .params.x: no field params; expected one of .Entity, .Params, .Site, .Notice, .Lang, .Providers`},
		{"{{ .Entity.Params.x }}", `template: .Entity.Params.x: no field Params; expected one of .Entity.ID, .Entity.Name, .Entity.Address, .Entity.Email, .Entity.Phone, .Entity.Website, .Entity.Register, .Entity.VATID, .Entity.RepresentedBy, .Entity.DPO, .Entity.Authority`},
	}
	for _, tt := range tests {
		got, msg := runParams(t, tt.body, "en")
		if msg != tt.want {
			t.Errorf("%q:\ngot  %q (HTML %q)\nwant %q", tt.body, msg, got, tt.want)
		}
		if strings.Contains(msg, escapeFunc) {
			t.Errorf("%q: message %q exposes the escaping function", tt.body, msg)
		}
	}
}

// TestMissingKeyWithoutParams: an entity with no params at all is told so,
// not given a list of keys that is empty.
func TestMissingKeyWithoutParams(t *testing.T) {
	for _, params := range []site.Params{nil, {}} {
		s := &site.Site{Config: site.Config{DefaultLanguage: "en", Languages: []string{"en"}}}
		e := &site.Entity{ID: "acme", Params: params}
		sf := &site.SectionFile{ID: "x", Lang: "en", Path: "content/sections/x.en.md", Body: "Uses {{ .Params.tool }}.", BodyLine: 4}
		tmpl, d := Parse(sf)
		if d != nil {
			t.Fatal(d)
		}
		p := &compose.Page{Entity: e, Notice: &site.Notice{}, Lang: "en"}
		_, d = runBody(s, p, tmpl)
		want := `template: .Params.tool: no key "tool": the entity has no params; expected tool = "…" in a [params] table of its file, since every entity that publishes this section needs it`
		if d == nil || d.Message != want || d.Line != 4 || d.Col != 16 {
			t.Errorf("params %#v: got %v\nwant 4:16 %s", params, d, want)
		}
	}
}

func TestFloatText(t *testing.T) {
	tenth := 0.1 // a variable, so that Go adds at run time, in float64
	for _, tt := range []struct {
		f    float64
		want string
	}{{0, "0"}, {0.5, "0.5"}, {-2.25, "-2.25"}, {3, "3"}, {1e6, "1000000"}, {0.000001, "0.000001"}, {1e21, "1e+21"}, {1.5e-7, "1.5e-07"}, {tenth + 0.2, "0.30000000000000004"}} {
		if got := floatText(tt.f); got != tt.want {
			t.Errorf("floatText(%v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}
