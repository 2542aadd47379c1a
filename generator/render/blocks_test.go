package render

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/internal/fingerprint"
	"github.com/noticegen/noticegen/generator/render/layout"
	"github.com/noticegen/noticegen/generator/site"
)

// Measures (Art. 30(1)(g)) are for records only: neither a section's nor
// an entity's own reach a page.
func TestMeasuresNeverPublished(t *testing.T) {
	meta := site.FrontMatter{Title: "S", LegalBases: []string{"gdpr-6-1-b"}, Measures: []string{"SECRET-FRONT-MEASURE"}}
	f := newFixture(t, false, section("s", sec("s", "en", "x\n", 4, meta)))
	f.entity.Sections = map[string]*site.Facts{"s": {
		Measures: []site.Localized{{"": "SECRET-OWN-MEASURE"}}, Retention: site.Localized{"": "own retention"},
		Given: map[string]bool{"measures": true, "retention": true},
	}}
	for _, lang := range []string{"en", "de"} {
		page := f.render(t, lang)
		if !strings.Contains(page, "own retention") {
			t.Fatalf("%s: the entity's own facts are not on its page", lang)
		}
		if strings.Contains(page, "SECRET-") {
			t.Errorf("%s page shows measures", lang)
		}
	}
}

// A section whose entity has facts of its own is that entity's alone: the
// other entity's page, rendered by the same renderer before and after it,
// shows the section's front matter.
func TestOwnFactsNotShared(t *testing.T) {
	meta := site.FrontMatter{Title: "Jobs", LegalBases: []string{"gdpr-6-1-b"}, Retention: "6 months"}
	for _, ownFirst := range []bool{false, true} {
		f := newFixture(t, false, section("jobs", sec("jobs", "en", "Text.\n", 4, meta)))
		other := *f.entity
		other.ID, other.Source = "other", site.Source{Path: "content/entities/other.toml", Text: []byte("other")}
		f.entity.Source.Text = []byte("acme")
		f.entity.Sections = map[string]*site.Facts{"jobs": {
			LegalBases: []string{"bdsg-26"}, Retention: site.Localized{"en": "OWN 2 years"},
			Given: map[string]bool{"legalBases": true, "retention": true},
		}}
		f.site.Entities = append(f.site.Entities, &other)
		render := func(e *site.Entity) string {
			p := &compose.Page{Entity: e, Notice: f.notice, Lang: "en", Parts: compose.Parts(f.site, e, f.notice, "en")}
			var out bytes.Buffer
			if _, diags := f.r.Notice(&out, p); len(diags) != 0 {
				t.Fatal(diags)
			}
			return out.String()
		}
		var own, plain string
		if ownFirst {
			own, plain = render(f.entity), render(&other)
		} else {
			plain, own = render(&other), render(f.entity)
		}
		if !strings.Contains(own, "OWN 2 years") || !strings.Contains(own, "§ 26 BDSG") || strings.Contains(own, "6 months") {
			t.Errorf("ownFirst=%v: the entity's page does not show its own facts (row and key facts)", ownFirst)
		}
		if strings.Contains(plain, "OWN") || strings.Contains(plain, "§ 26 BDSG") || !strings.Contains(plain, "6 months") {
			t.Errorf("ownFirst=%v: another entity's page shows the entity's own facts", ownFirst)
		}
	}
}

// A body names providers through .Providers, as text, and is still
// rendered once for every entity.
func TestBodyProvidersOnPage(t *testing.T) {
	body := "Hosted by {{ .Providers.hoster.Name }} ({{ (index .Providers \"hoster\").Country }}).\n"
	f := newFixture(t, false, section("hosting", sec("hosting", "en", body, 4, site.FrontMatter{Title: "Hosting"})))
	f.site.Providers = testProviders()
	f.site.Providers[1].Name = site.Localized{"": "<img src=x onerror=alert(1)> *Hoster*"}
	f.r, f.diags = f.renderer(nil, nil)
	tests := []struct{ lang, want string }{
		{"en", "Hosted by &lt;img src=x onerror=alert(1)&gt; *Hoster* (Germany)."},
		{"de", "Hosted by &lt;img src=x onerror=alert(1)&gt; *Hoster* (Deutschland)."},
	}
	for _, tt := range tests {
		b := sectionBody(t, f.render(t, tt.lang), "hosting")
		if !strings.Contains(b, tt.want) || strings.Contains(b, "<img") || strings.Contains(b, "<em>") {
			t.Errorf("%s body = %q, want it to contain %q as text", tt.lang, b, tt.want)
		}
	}
}

