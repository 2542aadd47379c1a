package render

import (
	"bytes"
	"errors"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/output"
	"github.com/noticegen/noticegen/generator/render/layout"
	"github.com/noticegen/noticegen/generator/render/markdown"
	"github.com/noticegen/noticegen/generator/render/sandbox"
	"github.com/noticegen/noticegen/generator/render/view"
)

// renderedSection is one section as the pages that show it share it: its
// view, the diagnostics it gave, and its fragments for the output stage.
type renderedSection struct {
	view  view.SectionView
	diags diag.List
	// html, glance and toc are the section, its at-a-glance row and its
	// table-of-contents entry as fragments; nil when the output stage
	// lays pages out as they are, or there is no such part.
	html, glance, toc *output.Fragment
}

// Notice renders one composed notice into w. When it returns a page, w
// holds the page's frame, to be finished with it (output.Finisher.Finish);
// otherwise w holds the whole page.
func (r *Renderer) Notice(w *bytes.Buffer, p *compose.Page) (*output.Page, diag.List) {
	var diags diag.List
	lang, def := p.Lang, r.site.Config.DefaultLanguage
	data := r.newPage(layout.KindNotice, lang, p.Path())
	r.alternates(data, p.Entity.ID+"/"+p.Notice.ID+"/")
	data.Entity = view.Entity(p.Entity, lang, def)
	contacts := r.entityBlock(p, data.Entity, "contacts", "div")
	authority := r.entityBlock(p, data.Entity, "authority", "section")
	diags.Add(contacts.diags...)
	diags.Add(authority.diags...)
	data.ContactsHTML, data.AuthorityHTML = contacts.view.HTML, authority.view.HTML
	data.Notice = view.NoticeView{ID: p.Notice.ID, Title: p.Notice.Title.Get(lang, def), AutomatedDecisions: p.Notice.AutomatedDecisions.Get(lang, def)}
	data.Title = data.Notice.Title
	data.Updated = r.date(lang, p.Updated())
	data.Version = r.versionNote(p)
	parts := make([]renderedSection, 0, len(p.Parts))
	var rows []*output.Fragment
	for _, part := range p.Parts {
		rs := r.section(p, part)
		diags.Add(rs.diags...)
		parts = append(parts, rs)
		data.Sections = append(data.Sections, rs.view)
		if sv := rs.view; sv.Processing {
			data.Glance = append(data.Glance, view.GlanceRow{
				Anchor: sv.Anchor, Title: sv.Title, Lang: sv.Lang, Purposes: sv.Purposes,
				LegalBases: sv.LegalBases, Retention: sv.Retention, ThirdCountries: sv.ThirdCountries,
				HTML: sv.GlanceHTML,
			})
			rows = append(rows, rs.glance)
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	page, frame := r.frame(data, parts, rows, contacts.html, authority.html)
	if page == nil {
		if d := r.layouts.Page(w, data); d != nil {
			diags.Add(*d)
		}
		return nil, diags
	}
	if d := r.layouts.Page(w, frame); d != nil {
		return nil, append(diags, *d)
	}
	page.Whole = func(w *bytes.Buffer) error {
		if d := r.layouts.Page(w, data); d != nil {
			return errors.New(d.String())
		}
		return nil
	}
	return page, diags
}

// frame returns the page and a copy of its data with placeholders for the
// sections, rows, entries and entity blocks that stand alone, or a nil
// page when the page is to be laid out as it is: the output stage does not
// minify, or a section cannot stand alone. An empty section is printed as
// it is: a placeholder element where the page has nothing could change the
// white space.
func (r *Renderer) frame(data *view.PageData, parts []renderedSection, rows []*output.Fragment, contacts, authority *output.Fragment) (*output.Page, *view.PageData) {
	page := r.out.NewPage()
	if page == nil {
		return nil, nil
	}
	f := *data
	f.Sections, f.Glance = slices.Clone(data.Sections), slices.Clone(data.Glance)
	if m, ok := page.Stand(contacts, 0, false); ok {
		f.ContactsHTML = m
	}
	for i, rs := range parts {
		if rs.view.HTML != "" {
			m, ok := page.Stand(rs.html, i, true)
			if !ok {
				return nil, nil
			}
			f.Sections[i].HTML = m
		}
		if m, ok := page.Stand(rs.toc, i, false); ok {
			f.Sections[i].TOCHTML = m
		}
	}
	// The authority is a section element too: its placeholder is numbered
	// after the notice's sections.
	if m, ok := page.Stand(authority, len(parts), false); ok {
		f.AuthorityHTML = m
	}
	for i, fr := range rows {
		if m, ok := page.Stand(fr, i, false); ok {
			f.Glance[i].HTML = m
		}
	}
	return page, &f
}

// sectionKey names everything a rendered section is made from: the global
// inputs, the section file, the page's language, and the entity and notice
// where the body uses them.
func (r *Renderer) sectionKey(p *compose.Page, part compose.Part, deps sandbox.Deps) string {
	in := r.inputs
	var b strings.Builder
	b.WriteString(r.global + "|" + in.Section(part.File).String() + "|" + part.Section.ID + "|" + p.Lang + "|")
	if deps.Entity || deps.All || part.Own {
		// A body that reads the entity, or facts of the entity's own.
		b.WriteString(in.Entity(p.Entity).String())
	}
	b.WriteByte('|')
	if deps.Notice || deps.All {
		b.WriteString(in.Notice(p.Notice).String())
	}
	b.WriteString("|" + part.File.Path + "|" + deps.Key(p))
	return b.String()
}

// section renders one part of a notice page, or takes it from the sections
// already rendered for the same file, language and values.
func (r *Renderer) section(p *compose.Page, part compose.Part) renderedSection {
	f := part.File
	body := r.bodies[f]
	var deps sandbox.Deps
	if body != nil {
		deps = body.Deps()
	}
	key := r.sectionKey(p, part, deps)
	load, store := r.memo.load, r.memo.store
	if r.groups != nil && (deps.Entity || deps.All || part.Own) {
		group := p.Entity.ID + "\x00" + p.Lang
		load = func(key string) (renderedSection, bool) { return r.groups.load(group, key) }
		store = func(key string, v renderedSection) { r.groups.store(group, key, v) }
	}
	if rs, ok := load(key); ok {
		return rs
	}
	rs := r.renderSection(p, part, body)
	store(key, rs)
	return rs
}

// renderSection renders one section: its facts, its body, and the
// section layout around them.
func (r *Renderer) renderSection(p *compose.Page, part compose.Part, body *sandbox.Body) renderedSection {
	sv, diags := r.facts(part, p.Lang)
	var html markdown.HTML // in bufs, until renderSection returns
	bufs := r.getBuffers()
	defer r.putBuffers(bufs)
	if body != nil {
		var d *diag.Diagnostic
		data := sandbox.NewData(r.site, p, r.paramsOf(p))
		data.Providers = r.bodyProviders(p.Lang)
		html, d = r.conv.Convert(bufs, body.With(data))
		if d != nil {
			if deps := body.Deps(); deps.Entity || deps.All {
				// The same body works for one entity and fails for
				// another (a missing params key): say whose pages failed.
				// NameEntities words it, once for all entities it fails for.
				d.Entity = p.Entity.ID
			}
			diags.Add(*d)
		}
	}
	rs := renderedSection{}
	if !diags.HasErrors() {
		rs = r.layOut(p, part, sv, html)
	} else {
		rs.view = sv
	}
	rs.diags = append(diags, rs.diags...)
	if rs.view.Body == "" && len(html.Bytes) > 0 {
		rs.view.Body = template.HTML(html.Bytes) // #nosec: produced by goldmark from escaped template output
	}
	return rs
}

// bodyMark stands for the body while the section layout runs once for all
// the pages that show a section: the layout around a body depends only on
// the section file and the language, while a body that prints the entity's
// name differs on every entity's pages. html/template turns a NUL in any
// other value into U+FFFD, so the mark cannot appear by accident.
const bodyMark = "\x00noticegen:body\x00"

// layOut puts a section's body html into the section layout.
func (r *Renderer) layOut(p *compose.Page, part compose.Part, sv view.SectionView, html markdown.HTML) renderedSection {
	lang := p.Lang
	rs := renderedSection{view: sv}
	w, ok := r.wrapper(p, part, sv)
	if !ok {
		return rs // no notice layout: its error is reported already
	}
	rs.diags = w.diags
	body := html.Bytes
	if before, after, found := strings.Cut(string(w.view.HTML), bodyMark); found && len(body) > 0 {
		// One string holds the section, and the body is part of it.
		var sb strings.Builder
		sb.Grow(len(before) + len(body) + len(after))
		sb.WriteString(before)
		sb.Write(body)
		sb.WriteString(after)
		h := sb.String()
		rs.view.HTML = template.HTML(h)                                      // #nosec: html/template output around goldmark's
		rs.view.Body = template.HTML(h[len(before) : len(before)+len(body)]) // #nosec: produced by goldmark from escaped template output
		var shared *output.Shared
		if s := html.Shared; s != nil {
			shared = &output.Shared{Before: before, After: after, Body: s.Template, Tokens: s.Tokens, Values: s.Values, Key: s.Key}
		}
		rs.html = r.out.Fragment("section", h, shared)
	} else if !w.diags.HasErrors() {
		rs.view.Body = template.HTML(body) // #nosec: produced by goldmark from escaped template output
		data := view.NewSection(rs.view, lang, r.cat)
		var buf bytes.Buffer
		if _, d := r.layouts.Part(&buf, "section", "layouts/partials/section.html", data); d != nil {
			rs.diags.Add(*d)
		}
		rs.view.HTML = template.HTML(buf.String()) // #nosec: html/template output
		rs.html = r.out.Fragment("section", buf.String(), nil)
	}
	rs.view.GlanceHTML, rs.view.TOCHTML = w.view.GlanceHTML, w.view.TOCHTML
	rs.glance, rs.toc = w.glance, w.toc
	return rs
}

// wrapper renders the section layout around bodyMark, the section's
// at-a-glance row and its table-of-contents entry, once per section file,
// language and place in the notice (and entity, where the entity has
// facts of its own for the section). Its HTML is empty when the layout does
// not print the body exactly once as HTML text (a site's own layout may
// print it twice, or test it); the section is then laid out whole for each
// page. ok is false when there is no notice layout.
func (r *Renderer) wrapper(p *compose.Page, part compose.Part, sv view.SectionView) (w renderedSection, ok bool) {
	f, lang := part.File, p.Lang
	key := "wrap|" + r.global + "|" + r.inputs.Section(f).String() + "|" + lang + "|" + part.Section.ID + "|" +
		strconv.FormatBool(part.Fallback) + " " + strconv.FormatBool(part.Section.Index)
	if part.Own {
		key += "|" + r.inputs.Entity(p.Entity).String()
	}
	if w, ok := r.memo.load(key); ok {
		return w, true
	}
	data := view.NewSection(sv, lang, r.cat)
	marked := *data
	marked.Body = bodyMark
	var buf bytes.Buffer
	ok, d := r.layouts.Part(&buf, "section", "layouts/partials/section.html", &marked)
	if !ok {
		return w, false
	}
	if d != nil {
		w.diags.Add(*d)
	} else if strings.Count(buf.String(), bodyMark) == 1 {
		w.view.HTML = template.HTML(buf.String()) // #nosec: html/template output
	}
	if data.Processing {
		// The row shows front matter only, never the body, so it is made
		// here, once per section file and language, with the layout
		// around the body.
		buf.Reset()
		if _, d := r.layouts.Part(&buf, "glance-row", "layouts/partials/section.html", data); d != nil {
			w.diags.Add(*d)
		}
		w.view.GlanceHTML = template.HTML(buf.String()) // #nosec: html/template output
	}
	if r.layouts.Has("toc-entry") {
		buf.Reset()
		if _, d := r.layouts.Part(&buf, "toc-entry", "layouts/notice.html", data); d != nil {
			w.diags.Add(*d)
		}
		w.view.TOCHTML = template.HTML(buf.String()) // #nosec: html/template output
	}
	if !w.diags.HasErrors() {
		w.glance = r.out.Fragment("tr", string(w.view.GlanceHTML), nil)
		w.toc = r.out.Fragment("li", string(w.view.TOCHTML), nil)
	}
	r.memo.store(key, w)
	return w, true
}

// entityBlock renders the notice layout's template name (contacts: the
// controller and DPO block; authority: the supervisory authority) once per
// entity and language: it sees the entity and the messages only
// (view.NewContacts), so every notice of the entity in one language shows
// the same block, a fragment whose element is tag. Its view.HTML is empty
// when the layouts define no such template.
func (r *Renderer) entityBlock(p *compose.Page, e *view.EntityView, name, tag string) renderedSection {
	key := name + "|" + r.global + "|" + r.inputs.Entity(p.Entity).String() + "|" + p.Lang
	if c, ok := r.memo.load(key); ok {
		return c
	}
	var c renderedSection
	if r.layouts.Has(name) {
		var buf bytes.Buffer
		if _, d := r.layouts.Part(&buf, name, "layouts/notice.html", view.NewContacts(r.cat, p.Lang, e)); d != nil {
			c.diags.Add(*d)
		}
		c.view.HTML = template.HTML(buf.String()) // #nosec: html/template output
		if !c.diags.HasErrors() && buf.Len() > 0 {
			c.html = r.out.Fragment(tag, buf.String(), nil)
		}
	}
	r.memo.store(key, c)
	return c
}
