// Package layout loads the layouts of a site — its own layouts/ over the
// built-in ones, file by file — parses them into one html/template set per
// page kind (chooser, overview, notice: base.html, the partials and
// <kind>.html), and runs them on the page model of package view. Errors,
// the layouts' own and those of the UI messages they print, come back at
// their file and line.
package layout

import (
	"bytes"
	"errors"
	"html/template"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/render/view"
	"github.com/noticegen/noticegen/generator/site"
)

// Page kinds, each rendered by the layout of the same name.
const (
	KindChooser  = "chooser"
	KindOverview = "overview"
	KindNotice   = "notice"
	// KindChanges is a notice page's list of released versions.
	KindChanges = "changes"
)

// kinds are the page kinds in the order they are parsed.
func kinds() []string { return []string{KindChooser, KindOverview, KindNotice, KindChanges} }

// Set is the parsed layouts of one site. It is safe for concurrent use.
type Set struct {
	byKind map[string]*template.Template
	files  []site.File // every layout file as read, for fingerprints
	assets []site.File // layouts/assets/, to be written to assets/
}

// Load reads and parses the layouts, reporting every error.
func Load(builtin, own fs.FS) (*Set, diag.List) {
	var diags diag.List
	files, ds := layoutFiles(builtin, own)
	diags.Add(ds...)
	s := &Set{byKind: map[string]*template.Template{}}
	for _, f := range files {
		s.files = append(s.files, site.File{Path: f.display, Data: f.data})
		if strings.HasPrefix(f.name, "assets/") {
			s.assets = append(s.assets, site.File{Path: f.name, Data: f.data})
		}
	}
	for _, kind := range kinds() {
		t, ds := parseLayouts(files, kind)
		diags.Add(ds...)
		if t != nil {
			s.byKind[kind] = t
		}
	}
	return s, diags
}

// Files returns every layout file as read, built-in and the site's own.
func (s *Set) Files() []site.File { return s.files }

// Assets returns the files under layouts/assets/, to be written to assets/.
func (s *Set) Assets() []site.File { return s.assets }

// Has reports whether the notice layouts define the template name (such
// as "toc-entry", which a site's own layout may leave out).
func (s *Set) Has(name string) bool {
	t := s.byKind[KindNotice]
	return t != nil && t.Lookup(name) != nil
}

// Part runs the notice layouts' template name ("section", "glance-row",
// "toc-entry" on a *view.SectionData, "contacts" and "authority" on view.NewContacts);
// file names the layout file for errors. ok is false when the notice
// layouts are missing or broken.
func (s *Set) Part(w *bytes.Buffer, name, file string, data any) (ok bool, d *diag.Diagnostic) {
	t := s.byKind[KindNotice]
	if t == nil {
		return false, nil
	}
	if err := t.ExecuteTemplate(w, name, data); err != nil {
		e := Error(err, file)
		return true, &e
	}
	return true, nil
}

// Page writes a page of data.Kind to w, which the caller reuses from page
// to page: a notice page is tens of kilobytes, and growing a new buffer
// for each was a third of the bytes a build allocated.
func (s *Set) Page(w *bytes.Buffer, data *view.PageData) *diag.Diagnostic {
	t := s.byKind[data.Kind]
	if t == nil {
		return &diag.Diagnostic{File: "layouts/" + data.Kind + ".html", Severity: diag.Error, Message: "layout missing or broken"}
	}
	base := "(built-in) layouts/base.html"
	if t.Lookup("layouts/base.html") != nil {
		base = "layouts/base.html"
	}
	if err := t.ExecuteTemplate(w, base, data); err != nil {
		d := Error(err, base)
		return &d
	}
	return nil
}

type layoutFile struct {
	name    string // relative to layouts/
	display string // as errors show it
	data    []byte
}

// layoutFiles overlays the site's layouts on the built-in ones, file by
// file, each folder read by the site's one file policy (site.Reader: size
// cap, no links, no editor scratch files).
func layoutFiles(builtin, own fs.FS) ([]layoutFile, diag.List) {
	var diags diag.List
	byName := map[string]layoutFile{}
	for _, src := range []struct {
		fsys   fs.FS
		prefix string
	}{{builtin, "(built-in) " + site.LayoutsDir + "/"}, {own, site.LayoutsDir + "/"}} {
		if src.fsys == nil {
			continue
		}
		files, ds := site.Reader{Display: src.prefix}.ReadTree(src.fsys, ".")
		diags.Add(ds...)
		for _, f := range files {
			byName[f.Path] = layoutFile{name: f.Path, display: src.prefix + f.Path, data: f.Data}
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
			diags.Add(Error(err, f.display))
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

// Error places a template error at its file and line.
func Error(err error, file string) diag.Diagnostic {
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
