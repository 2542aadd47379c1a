// Package snapshot states what a notice page says, as a released version
// records it: its title, and per section the activity facts and the text
// as plain paragraphs. It compares two such states and classifies what
// changed as material (a purpose, legal basis, data category, recipient,
// provider, third country or safeguard added, or a retention changed) or
// editorial (anything else), so that a page's history says when its
// readers had to be told; and it writes a version file. noticegen release
// (package release) records versions from it, and check's
// unreleased-change rule compares a page with its latest version by it.
//
// Facts come only from generator/activity, as the page, the records and
// the JSON-LD twin read them, so a version states what was published.
package snapshot

import (
	"bytes"
	"slices"
	"strings"

	"github.com/noticegen/noticegen/generator/activity"
	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
)

// Of returns what page states as a version without dates, class or
// changes: its title and its sections in page order, each with the facts
// of acts (activity.Resolver.Of of each part, in the same order) and its
// text as plain paragraphs from bodies (a section's rendered HTML body by
// section id; a missing body gives an empty text).
func Of(page *compose.Page, acts []activity.Activity, bodies map[string][]byte, def string) site.Version {
	v := site.Version{Entity: page.Entity.ID, Notice: page.Notice.ID, Lang: page.Lang,
		Title: page.Notice.Title.Get(page.Lang, def)}
	for _, a := range acts {
		s := site.VersionSection{
			ID: a.ID, Title: a.Title, Purposes: a.Purposes, LegalBases: a.LegalBases,
			LegitimateInterest: a.LegitimateInterest, DataCategories: a.DataCategories,
			DataSubjects: a.DataSubjects, Recipients: a.Recipients, ThirdCountries: a.ThirdCountries,
			Safeguards: a.Safeguards, Retention: a.Retention, Source: a.Source,
			Text: PlainText(bodies[a.ID]),
		}
		for _, p := range a.Providers {
			s.Providers = append(s.Providers, p.ID)
		}
		v.Sections = append(v.Sections, s)
	}
	return v
}

// blocks are the elements that end a paragraph of plain text.
var blocks = map[string]bool{"p": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "dt": true, "dd": true, "tr": true, "td": true, "th": true, "br": true,
	"div": true, "blockquote": true, "pre": true, "ul": true, "ol": true, "dl": true, "table": true,
	"section": true, "figcaption": true, "caption": true}

// PlainText returns the text of an HTML fragment, one paragraph per line,
// white space within a paragraph collapsed: what a reader reads, so that a
// change of markup alone is no change of wording.
func PlainText(b []byte) string {
	l := html.NewLexer(parse.NewInputBytes(b))
	var lines []string
	var cur strings.Builder
	flush := func() {
		if t := strings.Join(strings.Fields(cur.String()), " "); t != "" {
			lines = append(lines, t)
		}
		cur.Reset()
	}
	skip := 0
	for {
		tt, data := l.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return strings.Join(lines, "\n")
		case html.StartTagToken, html.EndTagToken:
			name := strings.ToLower(string(l.Text()))
			if name == "script" || name == "style" {
				if tt == html.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			}
			if blocks[name] {
				flush()
			}
		case html.TextToken:
			if skip == 0 {
				cur.Write(unescape(data))
			}
		}
	}
}

// unescape decodes the character references the renderer writes.
func unescape(b []byte) []byte {
	if !bytes.ContainsRune(b, '&') {
		return b
	}
	r := strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'", "&#34;", `"`, "&nbsp;", "\u00a0", "&#x27;", "'")
	return []byte(r.Replace(string(b)))
}

// listFacts are the list facts of a section in the order a change names
// them, with whether an added item is material.
var listFacts = []struct {
	name     string
	get      func(*site.VersionSection) []string
	material bool
}{
	{"purposes", func(s *site.VersionSection) []string { return s.Purposes }, true},
	{"legalBases", func(s *site.VersionSection) []string { return s.LegalBases }, true},
	{"dataCategories", func(s *site.VersionSection) []string { return s.DataCategories }, true},
	{"dataSubjects", func(s *site.VersionSection) []string { return s.DataSubjects }, false},
	{"recipients", func(s *site.VersionSection) []string { return s.Recipients }, true},
	{"providers", func(s *site.VersionSection) []string { return s.Providers }, true},
	{"thirdCountries", func(s *site.VersionSection) []string { return s.ThirdCountries }, true},
	{"safeguards", func(s *site.VersionSection) []string { return s.Safeguards }, true},
}

// valueFacts are the single-value facts, with whether a change is material.
var valueFacts = []struct {
	name     string
	get      func(*site.VersionSection) string
	material bool
}{
	{"title", func(s *site.VersionSection) string { return s.Title }, false},
	{"legitimateInterest", func(s *site.VersionSection) string { return s.LegitimateInterest }, false},
	{"retention", func(s *site.VersionSection) string { return s.Retention }, true},
	{"source", func(s *site.VersionSection) string { return s.Source }, false},
	{"text", func(s *site.VersionSection) string { return s.Text }, false},
}

