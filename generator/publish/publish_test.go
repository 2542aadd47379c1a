package publish

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// newSite makes a source folder with the inputs of a site and returns its
// path, inside a fresh temporary folder.
func newSite(t *testing.T) (root, src string) {
	t.Helper()
	root = t.TempDir()
	src = filepath.Join(root, "site")
	for _, d := range []string{"content/sections", "layouts", "i18n", "static"} {
		if err := os.MkdirAll(filepath.Join(src, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(src, "site.toml"), []byte("title = \"x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return root, src
}

func TestCheckDest(t *testing.T) {
	root, src := newSite(t)
	if err := os.Symlink(src, filepath.Join(root, "link-to-site")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(src, "content"), filepath.Join(root, "link-to-content")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "..site"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		src      string
		dest     string
		contains string // "" means accepted
		bug      string
	}{
		{"public inside the site", src, filepath.Join(src, "public"), "", ""},
		{"public not yet created, nested", src, filepath.Join(src, "out", "www"), "", ""},
		{"folder next to the site", src, filepath.Join(root, "www"), "", ""},
		{"name that only starts like an input", src, filepath.Join(src, "contents"), "", ""},
		{"same folder", src, src, "is the source folder", ""},
		{"same folder written differently", src, filepath.Join(src, "public", ".."), "is the source folder", ""},
		{"destination contains the source", src, root, "contains the source folder", ""},
		{"destination is an ancestor further up", src, filepath.Dir(root), "contains the source folder", ""},
		{"inside content/", src, filepath.Join(src, "content", "out"), "content", ""},
		{"content/ itself", src, filepath.Join(src, "content"), "content", ""},
		{"inside layouts/", src, filepath.Join(src, "layouts", "x"), "layouts", ""},
		{"inside i18n/", src, filepath.Join(src, "i18n", "x"), "i18n", ""},
		{"static/", src, filepath.Join(src, "static"), "static", ""},
		{"link to the source", src, filepath.Join(root, "link-to-site"), "is the source folder", ""},
		{"inside a link to the source's content", src, filepath.Join(root, "link-to-content", "out"), "content", ""},
		{"source given through a link", filepath.Join(root, "link-to-site"), src, "is the source folder", ""},
		{
			"destination containing a source whose name starts with ..", filepath.Join(root, "..site"), root, "contains the source folder",
			`CheckDest's helper within() treats any relative path starting with ".." as outside, so a destination that contains a source folder named "..site" is accepted and Write would replace it, deleting the sources; it should test rel == ".." or a "../" prefix`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckDest(tt.src, tt.dest)
			if tt.contains == "" {
				if err != nil {
					t.Errorf("CheckDest(%s, %s) = %v, want nil", tt.src, tt.dest, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("CheckDest(%s, %s) = %v, want an error containing %q", tt.src, tt.dest, err, tt.contains)
			}
		})
	}
}

func TestCheckDestRelative(t *testing.T) {
	_, src := newSite(t)
	t.Chdir(src)
	tests := []struct {
		src, dest string
		ok        bool
	}{
		{".", "public", true},
		{".", ".", false},
		{".", "..", false},
		{".", "content/x", false},
		{"./", "./public/../", false},
	}
	for _, tt := range tests {
		if err := CheckDest(tt.src, tt.dest); (err == nil) != tt.ok {
			t.Errorf("CheckDest(%q, %q) = %v, want ok=%v", tt.src, tt.dest, err, tt.ok)
		}
	}
}

// snapshot lists every file and folder below dir with a hash of its content.
func snapshot(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out = append(out, filepath.ToSlash(rel)+"/")
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, _ := d.Info()
		out = append(out, fmt.Sprintf("%s %x %v", filepath.ToSlash(rel), sha256.Sum256(b), info.Mode()))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// leftovers lists entries of parent other than the expected ones, such as
// staging folders.
func leftovers(t *testing.T, parent string, expected ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var extra []string
	for _, e := range entries {
		if !slices.Contains(expected, e.Name()) {
			extra = append(extra, e.Name())
		}
	}
	return extra
}

func TestWriteCreatesDest(t *testing.T) {
	parent := filepath.Join(t.TempDir(), "deep", "er")
	dest := filepath.Join(parent, "public")
	files := map[string][]byte{
		"index.html":                 []byte("<p>root</p>"),
		"en/index.html":              []byte("<p>en</p>"),
		"en/acme/website/index.html": []byte("<p>notice</p>"),
		"assets/style.css":           []byte("p{}"),
		"sitemap.xml":                []byte("<urlset/>"),
		"empty.txt":                  {},
	}
	if err := Write(context.Background(), dest, files); err != nil {
		t.Fatalf("Write: %v", err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	info, err := os.Stat(filepath.Join(dest, "index.html"))
	if err != nil || info.Mode().Perm() != 0o644 {
		t.Errorf("index.html mode = %v, %v; want -rw-r--r--", info.Mode(), err)
	}
	info, err = os.Stat(dest)
	if err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("dest mode = %v, %v; want drwxr-xr-x", info.Mode(), err)
	}
	if extra := leftovers(t, parent, "public"); len(extra) != 0 {
		t.Errorf("left behind next to dest: %q", extra)
	}
	// A rebuild keeps the access the user gave the folder.
	if err := os.Chmod(dest, 0o750); err != nil {
		t.Fatal(err)
	}
	files["index.html"] = []byte("<p>v2</p>")
	if err := Write(context.Background(), dest, files); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if info, err = os.Stat(dest); err != nil || info.Mode().Perm() != 0o750 {
		t.Errorf("rebuilt dest mode = %v, %v; want drwxr-x--- as the user set it", info.Mode(), err)
	}
}

func TestWriteReplacesDest(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	first := map[string][]byte{
		"index.html":             []byte("old"),
		"de/old/page/index.html": []byte("stale"),
		"keep/same.txt":          []byte("same"),
	}
	if err := Write(context.Background(), dest, first); err != nil {
		t.Fatalf("first Write: %v", err)
	}
	second := map[string][]byte{
		"index.html":    []byte("new"),
		"keep/same.txt": []byte("same"),
		"en/index.html": []byte("en"),
	}
	for i := range 2 { // a second replacement swaps with an existing folder again
		if err := Write(context.Background(), dest, second); err != nil {
			t.Fatalf("Write %d: %v", i, err)
		}
		want := []string{"./", Manifest, "en/", "en/index.html", "index.html", "keep/", "keep/same.txt"}
		var got []string
		for _, s := range snapshot(t, dest) {
			got = append(got, strings.Fields(s)[0])
		}
		if !slices.Equal(got, want) {
			t.Errorf("dest holds %q, want exactly %q", got, want)
		}
		if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "new" {
			t.Errorf("index.html = %q, want new", b)
		}
		if extra := leftovers(t, parent, "public"); len(extra) != 0 {
			t.Errorf("left behind next to dest: %q", extra)
		}
	}
}

func TestWriteFailureLeavesDest(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	good := map[string][]byte{"index.html": []byte("new"), "a/b.html": []byte("b")}
	with := func(name string, b []byte) map[string][]byte {
		m := map[string][]byte{name: b}
		for k, v := range good {
			m[k] = v
		}
		return m
	}
	tests := []struct {
		name  string
		ctx   context.Context
		files map[string][]byte
	}{
		{"parent reference", context.Background(), with("../x", []byte("evil"))},
		{"deep parent reference", context.Background(), with("a/../../x", []byte("evil"))},
		{"absolute path", context.Background(), with("/tmp/x", []byte("evil"))},
		{"backslash", context.Background(), with(`a\..\..\x`, []byte("evil"))},
		{"empty name", context.Background(), with("", []byte("evil"))},
		{"trailing slash", context.Background(), with("dir/", []byte("evil"))},
		{"file and folder of the same name", context.Background(), with("a", []byte("file where a folder goes"))},
		{"cancelled context", cancelled, good},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := filepath.Join(t.TempDir(), "out")
			dest := filepath.Join(parent, "public")
			if err := Write(context.Background(), dest, map[string][]byte{"index.html": []byte("old"), "old/page.html": []byte("p")}); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dest, "old", "page.html"), []byte("edited"), 0o600); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, dest)
			err := Write(tt.ctx, dest, tt.files)
			if err == nil {
				t.Fatalf("Write succeeded, want an error")
			}
			if after := snapshot(t, dest); !slices.Equal(before, after) {
				t.Errorf("dest changed by a failed Write:\nbefore %q\nafter  %q", before, after)
			}
			if extra := leftovers(t, parent, "public"); len(extra) != 0 {
				t.Errorf("left behind next to dest: %q", extra)
			}
			if _, err := os.Lstat(filepath.Join(filepath.Dir(parent), "x")); err == nil {
				t.Errorf("a file was written outside the destination")
			}
		})
	}
}

func TestWriteRefusesNonFolderDest(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := os.WriteFile(dest, []byte("a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(context.Background(), dest, map[string][]byte{"index.html": []byte("x")}); err == nil {
		t.Fatal("Write replaced a file with a folder")
	}
	if b, _ := os.ReadFile(dest); string(b) != "a file" {
		t.Errorf("dest file changed to %q", b)
	}
	if extra := leftovers(t, parent, "public"); len(extra) != 0 {
		t.Errorf("left behind: %q", extra)
	}
}

func TestStageLinksUnchanged(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first := map[string][]byte{"index.html": []byte("same"), "en/a/index.html": []byte("old"), "en/b/index.html": []byte("12345")}
	if err := Write(context.Background(), dest, first); err != nil {
		t.Fatal(err)
	}
	inode := func(name string) uint64 {
		info, err := os.Stat(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return info.Sys().(*syscall.Stat_t).Ino
	}
	before := map[string]uint64{}
	for name := range first {
		before[name] = inode(name)
	}
	st, err := NewStage(context.Background(), dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	second := map[string][]byte{"index.html": []byte("same"), "en/a/index.html": []byte("new"), "en/b/index.html": []byte("54321"), "en/c/index.html": []byte("added")}
	for name, b := range second {
		if err := st.Put(name, b); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := st.Linked.Load(); got != 1 {
		t.Errorf("Linked = %d, want 1 (index.html only)", got)
	}
	for name, want := range second {
		got, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	if inode("index.html") != before["index.html"] {
		t.Error("index.html was written again; want it linked to the previous build's file")
	}
	if inode("en/b/index.html") == before["en/b/index.html"] {
		t.Error("en/b/index.html (same size, other bytes) was linked; want it written")
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.staging-*")); len(left) != 0 {
		t.Errorf("staging folders left behind: %v", left)
	}
}

// TestStageDoesNotLinkLinks: a symbolic link in the previous output is
// never carried into the new one, even when what it points at holds the
// very bytes of the new file.
func TestStageDoesNotLinkLinks(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	if err := Write(context.Background(), dest, map[string][]byte{"index.html": []byte("x")}); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(root, "outside.html")
	if err := os.WriteFile(outside, []byte("same"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dest, "page.html")); err != nil {
		t.Fatal(err)
	}
	if err := Write(context.Background(), dest, map[string][]byte{"index.html": []byte("x"), "page.html": []byte("same")}); err != nil {
		t.Fatal(err)
	}
	info, err := os.Lstat(filepath.Join(dest, "page.html"))
	if err != nil || !info.Mode().IsRegular() {
		t.Errorf("page.html: %v, %v; want a regular file of the new build", info.Mode(), err)
	}
}

// TestStageAbort: an aborted stage leaves the destination as it was and
// refuses further files.
func TestStageAbort(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := Write(context.Background(), dest, map[string][]byte{"index.html": []byte("v1")}); err != nil {
		t.Fatal(err)
	}
	st, err := NewStage(context.Background(), dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Put("index.html", []byte("v2")); err != nil {
		t.Fatal(err)
	}
	st.Abort()
	if err := st.Put("other.html", []byte("x")); err == nil {
		t.Error("Put after Abort succeeded; want an error")
	}
	if got, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(got) != "v1" {
		t.Errorf("index.html = %q after Abort; want v1", got)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.staging-*")); len(left) != 0 {
		t.Errorf("staging folders left behind: %v", left)
	}
}

func TestCheckNames(t *testing.T) {
	tests := []struct {
		names []string
		want  string // "" means accepted
	}{
		{[]string{"index.html", "en/index.html", "en/a/index.html"}, ""},
		{[]string{"en", "en/index.html"}, "en would be both a file and the folder holding en/index.html"},
		{[]string{"a/b", "a/b/c/d.html"}, "a/b would be both"},
		{[]string{"../x"}, "not a path inside the destination"},
		{[]string{"/abs"}, "not a path inside the destination"},
		{[]string{`a\b`}, "not a path inside the destination"},
		{[]string{"."}, "not a path inside the destination"},
	}
	for _, tt := range tests {
		err := CheckNames(tt.names)
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("CheckNames(%q) = %v; want %q", tt.names, err, tt.want)
		}
	}
}
