package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/noticegen/noticegen/generator/site"
)

// watchedDirs lists what serve watches below a site's root besides
// site.toml: these folders, recursively, including ones created after start.
func watchedDirs() []string {
	return []string{site.ContentDir, site.LayoutsDir, site.I18nDir, site.StaticDir}
}

// watcher reports the slash paths, relative to the site root, of files that
// changed. It uses the system's file notifications and falls back to polling
// when they are unavailable or the system's watch limit is reached.
type watcher struct {
	root   string
	events chan string
	notes  chan string // messages for the terminal
}

// watch starts watching root until ctx ends. With poll > 0 it polls at that
// interval instead of using notifications.
func watch(ctx context.Context, root string, poll time.Duration) *watcher {
	w := &watcher{root: root, events: make(chan string, 256), notes: make(chan string, 8)}
	if poll > 0 {
		go w.poll(ctx, poll)
		return w
	}
	pollEvery := 300 * time.Millisecond
	fsw, err := fsnotify.NewWatcher()
	if err == nil {
		err = w.addTree(fsw, root, false)
		for _, d := range watchedDirs() {
			if err == nil {
				err = w.addTree(fsw, filepath.Join(root, d), true)
			}
		}
		if err != nil {
			fsw.Close()
		}
	}
	if err != nil {
		w.note(watchLimitNote(err))
		go w.poll(ctx, pollEvery)
		return w
	}
	go w.notify(ctx, fsw, pollEvery)
	return w
}

func watchLimitNote(err error) string {
	msg := "file notifications unavailable (" + err.Error() + "); polling for changes instead"
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
		msg = "the system's limit on watched folders is reached (" + err.Error() + "); polling for changes instead. " +
			"Raise it with: sudo sysctl fs.inotify.max_user_watches=524288"
	}
	return msg
}

func (w *watcher) note(s string) {
	select {
	case w.notes <- s:
	default:
	}
}

// addTree watches dir (and with recursive, every folder below it). A folder
// that does not exist yet is fine: the watch on the root sees it appear.
func (w *watcher) addTree(fsw *fsnotify.Watcher, dir string, recursive bool) error {
	if !recursive {
		return fsw.Add(dir)
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && site.Scratch(d.Name()) {
			return filepath.SkipDir // the loader passes over it too
		}
		return fsw.Add(p)
	})
	return err
}

// rel turns an absolute path into a slash path below the root, and reports
// whether serve cares about it.
func (w *watcher) rel(p string) (string, bool) {
	r, err := filepath.Rel(w.root, p)
	if err != nil || strings.HasPrefix(r, "..") {
		return "", false
	}
	r = filepath.ToSlash(r)
	if r == site.ConfigFile {
		return r, true
	}
	for _, d := range watchedDirs() {
		if r == d || strings.HasPrefix(r, d+"/") {
			return r, !Ignored(r)
		}
	}
	return "", false
}

func (w *watcher) send(ctx context.Context, p string) {
	if r, ok := w.rel(p); ok {
		select {
		case w.events <- r:
		case <-ctx.Done():
		}
	}
}

func (w *watcher) notify(ctx context.Context, fsw *fsnotify.Watcher, pollEvery time.Duration) {
	defer fsw.Close()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-fsw.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
					if _, ok := w.rel(ev.Name); ok {
						if err := w.addTree(fsw, ev.Name, true); err != nil {
							w.note(watchLimitNote(err))
							go w.poll(ctx, pollEvery)
							return
						}
						// Files may have landed before the watch was added.
						_ = filepath.WalkDir(ev.Name, func(p string, d fs.DirEntry, err error) error {
							if err == nil && !d.IsDir() {
								w.send(ctx, p)
							}
							return nil
						})
					}
				}
			}
			w.send(ctx, ev.Name)
		case err, ok := <-fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.send(ctx, filepath.Join(w.root, site.ConfigFile)) // lost events: rebuild everything
				continue
			}
			w.note("watching: " + err.Error())
		}
	}
}

// poll compares the size, time and mode of every watched file with the
// previous look, for systems without notifications or past their limit.
func (w *watcher) poll(ctx context.Context, every time.Duration) {
	type stamp struct {
		size int64
		mod  time.Time
		mode fs.FileMode
	}
	scan := func() map[string]stamp {
		m := map[string]stamp{}
		look := func(p string) {
			if info, err := os.Lstat(p); err == nil && !info.IsDir() {
				m[p] = stamp{info.Size(), info.ModTime(), info.Mode()}
			}
		}
		look(filepath.Join(w.root, site.ConfigFile))
		for _, d := range watchedDirs() {
			_ = filepath.WalkDir(filepath.Join(w.root, d), func(p string, e fs.DirEntry, err error) error {
				if err == nil && !e.IsDir() {
					look(p)
				}
				return nil
			})
		}
		return m
	}
	prev := scan()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		cur := scan()
		for p, s := range cur {
			if old, ok := prev[p]; !ok || old != s {
				w.send(ctx, p)
			}
		}
		for p := range prev {
			if _, ok := cur[p]; !ok {
				w.send(ctx, p)
			}
		}
		prev = cur
	}
}
