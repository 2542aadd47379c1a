// Package generator is noticegen's pipeline, readable top to bottom in
// Build: load → validate → compose → render → (minify) → write. The
// commands build, serve and check are ways of running it.
package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/internal/fingerprint"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/output"
	"github.com/noticegen/noticegen/generator/publish"
	"github.com/noticegen/noticegen/generator/render"
	"github.com/noticegen/noticegen/generator/render/layout"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/validate"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Options configure one build.
type Options struct {
	// Builtin holds the embedded defaults: layouts/ and i18n/ at its root.
	Builtin fs.FS
	// BaseURL, when set, replaces site.toml's baseURL.
	BaseURL string
	// Minify, when set, replaces site.toml's minify (default true).
	Minify *bool
	// Strict turns warnings into errors.
	Strict bool
	// Workers renders this many pages at once; 0 means one per CPU.
	Workers int
	// Cache, when set, keeps rendered pages between builds; pages whose
	// inputs did not change are reused instead of rendered again.
	Cache *Cache
	// Only, when set, limits the build to the output files it accepts
	// (slash paths such as "en/acme/website/index.html"). Loading and
	// checking still cover the whole site. serve uses it to put the pages
	// open in a browser on screen before it renders the rest; such a
	// build leaves the Cache's entries for other pages alone.
	Only func(path string) bool
	// Dest, when set, makes Build write the site while it renders it: into
	// a staging folder that replaces the returned folder once every page
	// is done, instead of into Result.Files. Peak memory is then that of
	// the pages in flight, not of the whole site. It is called once the
	// site is loaded and valid; an error from it stops the build before
	// anything is written.
	Dest func(*site.Site) (string, error)
	// Force lets the build replace a Dest folder that holds files no
	// build wrote. Without it such a folder is refused (Result.DestErr)
	// before anything is written; site.toml's keep entries survive
	// either way.
	Force bool
}

// Result is a finished build: the files of the site in memory, or the
// diagnostics that stopped it.
type Result struct {
	Site  *site.Site
	Pages []*compose.Page
	// Files maps slash paths below the site root to their content. It is
	// nil when Diags has errors or when the build was written to Dest.
	Files map[string][]byte
	Diags diag.List
	Stats Stats
	// Dest is the folder the build was written to, when Options.Dest was
	// set. DestErr is Options.Dest's refusal; WriteErr says why writing
	// failed. After either, the folder is as it was before the build.
	Dest     string
	DestErr  error
	WriteErr error
	// Cancelled is ctx's error when the build was stopped by it before it
	// finished. Diags are then empty: what a build cut short would report
	// (references to files it never read) is not about the site. Nothing
	// was written and no staging folder is left.
	Cancelled error
}

// Stats summarise a build for the terminal.
type Stats struct {
	Languages []string
	PagesBy   map[string]int // notice pages per language
	Entities  int
	Notices   int
	Sections  int
	Files     int
	Rendered  int // pages rendered by this build, not reused from the cache
	Unchanged int // files written to Dest that were linked unchanged from the previous build
	Duration  time.Duration
}

