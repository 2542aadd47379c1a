package publish

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tree creates the files (slash paths; a trailing / makes a folder) below
// dir.
func tree(t *testing.T, dir string, files ...string) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if strings.HasSuffix(f, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestClaim(t *testing.T) {
	built := []string{"index.html", "en/index.html", "en/acme/website/index.html", "assets/style.css"}
	written := map[string][]byte{}
	for _, n := range built {
		written[n] = []byte(n)
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, dest string)
		opts  Options
		want  string // "" means accepted; else part of the *RefusedError
	}{
		{"absent", func(t *testing.T, dest string) {}, Options{}, ""},
		{"empty", func(t *testing.T, dest string) { tree(t, dest, "./") }, Options{}, ""},
		{"only a kept .git", func(t *testing.T, dest string) { tree(t, dest, ".git/HEAD") }, Options{Keep: []string{".git"}}, ""},
		{"a .git not kept", func(t *testing.T, dest string) { tree(t, dest, ".git/HEAD") }, Options{}, "(.git)"},
		{"a user's file", func(t *testing.T, dest string) { tree(t, dest, "keep.txt") }, Options{}, "(keep.txt)"},
		{"a user's files, counted", func(t *testing.T, dest string) { tree(t, dest, "a.txt", "b/c.txt", "d/") }, Options{}, "(a.txt and 2 more entries)"},
		{"a previous build", func(t *testing.T, dest string) {
			if err := Write(context.Background(), dest, written); err != nil {
				t.Fatal(err)
			}
		}, Options{Names: []string{"index.html"}}, ""},
		{"a previous build with a file dropped deep in it", func(t *testing.T, dest string) {
			if err := Write(context.Background(), dest, written); err != nil {
				t.Fatal(err)
			}
			tree(t, dest, "en/acme/notes.txt")
		}, Options{}, "(en/acme/notes.txt)"},
		{"a previous build with an empty folder added", func(t *testing.T, dest string) {
			if err := Write(context.Background(), dest, written); err != nil {
				t.Fatal(err)
			}
			tree(t, dest, "en/drafts/")
		}, Options{}, "(en/drafts)"},
		{"a previous build with a folder where a page was", func(t *testing.T, dest string) {
			if err := Write(context.Background(), dest, written); err != nil {
				t.Fatal(err)
			}
			os.Remove(filepath.Join(dest, "index.html"))
			tree(t, dest, "index.html/x")
		}, Options{}, "(index.html)"},
		{"an old build without a manifest: only paths this build writes", func(t *testing.T, dest string) { tree(t, dest, built...) }, Options{Names: built}, ""},
		{"an old build without a manifest: a page this build drops", func(t *testing.T, dest string) { tree(t, dest, append(built, "fr/index.html")...) }, Options{Names: built}, "(fr)"},
		{"a file named like the manifest that is not one", func(t *testing.T, dest string) { tree(t, dest, Manifest, "secret.txt") }, Options{}, "(" + Manifest + " and 1 more entry)"},
		{"a manifest listing a path outside", func(t *testing.T, dest string) {
			tree(t, dest, "x/")
			if err := os.WriteFile(filepath.Join(dest, Manifest), manifest([]string{"../x", "x/../../y"}), 0o644); err != nil {
				t.Fatal(err)
			}
			tree(t, filepath.Dir(dest), "x")
		}, Options{}, "(x)"},
		{"a user's file with --force", func(t *testing.T, dest string) { tree(t, dest, "keep.txt") }, Options{Force: true}, ""},
		{"a link to a folder", func(t *testing.T, dest string) {
			target := dest + "-target"
			tree(t, target, "index.html")
			if err := os.Symlink(target, dest); err != nil {
				t.Fatal(err)
			}
		}, Options{Force: true}, "is a link"},
		{"a file", func(t *testing.T, dest string) { tree(t, filepath.Dir(dest), filepath.Base(dest)) }, Options{Force: true}, "is not a folder"},
		{"a name with a control character", func(t *testing.T, dest string) { tree(t, dest, "a\x1b[31m") }, Options{}, `("a\x1b[31m")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			tt.setup(t, dest)
			before := leftovers(t, parent)
			err := Claim(dest, tt.opts)
			var re *RefusedError
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Claim = %v; want it accepted", err)
			case tt.want != "" && (!errors.As(err, &re) || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Claim = %v; want a refusal containing %q", err, tt.want)
			}
			if after := leftovers(t, parent); !slices.Equal(before, after) {
				t.Errorf("Claim changed the parent folder: %q → %q", before, after)
			}
		})
	}
}

// TestClaimNever: with or without --force, a build never replaces the
// root, the home folder, the current folder or a folder holding one of
// them, however empty: an empty home, or one holding only a kept .git,
// would be swapped for the build, and the current folder deleted under
// the shell in it.
func TestClaimNever(t *testing.T) {
	root := t.TempDir()
	home := filepath.Join(root, "users", "me")
	wd := filepath.Join(root, "work", "deep")
	tree(t, root, "users/me/notes.txt", "work/deep/notes.txt", "other/notes.txt", "empty/home/", "empty/cwd/", "git/home/.git/HEAD")
	tests := []struct {
		home, wd, dest, want string
	}{
		{home, wd, home, "is your home folder"},
		{home, wd, filepath.Join(root, "users"), "contains your home folder"},
		{home, wd, root, "contains your home folder"},
		{home, wd, ".", "is the current folder"},
		{home, wd, wd, "is the current folder"},
		{home, wd, "..", "contains the current folder"},
		{home, wd, filepath.Join(root, "other"), ""},
		{filepath.Join(root, "empty/home"), wd, filepath.Join(root, "empty/home"), "is your home folder"},
		{filepath.Join(root, "git/home"), wd, filepath.Join(root, "git/home"), "is your home folder"},
		{home, filepath.Join(root, "empty/cwd"), ".", "is the current folder"},
		{home, filepath.Join(root, "empty/cwd"), "../cwd", "is the current folder"},
	}
	for _, tt := range tests {
		t.Setenv("HOME", tt.home)
		t.Chdir(tt.wd)
		for _, force := range []bool{false, true} {
			err := Claim(tt.dest, Options{Force: force, Keep: []string{".git"}})
			var re *RefusedError
			switch {
			case tt.want == "" && force && err != nil:
				t.Errorf("Claim(%s, force) = %v; want it accepted", tt.dest, err)
			case tt.want != "" && (!errors.As(err, &re) || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Claim(%s, force %v) with HOME %s in %s = %v; want %q", tt.dest, force, tt.home, tt.wd, err, tt.want)
			}
		}
	}
	// The root is refused by its own rule; irreplaceable only reads.
	if err := irreplaceable("/"); err == nil || !strings.Contains(err.Error(), "root of the file system") {
		t.Errorf("irreplaceable(/) = %v; want the root refused", err)
	}
}

// TestStageDot: -d . (an empty current folder, as given) gets its staging
// folder, if any, beside it, never inside it; and is refused anyway.
func TestStageDot(t *testing.T) {
	parent := t.TempDir()
	tree(t, parent, "cwd/")
	t.Chdir(filepath.Join(parent, "cwd"))
	t.Setenv("HOME", parent+"/nohome")
	if st, err := NewStage(context.Background(), ".", Options{Names: []string{"index.html"}}); err == nil {
		st.Abort()
		t.Errorf("NewStage(.) in an empty current folder accepted")
	}
	if extra := leftovers(t, parent, "cwd"); len(extra) != 0 {
		t.Errorf("left beside: %q", extra)
	}
	if entries, _ := os.ReadDir("."); len(entries) != 0 {
		t.Errorf("left inside the current folder: %v", entries)
	}
}

// TestStageRefusesBeforeWriting: a refused destination gets no staging
// folder, no parent folder and no change.
func TestStageRefusesBeforeWriting(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "home")
	tree(t, dest, "notes.txt", ".bashrc")
	before := snapshot(t, dest)
	st, err := NewStage(context.Background(), dest, Options{Names: []string{"index.html"}})
	var re *RefusedError
	if !errors.As(err, &re) {
		t.Fatalf("NewStage = %v, %v; want a *RefusedError", st, err)
	}
	if after := snapshot(t, dest); !slices.Equal(before, after) {
		t.Errorf("refused dest changed: %q → %q", before, after)
	}
	if extra := leftovers(t, parent, "home"); len(extra) != 0 {
		t.Errorf("left beside a refused dest: %q", extra)
	}
}

// TestStageKeep: kept entries survive every build, replacing foreign
// output with Force too; the manifest lists the build's files.
func TestStageKeep(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	tree(t, dest, ".git/HEAD", ".git/refs/main", "CNAME", "old-generator.html")
	gitBefore := snapshot(t, filepath.Join(dest, ".git"))
	o := Options{Keep: []string{".git", "CNAME", "absent"}}
	build := func(o Options, files map[string][]byte) error {
		names := slices.Sorted(func(yield func(string) bool) {
			for n := range files {
				if !yield(n) {
					return
				}
			}
		})
		o.Names = names
		st, err := NewStage(context.Background(), dest, o)
		if err != nil {
			return err
		}
		for _, n := range names {
			if err := st.Put(n, files[n]); err != nil {
				return err
			}
		}
		return st.Commit()
	}
	files := map[string][]byte{"index.html": []byte("v1"), "en/index.html": []byte("en")}
	var re *RefusedError
	if err := build(o, files); !errors.As(err, &re) || !strings.Contains(err.Error(), "old-generator.html") {
		t.Fatalf("build over foreign output = %v; want it refused", err)
	}
	o.Force = true
	if err := build(o, files); err != nil {
		t.Fatal(err)
	}
	o.Force = false
	files["index.html"] = []byte("v2")
	if err := build(o, files); err != nil {
		t.Fatalf("rebuild of own output with kept entries: %v", err)
	}
	var got []string
	for _, s := range snapshot(t, dest) {
		got = append(got, strings.Fields(s)[0])
	}
	want := []string{"./", ".git/", ".git/HEAD", ".git/refs/", ".git/refs/main", Manifest, "CNAME", "en/", "en/index.html", "index.html"}
	if !slices.Equal(got, want) {
		t.Errorf("dest holds %q; want %q", got, want)
	}
	if after := snapshot(t, filepath.Join(dest, ".git")); !slices.Equal(gitBefore, after) {
		t.Errorf(".git changed: %q → %q", gitBefore, after)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, Manifest)); string(b) != manifestHeader+"\nen/index.html\nindex.html\n" {
		t.Errorf("manifest = %q", b)
	}
	if extra := leftovers(t, parent, "public"); len(extra) != 0 {
		t.Errorf("left behind: %q", extra)
	}
	// A kept name the build writes itself cannot be carried over.
	tree(t, dest, "CNAME")
	files["CNAME"] = []byte("x")
	before := snapshot(t, dest)
	if err := build(o, files); err == nil || !strings.Contains(err.Error(), "CNAME is also written by the build") {
		t.Errorf("build writing a kept name = %v; want an error", err)
	}
	if after := snapshot(t, dest); !slices.Equal(before, after) {
		t.Errorf("dest changed by a failed build: %q → %q", before, after)
	}
	if extra := leftovers(t, parent, "public"); len(extra) != 0 {
		t.Errorf("left behind: %q", extra)
	}
}

// TestCommitClaimsAgain: a file the user puts into the destination while
// the build runs is not lost: Commit refuses and leaves it.
func TestCommitClaimsAgain(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := Write(context.Background(), dest, map[string][]byte{"index.html": []byte("v1")}); err != nil {
		t.Fatal(err)
	}
	st, err := NewStage(context.Background(), dest, Options{Names: []string{"index.html"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Put("index.html", []byte("v2")); err != nil {
		t.Fatal(err)
	}
	tree(t, dest, "late.txt")
	before := snapshot(t, dest)
	var re *RefusedError
	if err := st.Commit(); !errors.As(err, &re) || !strings.Contains(err.Error(), "(late.txt)") {
		t.Errorf("Commit = %v; want a refusal naming late.txt", err)
	}
	if after := snapshot(t, dest); !slices.Equal(before, after) {
		t.Errorf("dest changed: %q → %q", before, after)
	}
	if extra := leftovers(t, parent, "public"); len(extra) != 0 {
		t.Errorf("left behind: %q", extra)
	}
}

// TestManifestNames: every name the build can write reads back from the
// manifest as it was written, a newline or quote in it included.
func TestManifestNames(t *testing.T) {
	t.Run("CRLF", func(t *testing.T) {
		// A manifest checked out with CRLF line ends is still the build's.
		p := filepath.Join(t.TempDir(), Manifest)
		crlf := strings.ReplaceAll(string(manifest([]string{"index.html", "en/index.html"})), "\n", "\r\n")
		if err := os.WriteFile(p, []byte(crlf), 0o644); err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		if ok, err := readManifest(p, got); !ok || err != nil || !got["index.html"] || !got["en/index.html"] || len(got) != 2 {
			t.Errorf("readManifest(CRLF) = %v, %v, %v; want both names", ok, err, got)
		}
	})

	names := []string{"a b.html", "a\nb.html", `"quoted".html`, "ünï/cödé.html", "tab\there", "x/y/z.css"}
	dir := t.TempDir()
	p := filepath.Join(dir, Manifest)
	if err := os.WriteFile(p, manifest(names), 0o644); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	ok, err := readManifest(p, got)
	if !ok || err != nil {
		t.Fatalf("readManifest = %v, %v", ok, err)
	}
	for _, n := range names {
		if !got[n] {
			t.Errorf("%q did not read back; got %v", n, got)
		}
	}
	if len(got) != len(names) {
		t.Errorf("read %d names; wrote %d", len(got), len(names))
	}
}