func TestControllerAndDPOBlocks(t *testing.T) {
	f := newFixture(t, false, section("s", sec("s", "en", "x\n", 4, site.FrontMatter{Title: "S"})))
	e := f.entity
	e.Country = "CH"
	e.DPO = &site.DPO{None: site.Localized{"en": "Not required (Art. 37 GDPR).", "de": "Nicht erforderlich (Art. 37 DSGVO)."}}
	e.Representative = &site.Representative{Name: site.Localized{"": "Rep GmbH"}, Address: site.Localized{"": "Repweg 1\nBerlin"}, Email: "rep@rep.example"}
	e.JointControllers = []site.JointController{{Name: site.Localized{"": "Partner AG"}, Email: "p@partner.example",
		Arrangement: site.Localized{"en": "We answer your requests.", "de": "Wir beantworten Ihre Anfragen."}}}
	e.Authority = &site.Authority{Name: site.Localized{"": "EDÖB"}, URL: "https://edoeb.example", Address: site.Localized{"": "Feldeggweg 1\nBern"},
		Email: "info@edoeb.example", Phone: "+41 58 462 43 95"}
	f.notice.AutomatedDecisions = site.Localized{"en": "We make no automated decisions.", "de": "Wir treffen keine automatisierten Entscheidungen."}
	tests := []struct {
		lang   string
		want   []string
		absent []string
	}{
		{"en", []string{
			`<span class="label">Country:</span> Switzerland`,
			"<p>Our representative in the Union (Art. 27 GDPR) is:</p>\n<address class=\"contact\">\n<strong class=\"contact-name\">Rep GmbH</strong><br>Repweg 1<br>Berlin<br>",
			`<a href="mailto:rep@rep.example">`,
			"<strong class=\"contact-name\">Partner AG</strong>",
			`<p><span class="label">The essence of our arrangement:</span> We answer your requests.</p>`,
			"This company has not appointed a data protection officer. The reason: “Not required (Art. 37 GDPR).”", // the entity's words, in quotation marks
			`<strong>EDÖB</strong><br>Feldeggweg 1<br>Bern<br><span class="label">Email:</span> <a href="mailto:info@edoeb.example">info@edoeb.example</a><br><span class="label">Phone:</span> <a href="tel:&#43;41584624395">`,
			`<li><a href="#automated-decisions">Automated decision-making</a></li>`,
			"<p>We make no automated decisions.</p>",
		}, []string{"dpoLead", "You can reach our data protection officer"}},
		{"de", []string{
			`<span class="label">Land:</span> Schweiz`,
			"Unser Vertreter in der Union (Art. 27 DSGVO) ist:",
			"Das Wesentliche unserer Vereinbarung:</span> Wir beantworten Ihre Anfragen.",
			"Der Grund: „Nicht erforderlich (Art. 37 DSGVO).“",
			"Automatisierte Entscheidungsfindung",
		}, nil},
	}
	for _, tt := range tests {
		page := f.render(t, tt.lang)
		for _, w := range tt.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s page does not contain %q", tt.lang, w)
			}
		}
		for _, w := range tt.absent {
			if strings.Contains(page, w) {
				t.Errorf("%s page contains %q", tt.lang, w)
			}
		}
		seen := map[string]bool{}
		for _, m := range regexp.MustCompile(` id="([^"]*)"`).FindAllStringSubmatch(page, -1) {
			if seen[m[1]] {
				t.Errorf("%s: id %q appears twice", tt.lang, m[1])
			}
			seen[m[1]] = true
		}
	}
}

// Each processing section's key facts show data subjects, the
// requirement and the source when the front matter gives them; own
// cookies of a section shown in the fallback language carry its lang.
func TestArt13KeyFacts(t *testing.T) {
	meta := site.FrontMatter{Title: "S", LegalBases: []string{"gdpr-6-1-b"}, DataSubjects: []string{"Applicants"},
		Requirement: "Voluntary.", SourceOfData: "Job boards.",
		Cookies: []site.Cookie{{Name: "c", Category: "necessary", Purpose: site.Localized{"": "Session"}, Duration: site.Localized{"": "1 day"}}}}
	f := newFixture(t, false, section("s", sec("s", "en", "x\n", 4, meta)))
	tests := []struct {
		lang string
		want []string
	}{
		{"en", []string{"<dt>Data subjects</dt><dd>Applicants</dd>", "<dt>Obligation to provide the data</dt><dd>Voluntary.</dd>", "<dt>Source of the data</dt><dd>Job boards.</dd>",
			`<td data-label="Provider">This website</td><td data-label="Purpose">Session</td>`}},
		{"de", []string{`<dt>Betroffene Personen</dt><dd lang="en">Applicants</dd>`, `<dt>Pflicht zur Bereitstellung der Daten</dt><dd lang="en">Voluntary.</dd>`,
			`<dt>Herkunft der Daten</dt><dd lang="en">Job boards.</dd>`, `<td data-label="Anbieter">Diese Website</td><td data-label="Zweck" lang="en">Session</td><td data-label="Speicherdauer" lang="en">1 day</td>`}},
	}
	for _, tt := range tests {
		page := f.render(t, tt.lang)
		for _, w := range tt.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s page does not contain %q", tt.lang, w)
			}
		}
	}
}

