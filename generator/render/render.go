// Package render turns composed pages into HTML. It runs each section's
// body (package sandbox) and converts it (package markdown), lays the
// section out with the notice layout's partials and the page with its
// layout (package layout, on the model of package view), and hands each
// notice page to the output stage (package output) as a frame with its
// sections as fragments, so that a section shown on many pages is made
// and minified once. It also writes the overview, the language chooser
// and the sitemap.
//
// A Renderer renders the pages of one build. Rendered sections are kept
// in a Memo, by a key naming everything they were made from (sectionKey),
// so that pages share them, and serve's next build after an edit reuses
// the sections the edit did not touch.
package render

import (
	"bytes"
	"cmp"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/noticegen/noticegen/generator/activity"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/history"
	"github.com/noticegen/noticegen/generator/internal/fingerprint"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/output"
	"github.com/noticegen/noticegen/generator/render/layout"
	"github.com/noticegen/noticegen/generator/render/markdown"
	"github.com/noticegen/noticegen/generator/render/sandbox"
	"github.com/noticegen/noticegen/generator/render/view"
	"github.com/noticegen/noticegen/generator/site"
)

// Options are the optional parts of a Renderer.
type Options struct {
	// Memo keeps rendered sections between builds (serve); nil keeps them
	// for this build only.
	Memo *Memo
	// Inputs fingerprints the build's inputs: Global, everything every
	// section depends on (site.toml, the messages, the layouts, the build
	// options), and each file; a Memo's entries made under another Global
	// are not reused. nil fingerprints them with a hasher of its own.
	Inputs *fingerprint.Inputs
	// Output finishes the pages; nil writes them as the layouts print
	// them.
	Output *output.Finisher
	// Converter converts section bodies; nil is markdown.Shared.
	Converter markdown.Converter
	// Now is the day notice pages name the version in force as of
	// (history.Periods); zero is the clock's today.
	Now time.Time
}

// Renderer renders the pages of one site. It is safe for concurrent use
// once New has returned.
type Renderer struct {
	site    *site.Site
	cat     *locale.Catalog
	layouts *layout.Set
	bodies  map[*site.SectionFile]*sandbox.Body
	conv    markdown.Converter
	out     *output.Finisher
	memo    *Memo
	// groups, in a build without a memo of its own to fill, holds the
	// sections whose bodies use the entity, for a few entities at a time.
	groups *entityGroups
	inputs *fingerprint.Inputs
	global string // inputs.Global, as a part of keys
	// act resolves a section's facts with its providers'.
	act      *activity.Resolver
	dates    sync.Map  // "lang|2006-01-02" → view.Date
	params   sync.Map  // paramsKey → an entity's [params] in a language
	provData sync.Map  // lang → what bodies see as .Providers
	bufs     sync.Pool // *markdown.Buffers
	// versions holds the periods of each notice page's versions, by the
	// page's path, as of Options.Now.
	versions map[string][]history.Period
}

// New parses every section body of s, reporting all parse errors, and
// returns the renderer of its pages with layouts ls.
func New(s *site.Site, cat *locale.Catalog, ls *layout.Set, o Options) (*Renderer, diag.List) {
	r := &Renderer{site: s, cat: cat, layouts: ls, conv: o.Converter, out: o.Output, memo: o.Memo, inputs: o.Inputs,
		bodies: map[*site.SectionFile]*sandbox.Body{}}
	if r.out == nil {
		r.out = output.New(false)
	}
	if r.conv == nil {
		r.conv = markdown.NewShared(markdown.NewDirect(s.Config.UnsafeHTML))
	}
	if r.memo == nil {
		r.memo = NewMemo()
		r.groups = &entityGroups{m: map[string]map[string]renderedSection{}}
	}
	if r.inputs == nil {
		r.inputs = fingerprint.NewInputs(fingerprint.NewHasher())
	}
	r.act = activity.NewResolver(s)
	r.versions = periodsByPage(s, o.Now)
	// Global covers the providers too (fingerprint.ForSite): every
	// section may show them.
	r.global = r.inputs.Global.String()
	var diags diag.List
	// Which messages pages show is known once the layouts are parsed: a
	// site's message that none prints is most often a typo in its id.
	diags.Add(cat.Warnings(ls.MessageRefs())...)
	for _, sec := range s.Sections {
		for _, f := range sec.Translations {
			b, d := sandbox.Parse(f)
			if d != nil {
				diags.Add(*d)
				continue
			}
			r.bodies[f] = b
		}
	}
	return r, diags
}

// messageDiags is the diagnostic of a message that failed, if it did.
func messageDiags(err error) diag.List {
	if me, ok := errors.AsType[*locale.MessageError](err); ok {
		return diag.List{me.Diag}
	}
	return nil
}

func (r *Renderer) newPage(kind, lang, rel string) *view.PageData {
	cfg := r.site.Config
	p := view.NewPage(r.cat)
	p.Kind, p.Lang, p.Dir = kind, lang, locale.Direction(lang)
	p.SiteTitle = cfg.Title.Get(lang, cfg.DefaultLanguage)
	p.Root = strings.Repeat("../", strings.Count(rel, "/"))
	if r.HasFeed() {
		p.Feed = p.Root + FeedPath(lang)
	}
	return p
}

