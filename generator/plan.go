package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/internal/fingerprint"
	"github.com/noticegen/noticegen/generator/output"
	"github.com/noticegen/noticegen/generator/publish"
	"github.com/noticegen/noticegen/generator/render"
	"github.com/noticegen/noticegen/generator/render/layout"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/twin"
	"golang.org/x/text/cases"
)

// job renders one output file. key fingerprints its inputs for the cache;
// 0 means it is always made anew (cheap files such as the sitemap).
type job struct {
	path string
	key  fingerprint.Sum
	page bool // counts as a rendered page
	raw  bool // copied byte for byte: never minified
	// run makes the file in w, or a page's frame in w with the page to
	// finish it with (output.Finisher.Finish).
	run  func(w *bytes.Buffer) (*output.Page, diag.List)
	from origin // what makes the file, for the error when two make one path
}

// origin names what makes an output file, for messages: a phrase, and
// the source file to fix, with the value in it (under key) that caused the
// file, whose place is looked up only when an error needs it.
type origin struct {
	what       string // e.g. `entity "a" with notice "b/c"`
	file       string
	src        *site.Source
	value, key string
}

// pos returns the place of the origin's value in its file, or 0, 0.
func (o origin) pos() (line, col int) {
	if o.src == nil {
		return 0, 0
	}
	return o.src.ValuePos(o.value, o.key)
}

// plan lists every file of the site, each with how to make it: the
// chooser, the overviews, the notice pages with their twins
// (notice.jsonld, made by tw) and the pages of their released versions
// as of now, the assets, each language's feed of versions and the sitemap.
// Notice pages that only (when set) refuses are left out here, before
// their fingerprints are made: serve's build of the open page would
// otherwise fingerprint all 10,000 pages of a large site for one.
func plan(s *site.Site, r *render.Renderer, tw *twin.Maker, ls *layout.Set, pages []*compose.Page, in *fingerprint.Inputs, c *Cache, only func(path string) bool, now time.Time) []job {
	var g, all fingerprint.Sum // 0 without a cache: nothing is kept
	if c != nil {
		g = in.Global
		sums := []fingerprint.Sum{g}
		for _, e := range s.Entities {
			sums = append(sums, in.Entity(e))
		}
		for _, n := range s.Notices {
			sums = append(sums, in.Notice(n))
		}
		all = in.Combine(sums)
	}
	overviewKey := func(lang string) fingerprint.Sum {
		if c == nil {
			return 0
		}
		return in.Combine([]fingerprint.Sum{all}, lang)
	}
	jobs := []job{{path: "index.html", key: g, page: true, run: whole(r.Chooser), from: origin{what: "the language chooser"}}}
	for _, lang := range s.Config.Languages {
		jobs = append(jobs, job{path: lang + "/index.html", key: overviewKey(lang), page: true,
			run:  whole(func(w *bytes.Buffer) diag.List { return r.Overview(w, lang) }),
			from: overviewOrigin(s, lang)})
	}
	versions := pageVersions(s, pages)
	langs := versionLangs(s, versions)
	for _, p := range pages {
		e, n := p.Entity, p.Notice
		if vs := versions[p.Path()]; vs != nil {
			jobs = append(jobs, versionJobs(p, vs, langs[e.ID+"/"+n.ID+"/"], r, in, c, now)...)
		}
		pagePath, twinPath := p.Path()+"index.html", twin.Path(p)
		wantPage, wantTwin := only == nil || only(pagePath), only == nil || only(twinPath)
		if !wantPage && !wantTwin {
			continue
		}
		from := origin{what: fmt.Sprintf("entity %q with notice %q", e.ID, n.ID), file: e.Source.Path, src: &e.Source, value: n.ID, key: "notices"}
		key := pageKey(in, c, p, versions[p.Path()], now) // the page's and its twin's: they have the same inputs
		if wantPage {
			jobs = append(jobs, job{path: pagePath, key: key, page: true,
				run:  func(w *bytes.Buffer) (*output.Page, diag.List) { return r.Notice(w, p) },
				from: from})
		}
		if wantTwin {
			jobs = append(jobs, job{path: twinPath, key: key, raw: true,
				run:  whole(func(w *bytes.Buffer) diag.List { return tw.Write(w, p) }),
				from: from})
		}
	}
	for _, a := range ls.Assets() {
		jobs = append(jobs, job{path: a.Path, run: whole(func(w *bytes.Buffer) diag.List { w.Write(a.Data); return nil }),
			from: origin{what: site.LayoutsDir + "/" + a.Path, file: site.LayoutsDir + "/" + a.Path}})
	}
	if r.HasFeed() {
		for _, lang := range s.Config.Languages {
			jobs = append(jobs, job{path: render.FeedPath(lang), run: whole(func(w *bytes.Buffer) diag.List { return r.Feed(w, lang, pages) }),
				from: origin{what: "the feed of " + lang}})
		}
	}
	jobs = append(jobs, job{path: "sitemap.xml", run: whole(func(w *bytes.Buffer) diag.List { w.Write(r.Sitemap(sitemapEntries(s, pages))); return nil }),
		from: origin{what: "the sitemap"}})
	return jobs
}

