package site

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/noticegen/noticegen/generator/diag"
)

// minimalSite is a valid site in two languages: one entity, one notice,
// one section in both languages.
func minimalSite() fstest.MapFS {
	return fstest.MapFS{
		"site.toml": {Data: []byte(`title = { en = "Privacy", de = "Datenschutz" }
baseURL = "https://privacy.example"
defaultLanguage = "en"
languages = ["en", "de"]
`)},
		"content/entities/acme.toml": {Data: []byte(`name = "Acme GmbH"
address = """
Street 1
12345 Town"""
email = "privacy@acme.example"
notices = ["website"]
uses = []

[dpo]
name = "Dana"
email = "dpo@acme.example"
`)},
		"content/notices/website.toml": {Data: []byte(`title = { en = "Website", de = "Webseite" }
sections = ["general"]
`)},
		"content/sections/general.en.md": {Data: []byte("+++\ntitle = \"General\"\n+++\nHello {{ .Entity.Name }}.\n")},
		"content/sections/general.de.md": {Data: []byte("+++\ntitle = \"Allgemeines\"\n+++\nHallo.\n")},
	}
}

func load(t *testing.T, fsys fs.FS) (*Site, diag.List) {
	t.Helper()
	return Load(context.Background(), fsys)
}

func TestLoadMinimalSite(t *testing.T) {
	s, diags := load(t, minimalSite())
	if len(diags) != 0 {
		t.Fatalf("Load reported diagnostics for a valid site:\n%v", diags)
	}
	if got := s.Config.BaseURL; got != "https://privacy.example/" {
		t.Errorf("BaseURL = %q, want a trailing slash added", got)
	}
	if !slices.Equal(s.Config.Languages, []string{"en", "de"}) || s.Config.DefaultLanguage != "en" {
		t.Errorf("languages = %q default %q", s.Config.Languages, s.Config.DefaultLanguage)
	}
	e := s.Entity("acme")
	if e == nil {
		t.Fatalf("entity acme not loaded; entities: %v", s.Entities)
	}
	if e.Name.Get("de", "en") != "Acme GmbH" || e.Address.Get("en", "en") != "Street 1\n12345 Town" || e.DPO == nil || e.DPO.Email != "dpo@acme.example" {
		t.Errorf("entity decoded wrongly: %+v", e)
	}
	if e.Source.Path != "content/entities/acme.toml" {
		t.Errorf("entity Source.Path = %q", e.Source.Path)
	}
	n := s.Notice("website")
	if n == nil || n.Title.Get("de", "en") != "Webseite" || !slices.Equal(n.Sections, []string{"general"}) {
		t.Errorf("notice website = %+v", n)
	}
	sec := s.Section("general")
	if sec == nil {
		t.Fatal("section general not loaded")
	}
	if got := slices.Sorted(maps.Keys(sec.Translations)); !slices.Equal(got, []string{"de", "en"}) {
		t.Errorf("section translations = %q, want de, en", got)
	}
	f := sec.Translations["en"]
	if f.ID != "general" || f.Lang != "en" || f.Path != "content/sections/general.en.md" || f.Meta.Title != "General" {
		t.Errorf("section file = %+v", f)
	}
	if f.Body != "Hello {{ .Entity.Name }}.\n" || f.BodyLine != 4 {
		t.Errorf("body = %q on line %d, want the text after +++ on line 4", f.Body, f.BodyLine)
	}
	if f.Front.LineOffset != 1 || string(f.Front.Text) != "title = \"General\"\n" {
		t.Errorf("front matter = %q offset %d", f.Front.Text, f.Front.LineOffset)
	}
}