// Compare returns what differs from old to new, in new's section order
// (a removed section where it stood in old, after the sections before
// it): the page's title, each section added or removed, and per section
// the list items added and removed and the values changed. Each change
// has Material set.
func Compare(old, new *site.Version) []site.Change {
	var out []site.Change
	if old.Title != new.Title {
		out = append(out, site.Change{Fact: "title", Old: old.Title, New: new.Title})
	}
	olds := make(map[string]*site.VersionSection, len(old.Sections))
	for i := range old.Sections {
		olds[old.Sections[i].ID] = &old.Sections[i]
	}
	news := make(map[string]bool, len(new.Sections))
	for i := range new.Sections {
		news[new.Sections[i].ID] = true
	}
	// Removed sections come where they stood: before the first new
	// section that followed them in old.
	removedBefore := map[string][]string{}
	var tail []string
	for i, s := range old.Sections {
		if news[s.ID] {
			continue
		}
		next := ""
		for _, t := range old.Sections[i+1:] {
			if news[t.ID] {
				next = t.ID
				break
			}
		}
		if next == "" {
			tail = append(tail, s.ID)
		} else {
			removedBefore[next] = append(removedBefore[next], s.ID)
		}
	}
	removed := func(ids []string) {
		for _, id := range ids {
			out = append(out, site.Change{Section: id, Fact: "section", Removed: []string{id}})
		}
	}
	for i := range new.Sections {
		n := &new.Sections[i]
		removed(removedBefore[n.ID])
		o := olds[n.ID]
		if o == nil {
			o = &site.VersionSection{ID: n.ID}
			out = append(out, site.Change{Section: n.ID, Fact: "section", Added: []string{n.ID}})
		}
		out = append(out, compareSection(o, n)...)
	}
	removed(tail)
	for i := range out {
		out[i].Material = material(out[i])
	}
	return out
}

// compareSection returns the fact changes between two states of a section.
func compareSection(o, n *site.VersionSection) []site.Change {
	var out []site.Change
	for _, f := range valueFacts[:1] {
		if a, b := f.get(o), f.get(n); a != b && o.Title != "" {
			out = append(out, site.Change{Section: n.ID, Fact: f.name, Old: a, New: b})
		}
	}
	for _, f := range listFacts {
		added, gone := diffList(f.get(o), f.get(n))
		if len(added) > 0 || len(gone) > 0 {
			out = append(out, site.Change{Section: n.ID, Fact: f.name, Added: added, Removed: gone})
		}
	}
	for _, f := range valueFacts[1:] {
		if a, b := f.get(o), f.get(n); a != b {
			out = append(out, site.Change{Section: n.ID, Fact: f.name, Old: a, New: b})
		}
	}
	return out
}

// diffList returns the items of n not in o and those of o not in n, each
// in its list's order.
func diffList(o, n []string) (added, removed []string) {
	for _, v := range n {
		if !slices.Contains(o, v) {
			added = append(added, v)
		}
	}
	for _, v := range o {
		if !slices.Contains(n, v) {
			removed = append(removed, v)
		}
	}
	return added, removed
}

// material reports whether c alone makes a version material: a fact a
// reader must be told about was added, or the retention changed. A new
// section is material through the facts it adds, not by itself.
func material(c site.Change) bool {
	if c.Fact == "retention" {
		return c.Old != "" || c.New != ""
	}
	for _, f := range listFacts {
		if f.name == c.Fact {
			return f.material && len(c.Added) > 0
		}
	}
	return false
}

// Classify returns the class of a version with changes against the one
// before (vocab.VersionClasses): "first" when there is none (first), else
// "material" when any change is, else "editorial".
func Classify(first bool, changes []site.Change) string {
	if first {
		return vocab.VersionFirst
	}
	for _, c := range changes {
		if c.Material {
			return vocab.VersionMaterial
		}
	}
	return vocab.VersionEditorial
}

// Latest returns each page's latest version in s, keyed by Key.
func Latest(s *site.Site) map[string]*site.Version {
	out := map[string]*site.Version{}
	for _, v := range s.Versions { // sorted by date within a page
		out[Key(v.Entity, v.Notice, v.Lang)] = v
	}
	return out
}

// Key names one notice page: entity, notice and language.
func Key(entity, notice, lang string) string { return entity + "\x00" + notice + "\x00" + lang }

// SectionBodies returns, by section id, the HTML of each section's body
// on a rendered notice page: the element with class section-body inside
// the section's element (id vocab.Anchor(id)), as layouts/partials/
// section.html writes it. A section whose body is not found (a site's own
// layout without it) gets none, and its text is then not compared.
func SectionBodies(page []byte, ids []string) map[string][]byte {
	out := make(map[string][]byte, len(ids))
	s := string(page)
	for _, id := range ids {
		i := strings.Index(s, `<section id="`+vocab.Anchor(id)+`"`)
		if i < 0 {
			continue
		}
		rest := s[i:]
		j := strings.Index(rest, `<div class="section-body">`)
		end := strings.Index(rest, "</section>")
		if j < 0 || (end >= 0 && end < j) {
			continue
		}
		body := rest[j+len(`<div class="section-body">`):]
		depth, k := 1, 0
		for depth > 0 {
			open := strings.Index(body[k:], "<div")
			closeAt := strings.Index(body[k:], "</div>")
			if closeAt < 0 {
				k = len(body)
				break
			}
			if open >= 0 && open < closeAt {
				depth++
				k += open + 4
				continue
			}
			depth--
			k += closeAt
			if depth > 0 {
				k += len("</div>")
			}
		}
		out[id] = []byte(body[:k])
	}
	return out
}
