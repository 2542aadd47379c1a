// Package testsite gives tests a writable copy of the example site, for
// tests that edit files on disk (serve, the build cache).
package testsite

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/noticegen/noticegen"
)

// Example writes the embedded example site into a new temporary folder and
// returns its path; the folder is removed when the test ends.
func Example(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	err := fs.WalkDir(noticegen.Example, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(noticegen.Example, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		tb.Fatal(err)
	}
	return dir
}
