// Package generator is noticegen's pipeline, readable top to bottom in
// Build: load → validate → compose → write → render → commit. The
// commands build, serve and check are ways of running it.
package generator

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"time"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/internal/fingerprint"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/output"
	"github.com/noticegen/noticegen/generator/publish"
	"github.com/noticegen/noticegen/generator/render"
	"github.com/noticegen/noticegen/generator/render/layout"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/twin"
	"github.com/noticegen/noticegen/generator/validate"
)

// Build runs the pipeline on the site in src. Unless Options.Dest is set it
// writes nothing: Write puts a successful result on disk, serve keeps it in
// memory.
func Build(ctx context.Context, src fs.FS, opts Options) *Result {
	b := &build{ctx: ctx, src: src, opts: opts, start: time.Now(), res: &Result{}}
	// Each step returns false when the build ends there: with errors, or
	// cancelled, in which case a step cut short would leave the next one
	// to report what it did not get to read.
	ok := b.load() && b.validate() && b.compose() && b.stage() && b.render() && b.commit()
	if !ok {
		return b.fail()
	}
	return b.done()
}

// build is one run of the pipeline: what each step hands to the next.
type build struct {
	ctx   context.Context
	src   fs.FS
	opts  Options
	start time.Time
	res   *Result

	site     *site.Site
	cat      *locale.Catalog
	layouts  *layout.Set
	out      *output.Finisher
	inputs   *fingerprint.Inputs
	renderer *render.Renderer
	jobs     []job
	stageDir *publish.Stage
	files    map[string][]byte
	rendered int
	sweep    func() // drops the sections no page of this build used
}

// load reads the site (site.toml always: the caller names the destination
// from it) and its messages.
func (b *build) load() bool {
	s, diags := site.LoadCached(b.ctx, b.src, b.opts.Cache.parser())
	b.site, b.res.Site = s, s
	b.res.Diags.Add(diags...)
	if b.ctx.Err() != nil {
		return false
	}
	if u := b.opts.BaseURL; u != "" {
		if err := site.CheckBaseURL(u); err != nil {
			b.res.Diags.Errorf("", 0, 0, "--baseURL: %v", err) // a flag, not a file: no line to claim
		} else {
			s.Config.BaseURL = u
			if u[len(u)-1] != '/' {
				s.Config.BaseURL += "/"
			}
		}
	}
	builtinI18n, _ := fs.Sub(b.opts.Builtin, site.I18nDir)
	cat, diags := locale.Load(builtinI18n, s.I18n, s.Config.Languages, s.Config.DefaultLanguage)
	b.cat = cat
	b.res.Diags.Add(diags...)
	return true
}

// validate checks what no single file can tell, loads the layouts and
// parses every section body; any error stops the build here.
func (b *build) validate() bool {
	s, opts := b.site, b.opts
	b.res.Diags.Add(validate.Site(s, b.cat)...)
	builtinLayouts, _ := fs.Sub(opts.Builtin, site.LayoutsDir)
	ownLayouts, _ := fs.Sub(b.src, site.LayoutsDir)
	layouts, diags := layout.Load(builtinLayouts, ownLayouts)
	b.layouts = layouts
	b.res.Diags.Add(diags...)
	minify := opts.Minify == nil && (s.Config.Minify == nil || *s.Config.Minify) || opts.Minify != nil && *opts.Minify
	b.out = output.New(minify)
	b.inputs = fingerprint.ForSite(opts.Cache.hasher(), s, layouts.Files(), fmt.Sprint("minify=", minify))
	memo := opts.Cache.sections()
	r, diags := render.New(s, b.cat, layouts, render.Options{Memo: memo, Inputs: b.inputs, Output: b.out, Now: opts.today()})
	b.renderer = r
	if memo != nil && opts.Only == nil {
		b.sweep = memo.Sweep
	}
	b.res.Diags.Add(diags...)
	if opts.Strict {
		b.res.Diags = b.res.Diags.Strict()
	}
	return b.ctx.Err() == nil && !b.res.Diags.HasErrors()
}