func TestLoadSectionsAndIDs(t *testing.T) {
	fsys := minimalSite()
	fsys["content/sections/conferencing/_index.en.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Meetings\"\n+++\n")}
	fsys["content/sections/conferencing/teams.en.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Teams\"\n+++\n")}
	s, diags := load(t, fsys)
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics:\n%v", diags)
	}
	var ids []string
	for _, sec := range s.Sections {
		ids = append(ids, sec.ID)
	}
	if !slices.Equal(ids, []string{"conferencing/_index", "conferencing/teams", "general"}) {
		t.Errorf("section ids = %q", ids)
	}
	if idx := s.Section("conferencing/_index"); idx == nil || !idx.Index || idx.Dir != "conferencing" {
		t.Errorf("_index section = %+v", idx)
	}
	if tm := s.Section("conferencing/teams"); tm == nil || tm.Index || tm.Dir != "conferencing" {
		t.Errorf("teams section = %+v", tm)
	}
	if g := s.Section("general"); g == nil || g.Dir != "" {
		t.Errorf("general section = %+v", g)
	}
}

// wantDiag describes one expected diagnostic; Line -1 means any line.
type wantDiag struct {
	file     string
	line     int
	severity diag.Severity
	contains string
}

func findDiag(diags diag.List, w wantDiag) bool {
	for _, d := range diags {
		if d.File == w.file && (w.line < 0 || d.Line == w.line) && d.Severity == w.severity && strings.Contains(d.Message, w.contains) {
			return true
		}
	}
	return false
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		want   []wantDiag
	}{
		{
			name: "unknown key in entity, with line",
			change: func(m fstest.MapFS) {
				m["content/entities/acme.toml"].Data = append(m["content/entities/acme.toml"].Data, []byte("nmae = \"x\"\n")...)
			},
			want: []wantDiag{{"content/entities/acme.toml", 12, diag.Error, `unknown key "dpo.nmae"`}},
		},
		{
			name: "unknown top-level key in site.toml",
			change: func(m fstest.MapFS) {
				m["site.toml"].Data = append([]byte("\ntitel = \"x\"\n"), m["site.toml"].Data...)
			},
			want: []wantDiag{{"site.toml", 2, diag.Error, `unknown key "titel"`}},
		},
		{
			name: "unknown key in front matter is at its file line",
			change: func(m fstest.MapFS) {
				m["content/sections/general.en.md"].Data = []byte("+++\ntitle = \"General\"\n\npurpose = [\"x\"]\n+++\nbody\n")
			},
			want: []wantDiag{{"content/sections/general.en.md", 4, diag.Error, `unknown key "purpose"`}},
		},
		{
			name: "syntax error in front matter is at its file line",
			change: func(m fstest.MapFS) {
				m["content/sections/general.en.md"].Data = []byte("+++\ntitle = \"General\"\nretention = \"1 year\nlegalBases = []\n+++\nbody\n")
			},
			want: []wantDiag{{"content/sections/general.en.md", 3, diag.Error, "TOML"}},
		},
		{
			name: "type error in front matter is at its file line",
			change: func(m fstest.MapFS) {
				m["content/sections/general.en.md"].Data = []byte("+++\ntitle = \"General\"\n\n\nlegalBases = \"gdpr-6-1-a\"\n+++\nbody\n")
			},
			want: []wantDiag{{"content/sections/general.en.md", 5, diag.Error, "legalBases"}},
		},
		{
			name:   "missing front matter",
			change: func(m fstest.MapFS) { m["content/sections/general.en.md"].Data = []byte("title = \"x\"\n") },
			want:   []wantDiag{{"content/sections/general.en.md", 1, diag.Error, "front matter"}},
		},
		{
			name:   "unclosed front matter",
			change: func(m fstest.MapFS) { m["content/sections/general.en.md"].Data = []byte("+++\ntitle = \"x\"\nbody\n") },
			want:   []wantDiag{{"content/sections/general.en.md", -1, diag.Error, "not closed"}},
		},
		{
			name: "invalid UTF-8 at line and column",
			change: func(m fstest.MapFS) {
				m["content/notices/website.toml"].Data = []byte("title = \"W\"\nsections = [\"g\xffeneral\"]\n")
			},
			want: []wantDiag{{"content/notices/website.toml", 2, diag.Error, "UTF-8"}},
		},
		{
			name: "bad entity file name",
			change: func(m fstest.MapFS) {
				m["content/entities/Bad Name.toml"] = &fstest.MapFile{Data: []byte("name = \"x\"\n")}
			},
			want: []wantDiag{{"content/entities/Bad Name.toml", 0, diag.Error, "Bad Name"}},
		},
		{
			name: "section in a language the site does not publish",
			change: func(m fstest.MapFS) {
				m["content/sections/general.fr.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"G\"\n+++\n")}
			},
			want: []wantDiag{{"content/sections/general.fr.md", 0, diag.Error, `"fr"`}},
		},
		{
			name: "_index outside a folder",
			change: func(m fstest.MapFS) {
				m["content/sections/_index.en.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"G\"\n+++\n")}
			},
			want: []wantDiag{{"content/sections/_index.en.md", 0, diag.Error, "_index"}},
		},
		{
			name: "localized string naming an unpublished language",
			change: func(m fstest.MapFS) {
				m["content/notices/website.toml"].Data = []byte("sections = [\"general\"]\ntitle = { en = \"W\", dee = \"X\" }\n")
			},
			want: []wantDiag{{"content/notices/website.toml", 2, diag.Error, `"dee"`}},
		},
		{
			name:   "missing site.toml",
			change: func(m fstest.MapFS) { delete(m, "site.toml") },
			want:   []wantDiag{{"site.toml", 0, diag.Error, "not found"}},
		},
		{
			name: "no entities",
			change: func(m fstest.MapFS) {
				delete(m, "content/entities/acme.toml")
			},
			want: []wantDiag{{"content/entities", 0, diag.Error, ""}},
		},
		{
			name: "hostile id in uses",
			change: func(m fstest.MapFS) {
				m["content/entities/acme.toml"].Data = []byte("name = \"A\"\nnotices = [\"website\"]\nuses = [\"ok\", \"../../etc/passwd\"]\n")
			},
			want: []wantDiag{{"content/entities/acme.toml", 3, diag.Error, "uses"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := minimalSite()
			tt.change(fsys)
			_, diags := load(t, fsys)
			for _, w := range tt.want {
				if !findDiag(diags, w) {
					t.Errorf("no %s at %s:%d containing %q; got:\n%v", w.severity, w.file, w.line, w.contains, diags)
				}
			}
		})
	}
}

