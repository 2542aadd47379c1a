package publish

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
	"sync"
)

// write puts one file into the staging folder, or links the previous
// build's copy when the bytes are the same.
func (st *Stage) write(name string, data []byte) error {
	rel := filepath.FromSlash(name)
	target := filepath.Join(st.dir, rel)
	if err := st.mkdir(path.Dir(name)); err != nil {
		return err
	}
	if st.prev != "" {
		old := filepath.Join(st.prev, rel)
		if sameBytes(old, data) && os.Link(old, target) == nil {
			st.Linked.Add(1)
			return nil
		}
	}
	return writeNew(target, data)
}

// folder is one folder of the staging folder, made once by whichever
// writer needs it first while the others wait.
type folder struct {
	once sync.Once
	err  error
}

// mkdir makes the folder d (a slash path below the staging folder, "." for
// the staging folder itself) and those above it, each once. The staging
// folder is new and only this build writes into it, so each is one mkdir,
// without the checks os.MkdirAll makes first: a page's folder and its
// twin's are the same, and two writers racing to make it cost a failed
// system call each time, which after a large deletion takes ext4 a
// quarter of a millisecond.
func (st *Stage) mkdir(d string) error {
	if d == "." {
		return nil
	}
	v, _ := st.dirs.LoadOrStore(d, &folder{})
	f := v.(*folder)
	f.once.Do(func() {
		if f.err = st.mkdir(path.Dir(d)); f.err == nil {
			f.err = os.Mkdir(filepath.Join(st.dir, filepath.FromSlash(d)), 0o755)
		}
	})
	return f.err
}

// sameBytes reports whether the regular file at p holds exactly data. The
// size is compared first, so most changed pages cost one stat.
func sameBytes(p string, data []byte) bool {
	// Lstat first: a link planted in the old output must not be linked
	// into the new one, whatever it points at.
	if info, err := os.Lstat(p); err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	// One byte more than data: a file that grew since Lstat reads longer.
	buf := make([]byte, len(data)+1)
	n, err := io.ReadFull(f, buf)
	return errors.Is(err, io.ErrUnexpectedEOF) && n == len(data) && bytes.Equal(buf[:n], data)
}
