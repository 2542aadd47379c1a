package site

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/noticegen/noticegen/generator/diag"
)

// Folders and files of a site, relative to its root. Everything that names
// them (the loader, serve's watcher, the layouts) uses these, so that a
// folder cannot be read under one name and watched under another.
const (
	ConfigFile  = "site.toml"
	ContentDir  = "content"
	EntitiesDir = ContentDir + "/entities"
	NoticesDir  = ContentDir + "/notices"
	SectionsDir = ContentDir + "/sections"
	// ProvidersDir holds the providers, which a site may have none of.
	ProvidersDir = ContentDir + "/providers"
	VersionsDir  = ContentDir + "/versions"
	I18nDir      = "i18n"
	StaticDir    = "static"
	LayoutsDir   = "layouts"
)

// MaxFileSize bounds every source file read, so a stray huge file is an
// error rather than an out-of-memory crash.
const MaxFileSize = 8 << 20

// Scratch reports whether name, one element of a path, is an editor's or
// a tool's scratch file rather than part of the site: a hidden name (.git,
// .DS_Store, vim's .x.swp, emacs's .#x lock), a backup (x~), vim's swap
// files (x.swp, x.swx) and its 4913 write probe, emacs's #x# auto-save,
// and the x.tmp that editors save through before a rename. It is the one
// list: the loader passes over such files, and folders with such names
// whole, and serve does not rebuild when they change, so an edit in
// progress neither breaks a build nor starts one.
func Scratch(name string) bool {
	switch {
	case name == "" || name == "." || name == "..":
		return false
	case strings.HasPrefix(name, "."), strings.HasSuffix(name, "~"), name == "4913",
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".tmp"):
		return true
	}
	return false
}

// ScratchPath reports whether any element of the slash path p is Scratch:
// a file in a folder the loader passes over is passed over too.
func ScratchPath(p string) bool {
	return slices.ContainsFunc(strings.Split(p, "/"), Scratch)
}

// A Verdict is what a Reader's Claim decides about one file or folder.
type Verdict int

const (
	// Policy leaves the entry to the policy, as if there were no Claim.
	Policy Verdict = iota
	// Take lists the file whatever its name and type, for the caller to
	// check and report.
	Take
	// Pass passes over the file, or the folder with everything in it.
	Pass
)

// A Reader lists and reads the files of a site's folder under the one
// policy every folder shares, so that none is a way around it:
//
//   - Scratch names are passed over in silence, folders with them whole;
//   - a link, or another file that is not regular (a device, a pipe), is
//     passed over with a warning, and never followed, since it could reach
//     outside the site; under --strict the warning stops the build. The
//     folder itself, or one above it, being a link is reported the same way
//     (an error when Required), since fs.WalkDir would follow it;
//   - a file larger than Limit is refused with an error, so that a stray
//     huge file cannot take all the memory there is.
//
// The zero Reader reads a folder that may be missing, with MaxFileSize as
// the limit, and reports paths as they are in the file system read.
type Reader struct {
	// Display is put before every path in diagnostics, for a file system
	// that is a part of the site, or not the site: "layouts/" for
	// fs.Sub(site, "layouts"), "(built-in) layouts/" for the built-in ones.
	Display string
	// Limit is the largest file Read accepts, in bytes; 0 is MaxFileSize.
	Limit int64
	// Required makes a folder that is missing, empty or a link an error,
	// for the folders every site has.
	Required bool
	// Claim, when set, is asked about every file and folder below the
	// folder listed before the policy is, for names the caller reports
	// itself rather than have passed over in silence (content/entities/.toml
	// would be an entity without an id). The diagnostic it returns, if any,
	// is added in walk order.
	Claim func(p string, d fs.DirEntry) (Verdict, *diag.Diagnostic)
}

// show is how path p of the file system read appears in diagnostics.
func (r Reader) show(p string) string {
	if p == "." && r.Display != "" {
		return strings.TrimSuffix(r.Display, "/")
	}
	return r.Display + p
}

func (r Reader) limit() int64 {
	if r.Limit > 0 {
		return r.Limit
	}
	return MaxFileSize
}

