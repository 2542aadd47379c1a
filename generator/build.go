// Package generator is noticegen's pipeline, readable top to bottom in
// Build: load → validate → compose → render → (minify) → write. The
// commands build, serve and check are ways of running it.
package generator

import (
	"context"
	"fmt"
	"io/fs"
	"runtime"
	"sync"
	"time"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/publish"
	"github.com/noticegen/noticegen/generator/render"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/validate"
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
}

// Result is a finished build: the files of the site in memory, or the
// diagnostics that stopped it.
type Result struct {
	Site  *site.Site
	Pages []*compose.Page
	// Files maps slash paths below the site root to their content. It is
	// nil when Diags has errors.
	Files map[string][]byte
	Diags diag.List
	Stats Stats
}

// Stats summarise a build for the terminal.
type Stats struct {
	Languages []string
	PagesBy   map[string]int // notice pages per language
	Entities  int
	Notices   int
	Sections  int
	Files     int
	Duration  time.Duration
}

// Build runs the pipeline on the site in src. It never writes anything:
// Write puts a successful result on disk, serve keeps it in memory.
func Build(ctx context.Context, src fs.FS, opts Options) *Result {
	start := time.Now()
	res := &Result{}
	fail := func() *Result {
		res.Diags = res.Diags.Sorted()
		res.Files = nil
		res.Stats.Duration = time.Since(start)
		return res
	}

	// load
	s, diags := site.Load(ctx, src)
	res.Site = s
	res.Diags.Add(diags...)
	if opts.BaseURL != "" {
		if err := site.CheckBaseURL(opts.BaseURL); err != nil {
			res.Diags.Errorf("--baseURL", 0, 0, "%v", err)
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
	r, diags := render.New(s, cat, builtinLayouts, ownLayouts)
	res.Diags.Add(diags...)
	if opts.Strict {
		res.Diags = res.Diags.Strict()
	}
	if res.Diags.HasErrors() {
		return fail()
	}

	// compose
	res.Pages = compose.Site(s)

	// render
	minify := opts.Minify == nil && (s.Config.Minify == nil || *s.Config.Minify) || opts.Minify != nil && *opts.Minify
	files, diags := renderAll(ctx, s, r, res.Pages, minify, opts.Workers)
	if opts.Strict {
		diags = diags.Strict()
	}
	res.Diags.Add(diags...)
	if res.Diags.HasErrors() {
		return fail()
	}
	if err := addStatic(src, s, files); err != nil {
		res.Diags.Add(*err)
		return fail()
	}

	res.Files = files
	res.Diags = res.Diags.Sorted()
	res.Stats = Stats{
		Languages: s.Config.Languages, PagesBy: map[string]int{},
		Entities: len(s.Entities), Notices: len(s.Notices), Sections: len(s.Sections), Files: len(files),
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

// job renders one output file.
type job struct {
	path string
	run  func() ([]byte, diag.List)
}

// renderAll renders every page on a pool of workers and returns the files
// with the sitemap and assets. Results land by index, so the output does
// not depend on which worker finished first.
func renderAll(ctx context.Context, s *site.Site, r *render.Renderer, pages []*compose.Page, minify bool, workers int) (map[string][]byte, diag.List) {
	jobs := []job{{path: "index.html", run: r.Chooser}}
	for _, lang := range s.Config.Languages {
		jobs = append(jobs, job{path: lang + "/index.html", run: func() ([]byte, diag.List) { return r.Overview(lang) }})
	}
	for _, p := range pages {
		jobs = append(jobs, job{path: p.Path() + "index.html", run: func() ([]byte, diag.List) { return r.Notice(p) }})
	}
	for _, a := range r.Assets() {
		jobs = append(jobs, job{path: a.Path, run: func() ([]byte, diag.List) { return a.Data, nil }})
	}
	jobs = append(jobs, job{path: "sitemap.xml", run: func() ([]byte, diag.List) { return r.Sitemap(sitemapEntries(s, pages)), nil }})

	var mini *publish.Minifier
	if minify {
		mini = publish.NewMinifier()
	}
	outs := make([][]byte, len(jobs))
	diagsOf := make([]diag.List, len(jobs))
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(jobs)) {
		wg.Go(func() {
			for i := range next {
				b, ds := jobs[i].run()
				if b != nil && mini != nil {
					m, err := mini.Minify(jobs[i].path, b)
					if err != nil {
						ds.Errorf(jobs[i].path, 0, 0, "%v", err)
					}
					b = m
				}
				outs[i], diagsOf[i] = b, ds
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

	var diags diag.List
	if err := ctx.Err(); err != nil {
		diags.Errorf("", 0, 0, "build cancelled: %v", err)
	}
	files := make(map[string][]byte, len(jobs))
	for i, j := range jobs {
		diags.Add(diagsOf[i]...)
		if outs[i] != nil {
			files[j.path] = outs[i]
		}
	}
	return files, diags
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

// addStatic copies static/ into the output, refusing files that would
// replace a generated one.
func addStatic(src fs.FS, s *site.Site, files map[string][]byte) *diag.Diagnostic {
	for _, p := range s.Static {
		rel := p[len(site.StaticDir)+1:]
		if _, taken := files[rel]; taken {
			return &diag.Diagnostic{File: p, Severity: diag.Error, Message: fmt.Sprintf("would replace the generated %s; expected a path the build does not write", rel)}
		}
		b, err := fs.ReadFile(src, p)
		if err != nil {
			return &diag.Diagnostic{File: p, Severity: diag.Error, Message: fmt.Sprintf("cannot read: %v", err)}
		}
		files[rel] = b
	}
	return nil
}

// CheckDest refuses a destination that would destroy the site's sources.
func CheckDest(srcDir, dest string) error { return publish.CheckDest(srcDir, dest) }
