package render

import (
	"bytes"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/output"
	"github.com/noticegen/noticegen/generator/render/layout"
	"github.com/noticegen/noticegen/generator/site"
)

// sec builds a section file whose body starts on file line bodyLine.
func sec(id, lang, body string, bodyLine int, meta site.FrontMatter) *site.SectionFile {
	return &site.SectionFile{
		ID: id, Lang: lang, Path: "content/sections/" + id + "." + lang + ".md",
		Front: site.Source{Path: "content/sections/" + id + "." + lang + ".md", LineOffset: 1},
		Meta:  meta, Body: body, BodyLine: bodyLine,
	}
}

type fixture struct {
	site   *site.Site
	cat    *locale.Catalog
	r      *Renderer
	diags  diag.List
	entity *site.Entity
	notice *site.Notice
}

// newFixture builds a two-language site with one entity and one notice made
// of the given sections, and a Renderer over the built-in layouts.
func newFixture(t *testing.T, unsafeHTML bool, sections ...*site.Section) *fixture {
	t.Helper()
	e := &site.Entity{
		ID: "acme", Source: site.Source{Path: "content/entities/acme.toml"},
		Name:    site.Localized{"": "<script>alert(1)</script> & Co"},
		Address: site.Localized{"": "Street 1\n12345 Town"},
		Email:   "privacy@acme.example",
		Phone:   "+49 30 1234-56",
		Updated: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
		Notices: []string{"website"},
		DPO:     &site.DPO{Name: site.Localized{"": "Dana"}, Email: "dpo@acme.example", Phone: "0049 (30) 99"},
		Params:  site.Params{"tool": "*bold* [x](javascript:alert(1))", "heading": site.LocalizedParam{"en": "# Not a heading\n- not a list", "de": "# Keine Überschrift"}},
	}
	n := &site.Notice{ID: "website", Source: site.Source{Path: "content/notices/website.toml"}, Title: site.Localized{"en": "Website", "de": "Webseite"}}
	for _, s := range sections {
		n.Sections = append(n.Sections, s.ID)
	}
	s := &site.Site{
		Config: site.Config{
			Title: site.Localized{"": "Privacy"}, BaseURL: "https://privacy.example/",
			DefaultLanguage: "en", Languages: []string{"en", "de"}, UnsafeHTML: unsafeHTML,
		},
		Entities: []*site.Entity{e}, Notices: []*site.Notice{n}, Sections: sections,
	}
	cat, diags := locale.Load(os.DirFS("../../i18n"), nil, s.Config.Languages, s.Config.DefaultLanguage)
	if len(diags) != 0 {
		t.Fatalf("locale.Load: %v", diags)
	}
	f := &fixture{site: s, cat: cat, entity: e, notice: n}
	f.r, f.diags = f.renderer(nil, nil)
	return f
}

// renderer returns a renderer of f's site with the built-in layouts and
// the site's own layouts own over them (nil: none), whose pages out
// finishes (nil: pages are laid out whole, not minified).
func (f *fixture) renderer(own fs.FS, out *output.Finisher) (*Renderer, diag.List) {
	ls, diags := layout.Load(os.DirFS("../../layouts"), own)
	r, ds := New(f.site, f.cat, ls, Options{Output: out})
	return r, append(diags, ds...)
}

func section(id string, files ...*site.SectionFile) *site.Section {
	s := &site.Section{ID: id, Translations: map[string]*site.SectionFile{}}
	if i := strings.LastIndexByte(id, '/'); i >= 0 {
		s.Dir = id[:i]
		s.Index = id[i+1:] == "_index"
	}
	for _, f := range files {
		s.Translations[f.Lang] = f
	}
	return s
}

func (f *fixture) page(lang string) *compose.Page {
	return &compose.Page{Entity: f.entity, Notice: f.notice, Lang: lang, Parts: compose.Parts(f.site, f.entity, f.notice, lang)}
}

func (f *fixture) render(t *testing.T, lang string) string {
	t.Helper()
	if len(f.diags) != 0 {
		t.Fatalf("render.New: %v", f.diags)
	}
	var out bytes.Buffer
	page, diags := f.r.Notice(&out, f.page(lang))
	if len(diags) != 0 {
		t.Fatalf("Notice(%s): %v", lang, diags)
	}
	if page != nil {
		t.Fatalf("Notice(%s) made a frame, but the renderer does not minify", lang)
	}
	return out.String()
}

// sectionBody returns the HTML inside the section-body div of the section
// with the given anchor.
func sectionBody(t *testing.T, page, anchor string) string {
	t.Helper()
	i := strings.Index(page, `<section id="`+anchor+`"`)
	if i < 0 {
		t.Fatalf("no <section id=%q> in page", anchor)
	}
	rest := page[i:]
	j := strings.Index(rest, `<div class="section-body">`)
	k := strings.Index(rest, "</section>")
	if j < 0 || k < j {
		t.Fatalf("section %q has no body", anchor)
	}
	return rest[j:k]
}

