package release

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing/fstest"
)

// overlay is a site's sources with files added on top: the version files
// a release is about to write, so that the second build renders each page
// as it will be published after the release.
type overlay struct {
	base fs.FS
	add  fstest.MapFS
}

func (o overlay) has(name string) bool {
	if _, ok := o.add[name]; ok {
		return true
	}
	for p := range o.add {
		if strings.HasPrefix(p, name+"/") {
			return true
		}
	}
	return false
}

func (o overlay) Open(name string) (fs.File, error) {
	if _, ok := o.add[name]; ok {
		return o.add.Open(name)
	}
	f, err := o.base.Open(name)
	if errors.Is(err, fs.ErrNotExist) && o.has(name) {
		return o.add.Open(name)
	}
	return f, err
}

func (o overlay) ReadFile(name string) ([]byte, error) {
	if _, ok := o.add[name]; ok {
		return o.add.ReadFile(name)
	}
	return fs.ReadFile(o.base, name)
}

func (o overlay) Stat(name string) (fs.FileInfo, error) {
	if _, ok := o.add[name]; ok {
		return o.add.Stat(name)
	}
	info, err := fs.Stat(o.base, name)
	if errors.Is(err, fs.ErrNotExist) && o.has(name) {
		return o.add.Stat(name)
	}
	return info, err
}

func (o overlay) Lstat(name string) (fs.FileInfo, error) {
	if _, ok := o.add[name]; ok {
		return o.add.Stat(name)
	}
	info, err := fs.Lstat(o.base, name)
	if errors.Is(err, fs.ErrNotExist) && o.has(name) {
		return o.add.Stat(name)
	}
	return info, err
}

func (o overlay) ReadLink(name string) (string, error) { return fs.ReadLink(o.base, name) }

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	base, err := fs.ReadDir(o.base, name)
	if err != nil && !(errors.Is(err, fs.ErrNotExist) && o.has(name)) {
		return nil, err
	}
	if !o.has(name) && name != "." {
		return base, nil
	}
	added, _ := o.add.ReadDir(name)
	for _, e := range added {
		if !slices.ContainsFunc(base, func(b fs.DirEntry) bool { return b.Name() == e.Name() }) {
			base = append(base, e)
		}
	}
	slices.SortFunc(base, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return base, nil
}
