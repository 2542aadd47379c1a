package activity

import (
	"slices"
	"testing"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/site"
)

func TestOf(t *testing.T) {
	s := &site.Site{Config: site.Config{DefaultLanguage: "en"}, Providers: []*site.Provider{
		{ID: "zoom", Name: site.Localized{"en": "Zoom Inc.", "de": "Zoom Inc. (US)"}, Role: "processor", Country: "US", Safeguards: []string{"dpf", "scc"}},
		{ID: "hetzner", Name: site.Localized{"en": "Hetzner"}, Role: "processor", Country: "DE"},
	}}
	tests := []struct {
		name                              string
		meta                              site.FrontMatter
		lang                              string
		recipients, countries, safeguards []string
		providers                         []string
	}{
		{"own facts only", site.FrontMatter{Recipients: []string{"IT"}, ThirdCountries: []string{"CH"}, Safeguards: []string{"adequacy"}}, "en",
			[]string{"IT"}, []string{"CH"}, []string{"adequacy"}, nil},
		{"providers add theirs once, EEA countries left out", site.FrontMatter{Safeguards: []string{"scc"}, Providers: []string{"zoom", "hetzner", "zoom", "unknown"}}, "en",
			[]string{"Zoom Inc.", "Hetzner"}, []string{"US"}, []string{"scc", "dpf"}, []string{"zoom", "hetzner"}},
		{"provider names in the page's language, else the default", site.FrontMatter{Providers: []string{"zoom", "hetzner"}}, "de",
			[]string{"Zoom Inc. (US)", "Hetzner"}, []string{"US"}, []string{"dpf", "scc"}, []string{"zoom", "hetzner"}},
	}
	r := NewResolver(s)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.meta
			part := compose.Part{Section: &site.Section{ID: "x"}, File: &site.SectionFile{Path: "content/sections/x.en.md", Lang: "en"}, Facts: &m}
			a := r.Of(part, tt.lang)
			var ids []string
			for _, p := range a.Providers {
				ids = append(ids, p.ID)
			}
			if !slices.Equal(a.Recipients, tt.recipients) || !slices.Equal(a.ThirdCountries, tt.countries) ||
				!slices.Equal(a.Safeguards, tt.safeguards) || !slices.Equal(ids, tt.providers) {
				t.Errorf("Of = recipients %q countries %q safeguards %q providers %q; want %q %q %q %q",
					a.Recipients, a.ThirdCountries, a.Safeguards, ids, tt.recipients, tt.countries, tt.safeguards, tt.providers)
			}
			if len(m.Recipients) > 0 && &a.Recipients[0] == &m.Recipients[0] {
				t.Error("Of shares the front matter's recipients slice; appending would change the section's facts")
			}
		})
	}
}
