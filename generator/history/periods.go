package history

import (
	"time"

	"github.com/noticegen/noticegen/generator/site"
)

// State is what a version is as of the build date.
type State int

// The states of a version.
const (
	// Archived versions were in force once and are no longer: each gets
	// its own page under versions/<date>/.
	Archived State = iota
	// Current is the latest version in force: the notice page itself.
	Current
	// Upcoming versions were released with an effective date still to
	// come: the notice page announces them; they get no page of their own
	// until they are in force (the next build after that day makes the
	// version before them archived).
	Upcoming
	// Never versions were released but replaced by a later release before
	// they came into force (an announced change withdrawn or re-announced):
	// they were never the page in force, so they are listed on the changes
	// page but get no archived page.
	Never
)

// Period is one version of a page with its state and when it applied.
type Period struct {
	Version *site.Version
	State   State
	// From is the version's effective date; Until the effective date of
	// the version that replaced it, zero while it is current or upcoming.
	From, Until time.Time
}

// Periods returns the periods of one page's versions, which must be sorted
// by release date (site.Site.Versions is), as of the day now (compared as
// a calendar date in UTC: a version effective today is in force today).
// The version in force is the latest released one whose effective date
// has come; a version released later but effective earlier than another
// does not happen (release refuses it), but if it did the release order
// decides, as the files say.
func Periods(vs []*site.Version, now time.Time) []Period {
	today := day(now)
	ps := make([]Period, len(vs))
	cur := -1
	for i, v := range vs {
		ps[i] = Period{Version: v, From: day(v.Effective)}
		if !day(v.Effective).After(today) {
			cur = i
		}
	}
	for i := range ps {
		switch {
		case i == cur:
			ps[i].State = Current
		case i > cur:
			ps[i].State = Upcoming
		default:
			// Replaced by the next version that came into force after it.
			next := -1
			for j := i + 1; j <= cur; j++ {
				if !day(vs[j].Effective).After(today) {
					next = j
					break
				}
			}
			ps[i].Until = day(vs[next].Effective)
			if !ps[i].Until.After(ps[i].From) {
				ps[i].State = Never
			} else {
				ps[i].State = Archived
			}
		}
	}
	return ps
}

// day returns t's calendar date at midnight UTC.
func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
