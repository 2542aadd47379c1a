// Package render turns composed pages into HTML: section bodies through
// text/template and goldmark, pages through html/template layouts, words
// through package locale. It also writes the sitemap.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"html/template"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	texttemplate "text/template"
	"time"

	"github.com/yuin/goldmark"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/site"
)

// Page kinds, each rendered by the layout of the same name.
const (
	KindChooser  = "chooser"
	KindOverview = "overview"
	KindNotice   = "notice"
)

// Minifier makes HTML smaller without changing what it shows; name's
// extension tells the kind of file. publish.Minifier is one.
type Minifier interface {
	Minify(name string, b []byte) ([]byte, error)
}

// Renderer renders the pages of one site. It is safe for concurrent use
// once New has returned.
type Renderer struct {
	site        *site.Site
	cat         *locale.Catalog
	md          goldmark.Markdown
	layouts     map[string]*template.Template // by kind
	bodies      map[*site.SectionFile]*texttemplate.Template
	deps        map[*site.SectionFile]bodyDeps
	assets      []site.File
	layoutFiles []site.File // every layout file as read, for cache fingerprints
	// sections holds rendered sections by content and language, shared by
	// the pages of one build: most sections read the same on every page.
	sections *Memo
	// groups, in a build without a memo of its own to fill, holds the
	// sections whose bodies use the entity, for a few entities at a time.
	groups  *entityGroups
	global  string
	shared  *sharedBodies // conversions of tokenized bodies, this build's
	keys    sync.Map      // *site.SectionFile, *site.Entity, *site.Notice → fingerprint
	runs    sync.Map      // parsed body → *sync.Pool of *bodyRun
	dates   sync.Map      // "lang|2006-01-02" → Date
	params  sync.Map      // paramsKey → an entity's [params] in a language
	buffers sync.Pool     // *bodyBuffers
	// mini, when set, minifies notice pages as they are rendered: each
	// section once, and the page around the sections, instead of the whole
	// page, most of whose bytes are sections shown on several pages.
	mini Minifier
}

// Memo keeps rendered sections. The renderer of one build fills and reads
// it; serve passes the same Memo to every build, so a section whose inputs
// did not change is not rendered again after an edit elsewhere. Keys name
// the content they were made from, so an entry is never stale; Sweep drops
// the ones the latest build did not use.
type Memo struct {
	mu   sync.Mutex
	gen  int
	m    map[string]memoEntry
	seed maphash.Seed
}

type memoEntry struct {
	gen int
	v   renderedSection
}

// NewMemo returns an empty memo.
func NewMemo() *Memo { return &Memo{m: map[string]memoEntry{}, seed: maphash.MakeSeed()} }

func (m *Memo) load(key string) (renderedSection, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.m[key]
	if ok {
		e.gen = m.gen
		m.m[key] = e
	}
	return e.v, ok
}

func (m *Memo) store(key string, v renderedSection) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.m[key] = memoEntry{gen: m.gen, v: v}
}

// Sweep forgets the sections the build that just ended did not use and
// starts a new generation.
func (m *Memo) Sweep() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for k, e := range m.m {
		if e.gen != m.gen {
			delete(m.m, k)
		}
	}
	m.gen++
}

// hash is a short fingerprint of texts, for memo keys.
func (m *Memo) hash(texts ...[]byte) string {
	var h maphash.Hash
	h.SetSeed(m.seed)
	for _, t := range texts {
		h.Write(t)
		h.WriteByte(0)
	}
	return strconv.FormatUint(h.Sum64(), 36)
}

// New parses the layouts (the site's layouts/ over the built-in ones, file
// by file) and every section body, reporting all parse errors.
func New(s *site.Site, cat *locale.Catalog, builtin, own fs.FS) (*Renderer, diag.List) {
	return NewWithMemo(s, cat, builtin, own, nil, "", nil)
}