// Build runs the pipeline on the site in src. Unless Options.Dest is set it
// writes nothing: Write puts a successful result on disk, serve keeps it in
// memory.
func Build(ctx context.Context, src fs.FS, opts Options) *Result {
	start := time.Now()
	res := &Result{}
	fail := func() *Result {
		res.Diags = res.Diags.Sorted()
		res.Files = nil
		res.Stats.Duration = time.Since(start)
		return res
	}
	// cancelled ends a build that ctx stopped, at each step below where a
	// step cut short would leave the next one to report what it did not
	// get to read.
	cancelled := func() *Result {
		res.Cancelled = ctx.Err()
		res.Diags = nil
		return fail()
	}

	// load (site.toml always: the caller names the destination from it)
	s, diags := site.LoadCached(ctx, src, opts.Cache.parser())
	res.Site = s
	res.Diags.Add(diags...)
	if ctx.Err() != nil {
		return cancelled()
	}
	if opts.BaseURL != "" {
		if err := site.CheckBaseURL(opts.BaseURL); err != nil {
			res.Diags.Errorf("", 0, 0, "--baseURL: %v", err) // a flag, not a file: no line to claim
		} else {
			s.Config.BaseURL = opts.BaseURL
			if s.Config.BaseURL[len(s.Config.BaseURL)-1] != '/' {
				s.Config.BaseURL += "/"
			}
		}
	}
	builtinI18n, _ := fs.Sub(opts.Builtin, site.I18nDir)
	cat, diags := locale.Load(builtinI18n, s.I18n, s.Config.Languages, s.Config.DefaultLanguage)
	res.Diags.Add(diags...)

	// validate
	res.Diags.Add(validate.Site(s, cat)...)
	builtinLayouts, _ := fs.Sub(opts.Builtin, site.LayoutsDir)
	ownLayouts, _ := fs.Sub(src, site.LayoutsDir)
	layouts, diags := layout.Load(builtinLayouts, ownLayouts)
	res.Diags.Add(diags...)
	minify := opts.Minify == nil && (s.Config.Minify == nil || *s.Config.Minify) || opts.Minify != nil && *opts.Minify
	out := output.New(minify)
	memo := opts.Cache.sections()
	inputs := fingerprint.NewInputs(opts.Cache.hasher(), globalInputs(s, layouts, minify)...)
	r, diags := render.New(s, cat, layouts, render.Options{Memo: memo, Inputs: inputs, Output: out})
	if memo != nil && opts.Only == nil {
		defer memo.Sweep()
	}
	res.Diags.Add(diags...)
	if opts.Strict {
		res.Diags = res.Diags.Strict()
	}
	if ctx.Err() != nil {
		return cancelled()
	}
	if res.Diags.HasErrors() {
		return fail()
	}

	// compose
	res.Pages = compose.Site(s)
	jobs := plan(s, r, layouts, res.Pages, inputs, opts.Cache, opts.Only)
	if d := addStatic(src, s, &jobs); d != nil {
		res.Diags.Add(*d)
		return fail()
	}
	if ds := clashes(jobs); len(ds) > 0 {
		res.Diags.Add(ds...)
		return fail()
	}
	if d := keepClash(s, jobs); d != nil {
		res.Diags.Add(*d)
		return fail()
	}
	if opts.Only != nil {
		jobs = slices.DeleteFunc(jobs, func(j job) bool { return !opts.Only(j.path) })
	}

	// write: where the files go, decided before the first page renders
	var stage *publish.Stage
	if opts.Dest != nil {
		names := jobPaths(jobs)
		if err := publish.CheckNames(names); err != nil {
			res.Diags.Errorf("", 0, 0, "%v", err)
			return fail()
		}
		dest, err := opts.Dest(s)
		if err != nil {
			res.DestErr = err
			return fail()
		}
		// NewStage refuses a folder that is not a previous build's
		// output before it creates anything.
		stage, err = publish.NewStage(ctx, dest, publish.Options{Names: names, Keep: s.Config.Keep, Force: opts.Force})
		var refused *publish.RefusedError
		switch {
		case ctx.Err() != nil:
			if stage != nil {
				stage.Abort()
			}
			return cancelled()
		case errors.As(err, &refused):
			res.DestErr = err
			return fail()
		case err != nil:
			res.WriteErr = err
			return fail()
		}
		res.Dest = dest
	}

	// render (and minify, and hand each file to the stage)
	files, rendered, diags := renderAll(ctx, jobs, renderOptions{out: out, workers: opts.Workers, cache: opts.Cache, stage: stage})
	diags = render.NameEntities(s, diags) // a shared body's error once, not once per entity
	if opts.Strict {
		diags = diags.Strict()
	}
	res.Diags.Add(diags...)
	if ctx.Err() != nil || res.Diags.HasErrors() {
		if stage != nil {
			stage.Abort()
		}
		if ctx.Err() != nil {
			return cancelled()
		}
		return fail()
	}
	unchanged := 0
	if stage != nil {
		err := stage.Commit()
		var refused *publish.RefusedError
		switch {
		case err == nil:
		case ctx.Err() != nil:
			return cancelled()
		case errors.As(err, &refused):
			// A file was put into the destination while the build ran.
			res.DestErr = err
			return fail()
		default:
			res.WriteErr = err
			return fail()
		}
		unchanged = int(stage.Linked.Load())
	}

	if files != nil && opts.Only == nil {
		opts.Cache.retain(files)
	}
	res.Files = files
	res.Diags = res.Diags.Sorted()
	res.Stats = Stats{
		Languages: s.Config.Languages, PagesBy: map[string]int{},
		Entities: len(s.Entities), Notices: len(s.Notices), Sections: len(s.Sections), Files: len(jobs),
		Rendered: rendered, Unchanged: unchanged,
	}
	for _, p := range res.Pages {
		res.Stats.PagesBy[p.Lang]++
	}
	res.Stats.Duration = time.Since(start)
	return res
}

