package serve

import (
	"slices"
	"testing"
	"time"
)

// step is one thing that happens to a coalescer at a time offset.
type step struct {
	at    time.Duration
	event string // a changed path, or "" for none
	start bool   // try to start a rebuild at this time
	want  []string
	done  bool // the running rebuild finishes
}

func TestCoalescer(t *testing.T) {
	const quiet = 50 * time.Millisecond
	ms := time.Millisecond
	tests := []struct {
		name  string
		steps []step
	}{
		{"one event waits for the quiet period", []step{
			{at: 0, event: "content/sections/a.en.md"},
			{at: 49 * ms, start: true, want: nil},
			{at: 50 * ms, start: true, want: []string{"content/sections/a.en.md"}},
		}},
		{"a burst becomes one rebuild, each path once", []step{
			{at: 0, event: "content/sections/a.en.md"},
			{at: 10 * ms, event: "content/sections/b.en.md"},
			{at: 20 * ms, event: "content/sections/a.en.md"},
			{at: 60 * ms, start: true, want: nil},
			{at: 70 * ms, start: true, want: []string{"content/sections/a.en.md", "content/sections/b.en.md"}},
			{at: 200 * ms, start: true, want: nil},
		}},
		{"a save by rename: swap and temp files are ignored", []step{
			{at: 0, event: "content/sections/.a.en.md.swp"},
			{at: 1 * ms, event: "content/sections/4913"},
			{at: 2 * ms, event: "content/sections/a.en.md~"},
			{at: 3 * ms, event: "content/sections/.#a.en.md"},
			{at: 4 * ms, event: "content/sections/a.en.md.tmp"},
			{at: 5 * ms, event: "content/sections/a.en.md"},
			{at: 55 * ms, start: true, want: []string{"content/sections/a.en.md"}},
		}},
		{"only ignored files: no rebuild", []step{
			{at: 0, event: "content/sections/.a.en.md.swp"},
			{at: 100 * ms, start: true, want: nil},
		}},
		{"edits during a rebuild cause exactly one more", []step{
			{at: 0, event: "a"},
			{at: 50 * ms, start: true, want: []string{"a"}},
			{at: 60 * ms, event: "b"},
			{at: 70 * ms, event: "c"},
			{at: 130 * ms, start: true, want: nil}, // still building
			{at: 140 * ms, done: true},
			{at: 140 * ms, start: true, want: []string{"b", "c"}},
			{at: 150 * ms, done: true},
			{at: 500 * ms, start: true, want: nil},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Coalescer{Quiet: quiet}
			t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			for i, s := range tt.steps {
				now := t0.Add(s.at)
				if s.event != "" {
					c.Event(s.event, now)
				}
				if s.done {
					c.Done()
				}
				if s.start {
					if got := c.Start(now); !slices.Equal(got, s.want) {
						t.Fatalf("step %d at %v: Start = %q, want %q", i, s.at, got, s.want)
					}
				}
			}
		})
	}
}

func TestIgnored(t *testing.T) {
	for p, want := range map[string]bool{
		"content/sections/a.en.md":      false,
		"site.toml":                     false,
		"static/logo.svg":               false,
		"content/sections/.a.en.md.swp": true,
		"content/sections/a.en.md~":     true,
		"content/sections/4913":         true,
		"content/.#a.en.md":             true,
		"content/#a.en.md#":             true,
		"content/x.tmp":                 true,
		"content/sections/a.en.md.swx":  true,
		"static/old~/x.css":             true, // the loader passes over the folder
		"content/sections/#":            true,
		"content/.git/HEAD":             true,
		"static/.hidden/x.css":          true,
	} {
		if got := Ignored(p); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", p, got, want)
		}
	}
}