// NewWithMemo is New with a memo of rendered sections kept between builds.
// global fingerprints everything every page depends on (site.toml, layouts,
// messages, options); entries made under another global are not reused.
//
// With mini set, notice pages come out minified.
func NewWithMemo(s *site.Site, cat *locale.Catalog, builtin, own fs.FS, memo *Memo, global string, mini Minifier) (*Renderer, diag.List) {
	var groups *entityGroups
	if memo == nil {
		memo = NewMemo()
		groups = &entityGroups{m: map[string]map[string]renderedSection{}}
	}
	r := &Renderer{
		site: s, cat: cat, md: newMarkdown(s.Config.UnsafeHTML), sections: memo, global: global, groups: groups, shared: newSharedBodies(), mini: mini,
		bodies: map[*site.SectionFile]*texttemplate.Template{}, deps: map[*site.SectionFile]bodyDeps{},
	}
	var diags diag.List
	files, ds := layoutFiles(builtin, own)
	diags.Add(ds...)
	layoutTexts := [][]byte{[]byte(global)}
	for _, f := range files {
		layoutTexts = append(layoutTexts, []byte(f.display), f.data)
		r.layoutFiles = append(r.layoutFiles, site.File{Path: f.display, Data: f.data})
		if strings.HasPrefix(f.name, "assets/") {
			r.assets = append(r.assets, site.File{Path: f.name, Data: f.data})
		}
	}
	r.global = memo.hash(layoutTexts...) // the layouts are global inputs too
	r.layouts = map[string]*template.Template{}
	for _, kind := range []string{KindChooser, KindOverview, KindNotice} {
		t, ds := parseLayouts(files, kind)
		diags.Add(ds...)
		if t != nil {
			r.layouts[kind] = t
		}
	}
	// Which messages pages show is known once the layouts are parsed: a
	// site's message that none prints is most often a typo in its id.
	diags.Add(cat.Warnings(messageRefs(r.layouts))...)
	for _, sec := range s.Sections {
		for _, f := range sec.Translations {
			t, d := parseBody(f)
			if d != nil {
				diags.Add(*d)
				continue
			}
			r.bodies[f] = t
			r.deps[f] = dependencies(t)
		}
	}
	return r, diags
}

type layoutFile struct {
	name    string // relative to layouts/
	display string // as errors show it
	data    []byte
}

// layoutFiles overlays the site's layouts on the built-in ones.
func layoutFiles(builtin, own fs.FS) ([]layoutFile, diag.List) {
	var diags diag.List
	byName := map[string]layoutFile{}
	for _, src := range []struct {
		fsys   fs.FS
		prefix string
	}{{builtin, "(built-in) layouts/"}, {own, "layouts/"}} {
		if src.fsys == nil {
			continue
		}
		err := fs.WalkDir(src.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == "." && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipDir
				}
				diags.Errorf(src.prefix+p, 0, 0, "cannot read: %v", err)
				return nil
			}
			if d.IsDir() || strings.HasPrefix(d.Name(), ".") || strings.HasSuffix(d.Name(), "~") {
				return nil
			}
			if !d.Type().IsRegular() {
				diags.Add(diag.Diagnostic{File: src.prefix + p, Severity: diag.Warning,
					Message:       "not a regular file (a link or device); skipped",
					StrictMessage: "not a regular file (a link or device); expected a regular file, since links could reach outside the site"})
				return nil
			}
			b, err := fs.ReadFile(src.fsys, p)
			if err != nil {
				diags.Errorf(src.prefix+p, 0, 0, "cannot read: %v", err)
				return nil
			}
			byName[p] = layoutFile{name: p, display: src.prefix + p, data: b}
			return nil
		})
		if err != nil && !errors.Is(err, fs.SkipDir) {
			diags.Errorf(src.prefix, 0, 0, "cannot read: %v", err)
		}
	}
	var files []layoutFile
	for _, name := range slices.Sorted(maps.Keys(byName)) {
		files = append(files, byName[name])
	}
	return files, diags
}

var layoutErrLine = regexp.MustCompile(`template: ([^:]+):(\d+):(?:(\d+):)? ?`)

// parseLayouts builds the template set of one page kind: base.html, every
// partial, and <kind>.html, which defines "main".
func parseLayouts(files []layoutFile, kind string) (*template.Template, diag.List) {
	var diags diag.List
	root := template.New("").Option("missingkey=error").Funcs(layoutFuncs())
	found := false
	for _, f := range files {
		if !strings.HasSuffix(f.name, ".html") {
			continue
		}
		if f.name != "base.html" && f.name != kind+".html" && !strings.HasPrefix(f.name, "partials/") {
			continue
		}
		found = found || f.name == kind+".html"
		if _, err := root.New(f.display).Parse(string(f.data)); err != nil {
			diags.Add(layoutError(err, f.display))
			return nil, diags
		}
	}
	if !found {
		diags.Errorf("layouts/"+kind+".html", 0, 0, "layout not found; expected layouts/%s.html", kind)
		return nil, diags
	}
	if root.Lookup("base.html") == nil && root.Lookup("(built-in) layouts/base.html") == nil && root.Lookup("layouts/base.html") == nil {
		diags.Errorf("layouts/base.html", 0, 0, "layout not found; expected layouts/base.html")
		return nil, diags
	}
	return root, diags
}

