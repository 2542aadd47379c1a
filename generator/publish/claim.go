package publish

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Manifest is the file at the top of every destination a build writes,
// listing the files of that build, one slash path a line. It is how the
// next build knows the folder for its own: a folder holding files the
// manifest does not list is the user's, and is not replaced without
// Options.Force.
const Manifest = ".noticegen-build"

// manifestHeader is the manifest's first line; a file of that name that
// does not start with it is not a manifest but somebody's file.
const manifestHeader = "# noticegen build output: the files below. The next build replaces this folder only while it holds nothing else (besides site.toml's keep entries)."

// maxManifest bounds the manifest read back: 30,000 pages list in about
// 2 MB; a larger file of that name is somebody else's.
const maxManifest = 64 << 20

// Options say what a Stage may replace, and what it carries over from the
// folder it replaces.
type Options struct {
	// Names are the paths the build writes. A destination without a
	// manifest that holds only these files counts as a previous build's
	// output, as written by a noticegen that wrote no manifest.
	Names []string
	// Keep names top-level entries of the destination (".git") that are
	// moved into the new build instead of being replaced. They are never
	// a reason to refuse the destination.
	Keep []string
	// Force lets the stage replace a folder holding files no build wrote.
	// Nothing lets it replace the root of the file system, the home
	// folder, the current folder or a folder containing one of them.
	Force bool
}

// RefusedError is a destination the build may not replace. Nothing has
// been written when it is returned; the command reports it as a usage
// error, since the answer is another -d or --force.
type RefusedError struct{ msg string }

func (e *RefusedError) Error() string { return e.msg }

func refused(format string, args ...any) error {
	return &RefusedError{msg: fmt.Sprintf(format, args...)}
}

// Claim decides whether dest may be replaced by a build: it may when it
// does not exist, when it is empty or holds only o.Keep entries, or when
// everything in it is a previous build's output (listed in its manifest or
// among o.Names). Anything else is a *RefusedError unless o.Force is set.
// A link is refused whatever it points at: replacing it would put a folder
// where the link was, not into the folder it names. The root, the home
// folder and the current folder are refused first, however empty: an
// empty home (or one holding only a kept .git) would otherwise be swapped
// for the build, and the current folder deleted under the shell in it.
func Claim(dest string, o Options) error {
	dest = filepath.Clean(dest)
	if err := checkFolder(dest); err != nil {
		return err
	}
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err := irreplaceable(dest); err != nil {
		return err
	}
	foreign, err := foreignEntries(dest, o)
	if err != nil {
		return err
	}
	if len(foreign) == 0 || o.Force {
		return nil
	}
	what := quoteName(foreign[0])
	if n := len(foreign) - 1; n == 1 {
		what += " and 1 more entry"
	} else if n > 1 {
		what += fmt.Sprintf(" and %d more entries", n)
	}
	return refused("destination %s is not empty and holds files noticegen did not write (%s); expected a new or empty folder or a previous build's output, or --force to replace it", dest, what)
}

