package generator_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/generator"
	"github.com/noticegen/noticegen/generator/site"
)

// cancelOnOpen cancels a build's context when the build opens the file
// trigger: a point in the pipeline reached deterministically, during
// loading (a content file) or during rendering (a static file, read by its
// render job).
type cancelOnOpen struct {
	fsys    fs.FS
	trigger string
	cancel  context.CancelFunc
}

func (c cancelOnOpen) Open(name string) (fs.File, error) {
	if name == c.trigger {
		c.cancel()
	}
	return c.fsys.Open(name)
}

// exampleWithStatic is the example site with two static files, whose jobs
// run last.
func exampleWithStatic(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(noticegen.Example, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p != site.ConfigFile && !strings.HasPrefix(p, "content/") {
			return err
		}
		b, err := fs.ReadFile(noticegen.Example, p)
		m[p] = &fstest.MapFile{Data: b, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	m["static/a.txt"] = &fstest.MapFile{Data: []byte("a"), Mode: 0o644}
	m["static/z.txt"] = &fstest.MapFile{Data: []byte("z"), Mode: 0o644}
	return m
}

// TestBuildCancelled: a build or check that ctx stops, at any point, says
// so in Result.Cancelled with no diagnostics (before the fix, loading cut
// short made validation report thousands of references to files it never
// read), writes nothing and leaves no staging folder.
func TestBuildCancelled(t *testing.T) {
	src := exampleWithStatic(t)
	tests := []struct {
		name    string
		trigger string // "" cancels before the build starts
	}{
		{"before the build", ""},
		{"while loading site.toml", site.ConfigFile},
		{"while loading entities", "content/entities/nordlicht-ag.toml"},
		{"while loading sections", "content/sections/newsletter.en.md"},
		{"while rendering", "static/a.txt"},
		{"after the last file rendered", "static/z.txt"},
	}
	for _, tt := range tests {
		for _, check := range []bool{false, true} {
			name := tt.name
			if check {
				name = "check " + name
			}
			t.Run(name, func(t *testing.T) {
				if _, ok := src[tt.trigger]; tt.trigger != "" && !ok {
					t.Fatalf("the example site has no %s", tt.trigger)
				}
				parent := t.TempDir()
				dest := filepath.Join(parent, "public")
				opts := generator.Options{Builtin: noticegen.Example, Workers: 1, Dest: func(*site.Site) (string, error) { return dest, nil }}
				if first := generator.Build(context.Background(), src, opts); first.Diags.HasErrors() || first.WriteErr != nil || first.Cancelled != nil {
					t.Fatalf("first build: %v %v %v", first.Diags, first.WriteErr, first.Cancelled)
				}
				before := tree(t, dest)

				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				if tt.trigger == "" {
					cancel()
				}
				fsys := cancelOnOpen{fsys: src, trigger: tt.trigger, cancel: cancel}
				var res *generator.Result
				if check {
					opts.Dest = nil
					res = generator.Check(ctx, fsys, opts)
				} else {
					res = generator.Build(ctx, fsys, opts)
				}
				if !errors.Is(res.Cancelled, context.Canceled) {
					t.Errorf("Cancelled = %v; want context.Canceled", res.Cancelled)
				}
				if len(res.Diags) != 0 {
					t.Errorf("a cancelled build reported %d diagnostics, first %v; want none", len(res.Diags), res.Diags[0])
				}
				if res.WriteErr != nil || res.DestErr != nil || res.Files != nil {
					t.Errorf("WriteErr %v, DestErr %v, %d files; want none", res.WriteErr, res.DestErr, len(res.Files))
				}
				if after := tree(t, dest); !slices.Equal(before, after) {
					t.Errorf("the previous build changed:\n%q\n%q", before, after)
				}
				entries, _ := os.ReadDir(parent)
				if len(entries) != 1 {
					t.Errorf("the destination's parent holds %d entries; want only public (no staging folder)", len(entries))
				}
			})
		}
	}
}

// tree lists the files below dir with their contents.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		out = append(out, p+"\x00"+string(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
