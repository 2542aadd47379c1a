// Package compose turns the site model into pages: one composed notice per
// entity × notice × language, with slots filled from the entity's uses,
// omitted sections left out and missing translations taken from the
// default language. It is pure: no I/O, no errors (package validate reports
// the broken references that compose silently skips).
package compose

import (
	"path"
	"slices"
	"strings"
	"time"

	"github.com/noticegen/noticegen/generator/site"
)

// Page is one composed notice.
type Page struct {
	Entity *site.Entity
	Notice *site.Notice
	Lang   string
	Parts  []Part
}

// Part is one section as it appears on a page.
type Part struct {
	Section *site.Section
	// File is the translation shown: the page's language when it exists,
	// else the default language's.
	File *site.SectionFile
	// Fallback is true when File is not in the page's language.
	Fallback bool
	// Facts are File's front matter with the entity's own facts for the
	// section (site.Entity.Sections) in place: what the page's key facts,
	// at-a-glance row and check use. Own is set when the entity has such
	// facts, so that what is made from them is the entity's alone.
	// It points at File.Meta unless the entity has facts of its own: a
	// copy per part of every page was a hundred megabytes on 10,000 pages.
	Facts *site.FrontMatter
	Own   bool
}

// Path is the page's output path below the site root, with a trailing
// slash: "de/nordlicht-ag/website/".
func (p *Page) Path() string {
	return p.Lang + "/" + p.Entity.ID + "/" + p.Notice.ID + "/"
}

// Updated is the latest date among the page's sections and its entity, the
// page's "last updated" date.
func (p *Page) Updated() time.Time {
	latest := p.Entity.Updated
	for _, part := range p.Parts {
		if u := part.File.Meta.Updated; u.After(latest) {
			latest = u
		}
	}
	return latest
}

// Inputs lists the source files the page was composed from, for incremental
// rebuilds and for tracing a finding to its pages.
func (p *Page) Inputs() []string {
	in := []string{p.Entity.Source.Path, p.Notice.Source.Path}
	for _, part := range p.Parts {
		in = append(in, part.File.Path)
	}
	return in
}

// Site composes every page of s, ordered by language (site order), entity
// and the entity's notice order.
func Site(s *site.Site) []*Page {
	var pages []*Page
	for _, lang := range s.Config.Languages {
		for _, e := range s.Entities {
			for _, nid := range e.Notices {
				n := s.Notice(nid)
				if n == nil {
					continue
				}
				pages = append(pages, &Page{Entity: e, Notice: n, Lang: lang, Parts: Parts(s, e, n, lang)})
			}
		}
	}
	return pages
}

// Parts resolves a notice's section list for one entity and language.
//   - A plain id is included unless the entity omits it.
//   - A slot "dir/*" expands to the sections under dir/ that the entity
//     uses, in the order of its uses, preceded by dir/_index when it
//     exists; with no used section the slot, intro included, is left out.
func Parts(s *site.Site, e *site.Entity, n *site.Notice, lang string) []Part {
	// Room for every entry and a slot's intro and tools: growing the
	// slice part by part was most of what composing 10,000 pages cost.
	parts := make([]Part, 0, len(n.Sections)+len(e.Uses)+1)
	add := func(id string) {
		if slices.Contains(e.Omit, id) {
			return
		}
		if p, ok := part(s, id, lang); ok {
			if f := e.FactsFor(id); f != nil {
				m := f.Merge(p.File.Meta, p.File.Lang, s.Config.DefaultLanguage)
				p.Facts, p.Own = &m, true
			}
			parts = append(parts, p)
		}
	}
	for _, ref := range n.Sections {
		dir, isSlot := strings.CutSuffix(ref, "/*")
		if !isSlot {
			add(ref)
			continue
		}
		var members []string
		for _, u := range e.Uses {
			if path.Dir(u) == dir && !slices.Contains(e.Omit, u) && s.Section(u) != nil && !slices.Contains(members, u) {
				members = append(members, u)
			}
		}
		if len(members) == 0 {
			continue
		}
		add(dir + "/_index")
		for _, id := range members {
			add(id)
		}
	}
	return parts
}

func part(s *site.Site, id, lang string) (Part, bool) {
	sec := s.Section(id)
	if sec == nil {
		return Part{}, false
	}
	if f := sec.Translations[lang]; f != nil {
		return Part{Section: sec, File: f, Facts: &f.Meta}, true
	}
	if f := sec.Translations[s.Config.DefaultLanguage]; f != nil {
		return Part{Section: sec, File: f, Fallback: true, Facts: &f.Meta}, true
	}
	return Part{}, false
}