func TestLoadNonRegularFileSkipped(t *testing.T) {
	fsys := minimalSite()
	fsys["content/sections/secret.en.md"] = &fstest.MapFile{Data: []byte("../../../../etc/passwd"), Mode: fs.ModeSymlink}
	s, diags := load(t, fsys)
	if s.Section("secret") != nil {
		t.Errorf("a link was loaded as section secret")
	}
	if len(diags) != 1 {
		t.Fatalf("want exactly one diagnostic for the link, got:\n%v", diags)
	}
	d := diags[0]
	if d.File != "content/sections/secret.en.md" || d.Severity != diag.Warning || !strings.Contains(d.Message, "not a regular file") {
		t.Errorf("diagnostic = %v, want a warning that the link is not a regular file", d)
	}
}

func TestLoadHiddenAndBackupFilesIgnored(t *testing.T) {
	fsys := minimalSite()
	for _, p := range []string{
		"content/sections/.draft.en.md",
		"content/sections/general.en.md~",
		"content/sections/.general.en.md.swp",
		"content/sections/general.en.md.swp",
		"content/sections/general.en.md.tmp",
		"content/sections/4913",
		"content/sections/#general.en.md#",
		"content/sections/general.en.md.swx",
		"content/sections/.git/config",
		"content/sections/old~/general.en.md",
		"content/entities/.acme.toml.swp",
		"content/entities/acme.toml~",
		"content/notices/.DS_Store",
		"i18n/.de.toml.swp",
	} {
		fsys[p] = &fstest.MapFile{Data: []byte("not toml at all [[[")}
	}
	s, diags := load(t, fsys)
	if len(diags) != 0 {
		t.Fatalf("hidden or backup files were reported:\n%v", diags)
	}
	if len(s.Sections) != 1 || len(s.Entities) != 1 || len(s.Notices) != 1 || len(s.I18n) != 0 {
		t.Errorf("hidden or backup files were loaded: %d sections, %d entities, %d notices, %d i18n", len(s.Sections), len(s.Entities), len(s.Notices), len(s.I18n))
	}
}

