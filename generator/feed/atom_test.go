package feed

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestEncode(t *testing.T) {
	day := Time(time.Date(2026, 3, 1, 0, 0, 0, 0, time.FixedZone("CET", 3600)))
	valid := func() *Feed {
		return &Feed{Lang: "de", ID: "https://x.example/de/feed.xml", Title: Plain("Änderungen"), Updated: day,
			Author:  &Person{Name: "Gruppe"},
			Entries: []Entry{{ID: "https://x.example/a/#v", Title: Plain(`<b>A & B</b> "C"`), Updated: day, Summary: ptr(Plain("line 1\nline 2"))}}}
	}
	for _, tc := range []struct {
		name   string
		change func(*Feed)
		want   []string // substrings of the document
		err    string
	}{
		{"valid", func(*Feed) {}, []string{
			`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">`,
			// a title is text: markup in it is escaped, never markup
			`<title type="text">&lt;b&gt;A &amp; B&lt;/b&gt; &#34;C&#34;</title>`,
			// written in UTC, RFC 3339
			`<updated>2026-02-28T23:00:00Z</updated>`,
			"line 1&#xA;line 2",
		}, ""},
		{"no id", func(f *Feed) { f.ID = "" }, nil, "needs an id"},
		{"no date", func(f *Feed) { f.Updated = Time{} }, nil, "updated date"},
		{"no author", func(f *Feed) { f.Author = nil }, nil, "needs an author"},
		{"entry without title", func(f *Feed) { f.Entries[0].Title = Text{} }, nil, "atom entry needs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := valid()
			tc.change(f)
			var b bytes.Buffer
			err := Encode(&b, f)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("missing %q in\n%s", w, b.String())
				}
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
