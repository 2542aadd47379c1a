// Package publish writes a built site: minified, into a staging folder next
// to the destination, swapped in at once so readers and CI never see half a
// site and a failed build leaves the previous one as it was.
package publish

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/xml"
)

// Minifier minifies output files by their extension.
type Minifier struct{ m *minify.M }

// NewMinifier returns a minifier for HTML, CSS and XML. Document and end
// tags are kept: the output stays valid HTML that validators and assistive
// technology read without guessing.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/xml", xml.Minify)
	return &Minifier{m: m}
}

// Minify returns b minified when name is an .html, .css or .xml file, else b.
func (mi *Minifier) Minify(name string, b []byte) ([]byte, error) {
	var mediatype string
	switch path.Ext(name) {
	case ".html":
		mediatype = "text/html"
	case ".css":
		mediatype = "text/css"
	case ".xml":
		mediatype = "text/xml"
	default:
		return b, nil
	}
	out, err := mi.m.Bytes(mediatype, b)
	if err != nil {
		return nil, fmt.Errorf("minify %s: %w", name, err)
	}
	return out, nil
}

// CheckDest refuses a destination that is, or contains, the source folder,
// or that lies inside one of the source's input folders: replacing it would
// delete the site's own files.
func CheckDest(srcDir, dest string) error {
	src, err := filepath.Abs(srcDir)
	if err != nil {
		return err
	}
	dst, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	src, dst = resolve(src), resolve(dst)
	if dst == src {
		return fmt.Errorf("destination %s is the source folder; expected a folder of its own such as %s", dest, filepath.Join(srcDir, "public"))
	}
	if within(src, dst) {
		return fmt.Errorf("destination %s contains the source folder %s; replacing it would delete the site's sources", dest, srcDir)
	}
	for _, in := range []string{"content", "layouts", "i18n", "static", "site.toml"} {
		if p := filepath.Join(src, in); dst == p {
			return fmt.Errorf("destination %s is the source's %s; expected a folder outside the site's inputs, e.g. public", dest, in)
		} else if within(dst, p) {
			return fmt.Errorf("destination %s is inside the source's %s; expected a folder outside the site's inputs, e.g. public", dest, in)
		}
	}
	return nil
}

// resolve follows links in the existing part of p, so that a link cannot
// disguise the source as something else.
func resolve(p string) string {
	rest := ""
	for {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(p, rest)
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// within reports whether inner lies strictly inside outer.
func within(inner, outer string) bool {
	rel, err := filepath.Rel(outer, inner)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Write writes files (slash paths relative to the site root) to dest
// through a staging folder in dest's parent, then swaps it in. On any error
// the staging folder is removed and dest is left as it was.
func Write(ctx context.Context, dest string, files map[string][]byte) (err error) {
	dest = filepath.Clean(dest)
	if info, err := os.Lstat(dest); err == nil && !info.IsDir() {
		return fmt.Errorf("destination %s exists and is not a folder; expected a folder, or a name that does not exist yet", dest)
	}
	// A file whose name is also a folder of another file (static/en next
	// to the generated en/index.html) would fail half-way through writing
	// with a message about the staging folder; it is named here instead.
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		for d := path.Dir(name); d != "." && d != "/"; d = path.Dir(d) {
			if _, clash := files[d]; clash {
				return fmt.Errorf("%s would be both a file and the folder holding %s; expected different names (a file in static/ cannot take the name of a generated folder)", d, name)
			}
		}
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", parent, err)
	}
	staging, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".staging-")
	if err != nil {
		// The error names the staging folder, whose random name means
		// nothing to the user; what failed is writing into the parent.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("cannot create a staging folder in %s: %w", parent, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(staging)
		}
	}()
	if err := os.Chmod(staging, 0o755); err != nil {
		return err
	}
	dirs := map[string]bool{}
	for _, name := range names {
		if !fs.ValidPath(name) || strings.Contains(name, "\\") {
			return fmt.Errorf("refusing to write %q: not a path inside the destination", name)
		}
		dirs[path.Dir(name)] = true
	}
	for _, d := range slices.Sorted(maps.Keys(dirs)) {
		if err := os.MkdirAll(filepath.Join(staging, filepath.FromSlash(d)), 0o755); err != nil {
			return err
		}
	}
	if err := writeAll(ctx, staging, names, files); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return swap(staging, dest)
}

// writeAll writes the files on several goroutines: writing many small
// files is bound by system calls, which run in parallel.
func writeAll(ctx context.Context, root string, names []string, files map[string][]byte) error {
	next := make(chan string)
	errc := make(chan error, 1)
	var wg sync.WaitGroup
	for range 4 * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for name := range next {
				if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(name)), files[name], 0o644); err != nil {
					select {
					case errc <- err:
					default:
					}
				}
			}
		})
	}
	var err error
feed:
	for _, name := range names {
		select {
		case err = <-errc:
			break feed
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		case next <- name:
		}
	}
	close(next)
	wg.Wait()
	if err == nil {
		select {
		case err = <-errc:
		default:
		}
	}
	return err
}

// swap puts staging in dest's place. Where the system can exchange two
// folders in one step it does; otherwise dest is moved aside first.
func swap(staging, dest string) error {
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(staging, dest)
	}
	if exchange(staging, dest) == nil {
		return os.RemoveAll(staging) // now holds the previous build
	}
	old := staging + ".old"
	if err := os.Rename(dest, old); err != nil {
		return fmt.Errorf("move previous %s aside: %w", dest, err)
	}
	if err := os.Rename(staging, dest); err != nil {
		_ = os.Rename(old, dest)
		return fmt.Errorf("move new build into %s: %w", dest, err)
	}
	return os.RemoveAll(old)
}
