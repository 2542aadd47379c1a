package check

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
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
		if blank(e.Address) {
			c.add(diag.Diagnostic{File: src.Path, Line: 1, Col: 1, Severity: diag.Error, Rule: vocab.RuleControllerIdentity, Entity: e.ID,
				Message: `the controller has no postal address; expected address = """…""" with street, postcode and town`})
		}
		if strings.TrimSpace(e.Email) == "" && strings.TrimSpace(e.Phone) == "" {
			c.add(diag.Diagnostic{File: src.Path, Line: 1, Col: 1, Severity: diag.Error, Rule: vocab.RuleControllerIdentity, Entity: e.ID,
				Message: `the controller has no contact; expected email = "…" or phone = "…"`})
		}
		switch {
		case e.DPO == nil:
			c.add(diag.Diagnostic{File: src.Path, Line: 1, Col: 1, Severity: diag.Warning, Rule: vocab.RuleDataProtectionOfficer, Entity: e.ID,
				Message: "no [dpo] table; where a data protection officer is appointed (Art. 37 GDPR) the notice must give the DPO's contact details"})
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
			top(vocab.RulePurposesAndLegalBasis, diag.Error, `processing section has no purposes; expected purposes = ["…"] saying why the data is processed`)
		}
		if len(m.LegalBases) == 0 {
			top(vocab.RulePurposesAndLegalBasis, diag.Error, `processing section has no legal basis; expected legalBases = ["gdpr-6-1-…"]`)
		}
		if slices.Contains(m.LegalBases, vocab.LegalBasisLegitimateInterest) && strings.TrimSpace(m.LegitimateInterest) == "" {
			line, col := f.Front.ValuePos(vocab.LegalBasisLegitimateInterest, "legalBases")
			c.add(diag.Diagnostic{File: f.Path, Line: line, Col: col, Severity: diag.Error, Rule: vocab.RuleLegitimateInterests, Lang: f.Lang,
				Message: `legal basis gdpr-6-1-f (legitimate interests) without legitimateInterest; expected legitimateInterest = "…" naming the interest pursued`})
		}
		if len(m.Recipients) == 0 {
			top(vocab.RuleRecipients, diag.Warning, `processing section names no recipients; expected recipients = ["…"] (categories are enough, e.g. "Hosting provider (processor)")`)
		}
		if len(m.ThirdCountries) > 0 && len(m.Safeguards) == 0 {
			line, col := f.Front.KeyPos("thirdCountries")
			c.add(diag.Diagnostic{File: f.Path, Line: line, Col: col, Severity: diag.Error, Rule: vocab.RuleThirdCountryTransfers, Lang: f.Lang,
				Message: fmt.Sprintf(`transfer to %s without safeguards; expected safeguards = [...] from %s`, strings.Join(m.ThirdCountries, ", "), strings.Join(vocab.Safeguards(), ", "))})
		}
		if strings.TrimSpace(m.Retention) == "" {
			top(vocab.RuleStoragePeriod, diag.Error, `processing section has no storage period; expected retention = "…" saying how long data is kept or how that is decided`)
		}
	}
}

// rights reports composed notices whose sections together do not explain
// every data-subject right. A right that none of the notice's sections can
// explain, whichever entity publishes it, is the notice's fault and is
// reported once, at its sections list. A right that one of the notice's
// sections would explain, but that an entity left out (omit, or a slot
// section missing from uses), is reported at that entity's entry.
func (c *checker) rights() {
	type key struct {
		e *site.Entity
		n *site.Notice
	}
	covered := map[key]map[string]bool{}
	var keys []key
	for _, p := range c.pages {
		// covers is language-neutral: a right explained in any language's
		// version of the page counts, so a translation missing a file does
		// not show up as a gap here (validate reports it).
		k := key{p.Entity, p.Notice}
		if covered[k] == nil {
			covered[k] = map[string]bool{}
			keys = append(keys, k)
		}
		for _, part := range p.Parts {
			for _, r := range part.File.Meta.Covers {
				covered[k][r] = true
			}
		}
	}
	reported := map[*site.Notice]bool{}
	for _, k := range keys {
		if c.unresolved(k.e, k.n) {
			continue // a section that failed to load, or a misspelt one, may be the one that explains them
		}
		avail := c.available(k.n)
		var noticeGap, entityGap []string
		for _, r := range vocab.Rights() {
			switch {
			case covered[k][r]:
			case len(avail[r]) == 0:
				noticeGap = append(noticeGap, r)
			default:
				entityGap = append(entityGap, r)
			}
		}
		if len(noticeGap) > 0 && !reported[k.n] {
			reported[k.n] = true
			line, col := k.n.Source.KeyPos("sections")
			c.add(diag.Diagnostic{File: k.n.Source.Path, Line: line, Col: col, Severity: diag.Error, Rule: vocab.RuleDataSubjectRights, Notice: k.n.ID,
				Message: fmt.Sprintf("the notice's sections do not explain the right(s) to %s; expected a section with covers = [%s]", strings.Join(noticeGap, ", "), quoted(noticeGap))})
		}
		if len(entityGap) > 0 {
			c.entityGap(k.e, k.n, entityGap, avail)
		}
	}
}

