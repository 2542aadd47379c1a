package check

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
)

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