// layoutFuncs are the functions layouts may call besides the built-in
// ones; none of them reads files, the network or the environment.
func layoutFuncs() template.FuncMap {
	return template.FuncMap{
		// list groups values for a partial: {{ template "controller" (list $ .Entity) }}
		"list": func(xs ...any) []any { return xs },
	}
}

// messageDiags is the diagnostic of a message that failed, if it did.
func messageDiags(err error) diag.List {
	if me, ok := errors.AsType[*locale.MessageError](err); ok {
		return diag.List{me.Diag}
	}
	return nil
}

// layoutError places a template error at its file and line.
func layoutError(err error, file string) diag.Diagnostic {
	if me, ok := errors.AsType[*locale.MessageError](err); ok {
		return me.Diag // a message's own error, at its line: not the layout's
	}
	d := diag.Diagnostic{File: file, Severity: diag.Error, Message: err.Error()}
	if m := layoutErrLine.FindStringSubmatchIndex(d.Message); m != nil {
		d.File = d.Message[m[2]:m[3]]
		d.Line, _ = strconv.Atoi(d.Message[m[4]:m[5]])
		if m[6] >= 0 {
			d.Col, _ = strconv.Atoi(d.Message[m[6]:m[7]])
		}
		d.Message = d.Message[:m[0]] + d.Message[m[1]:]
	}
	d.Message = "layout: " + strings.TrimSpace(d.Message)
	return d
}

// execute writes a page to w, which the caller reuses from page to page:
// a notice page is tens of kilobytes, and growing a new buffer for each was
// a third of the bytes a build allocated.
func (r *Renderer) execute(w *bytes.Buffer, data *PageData) *diag.Diagnostic {
	t := r.layouts[data.Kind]
	if t == nil {
		return &diag.Diagnostic{File: "layouts/" + data.Kind + ".html", Severity: diag.Error, Message: "layout missing or broken"}
	}
	base := "(built-in) layouts/base.html"
	if t.Lookup("layouts/base.html") != nil {
		base = "layouts/base.html"
	}
	if err := t.ExecuteTemplate(w, base, data); err != nil {
		d := layoutError(err, base)
		return &d
	}
	return nil
}

// Layouts returns every layout file as read, built-in and the site's own.
func (r *Renderer) Layouts() []site.File { return r.layoutFiles }

// Assets returns the files under layouts/assets/, to be written to assets/.
func (r *Renderer) Assets() []site.File { return r.assets }

func (r *Renderer) newPage(kind, lang, rel string) *PageData {
	cfg := r.site.Config
	p := &PageData{
		Kind: kind, Lang: lang, Dir: locale.Direction(lang),
		SiteTitle: cfg.Title.Get(lang, cfg.DefaultLanguage),
		Root:      strings.Repeat("../", strings.Count(rel, "/")),
		cat:       r.cat,
	}
	return p
}

// alternates fills the language links of a page that exists in every
// language at <lang>/<rest>.
func (r *Renderer) alternates(p *PageData, rest string) {
	cfg := r.site.Config
	for _, l := range cfg.Languages {
		rel := l + "/" + rest
		link := LangLink{Lang: l, Name: locale.LanguageName(l), URL: cfg.BaseURL + rel, Href: p.Root + rel, Current: l == p.Lang}
		p.Languages = append(p.Languages, link)
		if l == p.Lang {
			p.Canonical = link.URL
		}
		if l == cfg.DefaultLanguage {
			p.XDefault = link.URL
		}
	}
}

func (r *Renderer) date(lang string, t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	iso := t.Format("2006-01-02")
	key := lang + "|" + iso
	if v, ok := r.dates.Load(key); ok {
		return v.(Date)
	}
	// Few distinct dates recur on thousands of pages, and the CLDR
	// formatter is built anew for each call, so formatted dates are kept.
	d := Date{Text: locale.Date(lang, t), ISO: iso}
	r.dates.Store(key, d)
	return d
}

