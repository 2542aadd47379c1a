package render

import (
	"bytes"
	"fmt"
	"html"
	"slices"
	"strings"
	"time"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/history"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/render/layout"
	"github.com/noticegen/noticegen/generator/render/view"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
)

// VersionPath returns the folder of an archived version's page below the
// site root: <lang>/<entity>/<notice>/versions/<date>/.
func VersionPath(v *site.Version) string {
	return v.Lang + "/" + v.Entity + "/" + v.Notice + "/versions/" + v.Date.Format(site.DateLayout) + "/"
}

// Archived writes the page of archived version p into w: the page as it
// was published (history.Archive), with a banner in its language saying
// when it was in force, linking to the page in force and to its changes.
// It reads nothing but the version, site.toml and the messages, so the
// page stays the same however sections, layouts and providers change.
func (r *Renderer) Archived(w *bytes.Buffer, p history.Period) diag.List {
	v := p.Version
	banner, err := r.banner(p)
	if err != nil {
		return messageDiags(err)
	}
	page, err := v.Published()
	if ds, ok := err.(diag.List); ok {
		return ds
	} else if err != nil {
		return diag.List{{File: v.Source.Path, Severity: diag.Error, Message: "cannot read the stored page again: " + err.Error()}}
	}
	b, err := history.Archive(page, r.site.Config.BaseURL+VersionPath(v), banner)
	if err != nil {
		return diag.List{{File: v.Source.Path, Line: v.Source.LineOffset + 1, Severity: diag.Error, Message: err.Error()}}
	}
	w.Write(b)
	return nil
}

// banner is the note at the start of an archived page. From the page at
// versions/<date>/ the notice page is two folders up, whatever the ids.
func (r *Renderer) banner(p history.Period) ([]byte, error) {
	lang := p.Version.Lang
	// The dates go in as marks, replaced by <time> elements once the
	// message is escaped.
	text, err := r.cat.T(lang, "version.superseded", map[string]any{"From": "\x00from\x00", "Until": "\x00until\x00"})
	if err != nil {
		return nil, err
	}
	text = strings.NewReplacer("\x00from\x00", r.timeHTML(lang, p.From), "\x00until\x00", r.timeHTML(lang, p.Until)).Replace(html.EscapeString(text))
	cur, err := r.cat.T(lang, "version.current", nil)
	if err != nil {
		return nil, err
	}
	changes, err := r.cat.T(lang, "version.changes", nil)
	if err != nil {
		return nil, err
	}
	return fmt.Appendf(nil, `<div class="superseded" role="note"><p>%s</p><p><a href="../../">%s</a> · <a href="../../changes/">%s</a></p></div>`,
		text, html.EscapeString(cur), html.EscapeString(changes)), nil
}

// timeHTML is date t in lang as a <time> element.
func (r *Renderer) timeHTML(lang string, t time.Time) string {
	d := r.date(lang, t)
	return `<time datetime="` + d.ISO + `">` + html.EscapeString(d.Text) + `</time>`
}

// ChangesPath returns the folder of a notice page's changes page:
// <lang>/<entity>/<notice>/changes/.
func ChangesPath(p *compose.Page) string { return p.Path() + "changes/" }

// Changes renders the changes page of notice page p from the periods of
// its versions (history.Periods), newest first: each version's dates, its
// class, the facts that changed, and a word diff of each section whose
// text changed against the version before.
//
// Its language links name the languages in langs only: those in which the
// page has versions, and so a changes page.
func (r *Renderer) Changes(w *bytes.Buffer, p *compose.Page, periods []history.Period, langs []string) diag.List {
	lang, def := p.Lang, r.site.Config.DefaultLanguage
	rel := ChangesPath(p)
	data := r.newPage(layout.KindChanges, lang, rel)
	r.alternates(data, p.Entity.ID+"/"+p.Notice.ID+"/changes/")
	data.Languages = slices.DeleteFunc(data.Languages, func(l view.LangLink) bool { return !slices.Contains(langs, l.Lang) })
	if !slices.Contains(langs, def) {
		data.XDefault = data.Canonical // base.html names one; this page is the only one there is
	}
	data.Entity = view.Entity(p.Entity, lang, def)
	data.Notice = view.NoticeView{ID: p.Notice.ID, Title: p.Notice.Title.Get(lang, def)}
	title, err := r.cat.T(lang, "version.changesTitle", map[string]any{"Title": data.Notice.Title})
	if err != nil {
		return messageDiags(err)
	}
	data.Title = title
	var latest time.Time
	for i := len(periods) - 1; i >= 0; i-- {
		per := periods[i]
		v := per.Version
		if v.Date.After(latest) {
			latest = v.Date
		}
		vv := view.VersionView{Date: r.date(lang, v.Date), Effective: r.date(lang, v.Effective), Class: v.Class,
			Material: v.Class == "material", State: stateName(per.State)}
		switch per.State {
		case history.Current:
			vv.Href = "../"
		case history.Archived:
			vv.Href = "../versions/" + v.Date.Format(site.DateLayout) + "/"
		}
		var err error
		if vv.Changes, err = r.changeViews(lang, v); err != nil {
			return messageDiags(err)
		}
		if i > 0 {
			vv.Diffs = sectionDiffs(periods[i-1].Version, v)
		}
		data.Versions = append(data.Versions, vv)
	}
	data.Updated = r.date(lang, latest)
	if d := r.layouts.Page(w, data); d != nil {
		return diag.List{*d}
	}
	return nil
}

