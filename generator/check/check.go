package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/validate"
)

// Site runs every rule on the site and its composed pages.
func Site(s *site.Site, pages []*compose.Page) diag.List {
	c := &checker{s: s, pages: pages}
	c.controllers()
	c.sections()
	c.rights()
	c.staleness()
	c.unused()
	return c.diags
}

type checker struct {
	s     *site.Site
	pages []*compose.Page
	diags diag.List
}

func (c *checker) add(d diag.Diagnostic) { c.diags = append(c.diags, d) }

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
		if e.Address.IsZero() {
			c.add(diag.Diagnostic{File: src.Path, Line: 1, Col: 1, Severity: diag.Error, Rule: "gdpr-13-1-a", Entity: e.ID,
				Message: `the controller has no postal address; expected address = """…""" with street, postcode and town`})
		}
		if e.Email == "" && e.Phone == "" {
			c.add(diag.Diagnostic{File: src.Path, Line: 1, Col: 1, Severity: diag.Error, Rule: "gdpr-13-1-a", Entity: e.ID,
				Message: `the controller has no contact; expected email = "…" or phone = "…"`})
		}
		switch {
		case e.DPO == nil:
			c.add(diag.Diagnostic{File: src.Path, Line: 1, Col: 1, Severity: diag.Warning, Rule: "gdpr-13-1-b", Entity: e.ID,
				Message: "no [dpo] table; where a data protection officer is appointed (Art. 37 GDPR) the notice must give the DPO's contact details"})
		case e.DPO.Email == "" && e.DPO.Phone == "" && e.DPO.Address.IsZero():
			line, col := src.KeyPos("dpo")
			c.add(diag.Diagnostic{File: src.Path, Line: line, Col: col, Severity: diag.Error, Rule: "gdpr-13-1-b", Entity: e.ID,
				Message: "[dpo] has no contact; expected email, phone or address of the data protection officer"})
		}
	}
}

// isProcessing treats a section as a processing activity when it says
// anything about processing, so that one which forgot its legal basis is
// still checked rather than taken for mere information.
func isProcessing(m site.FrontMatter) bool {
	return len(m.LegalBases) > 0 || len(m.Purposes) > 0 || len(m.DataCategories) > 0 ||
		m.Retention != "" || len(m.Recipients) > 0 || len(m.ThirdCountries) > 0
}

// shownFiles returns the section files some page shows, each once.
func (c *checker) shownFiles() []*site.SectionFile {
	seen := map[*site.SectionFile]bool{}
	var files []*site.SectionFile
	for _, p := range c.pages {
		for _, part := range p.Parts {
			if !seen[part.File] {
				seen[part.File] = true
				files = append(files, part.File)
			}
		}
	}
	slices.SortFunc(files, func(a, b *site.SectionFile) int { return strings.Compare(a.Path, b.Path) })
	return files
}

func (c *checker) sections() {
	for _, f := range c.shownFiles() {
		m := f.Meta
		if !isProcessing(m) {
			continue
		}
		top := func(rule string, sev diag.Severity, msg string) {
			c.add(diag.Diagnostic{File: f.Path, Line: 1, Col: 1, Severity: sev, Rule: rule, Lang: f.Lang, Message: msg})
		}
		if len(m.Purposes) == 0 {
			top("gdpr-13-1-c", diag.Error, `processing section has no purposes; expected purposes = ["…"] saying why the data is processed`)
		}
		if len(m.LegalBases) == 0 {
			top("gdpr-13-1-c", diag.Error, `processing section has no legal basis; expected legalBases = ["gdpr-6-1-…"]`)
		}
		if slices.Contains(m.LegalBases, "gdpr-6-1-f") && strings.TrimSpace(m.LegitimateInterest) == "" {
			line, col := f.Front.ValuePos("gdpr-6-1-f", "legalBases")
			c.add(diag.Diagnostic{File: f.Path, Line: line, Col: col, Severity: diag.Error, Rule: "gdpr-13-1-d", Lang: f.Lang,
				Message: `legal basis gdpr-6-1-f (legitimate interests) without legitimateInterest; expected legitimateInterest = "…" naming the interest pursued`})
		}
		if len(m.Recipients) == 0 {
			top("gdpr-13-1-e", diag.Warning, `processing section names no recipients; expected recipients = ["…"] (categories are enough, e.g. "Hosting provider (processor)")`)
		}
		if len(m.ThirdCountries) > 0 && len(m.Safeguards) == 0 {
			line, col := f.Front.KeyPos("thirdCountries")
			c.add(diag.Diagnostic{File: f.Path, Line: line, Col: col, Severity: diag.Error, Rule: "gdpr-13-1-f", Lang: f.Lang,
				Message: fmt.Sprintf(`transfer to %s without safeguards; expected safeguards = [...] from %s`, strings.Join(m.ThirdCountries, ", "), strings.Join(validate.Safeguards(), ", "))})
		}
		if strings.TrimSpace(m.Retention) == "" {
			top("gdpr-13-2-a", diag.Error, `processing section has no storage period; expected retention = "…" saying how long data is kept or how that is decided`)
		}
	}
}