// pageKey fingerprints notice page p for the cache: the global inputs, the
// page's path, the files it was composed from, and its versions vs with
// the day, which decide the version it names; 0 without a cache.
func pageKey(in *fingerprint.Inputs, c *Cache, p *compose.Page, vs []*site.Version, now time.Time) fingerprint.Sum {
	if c == nil {
		return 0
	}
	sums := make([]fingerprint.Sum, 0, 3+len(p.Parts)+len(vs))
	for _, v := range vs {
		sums = append(sums, in.Version(v))
	}
	if vs != nil {
		return in.Combine(append(sums, pageKey(in, c, p, nil, now)), p.Path(), now.UTC().Format(site.DateLayout))
	}
	sums = append(sums, in.Global, in.Entity(p.Entity), in.Notice(p.Notice))
	for _, part := range p.Parts {
		sums = append(sums, in.Section(part.File))
	}
	return in.Combine(sums, p.Path())
}

// sitemapEntries lists the root, each overview and each notice page.
func sitemapEntries(s *site.Site, pages []*compose.Page) []render.SitemapEntry {
	alts := func(rest string) map[string]string {
		m := map[string]string{}
		for _, l := range s.Config.Languages {
			m[l] = l + "/" + rest
		}
		return m
	}
	var latest time.Time
	byNotice := map[string]time.Time{}
	for _, p := range pages {
		u := p.Updated()
		if u.After(latest) {
			latest = u
		}
		if key := p.Entity.ID + "/" + p.Notice.ID + "/"; u.After(byNotice[key]) {
			byNotice[key] = u
		}
	}
	entries := []render.SitemapEntry{{Path: "", Updated: latest}}
	for _, l := range s.Config.Languages {
		entries = append(entries, render.SitemapEntry{Path: l + "/", Updated: latest, Alternates: alts("")})
	}
	for _, p := range pages {
		rest := p.Entity.ID + "/" + p.Notice.ID + "/"
		entries = append(entries, render.SitemapEntry{Path: p.Path(), Updated: p.Updated(), Alternates: alts(rest)})
	}
	return entries
}

// addStatic adds static/ to the jobs, refusing files that would replace a
// generated one. Each is read when its job runs.
func addStatic(src fs.FS, s *site.Site, jobs *[]job) *diag.Diagnostic {
	taken := make(map[string]bool, len(*jobs))
	folders := map[string]string{} // generated folder → a file in it
	for _, j := range *jobs {
		taken[j.path] = true
		for d := path.Dir(j.path); d != "." && folders[d] == ""; d = path.Dir(d) {
			folders[d] = j.path
		}
	}
	for _, p := range s.Static {
		rel := p[len(site.StaticDir)+1:]
		if taken[rel] {
			return &diag.Diagnostic{File: p, Severity: diag.Error, Message: fmt.Sprintf("would replace the generated %s; expected a path the build does not write", rel)}
		}
		if f := folders[rel]; f != "" {
			return &diag.Diagnostic{File: p, Severity: diag.Error, Message: fmt.Sprintf("would take the name of the generated folder holding %s; expected a name the build does not use", f)}
		}
		for d := path.Dir(rel); d != "."; d = path.Dir(d) {
			if taken[d] {
				return &diag.Diagnostic{File: p, Severity: diag.Error, Message: fmt.Sprintf("would need the generated file %s to be a folder; expected a path the build does not write", d)}
			}
		}
		*jobs = append(*jobs, job{path: rel, raw: true, from: origin{what: p, file: p}, run: whole(func(w *bytes.Buffer) diag.List {
			b, err := fs.ReadFile(src, p)
			if err != nil {
				return diag.List{{File: p, Severity: diag.Error, Message: fmt.Sprintf("cannot read: %v", err)}}
			}
			w.Write(b)
			return nil
		})})
	}
	return nil
}

// keepClash refuses a site.toml keep entry that names a file or folder
// the build writes, its manifest included: the kept entry and the new
// output cannot both be there. Names are compared as a case-insensitive
// file system compares them ("EN" is en/ on macOS), as clashes does, so
// the error comes here, at its line, not from the write after rendering.
func keepClash(s *site.Site, jobs []job) *diag.Diagnostic {
	fold := cases.Fold()
	for _, k := range s.Config.Keep {
		fk := foldName(fold, k)
		for _, p := range append([]string{publish.Manifest}, jobPaths(jobs)...) {
			if top, _, _ := strings.Cut(p, "/"); foldName(fold, top) == fk {
				what := p
				if p == publish.Manifest {
					what = "its list of files"
				}
				line, col := s.Source.ValuePos(k, "keep")
				return &diag.Diagnostic{File: site.ConfigFile, Line: line, Col: col, Severity: diag.Error,
					Message: fmt.Sprintf("keep entry %q is written by the build (%s); expected a name the build does not write, such as \".git\"", k, what)}
			}
		}
	}
	return nil
}

func jobPaths(jobs []job) []string {
	paths := make([]string, len(jobs))
	for i, j := range jobs {
		paths[i] = j.path
	}
	return paths
}
