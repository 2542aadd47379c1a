package render

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/render/view"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// testProviders are a processor in the US with a cookie and DPF, one in
// Germany, and a joint controller in Ireland.
func testProviders() []*site.Provider {
	return []*site.Provider{
		{ID: "analytics", Name: site.Localized{"": "Tracker Inc."}, Role: "processor", Country: "US",
			Safeguards: []string{"dpf", "scc"}, PrivacyPolicy: site.Localized{"en": "https://tracker.example/privacy", "de": "https://tracker.example/datenschutz"},
			Cookies: []site.Cookie{{Name: "_tr", Category: "statistics",
				Purpose: site.Localized{"en": "Counts visits", "de": "Zählt Besuche"}, Duration: site.Localized{"en": "2 years", "de": "2 Jahre"}}}},
		{ID: "hoster", Name: site.Localized{"": "Hoster GmbH"}, Role: "processor", Country: "DE",
			PrivacyPolicy: site.Localized{"": "https://hoster.example/privacy"}},
		{ID: "social", Name: site.Localized{"en": "Social Ltd", "de": "Social Ltd (DE)"}, Role: "joint-controller", Country: "IE",
			Safeguards: []string{"scc"}},
	}
}

// withProviders gives f's site the test providers and a renderer that
// knows them.
func (f *fixture) withProviders(t *testing.T) *fixture {
	t.Helper()
	f.site.Providers = testProviders()
	f.r, f.diags = f.renderer(nil, nil)
	return f
}