// changeViews are version v's changes in lang as the changes page and the
// feed state them: the section by its title, the fact by its label, the
// items by factWords. A changed text has no old and new value here: the
// word diff shows what changed in it, and the whole text before and after
// would bury that.
func (r *Renderer) changeViews(lang string, v *site.Version) ([]view.ChangeView, error) {
	titles := map[string]string{}
	for _, s := range v.Sections {
		titles[s.ID] = s.Title
	}
	var out []view.ChangeView
	for _, c := range v.Changes {
		label, err := r.cat.T(lang, "versionFact."+c.Fact, nil)
		if err != nil {
			return nil, err
		}
		cv := view.ChangeView{Section: titles[c.Section], Fact: label, Added: r.factWords(lang, c.Fact, c.Added), Removed: r.factWords(lang, c.Fact, c.Removed), Old: c.Old, New: c.New}
		if c.Fact == "text" {
			cv.Old, cv.New = "", ""
		}
		out = append(out, cv)
	}
	return out, nil
}

// sectionDiffs is the word diff of each section of v whose text differs
// from the same section in prev, in v's order; a new section is all new.
func sectionDiffs(prev, v *site.Version) []view.SectionDiff {
	before := map[string]string{}
	for _, s := range prev.Sections {
		before[s.ID] = s.Text
	}
	var out []view.SectionDiff
	for _, s := range v.Sections {
		if s.Text == before[s.ID] {
			continue // most sections are the same, and a diff of them is all equal
		}
		ops := history.WordDiff(before[s.ID], s.Text)
		if !history.Changed(ops) {
			continue
		}
		d := view.SectionDiff{Title: s.Title}
		for _, o := range ops {
			d.Ops = append(d.Ops, view.DiffOp{Kind: opName(o.Kind), Text: o.Text})
		}
		out = append(out, d)
	}
	return out
}

func opName(k history.OpKind) string {
	switch k {
	case history.Insert:
		return "insert"
	case history.Delete:
		return "delete"
	}
	return "equal"
}

func stateName(s history.State) string {
	switch s {
	case history.Current:
		return "current"
	case history.Upcoming:
		return "upcoming"
	case history.Never:
		return "never"
	}
	return "archived"
}

// periodsByPage returns the periods of every page's versions as of now,
// keyed by <lang>/<entity>/<notice>/.
func periodsByPage(s *site.Site, now time.Time) map[string][]history.Period {
	if len(s.Versions) == 0 {
		return nil
	}
	if now.IsZero() {
		now = time.Now()
	}
	byPage := map[string][]*site.Version{}
	for _, v := range s.Versions {
		k := v.Lang + "/" + v.Entity + "/" + v.Notice + "/"
		byPage[k] = append(byPage[k], v)
	}
	m := make(map[string][]history.Period, len(byPage))
	for k, vs := range byPage {
		m[k] = history.Periods(vs, now)
	}
	return m
}

// versionNote is what notice page p says of its versions, nil when it has
// none.
func (r *Renderer) versionNote(p *compose.Page) *view.VersionNote {
	periods := r.versions[p.Path()]
	if periods == nil {
		return nil
	}
	n := &view.VersionNote{Changes: "changes/"}
	for _, per := range periods {
		switch per.State {
		case history.Current:
			n.Current, n.Date, n.Effective = true, r.date(p.Lang, per.Version.Date), r.date(p.Lang, per.Version.Effective)
		case history.Upcoming:
			if n.Upcoming.ISO == "" {
				n.Upcoming = r.date(p.Lang, per.Version.Effective)
			}
		}
	}
	return n
}

// factWords returns the items of a changed fact as the page shows them:
// legal bases and safeguards by their labels, countries and providers by
// name, other facts (texts already) as they are. A provider no longer in
// the site keeps its id: the version named it so.
func (r *Renderer) factWords(lang, fact string, items []string) []string {
	if len(items) == 0 {
		return nil
	}
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it
		var label string
		var err error
		switch fact {
		case "legalBases":
			label, err = r.cat.LegalBasis(lang, it)
		case "safeguards":
			label, err = r.cat.T(lang, vocab.SafeguardPrefix+it, nil)
		case "thirdCountries":
			label = locale.CountryName(lang, it)
		case "providers":
			if pr := r.site.Provider(it); pr != nil {
				label = pr.Name.Get(lang, r.site.Config.DefaultLanguage)
			}
		}
		if err == nil && label != "" {
			out[i] = label
		}
	}
	return out
}
