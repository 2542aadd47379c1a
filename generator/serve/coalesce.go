package serve

import (
	"path"
	"slices"
	"strings"
	"time"
)

// Coalescer turns a stream of file events into rebuilds. It is a plain state
// machine: time comes in as arguments, so tests drive it with a fake clock.
//
// Rules: a rebuild starts once no event has arrived for Quiet; a burst of
// events (an editor saving through a temporary file and a rename, a git
// checkout) becomes one rebuild; events during a rebuild cause exactly one
// more rebuild after it.
type Coalescer struct {
	Quiet time.Duration

	pending  []string // changed paths, in first-seen order, without repeats
	last     time.Time
	building bool
}

// Event records a change to path at now. Ignored paths (editor swap files
// and the like) are dropped here.
func (c *Coalescer) Event(p string, now time.Time) {
	if Ignored(p) {
		return
	}
	if !slices.Contains(c.pending, p) {
		c.pending = append(c.pending, p)
	}
	c.last = now
}

// Next reports when the pending batch becomes due, and whether there is one
// that can start (none while a rebuild runs).
func (c *Coalescer) Next() (due time.Time, ok bool) {
	if len(c.pending) == 0 || c.building {
		return time.Time{}, false
	}
	return c.last.Add(c.Quiet), true
}

// Start returns the batch to rebuild when it is due at now, and marks a
// rebuild as running. It returns nil when nothing is due.
func (c *Coalescer) Start(now time.Time) []string {
	due, ok := c.Next()
	if !ok || now.Before(due) {
		return nil
	}
	batch := c.pending
	c.pending = nil
	c.building = true
	return batch
}

// Done marks the running rebuild finished. Events that arrived during it are
// still pending and become the next batch after the quiet period.
func (c *Coalescer) Done() { c.building = false }

// Ignored reports whether a changed path is an editor's or tool's scratch
// file rather than a change to the site: vim's .swp and 4913 probe, emacs's
// .#lock and backup~, generic .tmp, and hidden files and folders.
func Ignored(p string) bool {
	base := path.Base(strings.ReplaceAll(p, "\\", "/"))
	switch {
	case base == "4913", strings.HasPrefix(base, ".#"), strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"),
		strings.HasSuffix(base, "~"), strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swx"),
		strings.HasSuffix(base, ".tmp"), strings.HasPrefix(base, ".") && base != "." && base != "..":
		return true
	}
	for _, seg := range strings.Split(path.Dir(p), "/") {
		if strings.HasPrefix(seg, ".") && seg != "." && seg != ".." {
			return true
		}
	}
	return false
}
