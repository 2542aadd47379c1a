package check

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
)

// The sites here are built by hand (Facts.Given set as the loader sets
// it), so that each case changes one fact of one clean site and states
// exactly where its finding lands; testdata/check has the same rules end
// to end.

var today = time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)

const entityText = `name = "Acme GmbH"
address = "Hauptstraße 1, 10115 Berlin"
email = "privacy@acme.example"
notices = ["website"]

[dpo]
email = "dpo@acme.example"

[sections."analytics"]
legalBases = ["gdpr-6-1-f"]
providers = ["tracker"]
`

// handSite is a site of one entity, one notice and one section in en,
// with every rule satisfied; edit changes it before it is composed.
func handSite(edit func(s *site.Site)) (*site.Site, []*compose.Page) {
	front := "+++\ntitle = \"Analytics\"\npurposes = [\"Reach\"]\nlegalBases = [\"gdpr-6-1-a\"]\nretention = \"13 months.\"\nrecipients = [\"Analytics provider (processor)\"]\nrequirement = \"Voluntary.\"\nproviders = [\"tracker\"]\n+++\n"
	sf := &site.SectionFile{ID: "analytics", Lang: "en", Path: "content/sections/analytics.en.md",
		Front: site.Source{Path: "content/sections/analytics.en.md", Text: []byte(front[4 : len(front)-4]), LineOffset: 1},
		Meta: site.FrontMatter{Title: "Analytics", Purposes: []string{"Reach"}, LegalBases: []string{vocab.LegalBasisConsent},
			Retention: "13 months.", Recipients: []string{"Analytics provider (processor)"}, Requirement: "Voluntary.", Providers: []string{"tracker"}, Covers: vocab.Rights()}}
	s := &site.Site{
		Config: site.Config{DefaultLanguage: "en", Languages: []string{"en"}},
		Source: site.Source{Path: "site.toml"},
		Entities: []*site.Entity{{ID: "acme", Source: site.Source{Path: "content/entities/acme.toml", Text: []byte(entityText)},
			Name: site.Localized{"en": "Acme GmbH"}, Address: site.Localized{"en": "Hauptstraße 1"}, Email: "privacy@acme.example",
			Notices: []string{"website"}, DPO: &site.DPO{Email: "dpo@acme.example"}}},
		Notices: []*site.Notice{{ID: "website", Source: site.Source{Path: "content/notices/website.toml", Text: []byte("sections = [\"analytics\"]\n")},
			Sections: []string{"analytics"}, AutomatedDecisions: site.Localized{"en": "None."}}},
		Sections: []*site.Section{{ID: "analytics", Translations: map[string]*site.SectionFile{"en": sf}}},
		Providers: []*site.Provider{{ID: "tracker", Source: site.Source{Path: "content/providers/tracker.toml", Text: []byte("name = \"Tracker Inc.\"\ncountry = \"US\"\nsafeguards = [\"scc\"]\n\n[dpf]\nurl = \"https://www.dataprivacyframework.gov/list\"\nchecked = 2026-06-01\n")},
			Name: site.Localized{"en": "Tracker Inc."}, Country: "US", Safeguards: []string{vocab.SafeguardSCC},
			DPF:     &site.DPF{URL: "https://www.dataprivacyframework.gov/list", Checked: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)},
			Cookies: []site.Cookie{{Name: "_tr", Category: vocab.CookieStatistics}}}},
	}
	if edit != nil {
		edit(s)
	}
	return s, compose.Site(s)
}

// own gives entity acme its own facts for the analytics section, as its
// file's [sections."analytics"] table does.
func own(s *site.Site, f *site.Facts) {
	s.Entities[0].Sections = map[string]*site.Facts{"analytics": f}
}

func findings(ds diag.List) []string {
	var got []string
	for _, d := range ds.Sorted() {
		got = append(got, fmt.Sprintf("%s:%d:%d %s [%s]", d.File, d.Line, d.Col, d.Severity, d.Rule))
	}
	return got
}

