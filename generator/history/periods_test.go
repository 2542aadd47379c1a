package history

import (
	"testing"
	"time"

	"github.com/noticegen/noticegen/generator/site"
)

func d(s string) time.Time {
	t, err := time.Parse(site.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestPeriods(t *testing.T) {
	v := func(date, eff string) *site.Version { return &site.Version{Date: d(date), Effective: d(eff)} }
	type want struct {
		state       State
		from, until string
	}
	for _, tc := range []struct {
		name string
		vs   []*site.Version
		now  string
		want []want
	}{
		{"one", []*site.Version{v("2026-01-10", "2026-01-10")}, "2026-02-01",
			[]want{{Current, "2026-01-10", ""}}},
		{"three", []*site.Version{v("2026-01-10", "2026-01-10"), v("2026-02-01", "2026-03-01"), v("2026-04-01", "2026-04-01")}, "2026-05-01",
			[]want{{Archived, "2026-01-10", "2026-03-01"}, {Archived, "2026-03-01", "2026-04-01"}, {Current, "2026-04-01", ""}}},
		{"effective today is in force", []*site.Version{v("2026-01-10", "2026-01-10"), v("2026-02-01", "2026-03-01")}, "2026-03-01",
			[]want{{Archived, "2026-01-10", "2026-03-01"}, {Current, "2026-03-01", ""}}},
		{"upcoming", []*site.Version{v("2026-01-10", "2026-01-10"), v("2026-02-01", "2026-03-01")}, "2026-02-28",
			[]want{{Current, "2026-01-10", ""}, {Upcoming, "2026-03-01", ""}}},
		{"first not yet in force", []*site.Version{v("2026-01-10", "2026-02-01")}, "2026-01-20",
			[]want{{Upcoming, "2026-02-01", ""}}},
		{"replaced before in force", []*site.Version{v("2026-01-10", "2026-01-10"), v("2026-02-01", "2026-03-01"), v("2026-02-10", "2026-02-10")}, "2026-02-20",
			[]want{{Archived, "2026-01-10", "2026-02-10"}, {Never, "2026-03-01", "2026-02-10"}, {Current, "2026-02-10", ""}}},
		{"same-day re-release", []*site.Version{v("2026-01-10", "2026-01-10"), v("2026-01-11", "2026-01-10")}, "2026-02-01",
			[]want{{Never, "2026-01-10", "2026-01-10"}, {Current, "2026-01-10", ""}}},
		{"clock time ignored", []*site.Version{v("2026-01-10", "2026-01-10"), v("2026-02-01", "2026-03-01")}, "2026-03-01T23:59:00Z",
			[]want{{Archived, "2026-01-10", "2026-03-01"}, {Current, "2026-03-01", ""}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			now, err := time.Parse(time.RFC3339, tc.now)
			if err != nil {
				now = d(tc.now)
			}
			got := Periods(tc.vs, now)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d periods, want %d", len(got), len(tc.want))
			}
			for i, w := range tc.want {
				g := got[i]
				until := ""
				if !g.Until.IsZero() {
					until = g.Until.Format(site.DateLayout)
				}
				if g.State != w.state || g.From.Format(site.DateLayout) != w.from || until != w.until || g.Version != tc.vs[i] {
					t.Errorf("period %d = %v %s..%s, want %v %s..%s", i, g.State, g.From.Format(site.DateLayout), until, w.state, w.from, w.until)
				}
			}
		})
	}
}