func (r *Renderer) entityView(e *site.Entity, lang string) *EntityView {
	def := r.site.Config.DefaultLanguage
	v := &EntityView{
		ID: e.ID, Name: e.Name.Get(lang, def), Address: lines(e.Address.Get(lang, def)),
		Email: e.Email, Phone: e.Phone, Website: e.Website, Register: e.Register.Get(lang, def),
		VATID: e.VATID, RepresentedBy: e.RepresentedBy.Get(lang, def),
	}
	if e.DPO != nil {
		v.DPO = &DPOView{Name: e.DPO.Name.Get(lang, def), Address: lines(e.DPO.Address.Get(lang, def)), Email: e.DPO.Email, Phone: e.DPO.Phone}
	}
	if e.Authority != nil && !e.Authority.Name.IsZero() {
		v.Authority = &AuthorityView{Name: e.Authority.Name.Get(lang, def), URL: e.Authority.URL}
	}
	return v
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Anchor is the stable HTML id of a section: its id with / as _. Section
// ids never contain _ themselves (only the _index of a folder), so two
// sections never share an anchor: "a-b" and "a/b" become a-b and a_b, and
// the intro "conferencing/_index" becomes conferencing__index.
func Anchor(id string) string {
	return strings.ReplaceAll(id, "/", "_")
}

// ReservedAnchors are the ids the built-in notice layout gives its own
// parts; a section whose anchor is one of them would collide with it.
func ReservedAnchors() []string {
	return []string{"main", "controller", "data-protection-officer", "at-a-glance", "contents", "supervisory-authority"}
}

// Notice renders one composed notice.
func (r *Renderer) Notice(w *bytes.Buffer, p *compose.Page) diag.List {
	var diags diag.List
	lang, def := p.Lang, r.site.Config.DefaultLanguage
	rel := p.Path()
	data := r.newPage(KindNotice, lang, rel)
	r.alternates(data, p.Entity.ID+"/"+p.Notice.ID+"/")
	data.Entity = r.entityView(p.Entity, lang)
	data.Notice = NoticeView{ID: p.Notice.ID, Title: p.Notice.Title.Get(lang, def)}
	data.Title = data.Notice.Title
	data.Updated = r.date(lang, p.Updated())
	for _, part := range p.Parts {
		sv, ds := r.section(p, part)
		diags.Add(ds...)
		data.Sections = append(data.Sections, sv)
		if sv.Processing {
			data.Glance = append(data.Glance, GlanceRow{
				Anchor: sv.Anchor, Title: sv.Title, Lang: sv.Lang, Purposes: sv.Purposes,
				LegalBases: sv.LegalBases, Retention: sv.Retention, ThirdCountries: sv.ThirdCountries,
				HTML: sv.GlanceHTML, min: sv.minGlance,
			})
		}
	}
	if diags.HasErrors() {
		return diags
	}
	if r.mini != nil {
		return append(diags, r.noticeMinified(w, data)...)
	}
	if d := r.execute(w, data); d != nil {
		diags.Add(*d)
	}
	return diags
}

// noticeMinified writes a minified notice page. The page is laid out with
// a short placeholder element for each section, at-a-glance row and
// table-of-contents entry, minified, and then each placeholder is replaced
// by what it stands for, minified once when it was rendered: the minifier
// reads a page's frame and not the sections again on every page that
// shows them. A layout that does not print each section exactly once as
// HTML gets the whole page minified instead; a row or entry that is not
// one element stays in the frame and is minified with it.
func (r *Renderer) noticeMinified(w *bytes.Buffer, data *PageData) diag.List {
	sections, glance := data.Sections, data.Glance
	type splice struct {
		mark, id, html string
		required       bool // the page is minified whole without it
	}
	var splices []splice
	// stand returns the placeholder for piece i, named tag, and notes
	// what replaces it.
	stand := func(tag string, i int, html string, required bool) template.HTML {
		id := placeholderID(tag, i)
		mark := "<" + tag + " id=" + id + ">" + id + "</" + tag + ">"
		splices = append(splices, splice{mark: mark, id: id, html: html, required: required})
		return template.HTML(mark) // #nosec: our own element, replaced below
	}
	marked := slices.Clone(sections)
	for i, sv := range sections {
		if sv.HTML != "" {
			// An empty section is printed as it is: a placeholder element
			// where the page has nothing could change the white space.
			if sv.minHTML == "" {
				return r.noticeWhole(w, data)
			}
			marked[i].HTML = stand("section", i, sv.minHTML, true)
		}
		if sv.minTOC != "" {
			marked[i].TOCHTML = stand("li", i, sv.minTOC, false)
		}
	}
	rows := slices.Clone(glance)
	for i, row := range glance {
		if row.min != "" {
			rows[i].HTML = stand("tr", i, row.min, false)
		}
	}
	data.Sections, data.Glance = marked, rows
	frame := r.getBuffers()
	defer r.putBuffers(frame)
	frame.html.Reset()
	d := r.execute(&frame.html, data)
	data.Sections, data.Glance = sections, glance
	if d != nil {
		return diag.List{*d}
	}
	page, err := r.mini.Minify("index.html", frame.html.Bytes())
	if err != nil {
		return diag.List{{File: "layouts/notice.html", Severity: diag.Error, Message: err.Error()}}
	}
	// Find the placeholders in one pass over the page. Any other
	// "noticegen-" (a placeholder printed twice, or escaped into an
	// attribute), or a section's missing, makes the whole page minified
	// instead; a row or entry the layout does not print needs nothing.
	begin := w.Len()
	whole := func() diag.List {
		w.Truncate(begin)
		return r.noticeWhole(w, data)
	}
	byID := make(map[string]int, len(splices))
	for k, sp := range splices {
		byID[sp.id] = k
	}
	seen := make([]bool, len(splices))
	rest := 0
	for i := 0; ; {
		j := bytes.Index(page[i:], []byte(placeholderPrefix))
		if j < 0 {
			break
		}
		j += i
		end := bytes.IndexByte(page[j:], '>')
		k, ok := byID[string(page[j:j+max(end, 0)])]
		if end < 0 || !ok || seen[k] {
			return whole()
		}
		sp := splices[k]
		start := j - strings.Index(sp.mark, sp.id) // after "<tag id="
		if start < rest || !bytes.HasPrefix(page[start:], []byte(sp.mark)) {
			return whole()
		}
		seen[k] = true
		w.Write(page[rest:start])
		w.WriteString(sp.html)
		rest = start + len(sp.mark)
		i = rest
	}
	for k, sp := range splices {
		if sp.required && !seen[k] {
			return whole()
		}
	}
	w.Write(page[rest:])
	return nil
}

// noticeWhole lays out the page and minifies all of it.
func (r *Renderer) noticeWhole(w *bytes.Buffer, data *PageData) diag.List {
	var page bytes.Buffer
	if d := r.execute(&page, data); d != nil {
		return diag.List{*d}
	}
	m, err := r.mini.Minify("index.html", page.Bytes())
	if err != nil {
		return diag.List{{File: "layouts/notice.html", Severity: diag.Error, Message: err.Error()}}
	}
	w.Write(m)
	return nil
}

// placeholderPrefix starts every placeholder's id.
const placeholderPrefix = "noticegen-"

// placeholderID names the placeholder that stands for section, row or
// entry i while a page's frame is minified (noticeMinified): an element
// <tag id=ID>ID</tag>. No layout or body can print that element, since
// bodies and values are escaped and the id is ours. It has the tag of
// what it stands for, written as the minifier writes it, because the
// minifier drops the white space around a section, tr or li element and
// would keep some around an element it does not know; so only what is one
// such element (oneElement) is replaced by a placeholder. Its id is also
// its text, so that a layout printing it anywhere else leaves a trace
// even where html/template strips the tags (in an attribute), and the
// page is then minified whole.
func placeholderID(tag string, i int) string {
	return placeholderPrefix + tag + "-" + strconv.Itoa(i)
}

// oneElement reports whether h is a single element named tag, as the
// built-in partials render a section (section), an at-a-glance row (tr)
// and a table-of-contents entry (li).
func oneElement(h, tag string) bool {
	open, end := "<"+tag, "</"+tag+">"
	opens := func(t string) bool {
		return strings.HasPrefix(t, open) && len(t) > len(open) && (t[len(open)] == ' ' || t[len(open)] == '>')
	}
	if !opens(h) || !strings.HasSuffix(h, end) {
		return false
	}
	depth := 0
	for i := 0; i < len(h); {
		j := strings.IndexByte(h[i:], '<')
		if j < 0 {
			break
		}
		i += j
		switch t := h[i:]; {
		case opens(t):
			depth++
		case strings.HasPrefix(t, end):
			if depth--; depth == 0 {
				return i+len(end) == len(h) // the first one closes last
			}
		}
		i++
	}
	return false
}

type renderedSection struct {
	view  SectionView
	diags diag.List
}

// sectionKey names everything a rendered section is made from: the global
// inputs, the section file's text, the page's language, and the text of the
// entity and notice where the body uses them.
func (r *Renderer) sectionKey(p *compose.Page, part compose.Part, deps bodyDeps) string {
	f := part.File
	var b strings.Builder
	b.WriteString(r.keyOf(f, func() [][]byte { return [][]byte{[]byte(r.global), []byte(f.Path), f.Front.Text, []byte(f.Body)} }))
	b.WriteString("|" + part.Section.ID + "|" + p.Lang + "|")
	if deps.entity || deps.all {
		b.WriteString(r.keyOf(p.Entity, func() [][]byte { return [][]byte{[]byte(p.Entity.ID), p.Entity.Source.Text} }))
	}
	b.WriteByte('|')
	if deps.notice || deps.all {
		b.WriteString(r.keyOf(p.Notice, func() [][]byte { return [][]byte{[]byte(p.Notice.ID), p.Notice.Source.Text} }))
	}
	b.WriteString("|" + f.Path + "|" + deps.key(p))
	return b.String()
}

// keyOf returns the fingerprint of a section file, entity or notice,
// made from texts once per build: hashing each entity's file again for
// every section of every page was a twentieth of the render time.
func (r *Renderer) keyOf(source any, texts func() [][]byte) string {
	if k, ok := r.keys.Load(source); ok {
		return k.(string)
	}
	k := r.sections.hash(texts()...)
	r.keys.Store(source, k)
	return k
}

// section renders one part of a notice page, or takes it from the sections
// already rendered by this build for the same file, language and values.
func (r *Renderer) section(p *compose.Page, part compose.Part) (SectionView, diag.List) {
	f, lang := part.File, p.Lang
	deps := r.deps[f]
	key := r.sectionKey(p, part, deps)
	load, store := r.sections.load, r.sections.store
	if r.groups != nil && (deps.entity || deps.all) {
		group := p.Entity.ID + "\x00" + p.Lang
		load = func(key string) (renderedSection, bool) { return r.groups.load(group, key) }
		store = func(key string, v renderedSection) { r.groups.store(group, key, v) }
	}
	if rs, ok := load(key); ok {
		return rs.view, rs.diags
	}
	var diags diag.List
	m := f.Meta
	sv := SectionView{
		Anchor: Anchor(part.Section.ID), Title: m.Title, Fallback: part.Fallback, Intro: part.Section.Index,
		Processing: m.Processing(), Purposes: m.Purposes, LegitimateInterest: m.LegitimateInterest,
		DataCategories: m.DataCategories, Recipients: m.Recipients, Retention: m.Retention,
	}
	if part.Fallback {
		sv.Lang, sv.LangName = f.Lang, locale.LanguageNameIn(lang, f.Lang)
	}
	for _, code := range m.LegalBases {
		label, err := r.cat.LegalBasis(lang, code)
		diags.Add(messageDiags(err)...)
		sv.LegalBases = append(sv.LegalBases, label)
	}
	for _, c := range m.ThirdCountries {
		sv.ThirdCountries = append(sv.ThirdCountries, locale.CountryName(lang, c))
	}
	for _, s := range m.Safeguards {
		label, err := r.cat.T(lang, locale.SafeguardPrefix+s, nil)
		diags.Add(messageDiags(err)...)
		sv.Safeguards = append(sv.Safeguards, label)
	}
	var body []byte // in bufs, until section returns
	bufs := r.getBuffers()
	defer r.putBuffers(bufs)
	if t := r.bodies[f]; t != nil {
		html, d := r.executeBodyTo(bufs, t, f, bodyData(r.site, p, r.paramsOf(p)), false)
		if d != nil {
			if deps.entity || deps.all {
				// The same body works for one entity and fails for
				// another (a missing params key): say whose pages failed.
				// NameEntities words it, once for all entities it fails for.
				d.Entity = p.Entity.ID
			}
			diags.Add(*d)
		}
		body = html
	}
	if t := r.layouts[KindNotice]; t != nil && !diags.HasErrors() {
		data := &SectionData{SectionView: sv, PageLang: lang, cat: r.cat}
		w := r.wrapper(t, part, lang, data)
		diags.Add(w.diags...)
		if before, after, ok := strings.Cut(string(w.view.HTML), bodyMark); ok && len(body) > 0 {
			// One string holds the section, and the body is part of it.
			var sb strings.Builder
			sb.Grow(len(before) + len(body) + len(after))
			sb.WriteString(before)
			sb.Write(body)
			sb.WriteString(after)
			h := sb.String()
			sv.HTML = template.HTML(h)                                      // #nosec: html/template output around goldmark's
			sv.Body = template.HTML(h[len(before) : len(before)+len(body)]) // #nosec: produced by goldmark from escaped template output
			if r.mini != nil && bufs.shared != nil && oneElement(h, "section") {
				m, ok, err := r.minifiedSection(bufs.shared, f.Path+".html", before, after)
				if err != nil {
					diags.Errorf(f.Path, 0, 0, "%v", err)
				}
				if ok {
					sv.minHTML = m
				}
			}
		} else if !w.diags.HasErrors() {
			sv.Body = template.HTML(body) // #nosec: produced by goldmark from escaped template output
			data.Body = sv.Body
			var buf bytes.Buffer
			if err := t.ExecuteTemplate(&buf, "section", data); err != nil {
				diags.Add(layoutError(err, "layouts/partials/section.html"))
			}
			sv.HTML = template.HTML(buf.String()) // #nosec: html/template output
		}
		sv.GlanceHTML, sv.TOCHTML = w.view.GlanceHTML, w.view.TOCHTML
		sv.minGlance, sv.minTOC = w.view.minGlance, w.view.minTOC
	}
	if sv.Body == "" && len(body) > 0 {
		sv.Body = template.HTML(body) // #nosec: produced by goldmark from escaped template output
	}
	if r.mini != nil && !diags.HasErrors() && sv.minHTML == "" && oneElement(string(sv.HTML), "section") {
		// A page's frame is minified around its sections only where each
		// is one section element (see placeholderID); other pages are
		// minified whole.
		m, err := r.mini.Minify(f.Path+".html", []byte(sv.HTML))
		if err != nil {
			diags.Errorf(f.Path, 0, 0, "%v", err)
		}
		sv.minHTML = string(m)
	}
	store(key, renderedSection{view: sv, diags: diags})
	return sv, diags
}

// entityGroups keeps the sections whose bodies use the entity's values,
// grouped by entity and language, for a build that keeps nothing for the
// next one. Such a section serves only that entity's pages in that
// language, which the build renders one after the other, so the groups of
// entities done long ago are dropped: memory stays flat however many
// entities a site has (a 30,000-page build held 1.5 GB of them). A section
// asked for after its group was dropped is rendered again, never wrong.
type entityGroups struct {
	mu    sync.Mutex
	m     map[string]map[string]renderedSection
	order []string // oldest group first
}

// maxEntityGroups is how many entity × language groups stay: far more than
// the pages being rendered at once on any machine.
const maxEntityGroups = 64

func (g *entityGroups) load(group, key string) (renderedSection, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	v, ok := g.m[group][key]
	return v, ok
}

func (g *entityGroups) store(group, key string, v renderedSection) {
	g.mu.Lock()
	defer g.mu.Unlock()
	sections, ok := g.m[group]
	if !ok {
		if len(g.order) == maxEntityGroups {
			delete(g.m, g.order[0])
			g.order = g.order[1:]
		}
		sections = map[string]renderedSection{}
		g.m[group] = sections
		g.order = append(g.order, group)
	}
	sections[key] = v
}

// bodyMark stands for the body while the section layout runs once for all
// the pages that show a section: the layout around a body depends only on
// the section file and the language, while a body that prints the entity's
// name differs on every entity's pages. html/template turns a NUL in any
// other value into U+FFFD, so the mark cannot appear by accident.
const bodyMark = "\x00noticegen:body\x00"

// wrapper renders the section layout around bodyMark, the section's
// at-a-glance row and its table-of-contents entry, once per section file,
// language and place in the notice. Its HTML is empty when the layout does not print the body
// exactly once as HTML text (a site's own layout may print it twice, or
// test it); the section is then rendered whole for each page.
func (r *Renderer) wrapper(t *template.Template, part compose.Part, lang string, data *SectionData) renderedSection {
	f := part.File
	key := "wrap|" + r.sections.hash([]byte(r.global), []byte(f.Path), f.Front.Text, []byte(lang), []byte(part.Section.ID),
		[]byte(fmt.Sprint(part.Fallback, part.Section.Index)))
	if w, ok := r.sections.load(key); ok {
		return w
	}
	marked := *data
	marked.Body = bodyMark
	var buf bytes.Buffer
	var w renderedSection
	if err := t.ExecuteTemplate(&buf, "section", &marked); err != nil {
		w.diags.Add(layoutError(err, "layouts/partials/section.html"))
	} else if strings.Count(buf.String(), bodyMark) == 1 {
		w.view.HTML = template.HTML(buf.String()) // #nosec: html/template output
	}
	if data.Processing {
		// The row shows front matter only, never the body, so it is made
		// here, once per section file and language, with the layout
		// around the body.
		buf.Reset()
		if err := t.ExecuteTemplate(&buf, "glance-row", data); err != nil {
			w.diags.Add(layoutError(err, "layouts/partials/section.html"))
		}
		w.view.GlanceHTML = template.HTML(buf.String()) // #nosec: html/template output
	}
	if t.Lookup("toc-entry") != nil {
		buf.Reset()
		if err := t.ExecuteTemplate(&buf, "toc-entry", data); err != nil {
			w.diags.Add(layoutError(err, "layouts/notice.html"))
		}
		w.view.TOCHTML = template.HTML(buf.String()) // #nosec: html/template output
	}
	if r.mini != nil && !w.diags.HasErrors() {
		// Minified once here, they are spliced into each page's frame
		// as its sections are (noticeMinified).
		w.view.minGlance = r.minifyOne(string(w.view.GlanceHTML), "tr")
		w.view.minTOC = r.minifyOne(string(w.view.TOCHTML), "li")
	}
	r.sections.store(key, w)
	return w
}

// minifyOne returns h minified when it is one element named tag, and ""
// otherwise or when the minifier refuses it; the page's frame then keeps
// h, to be minified with the frame.
func (r *Renderer) minifyOne(h, tag string) string {
	if !oneElement(h, tag) {
		return ""
	}
	m, err := r.mini.Minify("index.html", []byte(h))
	if err != nil {
		return ""
	}
	return string(m)
}

// Overview renders the page of one language that lists every entity with
// its controller and DPO contacts and links to its notices.
func (r *Renderer) Overview(w *bytes.Buffer, lang string) diag.List {
	def := r.site.Config.DefaultLanguage
	data := r.newPage(KindOverview, lang, lang+"/")
	r.alternates(data, "")
	data.Title = data.SiteTitle
	var latest time.Time
	for _, e := range r.site.Entities {
		v := r.entityView(e, lang)
		for _, nid := range e.Notices {
			if n := r.site.Notice(nid); n != nil {
				v.Notices = append(v.Notices, Link{Title: n.Title.Get(lang, def), Href: e.ID + "/" + n.ID + "/"})
			}
		}
		data.Entities = append(data.Entities, *v)
		if e.Updated.After(latest) {
			latest = e.Updated
		}
	}
	data.Updated = r.date(lang, latest)
	if d := r.execute(w, data); d != nil {
		return diag.List{*d}
	}
	return nil
}

// Chooser renders the site's root page, a list of its languages that works
// without JavaScript.
func (r *Renderer) Chooser(w *bytes.Buffer) diag.List {
	cfg := r.site.Config
	data := r.newPage(KindChooser, cfg.DefaultLanguage, "")
	r.alternates(data, "")
	data.Canonical, data.XDefault = cfg.BaseURL, cfg.BaseURL
	data.Title = data.SiteTitle
	if d := r.execute(w, data); d != nil {
		return diag.List{*d}
	}
	return nil
}

// SitemapEntry is one URL of the sitemap with its language versions.
type SitemapEntry struct {
	Path       string // relative to the site root; "" for the root
	Updated    time.Time
	Alternates map[string]string // language → path
}

// Sitemap writes sitemap.xml with lastmod and xhtml:link alternates.
func (r *Renderer) Sitemap(entries []SitemapEntry) []byte {
	cfg := r.site.Config
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	for _, e := range entries {
		fmt.Fprintf(&b, "  <url>\n    <loc>%s</loc>\n", xmlText(cfg.BaseURL+e.Path))
		if !e.Updated.IsZero() {
			fmt.Fprintf(&b, "    <lastmod>%s</lastmod>\n", e.Updated.Format("2006-01-02"))
		}
		for _, l := range cfg.Languages {
			if p, ok := e.Alternates[l]; ok {
				fmt.Fprintf(&b, "    <xhtml:link rel=\"alternate\" hreflang=\"%s\" href=\"%s\"/>\n", xmlText(l), xmlText(cfg.BaseURL+p))
			}
		}
		if p, ok := e.Alternates[cfg.DefaultLanguage]; ok && len(e.Alternates) > 1 {
			fmt.Fprintf(&b, "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"%s\"/>\n", xmlText(cfg.BaseURL+p))
		}
		b.WriteString("  </url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

func xmlText(s string) string {
	var b strings.Builder
	template.HTMLEscape(&b, []byte(s))
	return b.String()
}
