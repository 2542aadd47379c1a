// Package activity states what one section of a composed page says about a
// processing activity, as facts: its merged front matter (compose.Part.Facts)
// together with the providers it names, with codes where the law has codes
// (legal bases, countries, safeguards, roles) and text in the language of
// the section file shown. The notice page, the records of processing and the
// JSON-LD twin all read a section's facts from here, so that the three can
// never say different things.
package activity

import (
	"slices"
	"time"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
)

// Activity is one section's facts on one page.
type Activity struct {
	// ID is the section's id, e.g. "conferencing/zoom"; File the section
	// file whose text the facts come from, in language Lang.
	ID, File, Lang string
	Title          string
	// Processing is true when the section describes a processing activity
	// (it names a legal basis) rather than giving information only.
	Processing         bool
	Purposes           []string
	LegalBases         []string // codes: gdpr-6-1-a, bdsg-26, a site's own
	LegitimateInterest string
	DataSubjects       []string
	DataCategories     []string
	// Recipients are the section's own recipients, then the name of each
	// provider not named yet.
	Recipients []string
	Providers  []Provider
	// ThirdCountries are ISO 3166-1 alpha-2 codes: the section's own, then
	// those of its providers outside the EEA, each once.
	ThirdCountries []string
	// Safeguards are codes (vocab.Safeguards): the section's own, then its
	// providers', each once.
	Safeguards  []string
	Retention   string
	Requirement string
	Source      string
	Covers      []string // data-subject rights the section explains
	// Measures are the technical and organisational measures (Art.
	// 30(1)(g)): for records only, never published.
	Measures []string
	Updated  time.Time
	// Own is true when the entity has facts of its own for the section.
	Own bool
}

// Provider is a provider a section names, with its texts in one language.
type Provider struct {
	ID                     string
	Name, Address          string
	Role                   string // vocab.Roles()
	Country                string // ISO 3166-1 alpha-2, "" when not stated
	Website, PrivacyPolicy string
	Safeguards             []string
	// Site is the provider as loaded, for what a caller needs beyond this
	// (its cookies, its DPF entry).
	Site *site.Provider
}

// Resolver resolves parts of one site's pages.
type Resolver struct {
	def       string
	providers map[string]*site.Provider
}

// NewResolver returns a resolver for the pages of s.
func NewResolver(s *site.Site) *Resolver {
	r := &Resolver{def: s.Config.DefaultLanguage, providers: make(map[string]*site.Provider, len(s.Providers))}
	for _, p := range s.Providers {
		r.providers[p.ID] = p
	}
	return r
}

// Providers resolves provider ids in their order, each once; an unknown id
// is left out here and reported by validate.
func (r *Resolver) Providers(ids []string) []*site.Provider {
	var out []*site.Provider
	for _, id := range ids {
		if p := r.providers[id]; p != nil && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// Of returns the facts of part as shown on a page in lang: provider texts
// in lang (else the default language), the section's own texts as its file
// states them.
func (r *Resolver) Of(part compose.Part, lang string) Activity {
	m := part.Facts
	a := Activity{
		ID: part.Section.ID, File: part.File.Path, Lang: part.File.Lang, Title: m.Title,
		Processing: m.Processing(), Purposes: m.Purposes, LegalBases: m.LegalBases,
		LegitimateInterest: m.LegitimateInterest, DataSubjects: m.DataSubjects,
		DataCategories: m.DataCategories, Retention: m.Retention, Requirement: m.Requirement,
		Source: m.SourceOfData, Covers: m.Covers, Measures: m.Measures, Updated: m.Updated, Own: part.Own,
		Recipients:     slices.Clone(m.Recipients),
		ThirdCountries: slices.Clone(m.ThirdCountries),
		Safeguards:     slices.Clone(m.Safeguards),
	}
	for _, p := range r.Providers(m.Providers) {
		name := p.Name.Get(lang, r.def)
		a.Recipients = appendNew(a.Recipients, name)
		if p.Country != "" && !vocab.InEEA(p.Country) {
			a.ThirdCountries = appendNew(a.ThirdCountries, p.Country)
		}
		a.Safeguards = appendNew(a.Safeguards, p.Safeguards...)
		a.Providers = append(a.Providers, Provider{
			ID: p.ID, Name: name, Address: p.Address.Get(lang, r.def), Role: p.Role, Country: p.Country,
			Website: p.Website, PrivacyPolicy: p.PrivacyPolicy.Get(lang, r.def), Safeguards: p.Safeguards, Site: p,
		})
	}
	return a
}

// appendNew appends each of vs that list does not hold yet.
func appendNew(list []string, vs ...string) []string {
	for _, v := range vs {
		if v != "" && !slices.Contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}