// entityGap reports rights that the notice's sections explain but that
// entity e's version of notice n leaves out, at the omit entry or the uses
// list responsible.
func (c *checker) entityGap(e *site.Entity, n *site.Notice, missing []string, avail map[string][]string) {
	var omitted, unused []string
	for _, r := range missing {
		for _, id := range avail[r] {
			switch {
			case slices.Contains(e.Omit, id):
				if !slices.Contains(omitted, id) {
					omitted = append(omitted, id)
				}
			default:
				// a slot's section the entity does not use, or a slot's
				// intro, shown only with a used section of its folder
				want := `"` + id + `"`
				if dir, ok := strings.CutSuffix(id, "/_index"); ok {
					want = "a section of " + dir + "/"
				}
				if !slices.Contains(unused, want) {
					unused = append(unused, want)
				}
			}
		}
	}
	src := e.Source
	var line, col int
	var why string
	if len(omitted) > 0 {
		line, col = src.ValuePos(omitted[0], "omit")
		why = fmt.Sprintf("the notice's section %s would, but omit leaves it out; expected omit without it", strings.Join(quotedEach(omitted), " or "))
	} else {
		line, col = src.KeyPos("uses")
		if len(e.Uses) == 0 {
			line, col = src.ValuePos(n.ID, "notices")
		}
		why = fmt.Sprintf("a section of the notice's slots would, but this entity does not use it; expected %s in uses", strings.Join(unused, " or "))
	}
	c.add(diag.Diagnostic{File: src.Path, Line: line, Col: col, Severity: diag.Error, Rule: vocab.RuleDataSubjectRights, Entity: e.ID, Notice: n.ID,
		Message: fmt.Sprintf("notice %q of this entity does not explain the right(s) to %s: %s", n.ID, strings.Join(missing, ", "), why)})
}

// available maps each right to the sections of notice n that explain it
// in some language, whether or not an entity shows them: plain ids, and
// every section under a slot's folder.
func (c *checker) available(n *site.Notice) map[string][]string {
	avail := map[string][]string{}
	add := func(sec *site.Section) {
		seen := map[string]bool{}
		for _, lang := range c.s.Config.Languages {
			f := sec.Translations[lang]
			if f == nil {
				continue
			}
			for _, r := range f.Meta.Covers {
				if !seen[r] {
					seen[r] = true
					avail[r] = append(avail[r], sec.ID)
				}
			}
		}
	}
	for _, ref := range n.Sections {
		if dir, ok := strings.CutSuffix(ref, "/*"); ok {
			for _, sec := range c.s.Sections {
				if sec.Dir == dir {
					add(sec)
				}
			}
			continue
		}
		if sec := c.s.Section(ref); sec != nil {
			add(sec)
		}
	}
	return avail
}

// unresolved reports whether entity e's version of notice n names a
// section that does not exist or failed to load — a plain id, a slot's
// folder, a section e uses for a slot — each reported already (by the
// loader or validate). What the page would show is then unknown.
func (c *checker) unresolved(e *site.Entity, n *site.Notice) bool {
	for _, ref := range n.Sections {
		dir, slot := strings.CutSuffix(ref, "/*")
		if !slot {
			if c.s.Section(ref) == nil {
				return true
			}
			continue
		}
		if c.s.IsBroken(site.SectionsDir, dir+"/_index") || !slices.ContainsFunc(c.s.Sections, func(sec *site.Section) bool { return sec.Dir == dir && !sec.Index }) {
			return true
		}
		for _, u := range e.Uses {
			if path.Dir(u) == dir && c.s.Section(u) == nil {
				return true
			}
		}
	}
	return false
}

func quotedEach(xs []string) []string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = `"` + x + `"`
	}
	return q
}

func quoted(xs []string) string { return strings.Join(quotedEach(xs), ", ") }

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

