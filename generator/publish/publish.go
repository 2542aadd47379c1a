// Package publish writes a built site into a staging folder next
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
	"sync/atomic"

	"github.com/noticegen/noticegen/generator/site"
)

// CheckDest refuses a destination that is, or contains, the source folder,
// or that lies inside one of the source's input folders: replacing it would
// delete the site's own files. It also refuses one that exists and is not
// a folder.
func CheckDest(srcDir, dest string) error {
	src, dst, err := absolute(srcDir, dest)
	if err != nil {
		return err
	}
	if dst == src {
		return fmt.Errorf("destination %s is the source folder; expected a folder of its own such as %s", dest, filepath.Join(srcDir, "public"))
	}
	if within(src, dst) {
		return fmt.Errorf("destination %s contains the source folder %s; replacing it would delete the site's sources", dest, srcDir)
	}
	for _, in := range []string{site.ContentDir, site.LayoutsDir, site.I18nDir, site.StaticDir, site.ConfigFile} {
		if p := filepath.Join(src, in); dst == p {
			return fmt.Errorf("destination %s is the source's %s; expected a folder outside the site's inputs, e.g. public", dest, in)
		} else if within(dst, p) {
			return fmt.Errorf("destination %s is inside the source's %s; expected a folder outside the site's inputs, e.g. public", dest, in)
		}
	}
	return checkFolder(dest)
}

// CheckInside refuses a destination that, links resolved, is not inside
// srcDir: publishDir names a folder of the site, and a link in the site
// (out -> ~) must not carry the build out of it. name is how the
// destination was given, for the message.
func CheckInside(srcDir, dest, name string) error {
	src, dst, err := absolute(srcDir, dest)
	if err != nil {
		return err
	}
	if !within(dst, src) {
		return fmt.Errorf("%s leads out of the site folder through a link, to %s; expected a folder inside it, e.g. \"public\" (use -d for another place)", name, dst)
	}
	return nil
}

// resolve follows links in the existing part of p, so that a link cannot
// absolute returns the source folder and the destination as absolute
// paths with their links resolved, so that two spellings of one folder
// compare equal.
func absolute(srcDir, dest string) (src, dst string, err error) {
	if src, err = filepath.Abs(srcDir); err != nil {
		return "", "", err
	}
	if dst, err = filepath.Abs(dest); err != nil {
		return "", "", err
	}
	return resolve(src), resolve(dst), nil
}

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
func Write(ctx context.Context, dest string, files map[string][]byte) error {
	names := slices.Sorted(maps.Keys(files))
	if err := CheckNames(names); err != nil {
		return err
	}
	st, err := NewStage(ctx, dest, Options{Names: names})
	if err != nil {
		return err
	}
	for _, name := range names {
		if err := st.Put(name, files[name]); err != nil {
			st.Abort()
			return err
		}
	}
	return st.Commit()
}

// CheckNames refuses a set of output paths that cannot all be written: a
// path that is not a plain relative slash path, or a file whose name is
// also the folder of another (static/en next to the generated
// en/index.html), which would otherwise fail half-way through writing with
// a message about the staging folder.
func CheckNames(names []string) error {
	set := make(map[string]bool, len(names))
	for _, name := range names {
		if err := checkName(name); err != nil {
			return err
		}
		set[name] = true
	}
	for _, name := range slices.Sorted(maps.Keys(set)) {
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			if set[d] {
				return fmt.Errorf("%s would be both a file and the folder holding %s; expected different names (a file in static/ cannot take the name of a generated folder)", d, name)
			}
		}
	}
	return nil
}

// checkName refuses an output path that is not a plain relative slash
// path below the site root.
func checkName(name string) error {
	if !fs.ValidPath(name) || name == "." || strings.Contains(name, "\\") {
		return fmt.Errorf("refusing to write %q: not a path inside the destination", name)
	}
	return nil
}

