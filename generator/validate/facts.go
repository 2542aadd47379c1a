package validate

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/internal/nearest"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
)

// facts are the coded facts of a section's front matter or of an entity's
// own facts for it, checked alike wherever they are written; key is where
// they sit in src (none for front matter, sections."<id>" for an entity).
type facts struct {
	src                                                   site.Source
	key                                                   []string
	legalBases, thirdCountries, safeguards, covers, provs []string
}

func (v *validator) facts(f facts) {
	at := func(k string) []string { return append(slices.Clip(f.key), k) }
	for _, code := range f.legalBases {
		// A message file that failed to load may be where the code is
		// defined; its error is the one to report.
		if !v.cat.Has(vocab.LegalBasisPrefix+code) && v.cat.Complete() {
			v.refAt(f.src, code, at("legalBases")...)(unknownBasis, code, vocab.LegalBasisConsent, vocab.LegalBasisLegitimateInterest, vocab.LegalBasisExplicitConsent, vocab.LegalBasisEmployment, vocab.LegalBasisTerminalConsent, vocab.LegalBasisPrefix, code)
		}
	}
	v.countries(f.src, f.thirdCountries, at("thirdCountries")...)
	v.safeguards(f.src, f.safeguards, at("safeguards")...)
	for _, r := range f.covers {
		if !slices.Contains(vocab.Rights(), r) {
			v.errAt(f.src, r, at("covers")...)("unknown right %q; expected one of %s", r, strings.Join(vocab.Rights(), ", "))
		}
	}
	v.providerRefs(f.src, f.provs, at("providers")...)
}

const unknownBasis = "unknown legal basis %q; expected one of %s … %s, %s, %s, %s, or a code with a message %s%s in i18n/"

func (v *validator) countries(src site.Source, cs []string, key ...string) {
	for _, c := range cs {
		if want, ok := checkCountry(c); !ok {
			v.errAt(src, c, key...)("%q is not an ISO 3166-1 alpha-2 country code; expected %s", c, want)
		}
	}
}

func (v *validator) safeguards(src site.Source, ss []string, key ...string) {
	for _, s := range ss {
		if !slices.Contains(vocab.Safeguards(), s) {
			v.errAt(src, s, key...)("unknown safeguard %q; expected one of %s", s, strings.Join(vocab.Safeguards(), ", "))
		}
	}
}

// providerRefs reports provider ids that name no file of content/providers/.
func (v *validator) providerRefs(src site.Source, ids []string, key ...string) {
	for _, id := range ids {
		if site.CheckID(id) != nil || v.s.Provider(id) != nil || v.s.IsBroken(site.ProvidersDir, id) {
			continue // a bad id is reported by the loader, a broken file too
		}
		v.refAt(src, id, key...)("unknown provider %q; expected a file %s/%s.toml%s", id, site.ProvidersDir, id, v.nearestProvider(id))
	}
}

// nearestProvider names the known provider whose id is closest to id, when
// one is close enough to be the one meant.
func (v *validator) nearestProvider(id string) string {
	best, dist := "", 3
	for _, p := range v.s.Providers {
		if d := nearest.Distance(id, p.ID); d < dist {
			best, dist = p.ID, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(", or the known provider %q", best)
}

// providers checks what a provider's file says against the vocabularies.
func (v *validator) providers() {
	for _, p := range v.s.Providers {
		if p.Country != "" {
			v.countries(p.Source, []string{p.Country}, "country")
		}
		v.safeguards(p.Source, p.Safeguards, "safeguards")
	}
}

// entityFacts checks an entity's country and its own facts per section:
// each for a section one of its notices shows, and coded like front matter.
func (v *validator) entityFacts(e *site.Entity) {
	if e.Country != "" {
		v.countries(e.Source, []string{e.Country}, "country")
	}
	if len(e.Sections) == 0 {
		return
	}
	shown, known := map[string]bool{}, true
	for _, nid := range e.Notices {
		n := v.s.Notice(nid)
		if n == nil {
			known = false // its error is reported; what it shows is unknown
			continue
		}
		for _, p := range compose.Parts(v.s, e, n, v.s.Config.DefaultLanguage) {
			shown[p.Section.ID] = true
		}
	}
	for _, id := range slices.Sorted(maps.Keys(e.Sections)) {
		if site.CheckID(id) != nil {
			continue // reported by the loader
		}
		if known && !shown[id] && !v.s.IsBroken(site.SectionsDir, id) {
			line, col := e.Source.KeyPos("sections", id)
			what := "no notice of this entity shows it"
			if v.s.Section(id) == nil {
				what = "there is no such section"
			}
			v.diags.Errorf(e.Source.Path, line, col, "[sections.%q] gives facts for section %q, but %s; expected the id of a section on this entity's pages (%s)", id, id, what, strings.Join(slices.Sorted(maps.Keys(shown)), ", "))
		}
		f := e.Sections[id]
		if f == nil {
			continue
		}
		v.facts(facts{src: e.Source, key: []string{"sections", id}, legalBases: f.LegalBases, thirdCountries: f.ThirdCountries, safeguards: f.Safeguards, covers: f.Covers, provs: f.Providers})
	}
}

// consentBases checks site.toml's consentBases against the catalog.
func (v *validator) consentBases() {
	for _, code := range v.s.Config.ConsentBases {
		if !v.cat.Has(vocab.LegalBasisPrefix+code) && v.cat.Complete() {
			v.refAt(v.s.Source, code, "consentBases")(unknownBasis, code, vocab.LegalBasisConsent, vocab.LegalBasisLegitimateInterest, vocab.LegalBasisExplicitConsent, vocab.LegalBasisEmployment, vocab.LegalBasisTerminalConsent, vocab.LegalBasisPrefix, code)
		}
	}
}

// cookieNames and cookieCategories are a section's language-neutral
// cookie fields, in order.
func cookieNames(cs []site.Cookie) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name
	}
	return out
}

func cookieCategories(cs []site.Cookie) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Category
	}
	return out
}