// alternates fills the language links of a page that exists in every
// language at <lang>/<rest>.
func (r *Renderer) alternates(p *view.PageData, rest string) {
	cfg := r.site.Config
	for _, l := range cfg.Languages {
		rel := l + "/" + rest
		link := view.LangLink{Lang: l, Name: locale.LanguageName(l), URL: cfg.BaseURL + rel, Href: p.Root + rel, Current: l == p.Lang}
		p.Languages = append(p.Languages, link)
		if l == p.Lang {
			p.Canonical = link.URL
		}
		if l == cfg.DefaultLanguage {
			p.XDefault = link.URL
		}
	}
}

// date formats t for pages in lang. Few distinct dates recur on thousands
// of pages, and the CLDR formatter is built anew for each call, so
// formatted dates are kept.
func (r *Renderer) date(lang string, t time.Time) view.Date {
	if t.IsZero() {
		return view.Date{}
	}
	iso := t.Format("2006-01-02")
	key := lang + "|" + iso
	if v, ok := r.dates.Load(key); ok {
		return v.(view.Date)
	}
	d := view.Date{Text: locale.Date(lang, t), ISO: iso}
	r.dates.Store(key, d)
	return d
}

// paramsKey names an entity's params in one language.
type paramsKey struct {
	entity *site.Entity
	lang   string
}

// paramsOf returns the [params] of page p's entity in p's language, resolved
// once per build: every section of every page would otherwise copy them,
// and an entity file may hold an array of a million values.
func (r *Renderer) paramsOf(p *compose.Page) map[string]any {
	key := paramsKey{p.Entity, p.Lang}
	if m, ok := r.params.Load(key); ok {
		return m.(map[string]any)
	}
	m := sandbox.Params(p.Entity.Params, p.Lang, r.site.Config.DefaultLanguage, r.date)
	r.params.Store(key, m)
	return m
}

func (r *Renderer) getBuffers() *markdown.Buffers {
	if b, ok := r.bufs.Get().(*markdown.Buffers); ok {
		return b
	}
	return &markdown.Buffers{}
}

func (r *Renderer) putBuffers(b *markdown.Buffers) {
	if b.Small() {
		r.bufs.Put(b)
	}
}

// Overview renders the page of one language that lists every entity with
// its controller and DPO contacts and links to its notices.
func (r *Renderer) Overview(w *bytes.Buffer, lang string) diag.List {
	def := r.site.Config.DefaultLanguage
	data := r.newPage(layout.KindOverview, lang, lang+"/")
	r.alternates(data, "")
	data.Title = data.SiteTitle
	var latest time.Time
	for _, e := range r.site.Entities {
		v := view.Entity(e, lang, def)
		for _, nid := range e.Notices {
			if n := r.site.Notice(nid); n != nil {
				v.Notices = append(v.Notices, view.Link{Title: n.Title.Get(lang, def), Href: e.ID + "/" + n.ID + "/"})
			}
		}
		data.Entities = append(data.Entities, *v)
		if e.Updated.After(latest) {
			latest = e.Updated
		}
	}
	// Readers look a company up by its name, in the order of their
	// language (Ä among the A in German, after Z in Swedish); the ids
	// break ties, so the order is the same on every build.
	byName := locale.Compare(lang)
	slices.SortStableFunc(data.Entities, func(a, b view.EntityView) int {
		return cmp.Or(byName(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	data.Updated = r.date(lang, latest)
	if d := r.layouts.Page(w, data); d != nil {
		return diag.List{*d}
	}
	return nil
}

// Chooser renders the site's root page, a list of its languages that works
// without JavaScript.
func (r *Renderer) Chooser(w *bytes.Buffer) diag.List {
	cfg := r.site.Config
	data := r.newPage(layout.KindChooser, cfg.DefaultLanguage, "")
	r.alternates(data, "")
	data.Canonical, data.XDefault = cfg.BaseURL, cfg.BaseURL
	data.Title = data.SiteTitle
	if d := r.layouts.Page(w, data); d != nil {
		return diag.List{*d}
	}
	return nil
}

// BodyMarkdown returns the Markdown of section file f on page p as a build
// feeds it to goldmark: the body template run with the page's values, each
// escaped. bench/hugosite uses it so that Hugo converts the very same text.
func BodyMarkdown(s *site.Site, p *compose.Page, f *site.SectionFile) (string, error) {
	b, d := sandbox.Parse(f)
	if d == nil {
		date := func(lang string, t time.Time) view.Date {
			return view.Date{Text: locale.Date(lang, t), ISO: t.Format("2006-01-02")}
		}
		params := sandbox.Params(p.Entity.Params, p.Lang, s.Config.DefaultLanguage, date)
		var md bytes.Buffer
		escape := func(text string) (string, int) { e := markdown.Escape(text); return e, len(e) }
		data := sandbox.NewData(s, p, params)
		data.Providers = sandbox.Providers(s, p.Lang, nil)
		if d = b.With(data).Run(&md, escape); d == nil {
			return md.String(), nil
		}
	}
	return "", errors.New(d.String())
}