// Write puts a successful build into dest, atomically.
func Write(ctx context.Context, res *Result, dest string) error {
	if res.Files == nil {
		return fmt.Errorf("build has errors; nothing written")
	}
	return publish.Write(ctx, dest, res.Files)
}

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
// chooser, the overviews, the notice pages, the assets and the sitemap.
// Notice pages that only (when set) refuses are left out here, before
// their fingerprints are made: serve's build of the open page would
// otherwise fingerprint all 10,000 pages of a large site for one.
func plan(s *site.Site, r *render.Renderer, ls *layout.Set, pages []*compose.Page, in *fingerprint.Inputs, c *Cache, only func(path string) bool) []job {
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
	for _, p := range pages {
		path := p.Path() + "index.html"
		if only != nil && !only(path) {
			continue
		}
		e, n := p.Entity, p.Notice
		jobs = append(jobs, job{path: path, key: pageKey(in, c, p), page: true,
			run:  func(w *bytes.Buffer) (*output.Page, diag.List) { return r.Notice(w, p) },
			from: origin{what: fmt.Sprintf("entity %q with notice %q", e.ID, n.ID), file: e.Source.Path, src: &e.Source, value: n.ID, key: "notices"}})
	}
	for _, a := range ls.Assets() {
		jobs = append(jobs, job{path: a.Path, run: whole(func(w *bytes.Buffer) diag.List { w.Write(a.Data); return nil }),
			from: origin{what: site.LayoutsDir + "/" + a.Path, file: site.LayoutsDir + "/" + a.Path}})
	}
	jobs = append(jobs, job{path: "sitemap.xml", run: whole(func(w *bytes.Buffer) diag.List { w.Write(r.Sitemap(sitemapEntries(s, pages))); return nil }),
		from: origin{what: "the sitemap"}})
	return jobs
}

