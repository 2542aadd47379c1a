package quality

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/generator"
	"github.com/noticegen/noticegen/generator/internal/headless"
)

// root is the repository root, seen from this package.
const root = "../.."

func tool(tb testing.TB, name string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		headless.Missing(tb, name)
	}
	return p
}

func nodeModule(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join(root, "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		headless.Missing(tb, "node_modules/"+rel)
	}
	return p
}

// builtSite is a site built and written as `noticegen build` would.
type builtSite struct {
	name string // for messages
	dir  string // the written output
	res  *generator.Result
}

// pages returns the HTML files of the site, slash paths, sorted.
func (b builtSite) pages() []string {
	var out []string
	for name := range b.res.Files {
		if strings.HasSuffix(name, ".html") {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

func build(tb testing.TB, name string, src fs.FS) builtSite {
	tb.Helper()
	res := generator.Build(context.Background(), src, generator.Options{Builtin: noticegen.Example})
	if res.Diags.HasErrors() {
		tb.Fatalf("%s does not build:\n%v", name, res.Diags)
	}
	dir := filepath.Join(tb.TempDir(), "public")
	if err := generator.Write(context.Background(), res, dir); err != nil {
		tb.Fatal(err)
	}
	return builtSite{name: name, dir: dir, res: res}
}

// sites builds the example site, the site with released versions (its
// archived and changes pages) and every passing test site of check.
func sites(tb testing.TB) []builtSite {
	tb.Helper()
	out := []builtSite{build(tb, "example", os.DirFS(root)), build(tb, "testdata/versions", os.DirFS(filepath.Join(root, "testdata", "versions")))}
	passing, _ := filepath.Glob(filepath.Join(root, "testdata", "check", "*", "pass"))
	// testdata/sites holds sites made for layout and typography, such as
	// typography (en, de, fr), which no check rule is named after.
	made, _ := filepath.Glob(filepath.Join(root, "testdata", "sites", "*"))
	for _, dir := range append(passing, made...) {
		rel, _ := filepath.Rel(root, dir)
		out = append(out, build(tb, filepath.ToSlash(rel), os.DirFS(dir)))
	}
	return out
}

// serveDir serves a built site over loopback HTTP for the browser.
func serveDir(tb testing.TB, dir string) string {
	tb.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	tb.Cleanup(srv.Close)
	return srv.URL + "/"
}

// artifact writes a file for people to look at under testdata/artifacts.
func artifact(tb testing.TB, name string, data []byte) {
	tb.Helper()
	dir := filepath.Join(root, "testdata", "artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		tb.Fatal(err)
	}
}
