package generator_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	noticegen "github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/generator"
)

// versionsSite is the test site with a released history: a first, a
// material and an editorial version in force one after the other, and a
// material one announced for 2099.
const versionsSite = "../testdata/versions"

// versionsNow is the day the tests build the versions site as of.
var versionsNow = func() time.Time { return time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC) }

// copySite copies dir into a temporary folder the test may change.
func copySite(t *testing.T, dir string) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func buildVersions(t *testing.T, dir string, minify bool) map[string][]byte {
	t.Helper()
	res := generator.Build(context.Background(), os.DirFS(dir), generator.Options{Builtin: noticegen.Example, Now: versionsNow, Minify: &minify})
	if res.Diags.HasErrors() {
		t.Fatalf("the versions site does not build:\n%v", res.Diags)
	}
	return res.Files
}

func TestArchivedPages(t *testing.T) {
	files := buildVersions(t, versionsSite, false)
	for _, tc := range []struct {
		path  string
		exist bool
		has   []string
	}{
		{"en/acme/website/versions/2026-01-15/index.html", true, []string{
			`<meta name="robots" content="noindex">`,
			`<link rel="canonical" href="https://privacy.example.com/en/acme/website/versions/2026-01-15/">`,
			`<main id="main"><div class="superseded" role="note"><p>This is an earlier version of this notice. It was in force from <time datetime="2026-01-15">January 15, 2026</time> until <time datetime="2026-04-01">April 1, 2026</time>.</p>`,
			`<a href="../../">Read the version in force</a>`, `<a href="../../changes/">`,
			"<p>Storage period: 7 days.</p>",
		}},
		{"en/acme/website/versions/2026-03-01/index.html", true, []string{`from <time datetime="2026-04-01">April 1, 2026</time> until <time datetime="2026-05-10">May 10, 2026</time>`}},
		// In force as of the build: the notice page itself.
		{"en/acme/website/versions/2026-05-10/index.html", false, nil},
		// Announced for 2099: not yet a page of its own.
		{"en/acme/website/versions/2026-06-01/index.html", false, nil},
		{"de/acme/website/versions/2026-01-15/index.html", false, nil},
		// The page in force names its version and the one announced.
		{"en/acme/website/index.html", true, []string{
			`<p class="version-note">Version of May 10, 2026, in force since May 10, 2026. Upcoming changes from September 1, 2099. <a href="changes/">See all changes to this notice</a></p>`,
		}},
		// No versions in German: no note, no changes page.
		{"de/acme/website/changes/index.html", false, nil},
		{"en/acme/website/changes/index.html", true, []string{`<a href="../versions/2026-03-01/">`, `hreflang="en"`}},
	} {
		b, ok := files[tc.path]
		if ok != tc.exist {
			t.Errorf("%s built: %v, want %v", tc.path, ok, tc.exist)
			continue
		}
		for _, s := range tc.has {
			if !bytes.Contains(b, []byte(s)) {
				t.Errorf("%s lacks %s", tc.path, s)
			}
		}
		if ok && bytes.Count(b, []byte(`rel="canonical"`)) != 1 {
			t.Errorf("%s has %d canonical links, want 1", tc.path, bytes.Count(b, []byte(`rel="canonical"`)))
		}
	}
	if sm := string(files["sitemap.xml"]); strings.Contains(sm, "versions/") {
		t.Errorf("the sitemap lists an archived version:\n%s", sm)
	}
	for p, b := range files {
		if strings.HasSuffix(p, ".html") && alternateToVersion.Match(b) {
			t.Errorf("%s links to an archived version as if it were an alternate", p)
		}
	}
}

// alternateToVersion finds a language link to an archived version.
var alternateToVersion = regexp.MustCompile(`<link rel="?alternate"?[^>]*hreflang[^>]*/versions/`)

