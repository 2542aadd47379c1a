package check

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
)

// Options adjust a run of the rules.
type Options struct {
	// Now returns the date the check runs at, which rules about dates that
	// age (a DPF entry's checked) measure from; nil means time.Now, and
	// tests pass a fixed date.
	Now func() time.Time
	// Files are the built pages, unminified, by output path: the
	// unreleased-change rule compares what each notice page shows with
	// its latest released version. Nil leaves that rule out.
	Files map[string][]byte
}

// Site runs every rule on the site and its composed pages, as of today.
func Site(s *site.Site, pages []*compose.Page) diag.List { return Run(s, pages, Options{}) }

// Run runs every rule on the site and its composed pages.
func Run(s *site.Site, pages []*compose.Page, opts Options) diag.List {
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	c := &checker{s: s, pages: pages, now: now(), files: opts.Files, seen: map[diag.Diagnostic]bool{}}
	c.controllers()
	c.notices()
	c.sections()
	c.rights()
	c.providers()
	c.staleness()
	c.unused()
	c.unusedProviders()
	c.unreleased()
	return c.diags
}

type checker struct {
	s     *site.Site
	pages []*compose.Page
	now   time.Time
	files map[string][]byte
	diags diag.List
	// seen holds the findings made so far: a cause that several pages
	// share (a section file every entity shows) is one finding.
	seen map[diag.Diagnostic]bool
}

func (c *checker) add(d diag.Diagnostic) {
	if !c.seen[d] {
		c.seen[d] = true
		c.diags = append(c.diags, d)
	}
}

// publishes reports whether an entity has at least one page.
func (c *checker) publishes(e *site.Entity) bool {
	return slices.ContainsFunc(c.pages, func(p *compose.Page) bool { return p.Entity == e })
}

func (c *checker) controllers() {
	for _, e := range c.s.Entities {
		if !c.publishes(e) {
			continue
		}
		src := e.Source
		if blank(e.Address) {
			c.add(diag.Diagnostic{File: src.Path, Line: 1, Col: 1, Severity: diag.Error, Rule: vocab.RuleControllerIdentity, Entity: e.ID,
				Message: `the controller has no postal address; expected address = """…""" with street, postcode and town`})
		}
		if strings.TrimSpace(e.Email) == "" && strings.TrimSpace(e.Phone) == "" {
			c.add(diag.Diagnostic{File: src.Path, Line: 1, Col: 1, Severity: diag.Error, Rule: vocab.RuleControllerIdentity, Entity: e.ID,
				Message: `the controller has no contact; expected email = "…" or phone = "…"`})
		}
		switch {
		case e.DPO != nil && !blank(e.DPO.None):
			// none = "<reason>" states why there is no DPO, which is what
			// the notice owes then (validate rejects it beside a contact)
		case e.DPO == nil:
			c.add(diag.Diagnostic{File: src.Path, Line: 1, Col: 1, Severity: diag.Warning, Rule: vocab.RuleDataProtectionOfficer, Entity: e.ID,
				Message: "no [dpo] table; where a data protection officer is appointed (Art. 37 GDPR) the notice must give the DPO's contact details; expected [dpo] with the contact, or none = \"…\" saying why there is none"})
		case strings.TrimSpace(e.DPO.Email) == "" && strings.TrimSpace(e.DPO.Phone) == "" && blank(e.DPO.Address):
			line, col := src.KeyPos("dpo")
			c.add(diag.Diagnostic{File: src.Path, Line: line, Col: col, Severity: diag.Error, Rule: vocab.RuleDataProtectionOfficer, Entity: e.ID,
				Message: "[dpo] has no contact; expected email, phone or address of the data protection officer"})
		}
	}
}

// blank reports whether a localized string has no text but white space
// in any language.
func blank(l site.Localized) bool {
	for _, v := range l {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// isProcessing treats a section as a processing activity when it says
// anything about processing, so that one which forgot its legal basis is
// still checked rather than taken for mere information.
func isProcessing(m site.FrontMatter) bool {
	return len(m.LegalBases) > 0 || len(m.Purposes) > 0 || len(m.DataCategories) > 0 ||
		m.Retention != "" || len(m.Recipients) > 0 || len(m.ThirdCountries) > 0 ||
		len(m.Providers) > 0 || len(m.Cookies) > 0 || len(m.DataSubjects) > 0
}

// staleness flags translations last updated before their original.
func (c *checker) staleness() {
	def := c.s.Config.DefaultLanguage
	for _, sec := range c.s.Sections {
		orig := sec.Translations[def]
		if orig == nil || orig.Meta.Updated.IsZero() {
			continue
		}
		for _, lang := range c.s.Config.Languages {
			f := sec.Translations[lang]
			if f == nil || f == orig || f.Meta.Updated.IsZero() || !f.Meta.Updated.Before(orig.Meta.Updated) {
				continue
			}
			line, col := f.Front.KeyPos("updated")
			c.add(diag.Diagnostic{File: f.Path, Line: line, Col: col, Severity: diag.Warning, Rule: vocab.RuleTranslationStale, Lang: lang,
				Message: fmt.Sprintf("translation updated %s, before its original %s (updated %s); it may be out of date",
					f.Meta.Updated.Format("2006-01-02"), orig.Path, orig.Meta.Updated.Format("2006-01-02"))})
		}
	}
}