// foreignEntries lists, in walk order, the top-most entries of dest that
// no build wrote: not listed in its manifest, not among o.Names, not a
// folder on the way to one of those, and not kept. Only folders holding
// build output are read, so a home folder given by mistake costs one
// listing.
func foreignEntries(dest string, o Options) ([]string, error) {
	files := make(map[string]bool, len(o.Names))
	for _, n := range o.Names {
		files[n] = true
	}
	hasManifest, err := readManifest(filepath.Join(dest, Manifest), files)
	if err != nil {
		return nil, err
	}
	dirs := map[string]bool{}
	for n := range files {
		for d := path.Dir(n); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	var out []string
	var walk func(rel string) error
	walk = func(rel string) error {
		entries, err := os.ReadDir(filepath.Join(dest, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		for _, e := range entries {
			p := e.Name()
			if rel != "" {
				p = rel + "/" + p
			}
			switch {
			case rel == "" && slices.Contains(o.Keep, p):
			case rel == "" && p == Manifest && hasManifest:
			case e.IsDir() && dirs[p]:
				if err := walk(p); err != nil {
					return err
				}
			case !e.IsDir() && files[p]:
			default:
				out = append(out, p)
			}
		}
		return nil
	}
	return out, walk("")
}

// readManifest adds the files a manifest lists to files and reports
// whether p is one. A missing file, or one that is not a manifest, is
// not an error: the folder is then judged by its files alone.
func readManifest(p string, files map[string]bool) (bool, error) {
	info, err := os.Lstat(p)
	if err != nil || !info.Mode().IsRegular() || info.Size() > maxManifest {
		return false, nil
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return false, err
	}
	// A checkout with CRLF line ends (a gh-pages worktree on Windows)
	// still holds the build's own list.
	head, rest, _ := bytes.Cut(b, []byte("\n"))
	if string(bytes.TrimSuffix(head, []byte("\r"))) != manifestHeader {
		return false, nil
	}
	sc := bufio.NewScanner(bytes.NewReader(rest))
	sc.Buffer(nil, len(rest)+1)
	for sc.Scan() {
		name := sc.Text()
		if strings.HasPrefix(name, `"`) {
			if name, err = strconv.Unquote(name); err != nil {
				continue
			}
		}
		if checkName(name) == nil {
			files[name] = true
		}
	}
	return true, nil
}

// manifest is the text of the manifest listing names, sorted. A name that
// a line cannot hold as it is (a newline, a quote) is written quoted.
func manifest(names []string) []byte {
	var b bytes.Buffer
	b.WriteString(manifestHeader + "\n")
	for _, n := range names {
		if q := strconv.Quote(n); q != `"`+n+`"` {
			n = q
		}
		b.WriteString(n + "\n")
	}
	return b.Bytes()
}

// quoteName shows a file name in a message: as it is when it is plain
// printable text, quoted otherwise, so that a name cannot act on the
// terminal.
func quoteName(n string) string {
	if q := strconv.Quote(n); q != `"`+n+`"` {
		return q
	}
	return n
}

// irreplaceable refuses, with or without --force, the destinations no
// build is worth losing: the root of the file system, the home folder, the current
// folder, and any folder holding one of them. Their staging folder would
// also land where nobody asked for one (/ for -d ~).
func irreplaceable(dest string) error {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	d := resolve(abs)
	if filepath.Dir(d) == d {
		return refused("destination %s is the root of the file system; noticegen does not replace it, even with --force; expected a folder of its own", dest)
	}
	check := func(p, what string) error {
		if p == "" {
			return nil
		}
		if a, err := filepath.Abs(p); err == nil {
			p = resolve(a)
		}
		switch {
		case d == p:
			return refused("destination %s is %s; noticegen does not replace it, even with --force; expected a folder of its own, such as %s", dest, what, filepath.Join(dest, "public"))
		case within(p, d):
			return refused("destination %s contains %s; noticegen does not replace it, even with --force; expected a folder of its own", dest, what)
		}
		return nil
	}
	home, _ := os.UserHomeDir()
	if err := check(home, "your home folder"); err != nil {
		return err
	}
	wd, _ := os.Getwd()
	return check(wd, "the current folder")
}

// carry moves the kept entries of dest into dir, the new build, and
// returns those it moved. The build does not write them (Build refuses a
// keep entry it writes), so a kept name already in dir is an error.
func carry(dest, dir string, keep []string) ([]string, error) {
	var moved []string
	for _, k := range keep {
		from := filepath.Join(dest, k)
		if _, err := os.Lstat(from); err != nil {
			continue
		}
		to := filepath.Join(dir, k)
		if _, err := os.Lstat(to); err == nil {
			return moved, fmt.Errorf("kept entry %s is also written by the build; expected a name the build does not write", k)
		}
		if err := os.Rename(from, to); err != nil {
			return moved, fmt.Errorf("carry kept %s into the new build: %w", k, err)
		}
		moved = append(moved, k)
	}
	return moved, nil
}

// carryBack returns kept entries moved by carry to dest after a failed
// swap. When one cannot be returned, the error says where it is, and the
// folder holding it must not be deleted.
func carryBack(dir, dest string, moved []string) error {
	var errs []error
	for _, k := range moved {
		if err := os.Rename(filepath.Join(dir, k), filepath.Join(dest, k)); err != nil {
			errs = append(errs, fmt.Errorf("kept %s could not be put back into %s and is in %s: %w", k, dest, dir, err))
		}
	}
	return errors.Join(errs...)
}