func TestLoadReportsEveryError(t *testing.T) {
	fsys := minimalSite()
	fsys["content/entities/acme.toml"].Data = []byte("name = \"A\"\nnotices = [\"website\"\n")
	fsys["content/entities/beta.toml"] = &fstest.MapFile{Data: []byte("name = \"B\"\nfoo = 1\n")}
	fsys["content/notices/website.toml"].Data = []byte("title = \"W\"\nsections = [\"general\"]\nbar = 2\n")
	fsys["content/sections/general.de.md"].Data = []byte("+++\ntitle = \"G\"\nbaz = 3\n+++\n")
	fsys["content/sections/Other.en.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"O\"\n+++\n")}
	fsys["i18n/xx_YY.toml"] = &fstest.MapFile{Data: []byte("a = \"b\"\n")}
	_, diags := load(t, fsys)
	for _, w := range []wantDiag{
		{"content/entities/acme.toml", -1, diag.Error, ""},
		{"content/entities/beta.toml", 2, diag.Error, "foo"},
		{"content/notices/website.toml", 3, diag.Error, "bar"},
		{"content/sections/general.de.md", 3, diag.Error, "baz"},
		{"content/sections/Other.en.md", 0, diag.Error, ""},
		{"i18n/xx_YY.toml", 0, diag.Error, ""},
	} {
		if !findDiag(diags, w) {
			t.Errorf("missing error at %s:%d containing %q; got:\n%v", w.file, w.line, w.contains, diags)
		}
	}
	if got := diags.Count(diag.Error); got != 6 {
		t.Errorf("%d errors, want 6 (one per broken file):\n%v", got, diags)
	}
}

func TestLoadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, diags := Load(ctx, minimalSite())
	if !diags.HasErrors() {
		t.Fatalf("a cancelled load reported no error: %v", diags)
	}
}

func TestLoadStaticAndI18n(t *testing.T) {
	fsys := minimalSite()
	fsys["static/img/logo.svg"] = &fstest.MapFile{Data: []byte("<svg/>")}
	fsys["static/.hidden"] = &fstest.MapFile{Data: []byte("x")}
	fsys["i18n/de.toml"] = &fstest.MapFile{Data: []byte("none = \"Keine\"\n")}
	s, diags := load(t, fsys)
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics:\n%v", diags)
	}
	if !slices.Equal(s.Static, []string{"static/img/logo.svg"}) {
		t.Errorf("Static = %q", s.Static)
	}
	if f, ok := s.I18n["de"]; !ok || f.Path != "i18n/de.toml" || string(f.Data) != "none = \"Keine\"\n" {
		t.Errorf("I18n[de] = %+v", s.I18n["de"])
	}
}

// A file with thousands of unknown keys gets the first few placed and one
// line for the rest, instead of a scan of the file per key.
func TestLoadCapsKeyReports(t *testing.T) {
	fsys := minimalSite()
	var b strings.Builder
	b.WriteString("name = \"Acme GmbH\"\nemail = \"privacy@acme.example\"\nnotices = [\"website\"]\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "unknown%d = 1\n", i)
	}
	fsys["content/entities/acme.toml"] = &fstest.MapFile{Data: []byte(b.String())}
	_, diags := load(t, fsys)
	var placed, summary int
	for _, d := range diags {
		switch {
		case d.File != "content/entities/acme.toml":
		case strings.HasPrefix(d.Message, "unknown key"):
			placed++
			if d.Line < 4 {
				t.Errorf("unknown key placed at line %d: %v", d.Line, d)
			}
		case strings.Contains(d.Message, "more unknown keys not listed"):
			summary++
			if !strings.HasPrefix(d.Message, fmt.Sprint(5000-maxKeyReports)) {
				t.Errorf("summary %q does not count the rest", d.Message)
			}
		}
	}
	if placed != maxKeyReports || summary != 1 {
		t.Errorf("placed %d unknown keys and %d summaries, want %d and 1", placed, summary, maxKeyReports)
	}
}