func TestValuesAreNeverMarkup(t *testing.T) {
	body := "Controller: {{ .Entity.Name }}.\n\nTool: {{ .Params.tool }}\n\n{{ .Params.heading }}\n"
	f := newFixture(t, false, section("general",
		sec("general", "en", body, 4, site.FrontMatter{Title: "General"}),
		sec("general", "de", body, 4, site.FrontMatter{Title: "Allgemeines"})))
	for _, lang := range []string{"en", "de"} {
		t.Run(lang, func(t *testing.T) {
			page := f.render(t, lang)
			if strings.Contains(page, "<script>") || strings.Contains(page, "alert(1)</script>") {
				t.Errorf("entity name reached the page as markup")
			}
			b := sectionBody(t, page, "general")
			for _, want := range []string{
				"Controller: &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co.",
				"Tool: *bold* [x](javascript:alert(1))",
			} {
				if !strings.Contains(b, want) {
					t.Errorf("body %q does not contain %q", b, want)
				}
			}
			for _, bad := range []string{"<em>", "<a href", "<h3", "<h1", "<li>", "<ul>"} {
				if strings.Contains(b, bad) {
					t.Errorf("body %q contains %q: a value became markup", b, bad)
				}
			}
		})
	}
}

func TestBodyUsesPageLanguage(t *testing.T) {
	body := "{{ .Lang }}|{{ .Notice.Title }}|{{ .Params.heading }}|{{ .Entity.DPO.Name }}|{{ .Site.BaseURL }}\n"
	f := newFixture(t, false, section("general", sec("general", "en", body, 4, site.FrontMatter{Title: "G"})))
	tests := []struct{ lang, want string }{
		{"en", `en|Website|# Not a heading`},
		{"de", `de|Webseite|# Keine Überschrift|Dana|https://privacy.example/`},
	}
	for _, tt := range tests {
		if got := sectionBody(t, f.render(t, tt.lang), "general"); !strings.Contains(got, tt.want) {
			t.Errorf("%s body = %q, want it to contain %q", tt.lang, got, tt.want)
		}
	}
}

func TestBodyMissingKeyLine(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		bodyLine int
		line     int
		contains []string
	}{
		{"missing params key on body line 3", "One.\n\nUses {{ .Params.newsletterTool }}.\n", 6, 8, []string{"newsletterTool", "params"}},
		{"missing params key on body line 1", "{{ .Params.x }}\n", 4, 4, []string{`"x"`}},
		{"unknown field", "a\n{{ .Entity.Nmae }}\n", 10, 11, []string{"Nmae"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, false, section("general", sec("general", "en", tt.body, tt.bodyLine, site.FrontMatter{Title: "G"})))
			if len(f.diags) != 0 {
				t.Fatalf("New: %v", f.diags)
			}
			var out bytes.Buffer
			page, diags := f.r.Notice(&out, f.page("en"))
			if out.Len() != 0 || page != nil {
				t.Errorf("Notice wrote a page despite a template error")
			}
			if len(diags) != 1 {
				t.Fatalf("want one diagnostic, got %v", diags)
			}
			d := diags[0]
			if d.File != "content/sections/general.en.md" || d.Line != tt.line || d.Severity != diag.Error {
				t.Errorf("diagnostic at %s:%d (%s), want content/sections/general.en.md:%d error", d.File, d.Line, d.Severity, tt.line)
			}
			for _, c := range tt.contains {
				if !strings.Contains(d.Message, c) {
					t.Errorf("message %q does not contain %q", d.Message, c)
				}
			}
			// sandbox's escaping function, added to every action.
			if strings.Contains(d.Message, "_noticegen_text") {
				t.Errorf("message %q exposes the internal escape function", d.Message)
			}
		})
	}
}

func TestNewReportsBodyParseErrors(t *testing.T) {
	f := newFixture(t, false,
		section("a", sec("a", "en", "ok\n{{ .Entity.Name\n", 5, site.FrontMatter{Title: "A"})),
		section("b", sec("b", "en", "{{ end }}\n", 3, site.FrontMatter{Title: "B"})))
	if len(f.diags) != 2 {
		t.Fatalf("want an error for each broken body, got %v", f.diags)
	}
	for _, d := range f.diags {
		switch d.File {
		case "content/sections/a.en.md":
			if d.Line != 6 {
				t.Errorf("a.en.md error on line %d, want 6: %v", d.Line, d)
			}
		case "content/sections/b.en.md":
			if d.Line != 3 {
				t.Errorf("b.en.md error on line %d, want 3: %v", d.Line, d)
			}
		default:
			t.Errorf("unexpected diagnostic %v", d)
		}
	}
}

