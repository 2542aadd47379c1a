package site

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/noticegen/noticegen/generator/diag"
)

const goodVersion = `+++
date = 2026-03-01
effective = 2026-04-01
class = "material"
title = "Website"

[[changes]]
section = "general"
fact = "purposes"
added = ["Statistics"]
material = true

[[sections]]
id = "general"
title = "General"
purposes = ["Statistics"]
text = "Hello."
+++
<!doctype html>
<p>as published</p>
`

func TestLoadVersions(t *testing.T) {
	m := minimalSite()
	m["content/versions/acme/website/2026-03-01.en.html"] = &fstest.MapFile{Data: []byte(goodVersion)}
	m["content/versions/acme/website/2026-01-15.en.html"] = &fstest.MapFile{Data: []byte("+++\ndate = 2026-01-15\nclass = \"first\"\ntitle = \"Website\"\n+++\n<p>first</p>\n")}
	s, diags := load(t, m)
	if len(diags) != 0 {
		t.Fatalf("Load reported diagnostics for valid versions:\n%v", diags)
	}
	if len(s.Versions) != 2 {
		t.Fatalf("loaded %d versions, want 2", len(s.Versions))
	}
	first, v := s.Versions[0], s.Versions[1]
	if !first.Date.Equal(time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)) || !first.Effective.Equal(first.Date) {
		t.Errorf("first version date %v effective %v; want sorted by date, effective defaulting to the date", first.Date, first.Effective)
	}
	if v.Entity != "acme" || v.Notice != "website" || v.Lang != "en" || v.Class != "material" {
		t.Errorf("version = %s/%s/%s class %q", v.Entity, v.Notice, v.Lang, v.Class)
	}
	if v.Page != nil {
		t.Errorf("a loaded version holds its page (%d bytes); want it read again when it is needed", len(v.Page))
	}
	if got, err := v.Published(); string(got) != "<!doctype html>\n<p>as published</p>\n" || err != nil {
		t.Errorf("Published() = %q, %v; want the bytes after the front matter exactly", got, err)
	}
	// A file that changed since the load is an error naming it.
	m["content/versions/acme/website/2026-03-01.en.html"].Data = []byte("<p>no front matter</p>")
	if got, err := v.Published(); got != nil || err == nil || !strings.Contains(err.Error(), "content/versions/acme/website/2026-03-01.en.html:1") {
		t.Errorf("Published() of a changed file = %q, %v; want an error naming the file", got, err)
	}
	if len(v.Changes) != 1 || v.Changes[0].Added[0] != "Statistics" || !v.Changes[0].Material {
		t.Errorf("Changes = %+v", v.Changes)
	}
	if len(v.Sections) != 1 || v.Sections[0].Text != "Hello." {
		t.Errorf("Sections = %+v", v.Sections)
	}
	if got := VersionPath("acme", "website", "en", v.Date); got != "content/versions/acme/website/2026-03-01.en.html" {
		t.Errorf("VersionPath = %q", got)
	}
}

