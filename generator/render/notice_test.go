package render

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/output"
	"github.com/noticegen/noticegen/generator/site"
)

// notice renders page p with r and finishes it with out, as a build
// writes it: a frame with its fragments, or the whole page (page nil).
func notice(r *Renderer, out *output.Finisher, p *compose.Page) ([]byte, diag.List) {
	var w bytes.Buffer
	page, diags := r.Notice(&w, p)
	if diags.HasErrors() {
		return nil, diags
	}
	b, err := out.Finish("index.html", w.Bytes(), page)
	if err != nil {
		diags.Errorf("index.html", 0, 0, "finish: %v", err)
	}
	return b, diags
}

// TestSectionLayoutAroundBody: the section layout runs once around a mark
// for the body, which each page's body then replaces; a site's own layout
// that prints the body twice, tests it, or prints it in an attribute gets
// the section rendered whole, with the same result as without the shortcut.
func TestSectionLayoutAroundBody(t *testing.T) {
	tests := []struct {
		name, layout string
		want         string // in the page, with the entity's body
	}{
		{"built-in", "", `<div class="section-body">` + "\n<p>Run by Acme.</p>\n\n</div>"},
		{"body twice", `{{define "section"}}<section id="{{.Anchor}}"><h2 id="{{.Anchor}}__title">{{.Title}}</h2>{{.Body}}{{.Body}}</section>{{end}}`,
			"<p>Run by Acme.</p>\n<p>Run by Acme.</p>\n</section>"},
		{"body tested", `{{define "section"}}<section id="{{.Anchor}}"><h2 id="{{.Anchor}}__title">{{.Title}}</h2>{{if .Body}}[{{.Body}}]{{else}}none{{end}}</section>{{end}}`,
			"[<p>Run by Acme.</p>\n]</section>"},
		{"body in an attribute", `{{define "section"}}<section id="{{.Anchor}}" data-b="{{.Body}}"><h2 id="{{.Anchor}}__title">{{.Title}}</h2></section>{{end}}`,
			`data-b="Run by Acme.` + "\n" + `"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, false, section("general", sec("general", "en", "Run by {{ .Entity.Name }}.", 4, site.FrontMatter{Title: "General"})))
			f.entity.Name = site.Localized{"": "Acme"}
			if tt.layout != "" {
				own := fstest.MapFS{"partials/section.html": {Data: []byte(tt.layout)}}
				f.r, f.diags = f.renderer(own, nil)
			}
			for range 2 { // the second page takes the layout from the memo
				if page := f.render(t, "en"); !strings.Contains(page, tt.want) {
					t.Fatalf("page does not contain %q:\n%s", tt.want, page)
				}
			}
			other := *f.entity
			other.ID, other.Name = "other", site.Localized{"": "Other"}
			p := &compose.Page{Entity: &other, Notice: f.notice, Lang: "en", Parts: compose.Parts(f.site, &other, f.notice, "en")}
			var out bytes.Buffer
			if _, diags := f.r.Notice(&out, p); len(diags) != 0 {
				t.Fatal(diags)
			}
			if want := strings.ReplaceAll(tt.want, "Acme", "Other"); !strings.Contains(out.String(), want) {
				t.Errorf("other entity's page does not contain %q:\n%s", want, out.String())
			}
		})
	}
}

// TestNoticeMinified: a notice page minified section by section is the
// page minified whole, byte for byte, also for a site's own layout that
// prints the sections twice (which takes the whole-page path).
func TestNoticeMinified(t *testing.T) {
	twice := `{{define "main"}}<article><h1>{{.Title}}</h1>{{range .Sections}}{{.HTML}}{{end}}<aside>{{range .Sections}}{{.HTML}}{{end}}</aside></article>{{end}}`
	// Sections as inline text: the minifier keeps the space after each,
	// which it would drop after a placeholder element.
	inline := `{{define "main"}}<article><h1>{{.Title}}</h1><p>See
{{range .Sections}}{{.HTML}}
{{end}} and more.</p></article>{{end}}`
	inlineSection := `{{define "section"}}<span>{{.Title}}</span>{{end}}{{define "glance-row"}}{{end}}`
	// Rows and entries: in an attribute as well as in the page, printed
	// twice, not printed, and not one element.
	rowTitle := `{{define "main"}}<article>{{range .Glance}}<table title="{{.HTML}}">{{.HTML}}</table>{{end}}{{range .Sections}}{{.HTML}}{{end}}</article>{{end}}`
	rowTwice := `{{define "main"}}<article><ol>{{range .Sections}}{{.TOCHTML}}{{end}}</ol><ol>{{range .Sections}}{{.TOCHTML}}{{end}}</ol>{{range .Sections}}{{.HTML}}{{end}}</article>{{end}}`
	noRows := `{{define "main"}}<article>{{range .Sections}}{{.HTML}}{{end}}</article>{{end}}`
	sectionTitle := `{{define "main"}}<article>{{range .Sections}}<div title="{{.HTML}}">{{.HTML}}</div>{{end}}</article>{{end}}`
	// A section partial that prints nothing for one section, between
	// words of the page's own layout.
	emptyMain := `{{define "main"}}<p>before
{{range .Sections}}{{.HTML}}
{{end}}after</p>{{end}}`
	emptySection := `{{define "section"}}{{if .Processing}}<section>{{.Body}}</section>{{end}}{{end}}{{define "glance-row"}}{{end}}`
	twoItems := `{{define "main"}}<article><ol>
{{range .Sections}} {{.TOCHTML}} {{end}}
</ol>{{range .Sections}}{{.HTML}}{{end}}</article>{{end}}
{{define "toc-entry"}}<li>{{.Title}}</li> <li>again</li>{{end}}`
	for _, own := range []fstest.MapFS{nil, {"notice.html": {Data: []byte(twice)}}, {"notice.html": {Data: []byte(inline)}, "partials/section.html": {Data: []byte(inlineSection)}},
		{"notice.html": {Data: []byte(rowTitle)}}, {"notice.html": {Data: []byte(rowTwice)}}, {"notice.html": {Data: []byte(noRows)}}, {"notice.html": {Data: []byte(twoItems)}},
		{"notice.html": {Data: []byte(sectionTitle)}}, {"notice.html": {Data: []byte(emptyMain)}, "partials/section.html": {Data: []byte(emptySection)}}} {
		f := newFixture(t, false,
			section("general", sec("general", "en", "Run by {{ .Entity.Name }}.\n\n* one\n* two", 4, site.FrontMatter{Title: "General"})),
			section("newsletter", sec("newsletter", "en", "We   send   *news*.", 4, site.FrontMatter{Title: "Newsletter", Purposes: []string{"News"}, LegalBases: []string{"gdpr-6-1-a"}})))
		f.entity.Authority = &site.Authority{Name: site.Localized{"": "Commissioner <& Co>"}, Address: site.Localized{"": "Square 2\n10000 City"}, Email: "mail@authority.example", URL: "https://authority.example/"}
		mini := output.New(true)
		var ownFS fs.FS
		if own != nil {
			ownFS = own
		}
		plain, diags := f.renderer(ownFS, nil)
		if len(diags) != 0 {
			t.Fatal(diags)
		}
		minified, diags := f.renderer(ownFS, mini)
		if len(diags) != 0 {
			t.Fatal(diags)
		}
		whole, d := notice(plain, output.New(false), f.page("en"))
		if len(d) != 0 {
			t.Fatal(d)
		}
		want, err := mini.File("index.html", whole)
		if err != nil {
			t.Fatal(err)
		}
		parts, d := notice(minified, mini, f.page("en"))
		if len(d) != 0 {
			t.Fatal(d)
		}
		if !bytes.Equal(parts, want) {
			t.Errorf("own layout %v: minified by sections:\n%s\nwant, minified whole:\n%s", own, parts, want)
		}
		if bytes.Contains(parts, []byte("noticegen-")) {
			t.Errorf("a placeholder is left in the page:\n%s", parts)
		}
		if own == nil {
			// The built-in layouts print every section once, as one
			// element: the page comes as a frame with its fragments.
			// So do the entity's contacts and authority.
			var frame bytes.Buffer
			if page, _ := minified.Notice(&frame, f.page("en")); page == nil {
				t.Errorf("built-in layouts: the notice page came whole, not as a frame")
			}
			for _, mark := range []string{"<div id=noticegen-div-0>", "<section id=noticegen-section-2>"} {
				if !strings.Contains(frame.String(), mark) {
					t.Errorf("built-in layouts: the frame has no %s:\n%s", mark, frame.String())
				}
			}
			if !bytes.Contains(parts, []byte("<strong>Commissioner &lt;& Co></strong>")) {
				t.Errorf("the authority is missing from the page:\n%s", parts)
			}
		}
	}
}