// compose makes the pages and plans every output file, refusing two that
// would land on one path.
func (b *build) compose() bool {
	s, res := b.site, b.res
	res.Pages = compose.Site(s)
	b.jobs = plan(s, b.renderer, twin.New(s, b.cat), b.layouts, res.Pages, b.inputs, b.opts.Cache, b.opts.Only, b.opts.today())
	if d := addStatic(b.src, s, &b.jobs); d != nil {
		res.Diags.Add(*d)
		return false
	}
	if ds := reservedClash(res.Pages); len(ds) > 0 {
		res.Diags.Add(ds...)
		return false
	}
	if ds := clashes(b.jobs); len(ds) > 0 {
		res.Diags.Add(ds...)
		return false
	}
	if d := keepClash(s, b.jobs); d != nil {
		res.Diags.Add(*d)
		return false
	}
	if only := b.opts.Only; only != nil {
		b.jobs = slices.DeleteFunc(b.jobs, func(j job) bool { return !only(j.path) })
	}
	return true
}

// stage decides where the files go, before the first page renders: a
// staging folder beside the destination, which NewStage claims only if it
// is a previous build's output. Without Dest, files stay in memory.
func (b *build) stage() bool {
	if b.opts.Dest == nil {
		return true
	}
	res := b.res
	names := jobPaths(b.jobs)
	if err := publish.CheckNames(names); err != nil {
		res.Diags.Errorf("", 0, 0, "%v", err)
		return false
	}
	dest, err := b.opts.Dest(b.site)
	if err != nil {
		res.DestErr = err
		return false
	}
	stage, err := publish.NewStage(b.ctx, dest, publish.Options{Names: names, Keep: b.site.Config.Keep, Force: b.opts.Force})
	var refused *publish.RefusedError
	switch {
	case b.ctx.Err() != nil:
		if stage != nil {
			stage.Abort()
		}
		return false
	case errors.As(err, &refused):
		res.DestErr = err
		return false
	case err != nil:
		res.WriteErr = err
		return false
	}
	b.stageDir, res.Dest = stage, dest
	return true
}

// render makes every file and hands each to the stage (or the map) as
// soon as it is finished.
func (b *build) render() bool {
	files, rendered, diags := renderAll(b.ctx, b.jobs, renderOptions{out: b.out, workers: b.opts.Workers, cache: b.opts.Cache, stage: b.stageDir})
	diags = render.NameEntities(b.site, diags) // a shared body's error once, not once per entity
	if b.opts.Strict {
		diags = diags.Strict()
	}
	b.res.Diags.Add(diags...)
	if b.ctx.Err() != nil || b.res.Diags.HasErrors() {
		if b.stageDir != nil {
			b.stageDir.Abort()
		}
		return false
	}
	b.files, b.rendered = files, rendered
	return true
}

// commit swaps the staging folder in.
func (b *build) commit() bool {
	if b.stageDir == nil {
		return true
	}
	err := b.stageDir.Commit()
	var refused *publish.RefusedError
	switch {
	case err == nil:
		return true
	case b.ctx.Err() != nil:
	case errors.As(err, &refused):
		// A file was put into the destination while the build ran.
		b.res.DestErr = err
	default:
		b.res.WriteErr = err
	}
	return false
}

// done is the result of a build that finished.
func (b *build) done() *Result {
	if b.sweep != nil {
		b.sweep()
	}
	res, s := b.res, b.site
	unchanged := 0
	if b.stageDir != nil {
		unchanged = int(b.stageDir.Linked.Load())
	}
	if b.files != nil && b.opts.Only == nil {
		b.opts.Cache.retain(b.files)
	}
	res.Files = b.files
	res.Diags = res.Diags.Sorted()
	res.Stats = Stats{
		Languages: s.Config.Languages, PagesBy: map[string]int{},
		Entities: len(s.Entities), Notices: len(s.Notices), Sections: len(s.Sections), Files: len(b.jobs),
		Rendered: b.rendered, Unchanged: unchanged,
	}
	for _, p := range res.Pages {
		res.Stats.PagesBy[p.Lang]++
	}
	res.Stats.Duration = time.Since(b.start)
	return res
}

// fail is the result of a build that ended early: with its diagnostics,
// or, when ctx stopped it, with none (Result.Cancelled).
func (b *build) fail() *Result {
	if b.sweep != nil {
		b.sweep()
	}
	res := b.res
	if b.ctx.Err() != nil {
		res.Cancelled = b.ctx.Err()
		res.Diags = nil
	}
	res.Diags = res.Diags.Sorted()
	res.Files = nil
	res.Stats.Duration = time.Since(b.start)
	return res
}