func TestLoadVersionErrors(t *testing.T) {
	const p = "content/versions/acme/website/2026-03-01.en.html"
	tests := []struct {
		name string
		file string
		data string
		want wantDiag
	}{
		{"not a date", "content/versions/acme/website/2026-13-01.en.html", goodVersion, wantDiag{"content/versions/acme/website/2026-13-01.en.html", -1, diag.Error, "is not a date"}},
		{"no language", "content/versions/acme/website/2026-03-01.html", goodVersion, wantDiag{"content/versions/acme/website/2026-03-01.html", -1, diag.Error, "bad version file name"}},
		{"no notice folder", "content/versions/acme/2026-03-01.en.html", goodVersion, wantDiag{"content/versions/acme/2026-03-01.en.html", -1, diag.Error, "expected content/versions/<entity>/<notice>/"}},
		{"upper-case id", "content/versions/Acme/website/2026-03-01.en.html", goodVersion, wantDiag{"content/versions/Acme/website/2026-03-01.en.html", -1, diag.Error, "bad version file name"}},
		{"no front matter", p, "<p>page</p>\n", wantDiag{p, 1, diag.Error, "missing front matter"}},
		{"unclosed front matter", p, "+++\ndate = 2026-03-01\n", wantDiag{p, 1, diag.Error, "not closed"}},
		{"hand-edited date", p, "+++\ndate = 2026-03-02\nclass = \"first\"\ntitle = \"W\"\n+++\n<p>x</p>\n", wantDiag{p, 2, diag.Error, "named for 2026-03-01"}},
		{"effective before date", p, "+++\ndate = 2026-03-01\neffective = 2026-02-01\nclass = \"first\"\ntitle = \"W\"\n+++\n<p>x</p>\n", wantDiag{p, 3, diag.Error, "before the release date"}},
		{"unknown class", p, "+++\ndate = 2026-03-01\ntitle = \"W\"\nclass = \"major\"\n+++\n<p>x</p>\n", wantDiag{p, 4, diag.Error, `class is "major"`}},
		{"unknown key", p, "+++\ndate = 2026-03-01\nclass = \"first\"\ntitle = \"W\"\n\n[[sections]]\nid = \"general\"\ntxt = \"x\"\n+++\n<p>x</p>\n", wantDiag{p, 8, diag.Error, "unknown key"}},
		{"TOML syntax", p, "+++\ndate = 2026-03-01\nclass = \"first\ntitle = \"W\"\n+++\n<p>x</p>\n", wantDiag{p, 3, diag.Error, "TOML"}},
		{"empty page", p, "+++\ndate = 2026-03-01\nclass = \"first\"\ntitle = \"W\"\n+++\n\n", wantDiag{p, 6, diag.Error, "published page is missing"}},
		{"change without fact", p, "+++\ndate = 2026-03-01\nclass = \"editorial\"\ntitle = \"W\"\n[[changes]]\nsection = \"general\"\n+++\n<p>x</p>\n", wantDiag{p, -1, diag.Error, "names no fact"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := minimalSite()
			m[tt.file] = &fstest.MapFile{Data: []byte(tt.data)}
			s, diags := load(t, m)
			if !findDiag(diags, tt.want) {
				t.Errorf("diagnostics = %v\nwant %+v", diags, tt.want)
			}
			if len(s.Versions) != 0 {
				t.Errorf("a broken version was loaded: %+v", s.Versions[0])
			}
		})
	}
}

// TestLoadVersionsInFileOrder: version files are parsed on every core,
// yet a site with many of them, some bad, gets the diagnostics in file
// order, every good version, and Broken only for the files that are there
// but do not load (a bad name is reported, not marked).
func TestLoadVersionsInFileOrder(t *testing.T) {
	m := minimalSite()
	var good []string
	for day := 1; day <= 28; day++ {
		date := time.Date(2026, 2, day, 0, 0, 0, 0, time.UTC).Format(DateLayout)
		p := "content/versions/acme/website/" + date + ".en.html"
		switch day {
		case 5, 17:
			m[p] = &fstest.MapFile{Data: []byte("<p>no front matter</p>\n")}
		case 11:
			m[p] = &fstest.MapFile{Data: []byte("+++\ndate = 2026-03-01\nclass = \"first\"\ntitle = \"W\"\n+++\n<p>x</p>\n")}
		default:
			m[p] = &fstest.MapFile{Data: []byte("+++\ndate = " + date + "\nclass = \"first\"\ntitle = \"Website\"\n+++\n<p>" + date + "</p>\n")}
			good = append(good, p)
		}
	}
	badName := "content/versions/acme/website/2026-02-30.en.html"
	m[badName] = &fstest.MapFile{Data: []byte(goodVersion)}
	s, diags := load(t, m)
	var got []string
	for _, d := range diags {
		got = append(got, d.File)
	}
	want := []string{
		"content/versions/acme/website/2026-02-05.en.html",
		"content/versions/acme/website/2026-02-11.en.html",
		"content/versions/acme/website/2026-02-17.en.html",
		badName,
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics of the files %q, want one each in file order %q:\n%v", got, want, diags)
	}
	if len(s.Versions) != len(good) {
		t.Errorf("loaded %d versions, want the %d good ones", len(s.Versions), len(good))
	}
	for _, p := range want[:3] {
		if !s.Broken[p] {
			t.Errorf("%s did not load but is not marked broken", p)
		}
	}
	if s.Broken[badName] {
		t.Errorf("%s has a bad name and is marked broken, which is for files that are there but do not load", badName)
	}
}