// unused flags sections that no composed notice shows. It says nothing
// when an entity or notice failed to load or some reference names a
// notice or section that does not exist: what those would show is
// unknown (the misspelt id may be meant for the very section), and the
// cause is reported already. Nor does it repeat validate's warning for a
// section an entity uses without a matching slot, which names the entity
// line to fix.
func (c *checker) unused() {
	if c.incomplete() {
		return
	}
	used := map[*site.Section]bool{}
	for _, p := range c.pages {
		for _, part := range p.Parts {
			used[part.Section] = true
		}
	}
	for _, sec := range c.s.Sections {
		if used[sec] || c.usedWithoutSlot(sec) {
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
		c.add(diag.Diagnostic{File: f.Path, Line: 1, Col: 1, Severity: diag.Warning, Rule: vocab.RuleUnusedSection, Message: c.whyUnused(sec)})
	}
}

// incomplete reports whether the site lacks entities, notices or
// sections that failed to load or do not exist but are named, so that
// what is used cannot be told.
func (c *checker) incomplete() bool {
	for p := range c.s.Broken {
		if strings.HasPrefix(p, site.EntitiesDir+"/") || strings.HasPrefix(p, site.NoticesDir+"/") {
			return true
		}
	}
	for _, e := range c.s.Entities {
		for _, nid := range e.Notices {
			if c.s.Notice(nid) == nil {
				return true
			}
		}
		for _, id := range e.Uses {
			if c.s.Section(id) == nil {
				return true
			}
		}
	}
	for _, n := range c.s.Notices {
		for _, ref := range n.Sections {
			if dir, slot := strings.CutSuffix(ref, "/*"); slot {
				if !slices.ContainsFunc(c.s.Sections, func(sec *site.Section) bool { return sec.Dir == dir && !sec.Index }) {
					return true
				}
			} else if c.s.Section(ref) == nil {
				return true
			}
		}
	}
	return false
}

// usedWithoutSlot reports whether an entity lists sec in uses although
// none of its notices has the slot for it, which validate reports.
func (c *checker) usedWithoutSlot(sec *site.Section) bool {
	for _, e := range c.s.Entities {
		if !slices.Contains(e.Uses, sec.ID) {
			continue
		}
		slot := false
		for _, nid := range e.Notices {
			if n := c.s.Notice(nid); n != nil && sec.Dir != "" && slices.Contains(n.Sections, sec.Dir+"/*") {
				slot = true
			}
		}
		if !slot {
			return true
		}
	}
	return false
}

// whyUnused explains why sec is on no page and what would put it there.
func (c *checker) whyUnused(sec *site.Section) string {
	var listed []string
	bySlot := false // some notice holds it through a slot, not by its id
	for _, n := range c.s.Notices {
		plain := slices.Contains(n.Sections, sec.ID)
		slot := sec.Dir != "" && slices.Contains(n.Sections, sec.Dir+"/*")
		if plain || slot {
			listed = append(listed, n.ID)
		}
		bySlot = bySlot || slot && !plain
	}
	switch {
	case len(listed) > 0 && sec.Index:
		return fmt.Sprintf("section %q, the intro of slot \"%s/*\" in notice %s, appears on no page because no entity publishing it uses a section of %s/; expected such a section in an entity's uses, or remove the file",
			sec.ID, sec.Dir, quoted(listed), sec.Dir)
	case len(listed) > 0 && bySlot:
		return fmt.Sprintf("section %q fills slot \"%s/*\" of notice %s, but no entity publishing it has it in uses and not in omit; expected %q in an entity's uses, or remove the file",
			sec.ID, sec.Dir, quoted(listed), sec.ID)
	case len(listed) > 0:
		return fmt.Sprintf("section %q is in notice %s, but appears on no page: no entity publishes the notice, or every one omits the section; expected a page that shows it, or remove the file",
			sec.ID, quoted(listed))
	case sec.Index:
		return fmt.Sprintf("section %q, the intro of folder %s/, appears in no notice; expected the slot \"%s/*\" in a notice's sections, or remove the file", sec.ID, sec.Dir, sec.Dir)
	case sec.Dir != "":
		return fmt.Sprintf("section %q appears in no notice; expected %q or the slot \"%s/*\" in a notice's sections, or remove the file", sec.ID, sec.ID, sec.Dir)
	}
	return fmt.Sprintf("section %q appears in no notice; expected %q in a notice's sections, or remove the file", sec.ID, sec.ID)
}