// checkFolder refuses a destination that exists and is not a folder, a
// link to one included: replacing it would put a folder where the link
// was, not into the folder it names.
func checkFolder(dest string) error {
	info, err := os.Lstat(dest)
	switch {
	case err != nil:
		return nil
	case info.Mode()&fs.ModeSymlink != 0:
		return refused("destination %s is a link; expected a folder, or a name that does not exist yet (give the folder it points at as the destination)", dest)
	case !info.IsDir():
		return refused("destination %s exists and is not a folder; expected a folder, or a name that does not exist yet", dest)
	}
	return nil
}

// Stage is a build being written: files go into a staging folder next to
// the destination while later pages are still rendering, and Commit swaps
// it in at once. The build never holds the whole site in memory, readers
// never see half a site, and Abort leaves the destination as it was.
//
// A file whose bytes equal those of the same file in the current
// destination is linked to it instead of written again: rebuilding a large
// site after a small change costs a comparison per page, not a write.
type Stage struct {
	ctx     context.Context
	opts    Options
	dest    string
	dir     string // the staging folder
	prev    string // dest when it holds a previous build to compare with
	queue   chan stagedFile
	wg      sync.WaitGroup
	dirs    sync.Map // slash path of a folder below dir → *folder
	errOnce sync.Once
	err     error
	failed  chan struct{}
	mu      sync.RWMutex
	closed  bool
	namesMu sync.Mutex
	names   []string // queued by Put, for the manifest
	// Linked counts the files taken unchanged from the previous build.
	Linked atomic.Int64
}

type stagedFile struct {
	name string
	data []byte
}

// NewStage creates a staging folder for dest in dest's parent and starts
// the goroutines that write into it: writing many small files is bound by
// system calls, which run in parallel and overlap with rendering. It first
// claims dest (see Claim) and creates nothing when dest is refused.
func NewStage(ctx context.Context, dest string, o Options) (*Stage, error) {
	dest = filepath.Clean(dest)
	st := &Stage{ctx: ctx, opts: o, dest: dest, queue: make(chan stagedFile, 64), failed: make(chan struct{})}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := Claim(dest, o); err != nil {
		return nil, err
	}
	if _, err := os.Lstat(dest); err == nil {
		st.prev = dest
	}
	// The staging folder goes beside dest's absolute path: the parent of
	// a relative "." or ".." is not the folder above it.
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	dir, err := os.MkdirTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".staging-")
	if err != nil {
		// The error names the staging folder, whose random name means
		// nothing to the user; what failed is writing into the parent.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot create a staging folder in %s: %w", parent, err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	st.dir = dir
	for range 4 * runtime.GOMAXPROCS(0) {
		st.wg.Go(func() {
			for f := range st.queue {
				if st.failedYet() {
					continue
				}
				if err := st.write(f.name, f.data); err != nil {
					st.fail(err)
				}
			}
		})
	}
	return st, nil
}

// Put queues a file for writing; name is a slash path below the site
// root. It waits while the writers are busy, which bounds the memory of a
// build that renders faster than the disk takes it, and returns the first
// error any write met, so that rendering can stop early.
func (st *Stage) Put(name string, data []byte) error {
	if err := checkName(name); err != nil {
		st.fail(err)
		return err
	}
	// The read lock keeps finish from closing the queue under a send.
	st.mu.RLock()
	defer st.mu.RUnlock()
	if st.closed {
		return errors.New("stage already committed or aborted")
	}
	select {
	case st.queue <- stagedFile{name, data}:
		st.namesMu.Lock()
		st.names = append(st.names, name)
		st.namesMu.Unlock()
		return nil
	case <-st.failed:
		return st.err
	case <-st.ctx.Done():
		st.fail(st.ctx.Err())
		return st.ctx.Err()
	}
}

func (st *Stage) fail(err error) {
	st.errOnce.Do(func() {
		st.err = err
		close(st.failed)
	})
}

func (st *Stage) failedYet() bool {
	select {
	case <-st.failed:
		return true
	default:
		return false
	}
}

