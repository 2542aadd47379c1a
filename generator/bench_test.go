package generator_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/bench/synth"
	"github.com/noticegen/noticegen/generator"
	"github.com/noticegen/noticegen/generator/site"
)

// benchSite writes a synthetic site of entities × 5 notices × 2 languages
// notice pages (1000 entities: 10,000 pages) once per benchmark run.
func benchSite(b *testing.B, entities int) string { return benchShape(b, entities, "") }

// benchShape writes a synthetic site of the given shape (synth.Shapes).
func benchShape(b *testing.B, entities int, shape string) string {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "site")
	if err := synth.Write(dir, synth.Options{Entities: entities, Notices: 5, Languages: 2, Seed: 1, Shape: shape}); err != nil {
		b.Fatal(err)
	}
	return dir
}

func benchmarkBuild(b *testing.B, entities int) { benchmarkBuildDir(b, benchSite(b, entities)) }

// BenchmarkBuildShapes builds 3,000 notice pages of each synthetic shape
// (bench/synth: mixed, group24, short, unnamed), the shapes compare.sh
// measures against Hugo, so a profile can be taken of each:
// go test ./generator -run '^$' -bench 'BuildShapes/group24' -cpuprofile /tmp/cpu.out
func BenchmarkBuildShapes(b *testing.B) {
	for _, shape := range synth.Shapes() {
		b.Run(shape, func(b *testing.B) { benchmarkBuildDir(b, benchShape(b, 300, shape)) })
	}
}

func benchmarkBuildDir(b *testing.B, dir string) {
	src := os.DirFS(dir)
	tmp := b.TempDir()
	// As the build command does: pages stream into a staging folder that
	// replaces the destination. Each build goes to a new folder, as in CI
	// and as bench/compare.sh runs it, and none is deleted until the end:
	// creating many files soon after deleting as many costs ext4 seconds
	// of kernel time that a real build does not pay (bench/lib.sh SETTLE).
	var out string
	opts := generator.Options{Builtin: noticegen.Example, Dest: func(*site.Site) (string, error) { return out, nil }}
	var pages, i int
	for b.Loop() {
		i++
		out = filepath.Join(tmp, fmt.Sprintf("public.%d", i))
		res := generator.Build(context.Background(), src, opts)
		if res.Diags.HasErrors() || res.WriteErr != nil {
			b.Fatalf("build failed: %v\n%v", res.WriteErr, res.Diags)
		}
		pages = len(res.Pages)
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkBuild1k, 10k and 30k build and write synthetic sites of about
// 1,000, 10,000 and 30,000 notice pages: linear growth means pages/s stays
// flat. Run: go test ./generator -run '^$' -bench Build -benchtime 3x
func BenchmarkBuild1k(b *testing.B)  { benchmarkBuild(b, 100) }
func BenchmarkBuild10k(b *testing.B) { benchmarkBuild(b, 1000) }
func BenchmarkBuild30k(b *testing.B) { benchmarkBuild(b, 3000) }

// editedSite builds the 10,000-page synthetic site once with a cache, as
// serve's first build does, and returns that build's options and edit,
// which appends "Edit number i." to the section file rel (below
// content/sections) and builds the site again with opts.
func editedSite(b *testing.B, rel string) (opts generator.Options, edit func(opts generator.Options, i int) *generator.Result) {
	b.Helper()
	dir := benchSite(b, 1000)
	src := os.DirFS(dir)
	opts = generator.Options{Builtin: noticegen.Example, Cache: generator.NewCache(), Minify: new(bool)}
	if res := generator.Build(context.Background(), src, opts); res.Diags.HasErrors() {
		b.Fatalf("build failed:\n%v", res.Diags)
	}
	file := filepath.Join(dir, "content", "sections", filepath.FromSlash(rel))
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	return opts, func(opts generator.Options, i int) *generator.Result {
		if err := os.WriteFile(file, append(orig, []byte(fmt.Sprintf("\nEdit number %d.\n", i))...), 0o644); err != nil {
			b.Fatal(err)
		}
		res := generator.Build(context.Background(), src, opts)
		if res.Diags.HasErrors() {
			b.Fatalf("build failed:\n%v", res.Diags)
		}
		return res
	}
}

// BenchmarkOneSectionRebuild10k measures what serve does after an edit on a
// site of about 10,000 notice pages: one section file changes and the site
// is rebuilt in memory with the cache of the previous build, so only the
// pages showing that section are rendered again.
// Run: go test ./generator -run '^$' -bench OneSection -benchtime 10x
func BenchmarkOneSectionRebuild10k(b *testing.B) {
	opts, edit := editedSite(b, "hosting/hetzner.en.md")
	rendered := 0
	for i := 1; b.Loop(); i++ {
		rendered = edit(opts, i).Stats.Rendered
	}
	b.ReportMetric(float64(rendered), "pages-rerendered")
}

// BenchmarkOpenPageRebuild10k measures the first step of serve after an
// edit on the 10,000-page site: the build of just the page open in a
// browser (Options.Only), before the full rebuild, from the cache of the
// previous build. Its time is most of serve's edit → page served.
// Run: go test ./generator -run '^$' -bench OpenPage -benchtime 10x
func BenchmarkOpenPageRebuild10k(b *testing.B) {
	opts, edit := editedSite(b, "rights.en.md")
	const open = "en/sub-00001/website/index.html"
	opts.Only = func(path string) bool { return path == open }
	for i := 1; b.Loop(); i++ {
		res := edit(opts, i)
		if res.Stats.Rendered != 1 || !bytes.Contains(res.Files[open], []byte(fmt.Sprintf("Edit number %d.", i))) {
			b.Fatalf("rendered %d pages; want only %s, with the edit", res.Stats.Rendered, open)
		}
	}
}
