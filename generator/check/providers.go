package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
)

// adequate reports whether data may go to a provider in country without
// safeguards of its own: the GDPR applies there, an adequacy decision
// covers the country, or the provider is certified under the EU-U.S. Data
// Privacy Framework (its dpf entry). An unset country is validate's to
// report, not a transfer.
func adequate(p *site.Provider) bool {
	country := strings.ToUpper(strings.TrimSpace(p.Country))
	return country == "" || slices.Contains(vocab.EEACountries(), country) ||
		slices.Contains(vocab.AdequacyCountries(), country) || country == vocab.CountryDPF && p.DPF != nil
}

// providers runs the rules about each provider's own file: a transfer
// outside the EEA names its safeguards, and a DPF entry is looked at again
// within a year, since certifications lapse.
func (c *checker) providers() {
	for _, p := range c.s.Providers {
		src := p.Source
		if !adequate(p) && len(p.Safeguards) == 0 {
			line, col := src.KeyPos("country")
			why := "outside the EEA, in a country without an adequacy decision"
			want := `safeguards = ["scc"] (from ` + strings.Join(vocab.Safeguards(), ", ") + ")"
			if strings.EqualFold(p.Country, vocab.CountryDPF) {
				why = "in the United States, whose adequacy decision covers only organisations certified under the EU-U.S. Data Privacy Framework"
				want += `, or [dpf] with the url of its entry in the DPF list and the date checked`
			}
			c.add(diag.Diagnostic{File: src.Path, Line: line, Col: col, Severity: diag.Error, Rule: vocab.RuleProviderSafeguards,
				Message: fmt.Sprintf("provider %q processes data %s, and names no safeguards; expected %s", p.ID, why, want)})
		}
		if p.DPF != nil && !p.DPF.Checked.IsZero() && p.DPF.Checked.Before(c.now.AddDate(-1, 0, 0)) {
			line, col := src.KeyPos("dpf", "checked")
			c.add(diag.Diagnostic{File: src.Path, Line: line, Col: col, Severity: diag.Warning, Rule: vocab.RuleProviderDPFStale,
				Message: fmt.Sprintf("provider %q's DPF entry was last checked %s, more than 12 months before %s; expected a look at its entry in the DPF list (%s) and checked = %s",
					p.ID, p.DPF.Checked.Format("2006-01-02"), c.now.Format("2006-01-02"), p.DPF.URL, c.now.Format("2006-01-02"))})
		}
	}
}

// consent reports whether legal basis code means consent: Art. 6(1)(a) or
// 9(2)(a) GDPR, § 25(1) TDDDG (consent by its wording, so no site has to
// declare it), or a code the site declares so (site.toml consentBases).
func (c *checker) consent(code string) bool {
	switch code {
	case vocab.LegalBasisConsent, vocab.LegalBasisExplicitConsent, vocab.LegalBasisTerminalConsent:
		return true
	}
	return slices.Contains(c.s.Config.ConsentBases, code)
}

// cookieConsent reports a section that sets cookies other than strictly
// necessary ones, its own or its providers', without consent among its
// legal bases (§ 25 TDDDG, Art. 5(3) ePrivacy Directive). A section with
// no legal basis at all is gdpr-13-1-c's finding, not this one's too.
func (c *checker) cookieConsent(f fact, m site.FrontMatter) {
	if len(m.LegalBases) == 0 || slices.ContainsFunc(m.LegalBases, c.consent) {
		return
	}
	var needs []string
	for _, ck := range m.Cookies {
		if ck.Category != "" && ck.Category != vocab.CookieNecessary {
			needs = append(needs, fmt.Sprintf("%q (%s)", ck.Name, ck.Category))
		}
	}
	for _, id := range m.Providers {
		p := c.s.Provider(id)
		if p == nil {
			continue // unknown-ref
		}
		for _, ck := range p.Cookies {
			if ck.Category != "" && ck.Category != vocab.CookieNecessary {
				needs = append(needs, fmt.Sprintf("%q (%s, of provider %q)", ck.Name, ck.Category, id))
			}
		}
	}
	if len(needs) == 0 {
		return
	}
	bases := []string{`"` + vocab.LegalBasisConsent + `"`, `"` + vocab.LegalBasisTerminalConsent + `"`}
	for _, b := range c.s.Config.ConsentBases {
		if b != vocab.LegalBasisTerminalConsent {
			bases = append(bases, fmt.Sprintf("%q", b))
		}
	}
	c.add(f.at("legalBases", "", vocab.RuleCookieConsent, diag.Error,
		fmt.Sprintf("cookies that are not strictly necessary need consent, but the section's legal bases name none: %s; expected %s in legalBases, or category = \"necessary\" where that is true",
			strings.Join(needs, ", "), strings.Join(bases, " or "))))
}

// unusedProviders flags providers that no page names. Like unused, it
// says nothing when what is used cannot be told: a file failed to load, or
// a reference names a provider or section that does not exist (the
// misspelt id may be meant for this very provider). A provider named only
// by a section on no page, or by an entity's facts for a section it does
// not show, counts as used: unused-section and validate report those.
func (c *checker) unusedProviders() {
	if len(c.s.Providers) == 0 || c.incomplete() || len(c.s.Broken) > 0 {
		return
	}
	used := map[string]bool{}
	shown := map[*site.Section]bool{}
	shownBy := map[*site.Entity]map[string]bool{}
	for _, p := range c.pages {
		if shownBy[p.Entity] == nil {
			shownBy[p.Entity] = map[string]bool{}
		}
		for _, part := range p.Parts {
			shown[part.Section] = true
			shownBy[p.Entity][part.Section.ID] = true
			for _, id := range part.Facts.Providers {
				used[id] = true
			}
		}
	}
	for _, sec := range c.s.Sections {
		for _, f := range sec.Translations {
			for _, id := range f.Meta.Providers {
				used[id] = used[id] || !shown[sec]
				if c.s.Provider(id) == nil {
					return
				}
			}
		}
	}
	for _, e := range c.s.Entities {
		for sid, facts := range e.Sections {
			for _, id := range facts.Providers {
				used[id] = used[id] || !shownBy[e][sid]
				if c.s.Provider(id) == nil {
					return
				}
			}
		}
	}
	for _, p := range c.s.Providers {
		if !used[p.ID] {
			c.add(diag.Diagnostic{File: p.Source.Path, Line: 1, Col: 1, Severity: diag.Warning, Rule: vocab.RuleUnusedProvider,
				Message: fmt.Sprintf(`provider %q is named by no section on any page; expected %q in a section's providers (or an entity's [sections."<id>"] providers), or remove the file`, p.ID, p.ID)})
		}
	}
}