// finish stops the writers and returns the first error they met.
func (st *Stage) finish() error {
	st.mu.Lock()
	if !st.closed {
		st.closed = true
		close(st.queue)
	}
	st.mu.Unlock()
	st.wg.Wait()
	if st.err == nil {
		if err := st.ctx.Err(); err != nil {
			st.fail(err)
		}
	}
	return st.err
}

// Commit waits for the queued files, writes the manifest, claims the
// destination again (a file the user put there while the build ran is
// not lost either), moves its kept entries into the new build and swaps
// the staging folder in. On error the staging folder is removed and the
// destination is left as it was.
func (st *Stage) Commit() error {
	if err := st.finish(); err != nil {
		os.RemoveAll(st.dir)
		return err
	}
	names := slices.Compact(slices.Sorted(slices.Values(st.names)))
	if slices.Contains(names, Manifest) {
		os.RemoveAll(st.dir)
		return fmt.Errorf("refusing to write %s: the build keeps its list of files under that name", Manifest)
	}
	if err := os.WriteFile(filepath.Join(st.dir, Manifest), manifest(names), 0o644); err != nil {
		os.RemoveAll(st.dir)
		return err
	}
	if err := Claim(st.dest, st.opts); err != nil {
		os.RemoveAll(st.dir)
		return err
	}
	moved, err := carry(st.dest, st.dir, st.opts.Keep)
	if err == nil {
		err = sameMode(st.dest, st.dir)
	}
	var old string
	if err == nil {
		old, err = swap(st.dir, st.dest)
	}
	if err != nil {
		if back := carryBack(st.dir, st.dest, moved); back != nil {
			// A kept entry (a .git) is still in the staging folder:
			// deleting it would lose what keep is there to save.
			return errors.Join(err, back)
		}
		os.RemoveAll(st.dir)
		return err
	}
	if old != "" {
		// The new build is in place; a previous file that cannot be
		// deleted (a folder made read-only in it) does not undo that.
		_ = removeTree(old)
	}
	return nil
}

// sameMode gives dir the permissions of dest, when dest exists: the
// build replaces the folder, not the access the user gave it (a public/
// kept from other users with 0750 stays so).
func sameMode(dest, dir string) error {
	info, err := os.Lstat(dest)
	if err != nil {
		return nil
	}
	return os.Chmod(dir, info.Mode()&(fs.ModePerm|fs.ModeSetgid|fs.ModeSticky))
}

// Abort discards what was staged; the destination stays as it was.
func (st *Stage) Abort() {
	st.fail(errors.New("build aborted"))
	st.finish()
	os.RemoveAll(st.dir)
}

// swap puts staging in dest's place and returns the folder now holding
// the previous build ("" when there was none), for the caller to delete.
// Where the system can exchange two folders in one step it does;
// otherwise dest is moved aside first. On error dest is as it was.
func swap(staging, dest string) (old string, err error) {
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(staging, dest)
	}
	if exchange(staging, dest) == nil {
		return staging, nil
	}
	old = staging + ".old"
	if err := os.Rename(dest, old); err != nil {
		return "", fmt.Errorf("move previous %s aside: %w", dest, err)
	}
	if err := os.Rename(staging, dest); err != nil {
		_ = os.Rename(old, dest)
		return "", fmt.Errorf("move new build into %s: %w", dest, err)
	}
	return old, nil
}

// removeTree removes dir like os.RemoveAll, with the folders two levels
// down removed in parallel: a previous build of ten thousand pages takes
// one unlink per file, and those run side by side.
func removeTree(dir string) error {
	var subs []string
	tops, _ := os.ReadDir(dir)
	for _, t := range tops {
		p := filepath.Join(dir, t.Name())
		if !t.IsDir() {
			continue
		}
		kids, _ := os.ReadDir(p)
		for _, k := range kids {
			subs = append(subs, filepath.Join(p, k.Name()))
		}
	}
	next := make(chan string)
	var wg sync.WaitGroup
	for range 4 * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range next {
				os.RemoveAll(p)
			}
		})
	}
	for _, p := range subs {
		next <- p
	}
	close(next)
	wg.Wait()
	return os.RemoveAll(dir)
}
