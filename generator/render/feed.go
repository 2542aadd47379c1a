package render

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/feed"
	"github.com/noticegen/noticegen/generator/history"
	"github.com/noticegen/noticegen/generator/site"
)

// FeedPath returns the path of language lang's Atom feed.
func FeedPath(lang string) string { return lang + "/feed.xml" }

// HasFeed reports whether the site writes feeds, and so whether its pages
// link to one: once it has released a version.
func (r *Renderer) HasFeed() bool { return len(r.site.Versions) > 0 }

// Feed writes lang's Atom feed: one entry per released version of the
// notice pages in lang among pages, newest first, so that a reader learns
// of every change, a material one by its title. An entry's id is the
// version's place on the changes page, which never moves; it links there
// (what changed) and to the version's own page while there is one (the
// page in force, or its archived copy).
func (r *Renderer) Feed(w *bytes.Buffer, lang string, pages []*compose.Page) diag.List {
	cfg := r.site.Config
	def := cfg.DefaultLanguage
	siteTitle := cfg.Title.Get(lang, def)
	title, err := r.cat.T(lang, "feed.title", map[string]any{"Site": siteTitle})
	if err != nil {
		return messageDiags(err)
	}
	f := &feed.Feed{
		Lang:      lang,
		ID:        cfg.BaseURL + FeedPath(lang),
		Title:     feed.Plain(title),
		Author:    &feed.Person{Name: siteTitle, URI: cfg.BaseURL},
		Generator: feed.Generator{Body: "noticegen"},
		Links: []feed.Link{
			{Rel: "self", Type: "application/atom+xml", Href: cfg.BaseURL + FeedPath(lang)},
			{Rel: "alternate", Type: "text/html", Href: cfg.BaseURL + lang + "/", HrefLang: lang},
		},
	}
	// An empty feed still needs a date: the latest release of the site,
	// which is the same on every build of the same files.
	var latest time.Time
	for _, v := range r.site.Versions {
		if v.Date.After(latest) {
			latest = v.Date
		}
	}
	f.Updated = feed.Time(latest)
	type dated struct {
		entry feed.Entry
		date  time.Time
		order int
	}
	var entries []dated
	for i, p := range pages {
		if p.Lang != lang {
			continue
		}
		for _, per := range r.versions[p.Path()] {
			e, err := r.feedEntry(p, per)
			if err != nil {
				return messageDiags(err)
			}
			entries = append(entries, dated{e, per.Version.Date, i})
		}
	}
	slices.SortStableFunc(entries, func(a, b dated) int {
		return cmp.Or(b.date.Compare(a.date), cmp.Compare(a.order, b.order))
	})
	for _, e := range entries {
		f.Entries = append(f.Entries, e.entry)
	}
	if err := feed.Encode(w, f); err != nil {
		return diag.List{{Severity: diag.Error, Message: "feed " + FeedPath(lang) + ": " + err.Error()}}
	}
	return nil
}

// feedEntry is the entry of one version of page p.
func (r *Renderer) feedEntry(p *compose.Page, per history.Period) (feed.Entry, error) {
	lang, def, base := p.Lang, r.site.Config.DefaultLanguage, r.site.Config.BaseURL
	v := per.Version
	date := v.Date.Format(site.DateLayout)
	class, err := r.cat.T(lang, "versionClass."+v.Class, nil)
	if err != nil {
		return feed.Entry{}, err
	}
	title, err := r.cat.T(lang, "feed.entry", map[string]any{
		"Class": class, "Title": p.Notice.Title.Get(lang, def), "Entity": p.Entity.Name.Get(lang, def)})
	if err != nil {
		return feed.Entry{}, err
	}
	summary, err := r.feedSummary(lang, v)
	if err != nil {
		return feed.Entry{}, err
	}
	changes := base + ChangesPath(p) + "#v-" + date
	e := feed.Entry{
		ID:        changes,
		Title:     feed.Plain(title),
		Updated:   feed.Time(v.Date),
		Published: ptr(feed.Time(v.Date)),
		Author:    &feed.Person{Name: p.Entity.Name.Get(lang, def)},
		Links:     []feed.Link{{Rel: "alternate", Type: "text/html", Href: changes, HrefLang: lang}},
		Summary:   &summary,
	}
	switch per.State {
	case history.Current:
		e.Links = append(e.Links, feed.Link{Rel: "related", Type: "text/html", Href: base + p.Path(), HrefLang: lang})
	case history.Archived:
		e.Links = append(e.Links, feed.Link{Rel: "related", Type: "text/html", Href: base + VersionPath(v), HrefLang: lang})
	}
	return e, nil
}

// feedSummary says in lang when version v applies and, line by line,
// which facts changed: the changes page's list, without the word diff.
func (r *Renderer) feedSummary(lang string, v *site.Version) (feed.Text, error) {
	var b strings.Builder
	s, err := r.cat.T(lang, "feed.summary", map[string]any{
		"Date": r.date(lang, v.Date).Text, "Effective": r.date(lang, v.Effective).Text})
	if err != nil {
		return feed.Text{}, err
	}
	b.WriteString(s)
	changes, err := r.changeViews(lang, v)
	if err != nil {
		return feed.Text{}, err
	}
	for _, c := range changes {
		var what []string
		for _, part := range []struct {
			id    string
			items []string
		}{{"feed.added", c.Added}, {"feed.removed", c.Removed}} {
			if len(part.items) == 0 {
				continue
			}
			list, err := r.cat.List(lang, part.items)
			if err != nil {
				return feed.Text{}, err
			}
			said, err := r.cat.T(lang, part.id, map[string]any{"Items": list})
			if err != nil {
				return feed.Text{}, err
			}
			what = append(what, said)
		}
		if c.Old+c.New != "" {
			replaced, err := r.cat.T(lang, "feed.replaced", map[string]any{"Old": c.Old, "New": c.New})
			if err != nil {
				return feed.Text{}, err
			}
			what = append(what, replaced)
		}
		line, err := r.cat.T(lang, "feed.change", map[string]any{"Fact": c.Fact, "Section": c.Section, "What": strings.Join(what, "; ")})
		if err != nil {
			return feed.Text{}, err
		}
		b.WriteString("\n" + line)
	}
	return feed.Plain(b.String()), nil
}

func ptr[T any](v T) *T { return &v }
