package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
)

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
