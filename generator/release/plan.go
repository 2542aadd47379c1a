package release

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"
	"time"

	"github.com/noticegen/noticegen/generator"
	"github.com/noticegen/noticegen/generator/activity"
	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/snapshot"
	"github.com/noticegen/noticegen/generator/vocab"
)

// Options configure one release.
type Options struct {
	// Builtin holds the embedded defaults, as in generator.Options.
	Builtin fs.FS
	// Date is the release date, the day the new versions are published.
	Date time.Time
	// Effective, when set, is the day a material version applies (a
	// change announced in advance); first and editorial versions apply on
	// their release date whatever it says, since nothing in them needs
	// announcing.
	Effective time.Time
}

// Planned is one version a release records.
type Planned struct {
	// Path is the version file, relative to the site's root.
	Path    string
	Version *site.Version
	// Latest is the page's latest version before this one, nil for its
	// first.
	Latest *site.Version
}

// Result is a planned release.
type Result struct {
	Versions []Planned
	// Diags are the build's: with errors, nothing is planned.
	Diags diag.List
	// Pages is the number of notice pages compared.
	Pages int
	// Cancelled is ctx's error when the release was stopped by it.
	Cancelled error
}

// Snapshots builds src in memory, unminified, and returns the snapshot of
// every composed notice page, keyed by Key, with the build's result.
func Snapshots(ctx context.Context, src fs.FS, builtin fs.FS) (map[string]*site.Version, []*compose.Page, *generator.Result) {
	off := false
	res := generator.Build(ctx, src, generator.Options{Builtin: builtin, Minify: &off})
	if res.Site == nil || res.Cancelled != nil || res.Diags.HasErrors() {
		return nil, nil, res
	}
	pages := res.Pages
	if pages == nil {
		pages = compose.Site(res.Site)
	}
	r := activity.NewResolver(res.Site)
	out := make(map[string]*site.Version, len(pages))
	for _, p := range pages {
		acts := make([]activity.Activity, len(p.Parts))
		ids := make([]string, len(p.Parts))
		for i, part := range p.Parts {
			acts[i] = r.Of(part, p.Lang)
			ids[i] = part.Section.ID
		}
		bodies := snapshot.SectionBodies(res.Files[p.Path()+"index.html"], ids)
		v := snapshot.Of(p, acts, bodies, res.Site.Config.DefaultLanguage)
		out[snapshot.Key(p.Entity.ID, p.Notice.ID, p.Lang)] = &v
	}
	return out, pages, res
}

// Plan compares every composed notice page of the site in src with its
// latest released version and returns a new version for each that changed
// or has none. It builds twice, in memory: once to take the snapshots,
// then over the sources with the new version files added (with a
// placeholder page), so that each version's Page is the page as published
// after the release, naming its own new version. An error says why a
// version cannot be recorded on opts.Date (a later version exists, or one
// of that date that differs); it comes with no versions.
func Plan(ctx context.Context, src fs.FS, opts Options) (*Result, error) {
	snaps, pages, res := Snapshots(ctx, src, opts.Builtin)
	out := &Result{Diags: res.Diags, Cancelled: res.Cancelled}
	if snaps == nil {
		return out, nil
	}
	out.Pages = len(pages)
	latest := snapshot.Latest(res.Site)
	var errs []error
	add := fstest.MapFS{}
	for _, p := range pages {
		key := snapshot.Key(p.Entity.ID, p.Notice.ID, p.Lang)
		v, old := snaps[key], latest[key]
		var changes []site.Change
		if old != nil {
			changes = snapshot.Compare(old, v)
			if len(changes) == 0 {
				continue
			}
			switch {
			case opts.Date.Before(old.Date):
				errs = append(errs, fmt.Errorf("%s is released later than --date %s, and %s changed since; expected a release date on or after %s",
					old.Source.Path, opts.Date.Format(site.DateLayout), pageName(p), old.Date.Format(site.DateLayout)))
				continue
			case opts.Date.Equal(old.Date):
				errs = append(errs, fmt.Errorf("%s was released on %s, and %s changed since; a second version of the same day would replace it: release with a later --date",
					old.Source.Path, opts.Date.Format(site.DateLayout), pageName(p)))
				continue
			}
		}
		v.Date, v.Effective = opts.Date, opts.Date
		v.Changes = changes
		v.Class = snapshot.Classify(old == nil, changes)
		if v.Class == vocab.VersionMaterial && !opts.Effective.IsZero() {
			v.Effective = opts.Effective
		}
		path := site.VersionPath(v.Entity, v.Notice, v.Lang, v.Date)
		v.Source = site.Source{Path: path}
		v.Page = []byte("<!-- noticegen release: placeholder -->\n")
		add[path] = &fstest.MapFile{Data: snapshot.Encode(v), Mode: 0o644}
		out.Versions = append(out.Versions, Planned{Path: path, Version: v, Latest: old})
	}
	if len(errs) > 0 {
		return &Result{Diags: res.Diags, Pages: out.Pages}, errors.Join(errs...)
	}
	if len(out.Versions) == 0 {
		return out, nil
	}
	slices.SortFunc(out.Versions, func(a, b Planned) int { return strings.Compare(a.Path, b.Path) })
	off := false
	after := generator.Build(ctx, overlay{base: src, add: add}, generator.Options{Builtin: opts.Builtin, Minify: &off})
	if after.Cancelled != nil {
		out.Cancelled, out.Versions = after.Cancelled, nil
		return out, nil
	}
	if after.Diags.HasErrors() {
		out.Diags, out.Versions = after.Diags, nil
		return out, nil
	}
	for _, pl := range out.Versions {
		v := pl.Version
		page := after.Files[v.Lang+"/"+v.Entity+"/"+v.Notice+"/index.html"]
		if page == nil {
			return &Result{Diags: res.Diags, Pages: out.Pages}, fmt.Errorf("%s: the build with the new versions has no page for %s/%s (%s)", pl.Path, v.Entity, v.Notice, v.Lang)
		}
		v.Page = page
	}
	return out, nil
}

func pageName(p *compose.Page) string {
	return fmt.Sprintf("%s/%s (%s)", p.Entity.ID, p.Notice.ID, p.Lang)
}

// Record writes the planned versions into the site folder dir, each
// atomically (a temporary file in the same folder, then renamed). A file
// that exists already is left alone when it holds the same bytes and
// refused otherwise: an archive is never rewritten.
func Record(dir string, planned []Planned) error {
	for _, pl := range planned {
		target := filepath.Join(dir, filepath.FromSlash(pl.Path))
		b := snapshot.Encode(pl.Version)
		if have, err := os.ReadFile(target); err == nil {
			if bytes.Equal(have, b) {
				continue
			}
			return fmt.Errorf("%s exists and differs from the version this release would write; a version is never rewritten: release with a later --date", pl.Path)
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := writeAtomic(target, b); err != nil {
			return fmt.Errorf("%s: %w", pl.Path, err)
		}
	}
	return nil
}

// writeAtomic writes b to target through a temporary file in its folder,
// so that a reader never sees half a version.
func writeAtomic(target string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp*")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), target)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