// clashes refuses outputs that would land on one file, whichever of them
// wrote last (which changes from run to run, as pages render in parallel):
// two with the same path, such as entity "a" with notice "b/c" and entity
// "a/b" with notice "c", and two whose paths differ only in case, which are
// one file on macOS and Windows. Each pair of causes is one error, however
// many paths (one per language) they share: at one of the two sources,
// naming the other.
func clashes(jobs []job) diag.List {
	type pair struct{ first, later int } // job indexes, of the pair's first clash
	byName := map[string]int{}           // folded path → the first job with it
	var pairs []pair
	count := map[[2]origin]int{}
	fold := cases.Fold()
	for i, j := range jobs {
		k := foldName(fold, j.path)
		f, ok := byName[k]
		if !ok {
			byName[k] = i
			continue
		}
		o := [2]origin{jobs[f].from, j.from}
		if count[o] == 0 {
			pairs = append(pairs, pair{f, i})
		}
		count[o]++
	}
	var diags diag.List
	for _, p := range pairs {
		n := count[[2]origin{jobs[p.first].from, jobs[p.later].from}]
		// Reported at the source file that sorts later, so the message
		// does not depend on the order of the jobs; a file rather than none.
		mine, theirs := jobs[p.later], jobs[p.first]
		if mine.from.file == "" || theirs.from.file != "" && theirs.from.file > mine.from.file {
			mine, theirs = theirs, mine
		}
		where := "" // the other source's place, when it is a value in a file
		if line, col := theirs.from.pos(); line > 0 {
			where = diag.Diagnostic{File: theirs.from.file, Line: line, Col: col}.Pos()
		}
		more := ""
		if n == 2 {
			more = " (and 1 more path)"
		} else if n > 2 {
			more = fmt.Sprintf(" (and %d more paths)", n-1)
		}
		var msg string
		if mine.path == theirs.path {
			expect := "expected distinct paths: rename one of them"
			if strings.HasPrefix(mine.from.what, "entity ") && strings.HasPrefix(theirs.from.what, "entity ") {
				expect = "expected entity and notice ids that give distinct paths <lang>/<entity>/<notice>/: rename one of them"
			}
			if where != "" {
				where = " (" + where + ")"
			}
			msg = fmt.Sprintf("%s%s would be written by both %s and %s%s; %s", mine.path, more, mine.from.what, theirs.from.what, where, expect)
		} else {
			if where != "" {
				where = ", " + where
			}
			how := "case"
			if !strings.EqualFold(mine.path, theirs.path) {
				// The two may look the same on screen (é and e + ◌́):
				// spelled out, they show where they differ.
				how = fmt.Sprintf("case or in how their accents are encoded (%s and %s)", strconv.QuoteToASCII(mine.path), strconv.QuoteToASCII(theirs.path))
			}
			msg = fmt.Sprintf("%s (from %s)%s and %s (from %s%s) differ only in %s, so they would be one file on macOS and Windows; expected paths that differ in more than that",
				mine.path, mine.from.what, more, theirs.path, theirs.from.what, where, how)
		}
		line, col := mine.from.pos()
		if line == 0 {
			line = 1 // a static file or layout as a whole
		}
		diags.Add(diag.Diagnostic{File: mine.from.file, Line: line, Col: col, Severity: diag.Error, Message: msg})
	}
	return append(diags, folderClashes(jobs, fold)...)
}

// folderClashes refuses a file whose name differs only in case from a
// folder the build writes into (static/En/a beside en/a/b/c/index.html):
// on macOS and Windows they are one name, and the build would fail half
// written. The same name in the same case is addStatic's error.
func folderClashes(jobs []job, fold cases.Caser) diag.List {
	type folder struct {
		name string
		job  int // the first job writing into it
	}
	folders := map[string]folder{} // folded name → the folder
	for i, j := range jobs {
		for d := path.Dir(j.path); d != "."; d = path.Dir(d) {
			k := foldName(fold, d)
			if _, ok := folders[k]; ok {
				break // and so are the folders above it
			}
			folders[k] = folder{d, i}
		}
	}
	var diags diag.List
	for _, j := range jobs {
		f, ok := folders[foldName(fold, j.path)]
		if !ok || f.name == j.path {
			continue
		}
		other := jobs[f.job]
		line, col := j.from.pos()
		if line == 0 {
			line = 1
		}
		diags.Add(diag.Diagnostic{File: j.from.file, Line: line, Col: col, Severity: diag.Error, Message: fmt.Sprintf(
			"%s (from %s) and the folder %s holding %s (from %s) differ only in case, so they would be one name on macOS and Windows; expected paths that differ in more than that",
			j.path, j.from.what, f.name, other.path, other.from.what)})
	}
	return diags
}

// foldName is the name a case-insensitive file system gives path: case
// folded, and composed, as APFS also takes é and e + ◌́ for one name. The
// generated paths are lower-case ASCII and come back as they are, without
// the cost of folding (a twentieth of a second on 30,000 paths).
func foldName(fold cases.Caser, path string) string {
	lower := true
	for i := 0; i < len(path); i++ {
		switch c := path[i]; {
		case c >= utf8.RuneSelf:
			return norm.NFC.String(fold.String(path))
		case 'A' <= c && c <= 'Z':
			lower = false
		}
	}
	if lower {
		return path
	}
	return strings.ToLower(path)
}

func overviewOrigin(s *site.Site, lang string) origin {
	return origin{what: fmt.Sprintf("the overview of language %q", lang), file: s.Source.Path, src: &s.Source, value: lang, key: "languages"}
}

