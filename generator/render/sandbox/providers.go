package sandbox

import (
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/site"
)

// Provider is a provider of content/providers/ as a section body sees it
// ({{ .Providers.zoom.Name }}, {{ (index .Providers "cloud-flare").Name }}):
// every text resolved to the page's language, the country by name.
type Provider struct {
	ID            string
	Name          string
	Role          string // the role's label in the page's language
	Address       string
	Country       string // the country's name in the page's language
	CountryCode   string // ISO 3166-1 alpha-2, as the provider's file has it
	Website       string
	PrivacyPolicy string
}

// Providers resolves every provider of s to lang, by id. role gives the
// label of a role code in lang; nil leaves the code. A body reads all of
// them, whichever the section names, so what it prints depends on the
// providers' files only, never on the entity: the map is the same on every
// page of one language.
func Providers(s *site.Site, lang string, role func(code string) string) map[string]*Provider {
	def := s.Config.DefaultLanguage
	m := make(map[string]*Provider, len(s.Providers))
	for _, p := range s.Providers {
		v := &Provider{
			ID: p.ID, Name: p.Name.Get(lang, def), Role: p.Role, Address: p.Address.Get(lang, def),
			CountryCode: p.Country, Website: p.Website, PrivacyPolicy: p.PrivacyPolicy.Get(lang, def),
		}
		if p.Country != "" {
			v.Country = locale.CountryName(lang, p.Country)
		}
		if role != nil && p.Role != "" {
			v.Role = role(p.Role)
		}
		m[p.ID] = v
	}
	return m
}