func TestDerivedFacts(t *testing.T) {
	tests := []struct {
		name              string
		lang              string
		meta              site.FrontMatter
		recipients        []string
		countries, guards []string
		providers         []view.ProviderView
	}{
		{"own only", "en", site.FrontMatter{Recipients: []string{"IT"}, ThirdCountries: []string{"CH"}, Safeguards: []string{"adequacy"}},
			[]string{"IT"}, []string{"Switzerland"}, []string{"Adequacy decision of the European Commission (Art. 45 GDPR)"}, nil},
		{"own first, then providers', each once, EEA countries left out", "en",
			site.FrontMatter{Recipients: []string{"IT", "Hoster GmbH"}, ThirdCountries: []string{"US"}, Safeguards: []string{"scc"},
				Providers: []string{"hoster", "analytics", "social", "nope", "analytics"}},
			[]string{"IT", "Hoster GmbH", "Tracker Inc.", "Social Ltd"}, []string{"United States"},
			[]string{"Standard contractual clauses (Art. 46(2)(c) GDPR)", "EU-U.S. Data Privacy Framework (Art. 45 GDPR)"},
			[]view.ProviderView{
				{ID: "hoster", Name: "Hoster GmbH", Role: "processor", Country: "Germany", PrivacyPolicy: "https://hoster.example/privacy"},
				{ID: "analytics", Name: "Tracker Inc.", Role: "processor", Country: "United States", PrivacyPolicy: "https://tracker.example/privacy",
					Safeguards: []string{"EU-U.S. Data Privacy Framework (Art. 45 GDPR)", "Standard contractual clauses (Art. 46(2)(c) GDPR)"}},
				{ID: "social", Name: "Social Ltd", Role: "joint controller", Country: "Ireland", Safeguards: []string{"Standard contractual clauses (Art. 46(2)(c) GDPR)"}},
			}},
		{"in the page's language", "de", site.FrontMatter{Providers: []string{"analytics", "social"}},
			[]string{"Tracker Inc.", "Social Ltd (DE)"}, []string{"Vereinigte Staaten"},
			[]string{"EU-US Data Privacy Framework (Art. 45 DSGVO)", "Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO)"},
			[]view.ProviderView{
				{ID: "analytics", Name: "Tracker Inc.", Role: "Auftragsverarbeiter", Country: "Vereinigte Staaten", PrivacyPolicy: "https://tracker.example/datenschutz",
					Safeguards: []string{"EU-US Data Privacy Framework (Art. 45 DSGVO)", "Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO)"}},
				{ID: "social", Name: "Social Ltd (DE)", Role: "gemeinsam Verantwortlicher", Country: "Irland", Safeguards: []string{"Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO)"}},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.meta.Title, tt.meta.LegalBases = "S", []string{"gdpr-6-1-b"}
			file := sec("s", "en", "x\n", 4, tt.meta)
			f := newFixture(t, false, section("s", file)).withProviders(t)
			sv, diags := f.r.facts(compose.Part{Section: f.site.Sections[0], File: file, Facts: &tt.meta}, tt.lang)
			if len(diags) != 0 {
				t.Fatal(diags)
			}
			check := func(what string, got, want []string) {
				if !slices.Equal(got, want) {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			check("recipients", sv.Recipients, tt.recipients)
			check("third countries", sv.ThirdCountries, tt.countries)
			check("safeguards", sv.Safeguards, tt.guards)
			if len(sv.Providers) != len(tt.providers) {
				t.Fatalf("providers = %+v, want %+v", sv.Providers, tt.providers)
			}
			for i := range sv.Providers {
				g, w := sv.Providers[i], tt.providers[i]
				if g.ID != w.ID || g.Name != w.Name || g.Role != w.Role || g.Country != w.Country || g.PrivacyPolicy != w.PrivacyPolicy || !slices.Equal(g.Safeguards, w.Safeguards) {
					t.Errorf("provider %d = %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

// The glance row's third countries follow the providers, and the key
// facts list each provider with its policy link.
func TestProviderKeyFacts(t *testing.T) {
	meta := site.FrontMatter{Title: "Analytics", LegalBases: []string{"gdpr-6-1-a"}, Providers: []string{"analytics"}}
	f := newFixture(t, false, section("analytics", sec("analytics", "en", "x\n", 4, meta))).withProviders(t)
	tests := []struct {
		lang string
		want []string
	}{
		{"en", []string{
			`<td data-label="Third countries">United States</td>`, // the glance row
			`<dt>Providers</dt><dd><ul class="plain"><li>Tracker Inc. (processor, United States)<br>Safeguards: EU-U.S. Data Privacy Framework (Art. 45 GDPR); Standard contractual clauses (Art. 46(2)(c) GDPR)<br><a href="https://tracker.example/privacy">Privacy policy of Tracker Inc.</a></li></ul></dd>`,
			`<dt>Recipients</dt><dd>Tracker Inc.</dd>`,
		}},
		{"de", []string{
			`<td data-label="Drittländer">Vereinigte Staaten</td>`,
			`<li>Tracker Inc. (Auftragsverarbeiter, Vereinigte Staaten)<br>Garantien: EU-US Data Privacy Framework (Art. 45 DSGVO)`,
			`<a href="https://tracker.example/datenschutz">Datenschutzerklärung von Tracker Inc.</a>`,
		}},
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

// TestCookieTable compares a section's cookie table, and its entry in the
// table of contents, in each language with testdata/cookies.<lang>.html
// (go test ./generator/render -run CookieTable -update rewrites them).
func TestCookieTable(t *testing.T) {
	cookie := site.Cookie{Name: "consent", Category: "necessary", Purpose: site.Localized{"": "Remembers your choice"}, Duration: site.Localized{"": "1 year"}}
	en := site.FrontMatter{Title: "Cookies", LegalBases: []string{"gdpr-6-1-a"}, Providers: []string{"analytics"}, Cookies: []site.Cookie{cookie}}
	de := en
	de.Title = "Cookies"
	de.Cookies = []site.Cookie{{Name: "consent", Category: "necessary", Purpose: site.Localized{"": "Speichert Ihre Wahl"}, Duration: site.Localized{"": "1 Jahr"}}}
	f := newFixture(t, false, section("cookies", sec("cookies", "en", "Text.\n", 4, en), sec("cookies", "de", "Text.\n", 4, de))).withProviders(t)
	for _, lang := range []string{"en", "de"} {
		t.Run(lang, func(t *testing.T) {
			page := f.render(t, lang)
			toc := regexp.MustCompile(`<li><a href="#cookies">.*</li>`).FindString(page)
			i := strings.Index(page, `<h3 id="cookies__cookies"`)
			j := strings.Index(page[max(i, 0):], "</table>\n</div>") + max(i, 0)
			if toc == "" || i < 0 || j < i {
				t.Fatalf("no cookie table or contents entry in:\n%s", page)
			}
			got := toc + "\n" + page[i:j+len("</table>\n</div>")] + "\n"
			golden := filepath.Join("testdata", "cookies."+lang+".html")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("cookie table differs from %s (run with -update and review the diff):\ngot:\n%s\nwant:\n%s", golden, got, want)
			}
		})
	}
}

// A section without cookies has no table and no contents entry for one.
func TestNoCookieTable(t *testing.T) {
	meta := site.FrontMatter{Title: "Hosting", LegalBases: []string{"gdpr-6-1-f"}, Providers: []string{"hoster"}}
	f := newFixture(t, false, section("hosting", sec("hosting", "en", "x\n", 4, meta))).withProviders(t)
	if page := f.render(t, "en"); strings.Contains(page, "__cookies") || strings.Contains(page, "<table class=\"cookies\"") {
		t.Errorf("page has a cookie table without cookies:\n%s", page)
	}
}

// Every role and cookie category the loader accepts has a label in the
// built-in languages: a missing one would print its id in the key facts.
func TestRoleAndCategoryLabels(t *testing.T) {
	f := newFixture(t, false)
	sameInGerman := map[string]bool{vocab.CookieCategoryPrefix + vocab.CookieMarketing: true}
	var ids []string
	for _, r := range vocab.Roles() {
		ids = append(ids, vocab.RolePrefix+r)
	}
	for _, c := range vocab.CookieCategories() {
		ids = append(ids, vocab.CookieCategoryPrefix+c)
	}
	for _, id := range ids {
		en, err1 := f.cat.T("en", id, nil)
		de, err2 := f.cat.T("de", id, nil)
		if err1 != nil || err2 != nil || en == id || de == id || en == "" {
			t.Errorf("%s: en %q (%v), de %q (%v); want a label in each", id, en, err1, de, err2)
		}
		if de == en && !sameInGerman[id] {
			t.Errorf("%s: de label %q is the English one; want it in i18n/de.toml", id, de)
		}
	}
}