// List returns the slash paths in fsys of the files below dir that the
// policy keeps, in the order fs.WalkDir visits them (by name within each
// folder, a folder's files right after its name), with the diagnostics
// about what it passed over. Nothing is read.
func (r Reader) List(fsys fs.FS, dir string) ([]string, diag.List) {
	var diags diag.List
	if link := linkIn(fsys, dir); link != "" {
		if r.Required {
			diags.Errorf(r.show(link), 0, 0, "is a link; expected a folder inside the site, since links are not followed: they could reach outside it")
		} else {
			diags.Add(skipped(r.show(link), "is a link"))
		}
		return nil, diags
	}
	var files []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				if r.Required {
					diags.Errorf(r.show(dir), 0, 0, "folder not found; expected %s/ with at least one file", r.show(dir))
				}
				return fs.SkipDir
			}
			diags.Errorf(r.show(p), 0, 0, "cannot read: %v", unwrapPathError(err))
			return nil
		}
		keep, err := r.judge(p, dir, d, &diags)
		if keep {
			files = append(files, p)
		}
		return err
	})
	if err != nil && !errors.Is(err, fs.SkipDir) {
		diags.Errorf(r.show(dir), 0, 0, "cannot read: %v", err)
	}
	if r.Required && len(files) == 0 && !slices.ContainsFunc(diags, func(d diag.Diagnostic) bool { return d.File == r.show(dir) }) {
		diags.Errorf(r.show(dir), 0, 0, "no files; expected at least one")
	}
	return files, diags
}

// judge applies Claim and the policy to one entry of List's walk below
// dir: it reports whether to list the entry, and fs.SkipDir for a folder
// passed over.
func (r Reader) judge(p, dir string, d fs.DirEntry, diags *diag.List) (bool, error) {
	if p != dir && r.Claim != nil {
		v, dg := r.Claim(p, d)
		if dg != nil {
			diags.Add(*dg)
		}
		switch v {
		case Take:
			return true, nil
		case Pass:
			if d.IsDir() {
				return false, fs.SkipDir
			}
			return false, nil
		}
	}
	if p != dir && Scratch(d.Name()) {
		if d.IsDir() {
			return false, fs.SkipDir
		}
		return false, nil
	}
	if d.IsDir() {
		return false, nil
	}
	if !d.Type().IsRegular() {
		diags.Add(skipped(r.show(p), "not a regular file (a link or device)"))
		return false, nil
	}
	return true, nil
}

// Read returns the bytes of the file name in fsys. It refuses, with one
// error and nil bytes, a file it cannot read, a link (not followed, since
// it could reach outside the site), anything else that is not a regular
// file, and a file larger than the limit. A file List returned can still
// be refused: it may have changed since.
func (r Reader) Read(fsys fs.FS, name string) ([]byte, diag.List) {
	var diags diag.List
	info, err := fs.Lstat(fsys, name)
	switch {
	case err != nil:
		diags.Errorf(r.show(name), 0, 0, "cannot read: %v", unwrapPathError(err))
	case info.Mode()&fs.ModeSymlink != 0:
		diags.Errorf(r.show(name), 0, 0, "is a link; expected a regular file, since links are not followed: they could reach outside the site")
	case !info.Mode().IsRegular():
		diags.Errorf(r.show(name), 0, 0, "not a regular file (a folder or device); expected a file")
	case info.Size() > r.limit():
		diags.Errorf(r.show(name), 0, 0, "file is %d bytes; expected at most %s", info.Size(), sizeName(r.limit()))
	}
	if diags != nil {
		return nil, diags
	}
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		diags.Errorf(r.show(name), 0, 0, "cannot read: %v", unwrapPathError(err))
		return nil, diags
	}
	return b, nil
}

// sizeName writes a limit of n bytes for a message: "8388608 bytes (8 MiB)".
func sizeName(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d bytes (%d MiB)", n, n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ReadTree lists dir as List does and reads each file as Read does, for a
// folder whose files are all read whole, such as layouts/. A file Read
// refuses is left out, with its error. Paths are those of fsys, in List's
// order.
func (r Reader) ReadTree(fsys fs.FS, dir string) ([]File, diag.List) {
	paths, diags := r.List(fsys, dir)
	files := make([]File, 0, len(paths))
	for _, p := range paths {
		b, ds := r.Read(fsys, p)
		if ds != nil {
			diags = append(diags, ds...)
			continue
		}
		files = append(files, File{Path: p, Data: b})
	}
	return files, diags
}

// linkIn returns the first part of the slash path p (p itself, or a folder
// on the way to it) that is a symbolic link, or "" when there is none or
// fsys cannot tell links apart.
func linkIn(fsys fs.FS, p string) string {
	for i := 0; i <= len(p); i++ {
		if i < len(p) && p[i] != '/' {
			continue
		}
		if info, err := fs.Lstat(fsys, p[:i]); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			return p[:i]
		}
	}
	return ""
}

// skipped is the warning about a link or device that the build passes over,
// worded for --strict too, where the build stops at it instead.
func skipped(p, what string) diag.Diagnostic {
	return diag.Diagnostic{File: p, Severity: diag.Warning,
		Message:       what + "; skipped, since links could reach outside the site",
		StrictMessage: what + "; expected a regular file or folder, since links could reach outside the site"}
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