// serve's next build after an edit of a provider's file shows the edit:
// providers are part of what every section is keyed by.
func TestProviderEditRendersAgain(t *testing.T) {
	meta := site.FrontMatter{Title: "Hosting", LegalBases: []string{"gdpr-6-1-f"}, Providers: []string{"hoster"}}
	f := newFixture(t, false, section("hosting", sec("hosting", "en", "By {{ .Providers.hoster.Name }}.\n", 4, meta)))
	f.site.Providers = testProviders()
	memo, h := NewMemo(), fingerprint.NewHasher()
	ls, _ := layout.Load(os.DirFS("../../layouts"), nil)
	for _, name := range []string{"Old Name GmbH", "New Name GmbH"} {
		p := f.site.Providers[1]
		p.Name, p.Source = site.Localized{"": name}, site.Source{Path: "content/providers/hoster.toml", Text: []byte(name)}
		r, diags := New(f.site, f.cat, ls, Options{Memo: memo, Inputs: fingerprint.ForSite(h, f.site, ls.Files())})
		if len(diags) != 0 {
			t.Fatal(diags)
		}
		var out bytes.Buffer
		if _, diags := r.Notice(&out, f.page("en")); len(diags) != 0 {
			t.Fatal(diags)
		}
		if got := out.String(); !strings.Contains(got, "By "+name) || !strings.Contains(got, "<li>"+name+" (processor") {
			t.Errorf("page after the provider is named %q shows another name in the body or key facts", name)
		}
		memo.Sweep()
	}
}

// TestContactsBlockPerEntity: the controller and DPO block is rendered
// once per entity and language and shown on each of the entity's notices;
// the template sees nothing of the notice, and a site's own notice.html
// without "contacts" keeps its own block.
func TestContactsBlockPerEntity(t *testing.T) {
	f := newFixture(t, false, section("s", sec("s", "en", "x\n", 4, site.FrontMatter{Title: "S"})))
	second := &site.Notice{ID: "applicants", Source: site.Source{Path: "content/notices/applicants.toml"}, Title: site.Localized{"en": "Applicants"}, Sections: f.notice.Sections}
	f.site.Notices = append(f.site.Notices, second)
	f.entity.Notices = append(f.entity.Notices, second.ID)
	pageOf := func(r *Renderer, n *site.Notice, lang string) string {
		t.Helper()
		var out bytes.Buffer
		p := &compose.Page{Entity: f.entity, Notice: n, Lang: lang, Parts: compose.Parts(f.site, f.entity, n, lang)}
		if _, diags := r.Notice(&out, p); len(diags) != 0 {
			t.Fatalf("Notice(%s, %s): %v", n.ID, lang, diags)
		}
		return out.String()
	}
	block := regexp.MustCompile(`(?s)<div class="contacts">.*?</section>\n</div>`)
	website, applicants := block.FindString(pageOf(f.r, f.notice, "en")), block.FindString(pageOf(f.r, second, "en"))
	if website == "" || website != applicants {
		t.Errorf("the contacts block differs between two notices of one entity:\n%s\n---\n%s", website, applicants)
	}
	if de := block.FindString(pageOf(f.r, f.notice, "de")); !strings.Contains(de, "Verantwortlicher") || strings.Contains(de, "Controller</h2>") {
		t.Errorf("the German page shows the block of another language:\n%s", de)
	}

	// A "contacts" of the site's own that reads the notice gets nothing.
	nosy := `{{define "main"}}{{.ContactsHTML}}{{end}}{{define "contacts"}}<div class="contacts">[{{.Title}}|{{.Root}}|{{.Entity.Email}}|{{.Lang}}]</div>{{end}}`
	r, diags := f.renderer(fstest.MapFS{"notice.html": {Data: []byte(nosy)}}, nil)
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	if got := pageOf(r, f.notice, "en"); !strings.Contains(got, `<div class="contacts">[||privacy@acme.example|en]</div>`) {
		t.Errorf("contacts saw more than the entity and language:\n%s", got)
	}

	// A notice.html of the site's own from before "contacts" existed.
	inline := `{{define "main"}}<p>{{.Entity.Email}}</p>[{{.ContactsHTML}}]{{end}}`
	r, diags = f.renderer(fstest.MapFS{"notice.html": {Data: []byte(inline)}}, nil)
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	if got := pageOf(r, f.notice, "en"); !strings.Contains(got, "<p>privacy@acme.example</p>[]") {
		t.Errorf("own notice layout without contacts:\n%s", got)
	}
}