func TestRawHTMLInBody(t *testing.T) {
	body := "Text <b>bold</b>.\n\n<div class=\"box\">\n<script>alert(1)</script>\n</div>\n"
	tests := []struct {
		unsafe bool
		want   []string
		absent []string
	}{
		{false, []string{"&lt;b&gt;bold&lt;/b&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;div class="}, []string{"<b>", "<script>", `<div class="box">`}},
		{true, []string{"<b>bold</b>", `<div class="box">`, "<script>alert(1)</script>"}, []string{"&lt;b&gt;"}},
	}
	for _, tt := range tests {
		f := newFixture(t, tt.unsafe, section("general", sec("general", "en", body, 4, site.FrontMatter{Title: "G"})))
		b := sectionBody(t, f.render(t, "en"), "general")
		for _, w := range tt.want {
			if !strings.Contains(b, w) {
				t.Errorf("unsafeHTML=%v: body %q does not contain %q", tt.unsafe, b, w)
			}
		}
		for _, w := range tt.absent {
			if strings.Contains(b, w) {
				t.Errorf("unsafeHTML=%v: body %q contains %q", tt.unsafe, b, w)
			}
		}
	}
}

func TestBodyHeadingsShifted(t *testing.T) {
	f := newFixture(t, false, section("general", sec("general", "en", "# Top\n\ntext\n\n## Sub\n", 4, site.FrontMatter{Title: "G"})))
	b := sectionBody(t, f.render(t, "en"), "general")
	if !strings.Contains(b, "<h3>Top</h3>") || !strings.Contains(b, "<h4>Sub</h4>") {
		t.Errorf("body headings not shifted by two levels: %q", b)
	}
	if regexp.MustCompile(`<h[12][ >]`).MatchString(b) {
		t.Errorf("body contains an h1 or h2: %q", b)
	}
}

func TestNoticePage(t *testing.T) {
	meta := site.FrontMatter{
		Title: "Server logs", Purposes: []string{"Security"}, LegalBases: []string{"gdpr-6-1-f", "bdsg-26"},
		Retention: "7 days", ThirdCountries: []string{"US"}, Safeguards: []string{"scc"},
		Updated: time.Date(2025, 4, 2, 0, 0, 0, 0, time.UTC),
	}
	f := newFixture(t, false,
		section("conferencing/_index", sec("conferencing/_index", "en", "Intro.\n", 4, site.FrontMatter{Title: "Meetings"})),
		section("server-logs", sec("server-logs", "en", "Logs.\n", 4, meta)))
	f.notice.Sections = []string{"server-logs"}
	tests := []struct {
		lang   string
		want   []string
		absent []string
	}{
		{"en", []string{
			`<html lang="en" dir="ltr">`,
			"Art. 6(1)(f) GDPR", "§ 26 BDSG", "United States",
			`<section id="server-logs"`, `href="#server-logs"`,
			`datetime="2025-04-02"`, "April 2, 2025",
			`href="tel:&#43;4930123456"`, `href="tel:00493099"`, // html/template writes + as &#43;
			`hreflang="de" href="https://privacy.example/de/acme/website/"`,
			`rel="canonical" href="https://privacy.example/en/acme/website/"`,
		}, []string{"fallback-note", "<script>"}},
		{"de", []string{
			`<html lang="de" dir="ltr">`,
			"Art. 6 Abs. 1 lit. f DSGVO", "§ 26 BDSG", "Vereinigte Staaten",
			"2. April 2025",
			`<a href="#server-logs" lang="en">`, // glance row in the fallback language
			`hreflang="x-default" href="https://privacy.example/en/acme/website/"`,
		}, []string{"Art. 6(1)(f) GDPR", "<script>"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			page := f.render(t, tt.lang)
			fallback := regexp.MustCompile(`<section id="server-logs"[^>]* lang="en">\s*<h2[^>]*>Server logs</h2>\s*<p class="fallback-note" lang="de">[^<]*Englisch[^<]*</p>`)
			if got := fallback.MatchString(page); got != (tt.lang == "de") {
				t.Errorf("section marked as a fallback from en with a note: %v, want %v", got, tt.lang == "de")
			}
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("page does not contain %q", w)
				}
			}
			for _, w := range tt.absent {
				if strings.Contains(page, w) {
					t.Errorf("page contains %q", w)
				}
			}
		})
	}
}

// Every id on a page must be unique, or the table of contents jumps to the
// wrong place and the HTML is invalid.
func TestNoticeAnchorsUnique(t *testing.T) {
	// A section named like a layout part ("controller") is refused by
	// package validate, so only section-to-section collisions matter here.
	f := newFixture(t, false,
		section("a-b", sec("a-b", "en", "x\n", 4, site.FrontMatter{Title: "1"})),
		section("a/b", sec("a/b", "en", "x\n", 4, site.FrontMatter{Title: "2"})),
		section("a", sec("a", "en", "x\n", 4, site.FrontMatter{Title: "3"})),
		section("a/_index", sec("a/_index", "en", "x\n", 4, site.FrontMatter{Title: "4"})))
	f.entity.Authority = &site.Authority{Name: site.Localized{"": "BfDI"}, URL: "https://bfdi.example"}
	page := f.render(t, "en")
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(` id="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		if seen[m[1]] {
			t.Errorf("id %q appears twice", m[1])
		}
		seen[m[1]] = true
	}
}