// TestArchivedPagesStay checks that an archived page is the stored page:
// changing a section, a layout and a provider leaves its bytes alone.
func TestArchivedPagesStay(t *testing.T) {
	dir := copySite(t, versionsSite)
	const p = "en/acme/website/versions/2026-01-15/index.html"
	before := buildVersions(t, dir, true)
	edit := func(file, old, new string) {
		t.Helper()
		f := filepath.Join(dir, file)
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s lacks %q", file, old)
		}
		if err := os.WriteFile(f, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("content/sections/server-logs.en.md", "The web server logs each request.", "Every request is written to a log.")
	edit("content/providers/stats.toml", `name = "Stats GmbH"`, `name = "Stats Counting GmbH"`)
	if err := os.MkdirAll(filepath.Join(dir, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	base, err := noticegen.Example.ReadFile("layouts/base.html")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "layouts", "base.html"), bytes.Replace(base, []byte("<body"), []byte("<!-- changed layout --><body"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	after := buildVersions(t, dir, true)
	if bytes.Equal(before["en/acme/website/index.html"], after["en/acme/website/index.html"]) {
		t.Fatal("the edits did not change the current page; the test would prove nothing")
	}
	if !bytes.Equal(before[p], after[p]) {
		t.Errorf("%s changed with the sections, layouts and providers:\n%s", p, firstDiff(before[p], after[p]))
	}
	if len(before[p]) == 0 {
		t.Errorf("%s was not built", p)
	}
}

// TestVersionsGolden compares the versions site's new files with
// testdata/golden/versions. After a reviewed change, rewrite them with:
// go test ./generator -run VersionsGolden -update
func TestVersionsGolden(t *testing.T) {
	files := buildVersions(t, versionsSite, false)
	for _, name := range []string{
		"en/acme/website/versions/2026-01-15/index.html",
		"en/acme/website/changes/index.html",
		"en/acme/website/index.html",
		"en/feed.xml",
	} {
		got, ok := files[name]
		if !ok {
			t.Errorf("%s was not built", name)
			continue
		}
		compareGolden(t, "versions", name, got, "VersionsGolden")
	}
}

// TestReservedFolders checks that an id putting a page inside another
// page's versions/ or changes/ folder is refused, at the entity's line,
// before any version exists.
func TestReservedFolders(t *testing.T) {
	for _, tc := range []struct {
		notice string
		refuse bool
	}{
		{"b/changes", true},
		{"b/versions/old", true},
		{"changes", false}, // a/changes/ is no page's changes folder
		{"b/changelog", false},
	} {
		t.Run(tc.notice, func(t *testing.T) {
			fsys := smallSite(`["en"]`)
			delete(fsys, "content/entities/a-b.toml")
			delete(fsys, "content/notices/c.toml")
			delete(fsys, "content/notices/b/c.toml")
			fsys["content/entities/a.toml"].Data = []byte("name = \"X\"\naddress = \"x\"\nemail = \"x@x.example\"\nnotices = [\"" + tc.notice + "\"]\n")
			fsys["content/notices/"+tc.notice+".toml"] = &fstest.MapFile{Data: []byte("title = \"N\"\nsections = [\"general\"]\n")}
			res := generator.Build(context.Background(), fsys, generator.Options{Builtin: noticegen.Example})
			got := fmt.Sprint(res.Diags)
			if tc.refuse != strings.Contains(got, "reserved for released versions") {
				t.Errorf("notice %q: diagnostics %q; want refused: %v", tc.notice, got, tc.refuse)
			}
			if tc.refuse && !strings.Contains(got, "content/entities/a.toml:4:") {
				t.Errorf("notice %q: error not at the entity's notices line: %q", tc.notice, got)
			}
		})
	}
}

// With serve's cache, an edit of a stored page's body (not its front
// matter) remakes its archived page: the cache key covers the page.
func TestArchivedPageCacheSeesBody(t *testing.T) {
	dir := copySite(t, versionsSite)
	const p = "en/acme/website/versions/2026-01-15/index.html"
	cache := generator.NewCache()
	off := false
	build := func() []byte {
		t.Helper()
		res := generator.Build(context.Background(), os.DirFS(dir), generator.Options{Builtin: noticegen.Example, Now: versionsNow, Minify: &off, Cache: cache})
		if res.Diags.HasErrors() {
			t.Fatalf("build failed:\n%v", res.Diags)
		}
		return res.Files[p]
	}
	if before := build(); !bytes.Contains(before, []byte("Storage period: 7 days.")) {
		t.Fatalf("%s lacks the text the test edits:\n%s", p, before)
	}
	f := filepath.Join(dir, "content/versions/acme/website/2026-01-15.en.html")
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, bytes.Replace(b, []byte("Storage period: 7 days."), []byte("Storage period: 8 days."), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if after := build(); !bytes.Contains(after, []byte("Storage period: 8 days.")) {
		t.Errorf("%s still shows the old stored page after its file changed", p)
	}
}