// TestHandRules runs the rules of providers, cookies, the DPO's none and
// an entity's own facts on sites built by hand, failing and passing.
func TestHandRules(t *testing.T) {
	const (
		prov   = "content/providers/tracker.toml"
		sec    = "content/sections/analytics.en.md"
		entity = "content/entities/acme.toml"
	)
	for _, tc := range []struct {
		name string
		edit func(s *site.Site)
		want []string
	}{
		{"clean", nil, nil},
		{"provider in the US with a dpf entry and no safeguards", func(s *site.Site) { s.Providers[0].Safeguards = nil }, nil},
		{"provider in the US without dpf or safeguards", func(s *site.Site) { s.Providers[0].Safeguards, s.Providers[0].DPF = nil, nil },
			[]string{prov + ":2:1 error [provider-safeguards]"}},
		{"provider in India without safeguards", func(s *site.Site) { s.Providers[0].Country, s.Providers[0].Safeguards = "IN", nil },
			[]string{prov + ":2:1 error [provider-safeguards]"}},
		{"provider in India with SCC", func(s *site.Site) { s.Providers[0].Country = "IN" }, nil},
		{"provider in Germany without safeguards", func(s *site.Site) { s.Providers[0].Country, s.Providers[0].Safeguards = "DE", nil }, nil},
		{"provider in Japan without safeguards", func(s *site.Site) { s.Providers[0].Country, s.Providers[0].Safeguards = "jp", nil }, nil},
		{"dpf checked 13 months ago", func(s *site.Site) { s.Providers[0].DPF.Checked = today.AddDate(0, -13, 0) },
			[]string{prov + ":7:1 warning [provider-dpf-stale]"}},
		{"dpf checked 12 months ago to the day", func(s *site.Site) { s.Providers[0].DPF.Checked = today.AddDate(-1, 0, 0) }, nil},
		{"analytics cookie of a provider without consent", func(s *site.Site) {
			s.Sections[0].Translations["en"].Meta.LegalBases = []string{vocab.LegalBasisLegitimateInterest}
			s.Sections[0].Translations["en"].Meta.LegitimateInterest = "Reach."
		}, []string{sec + ":4:1 error [cookie-consent]"}},
		{"own cookie without consent", func(s *site.Site) {
			m := &s.Sections[0].Translations["en"].Meta
			m.LegalBases, m.LegitimateInterest, m.Providers = []string{vocab.LegalBasisContract}, "", nil
			m.Cookies = []site.Cookie{{Name: "pref", Category: vocab.CookiePreferences}}
			s.Providers = nil
		}, []string{sec + ":4:1 error [cookie-consent]"}},
		{"necessary cookies need no consent", func(s *site.Site) {
			s.Sections[0].Translations["en"].Meta.LegalBases = []string{vocab.LegalBasisContract}
			s.Providers[0].Cookies[0].Category = vocab.CookieNecessary
		}, nil},
		{"a site's own consent basis", func(s *site.Site) {
			s.Sections[0].Translations["en"].Meta.LegalBases = []string{"tkg-165-3"}
			s.Config.ConsentBases = []string{"tkg-165-3"}
		}, nil},
		{"a site's own code is no consent unless declared", func(s *site.Site) {
			s.Sections[0].Translations["en"].Meta.LegalBases = []string{"tkg-165-3"}
		}, []string{sec + ":4:1 error [cookie-consent]"}},
		{"tdddg-25-1 is consent without consentBases", func(s *site.Site) {
			s.Sections[0].Translations["en"].Meta.LegalBases = []string{vocab.LegalBasisTerminalConsent}
		}, nil},
		{"unused provider", func(s *site.Site) { s.Sections[0].Translations["en"].Meta.Providers = nil },
			[]string{prov + ":1:1 warning [unused-provider]"}},
		{"provider named by a misspelt id is not reported unused", func(s *site.Site) {
			s.Sections[0].Translations["en"].Meta.Providers = []string{"trackr"}
		}, nil},
		{"entity's own legal basis drops consent: found at its line", func(s *site.Site) {
			own(s, &site.Facts{LegalBases: []string{vocab.LegalBasisLegitimateInterest}, Given: map[string]bool{"legalBases": true}})
		}, []string{entity + ":10:1 error [cookie-consent]", entity + ":10:15 error [gdpr-13-1-d]"}},
		{"entity's own empty recipients and providers: found at its line", func(s *site.Site) {
			own(s, &site.Facts{Given: map[string]bool{"recipients": true, "providers": true}})
		}, []string{entity + ":9:1 warning [gdpr-13-1-e]", "content/providers/tracker.toml:1:1 warning [unused-provider]"}},
		{"entity's own providers name the only use of a provider", func(s *site.Site) {
			s.Sections[0].Translations["en"].Meta.Providers = nil
			own(s, &site.Facts{Providers: []string{"tracker"}, Given: map[string]bool{"providers": true}})
		}, nil},
		{"section's gap filled by the entity's own fact", func(s *site.Site) {
			s.Sections[0].Translations["en"].Meta.Retention = ""
			own(s, &site.Facts{Retention: site.Localized{"en": "13 months."}, Given: map[string]bool{"retention": true}})
		}, nil},
		{"dpo none states a reason", func(s *site.Site) {
			s.Entities[0].DPO = &site.DPO{None: site.Localized{"en": "Not required (Art. 37 GDPR)."}}
		}, nil},
		{"dpo none blank", func(s *site.Site) { s.Entities[0].DPO = &site.DPO{None: site.Localized{"en": " "}} },
			[]string{entity + ":6:1 error [gdpr-13-1-b]"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, pages := handSite(tc.edit)
			got := findings(Run(s, pages, Options{Now: func() time.Time { return today }}))
			if !slices.Equal(got, tc.want) {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
