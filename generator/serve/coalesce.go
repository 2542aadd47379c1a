package serve

import (
	"slices"
	"strings"
	"time"

	"github.com/noticegen/noticegen/generator/site"
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
// file, or lies in a folder with such a name, rather than a change to the
// site: the loader passes over the same names (site.Scratch), so a rebuild
// for one would find nothing new.
func Ignored(p string) bool {
	return site.ScratchPath(strings.ReplaceAll(p, "\\", "/"))
}
