package generator

import (
	"time"

	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/bench/synth"
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

// BenchmarkStage times each stage of Build on its own (render+minify is
// the render stage as a build runs it, minifying as it goes), on the synthetic
// site of 1,000 entities × 5 notices × 2 languages (10,000 notice pages),
// so that a profile of the whole build can be read against the cost of
// each part. Every stage starts from the previous one's result, made once.
// BENCH_SHAPE picks another shape of bench/synth (group24, short, unnamed)
// and BENCH_ENTITIES another number of entities, so that two builds of
// the code can be compared on the shape a change is for. BENCH_SITE names
// a site folder to take instead, such as one with released versions that
// bench/lib.sh make_site wrote (the bench scripts' sites).
//
//	go test ./generator -run '^$' -bench Stage -benchtime 3x -benchmem
//	BENCH_SHAPE=short BENCH_ENTITIES=300 go test ./generator -run '^$' -bench 'Stage/render\+minify$' -benchtime 4x
//	BENCH_SITE=/tmp/released go test ./generator -run '^$' -bench 'Stage/(load|render\+minify)$' -benchtime 4x
func BenchmarkStage(b *testing.B) {
	ctx := context.Background()
	entities := 1000
	if n, err := strconv.Atoi(os.Getenv("BENCH_ENTITIES")); err == nil && n > 0 {
		entities = n
	}
	dir := os.Getenv("BENCH_SITE")
	if dir == "" {
		dir = filepath.Join(b.TempDir(), "site")
		if err := synth.Write(dir, synth.Options{Entities: entities, Notices: 5, Languages: 2, Seed: 1, Shape: os.Getenv("BENCH_SHAPE")}); err != nil {
			b.Fatal(err)
		}
	}
	src := os.DirFS(dir)
	builtinI18n, _ := fs.Sub(noticegen.Example, site.I18nDir)
	builtinLayouts, _ := fs.Sub(noticegen.Example, site.LayoutsDir)

	s, diags := site.Load(ctx, src)
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	cat, _ := locale.Load(builtinI18n, s.I18n, s.Config.Languages, s.Config.DefaultLanguage)
	layouts, diags := layout.Load(builtinLayouts, nil)
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	newRenderer := func() *render.Renderer {
		r, diags := render.New(s, cat, layouts, render.Options{})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		return r
	}
	pages := compose.Site(s)
	var files map[string][]byte

	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			if _, diags := site.Load(ctx, src); diags.HasErrors() {
				b.Fatal(diags)
			}
		}
	})
	b.Run("validate", func(b *testing.B) {
		for b.Loop() {
			validate.Site(s, cat)
		}
	})
	b.Run("compose", func(b *testing.B) {
		for b.Loop() {
			compose.Site(s)
		}
	})
	b.Run("render", func(b *testing.B) {
		// A new renderer each time: sections are rendered once per build,
		// not once per benchmark run.
		for b.Loop() {
			r := newRenderer()
			files, _, _ = renderAll(ctx, plan(s, r, twin.New(s, cat), layouts, pages, fingerprint.NewInputs(fingerprint.NewHasher()), nil, nil, time.Now()), renderOptions{out: output.New(false)})
		}
		b.ReportMetric(float64(len(pages))*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	})
	b.Run("render+minify", func(b *testing.B) {
		// As a build renders: minified as it goes, each shared section
		// once and each page's frame around its sections.
		for b.Loop() {
			out := output.New(true)
			r, diags := render.New(s, cat, layouts, render.Options{Output: out})
			if diags.HasErrors() {
				b.Fatal(diags)
			}
			renderAll(ctx, plan(s, r, twin.New(s, cat), layouts, pages, fingerprint.NewInputs(fingerprint.NewHasher()), nil, nil, time.Now()), renderOptions{out: out})
		}
		b.ReportMetric(float64(len(pages))*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	})
	b.Run("minify", func(b *testing.B) {
		// Whole pages, as a minifier run after rendering would take
		// them; a build minifies inside render+minify instead.
		m := output.New(true)
		for b.Loop() {
			for name, data := range files {
				if _, err := m.File(name, data); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("write", func(b *testing.B) {
		out := filepath.Join(b.TempDir(), "public")
		for b.Loop() {
			b.StopTimer()
			os.RemoveAll(out) // a new folder each time, as in CI
			b.StartTimer()
			if err := publish.Write(ctx, out, files); err != nil {
				b.Fatal(err)
			}
		}
	})
}