type renderOptions struct {
	out     *output.Finisher
	workers int
	cache   *Cache
	stage   *publish.Stage // when set, files go to disk, not into the map
}

// renderAll runs the jobs on a pool of workers and returns the files, or
// hands them to the stage as they are done, and how many pages it rendered
// rather than took from the cache. Results land by index, so the output
// does not depend on which worker finished first.
func renderAll(ctx context.Context, jobs []job, o renderOptions) (map[string][]byte, int, diag.List) {
	c := o.cache
	var outs [][]byte
	if o.stage == nil {
		outs = make([][]byte, len(jobs))
	}
	diagsOf := make([]diag.List, len(jobs))
	var rendered atomic.Int64
	workers := o.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	var writeErr error
	var writeOnce sync.Once
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(jobs)) {
		wg.Go(func() {
			var buf bytes.Buffer // reused for every page this worker renders
			for i := range next {
				j := jobs[i]
				b, ok := c.get(j.path, j.key)
				if !ok {
					buf.Reset()
					page, ds := j.run(&buf)
					if j.page {
						rendered.Add(1)
					}
					switch {
					case ds.HasErrors():
					case j.raw:
						b = output.Raw(buf.Bytes())
					default:
						var err error
						if b, err = o.out.Finish(j.path, buf.Bytes(), page); err != nil {
							ds.Errorf(j.path, 0, 0, "%v", err)
						}
					}
					if b != nil && len(ds) == 0 {
						c.put(j.path, j.key, b)
					}
					diagsOf[i] = ds
				}
				switch {
				case b == nil || diagsOf[i].HasErrors():
				case o.stage != nil:
					if err := o.stage.Put(j.path, b); err != nil {
						writeOnce.Do(func() { writeErr = err })
						stop()
					}
				default:
					outs[i] = b
				}
			}
		})
	}
	for i := range jobs {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()

	// A cancelled ctx is not reported here: Build ends such a build as
	// cancelled, without diagnostics. (A write error stops the workers
	// through stop, which ends only the inner ctx.)
	var diags diag.List
	if writeErr != nil {
		diags.Errorf("", 0, 0, "writing the site: %v", writeErr)
	}
	var files map[string][]byte
	if outs != nil {
		files = make(map[string][]byte, len(jobs))
	}
	for i, j := range jobs {
		diags.Add(diagsOf[i]...)
		if outs != nil && outs[i] != nil {
			files[j.path] = outs[i]
		}
	}
	return files, int(rendered.Load()), diags
}

// whole is a job's run for a file that is made whole, not as a frame.
func whole(run func(w *bytes.Buffer) diag.List) func(w *bytes.Buffer) (*output.Page, diag.List) {
	return func(w *bytes.Buffer) (*output.Page, diag.List) { return nil, run(w) }
}

// globalInputs are the inputs every page depends on: site.toml (with the
// baseURL it may have been given on the command line), the messages, the
// layouts, and whether pages are minified.
func globalInputs(s *site.Site, ls *layout.Set, minify bool) [][]byte {
	parts := [][]byte{s.Source.Text, []byte(s.Config.BaseURL), []byte(fmt.Sprint(minify))}
	for _, lang := range slices.Sorted(maps.Keys(s.I18n)) {
		parts = append(parts, []byte(lang), s.I18n[lang].Data)
	}
	for _, f := range ls.Files() {
		parts = append(parts, []byte(f.Path), f.Data)
	}
	return parts
}

// pageKey fingerprints notice page p for the cache: the global inputs, the
// page's path, and the files it was composed from; 0 without a cache.
func pageKey(in *fingerprint.Inputs, c *Cache, p *compose.Page) fingerprint.Sum {
	if c == nil {
		return 0
	}
	sums := make([]fingerprint.Sum, 0, 3+len(p.Parts))
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

// CheckDest refuses a destination that would destroy the site's sources.
func CheckDest(srcDir, dest string) error { return publish.CheckDest(srcDir, dest) }

// CheckInside refuses a destination named by site.toml (name) that a link
// in the site carries out of srcDir.
func CheckInside(srcDir, dest, name string) error { return publish.CheckInside(srcDir, dest, name) }
