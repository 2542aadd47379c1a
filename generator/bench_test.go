package generator_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/bench/synth"
	"github.com/noticegen/noticegen/generator"
)

// benchSite writes a synthetic site of about pages notice pages (3 notices,
// 3 languages) once per benchmark run.
func benchSite(b *testing.B, entities int) string {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "site")
	if err := synth.Write(dir, entities, 3); err != nil {
		b.Fatal(err)
	}
	return dir
}

func benchmarkBuild(b *testing.B, entities int) {
	dir := benchSite(b, entities)
	src := os.DirFS(dir)
	out := filepath.Join(b.TempDir(), "public")
	b.ResetTimer()
	var pages int
	for b.Loop() {
		res := generator.Build(context.Background(), src, generator.Options{Builtin: noticegen.Example})
		if res.Diags.HasErrors() {
			b.Fatalf("build failed:\n%v", res.Diags)
		}
		if err := generator.Write(context.Background(), res, out); err != nil {
			b.Fatal(err)
		}
		pages = len(res.Pages)
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkBuild1k, 10k and 30k build and write synthetic sites of about
// 1,000, 10,000 and 30,000 notice pages: linear growth means pages/s stays
// flat. Run: go test ./generator -run '^$' -bench Build -benchtime 3x
func BenchmarkBuild1k(b *testing.B)  { benchmarkBuild(b, 111) }
func BenchmarkBuild10k(b *testing.B) { benchmarkBuild(b, 1112) }
func BenchmarkBuild30k(b *testing.B) { benchmarkBuild(b, 3334) }