// rights reports notices whose sections together do not explain every
// data-subject right. When every entity publishing a notice lacks the same
// rights, the notice is at fault and is named once; otherwise the entity
// whose choice of sections (omit, uses) left a gap is named.
func (c *checker) rights() {
	def := c.s.Config.DefaultLanguage
	type gap struct {
		entity  *site.Entity
		missing []string
	}
	byNotice := map[*site.Notice][]gap{}
	publishers := map[*site.Notice]int{}
	for _, p := range c.pages {
		if p.Lang != def {
			continue // covers is language-neutral
		}
		publishers[p.Notice]++
		covered := map[string]bool{}
		for _, part := range p.Parts {
			for _, r := range part.File.Meta.Covers {
				covered[r] = true
			}
		}
		var missing []string
		for _, r := range validate.Rights() {
			if !covered[r] {
				missing = append(missing, r)
			}
		}
		if len(missing) > 0 {
			byNotice[p.Notice] = append(byNotice[p.Notice], gap{p.Entity, missing})
		}
	}
	for _, n := range c.s.Notices {
		gaps := byNotice[n]
		if len(gaps) == 0 {
			continue
		}
		same := len(gaps) == publishers[n]
		for _, g := range gaps[1:] {
			same = same && slices.Equal(g.missing, gaps[0].missing)
		}
		if same {
			line, col := n.Source.KeyPos("sections")
			c.add(diag.Diagnostic{File: n.Source.Path, Line: line, Col: col, Severity: diag.Error, Rule: "gdpr-13-2-b-d", Notice: n.ID,
				Message: fmt.Sprintf("the notice's sections do not explain the right(s) to %s; expected a section with covers = [%s]", strings.Join(gaps[0].missing, ", "), quoted(gaps[0].missing))})
			continue
		}
		for _, g := range gaps {
			line, col := g.entity.Source.ValuePos(n.ID, "notices")
			if len(g.entity.Omit) > 0 {
				line, col = g.entity.Source.KeyPos("omit")
			}
			c.add(diag.Diagnostic{File: g.entity.Source.Path, Line: line, Col: col, Severity: diag.Error, Rule: "gdpr-13-2-b-d", Entity: g.entity.ID, Notice: n.ID,
				Message: fmt.Sprintf("notice %q of this entity does not explain the right(s) to %s, which other entities' versions do; check omit and uses", n.ID, strings.Join(g.missing, ", "))})
		}
	}
}

func quoted(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = `"` + x + `"`
	}
	return strings.Join(q, ", ")
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
			c.add(diag.Diagnostic{File: f.Path, Line: line, Col: col, Severity: diag.Warning, Rule: "translation-stale", Lang: lang,
				Message: fmt.Sprintf("translation updated %s, before its original %s (updated %s); it may be out of date",
					f.Meta.Updated.Format("2006-01-02"), orig.Path, orig.Meta.Updated.Format("2006-01-02"))})
		}
	}
}

// unused flags sections that no composed notice shows.
func (c *checker) unused() {
	used := map[*site.Section]bool{}
	for _, p := range c.pages {
		for _, part := range p.Parts {
			used[part.Section] = true
		}
	}
	for _, sec := range c.s.Sections {
		if used[sec] {
			continue
		}
		f := sec.Translations[c.s.Config.DefaultLanguage]
		if f == nil {
			for _, l := range c.s.Config.Languages {
				if f = sec.Translations[l]; f != nil {
					break
				}
			}
		}
		if f == nil {
			continue
		}
		c.add(diag.Diagnostic{File: f.Path, Severity: diag.Warning, Rule: "unused-section",
			Message: fmt.Sprintf("section %q appears in no notice; expected it in a notice's sections, or in an entity's uses for a slot %s/*", sec.ID, sec.Dir)})
	}
}
