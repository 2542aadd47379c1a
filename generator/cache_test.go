package generator_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/generator"
	"github.com/noticegen/noticegen/generator/internal/testsite"
)

func TestCacheRendersOnlyAffectedPages(t *testing.T) {
	dir := testsite.Example(t)
	// The page counts below are of notice pages; the archived versions
	// and changes pages have cache tests of their own (versions_test.go).
	if err := os.RemoveAll(filepath.Join(dir, "content", "versions")); err != nil {
		t.Fatal(err)
	}
	cache := generator.NewCache()
	build := func() *generator.Result {
		t.Helper()
		res := generator.Build(context.Background(), os.DirFS(dir), generator.Options{Builtin: noticegen.Example, Cache: cache})
		if res.Diags.HasErrors() {
			t.Fatalf("build failed:\n%v", res.Diags)
		}
		return res
	}
	edit := func(name, old, new string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s does not contain %q", name, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// pagesWith counts the notice pages whose inputs include file.
	pagesWith := func(res *generator.Result, file string) int {
		n := 0
		for _, p := range res.Pages {
			for _, in := range p.Inputs() {
				if in == file {
					n++
					break
				}
			}
		}
		return n
	}

	first := build()
	all := len(first.Pages) + 1 + len(first.Site.Config.Languages) // notices, chooser, overviews
	if first.Stats.Rendered != all {
		t.Fatalf("first build rendered %d pages, want all %d", first.Stats.Rendered, all)
	}
	parsed := cache.Parsed()
	if again := build(); again.Stats.Rendered != 0 {
		t.Errorf("unchanged rebuild rendered %d pages, want 0", again.Stats.Rendered)
	}
	if n := cache.Parsed() - parsed; n != 0 {
		t.Errorf("unchanged rebuild parsed %d files, want 0", n)
	}

	tests := []struct {
		name      string
		file      string
		old, new  string
		want      func(*generator.Result) int
		wantInDoc string
	}{
		{
			name: "one section in one language", file: "content/sections/newsletter.de.md",
			old: "+++\n", new: "+++\n# edited\n",
			want: func(r *generator.Result) int { return pagesWith(r, "content/sections/newsletter.de.md") },
		},
		{
			name: "an entity: its pages and the overviews", file: "content/entities/nordlicht-events.toml",
			old: "\n", new: "\n# edited\n",
			want: func(r *generator.Result) int {
				return pagesWith(r, "content/entities/nordlicht-events.toml") + len(r.Site.Config.Languages)
			},
		},
		{
			name: "site.toml: everything", file: "site.toml",
			old: "\n", new: "\n# edited\n",
			want: func(r *generator.Result) int { return all },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			edit(tt.file, tt.old, tt.new)
			parsed := cache.Parsed()
			res := build()
			if n := cache.Parsed() - parsed; tt.file != "site.toml" && n != 1 {
				t.Errorf("parsed %d files, want only the edited one", n)
			}
			if want := tt.want(res); res.Stats.Rendered != want || want == 0 {
				t.Errorf("rendered %d pages, want %d (of %d)", res.Stats.Rendered, want, all)
			}
		})
	}
}

// TestCacheRemakesTwins checks that a rebuild with a cache remakes the
// notice.jsonld of every page whose section changed, and keeps the others
// byte for byte.
func TestCacheRemakesTwins(t *testing.T) {
	dir := testsite.Example(t)
	cache := generator.NewCache()
	build := func() *generator.Result {
		t.Helper()
		res := generator.Build(context.Background(), os.DirFS(dir), generator.Options{Builtin: noticegen.Example, Cache: cache})
		if res.Diags.HasErrors() {
			t.Fatalf("build failed:\n%v", res.Diags)
		}
		return res
	}
	first := build()
	name := filepath.Join(dir, "content", "sections", "newsletter.en.md")
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	const old, edited = "Until you unsubscribe;", "Until you unsubscribe, and not a day longer;"
	if err := os.WriteFile(name, []byte(strings.Replace(string(b), old, edited, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	second := build()
	changed := 0
	for _, p := range second.Pages {
		path := p.Path() + "notice.jsonld"
		was, now := string(first.Files[path]), string(second.Files[path])
		shows := false
		for _, in := range p.Inputs() {
			shows = shows || in == "content/sections/newsletter.en.md"
		}
		switch {
		case now == "":
			t.Errorf("%s missing from the rebuild", path)
		case shows && p.Lang == "en" && !strings.Contains(now, edited):
			t.Errorf("%s still has the old retention after the edit", path)
		case !shows && now != was:
			t.Errorf("%s changed, but its page does not show the edited section", path)
		}
		if now != was {
			changed++
		}
	}
	if changed == 0 {
		t.Error("no twin changed: the edit did not reach any")
	}
}
