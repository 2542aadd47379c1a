package compose

import (
	"slices"
	"testing"
	"time"

	"github.com/noticegen/noticegen/generator/site"
)

func day(d int) time.Time { return time.Date(2025, 3, d, 0, 0, 0, 0, time.UTC) }

// section makes a section with a file for each of langs.
func section(id string, updated time.Time, langs ...string) *site.Section {
	dir, base := "", id
	if i := lastSlash(id); i >= 0 {
		dir, base = id[:i], id[i+1:]
	}
	s := &site.Section{ID: id, Dir: dir, Index: base == "_index", Translations: map[string]*site.SectionFile{}}
	for _, l := range langs {
		s.Translations[l] = &site.SectionFile{
			ID: id, Lang: l, Path: "content/sections/" + id + "." + l + ".md",
			Meta: site.FrontMatter{Title: id + " " + l, Updated: updated},
		}
	}
	return s
}

func lastSlash(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' {
			return i
		}
	}
	return -1
}

func testSite() *site.Site {
	return &site.Site{
		Config: site.Config{DefaultLanguage: "en", Languages: []string{"en", "de"}},
		Sections: []*site.Section{
			section("conferencing/_index", day(1), "en", "de"),
			section("conferencing/jitsi", day(1), "en", "de"),
			section("conferencing/teams", day(5), "en", "de"),
			section("conferencing/zoom", day(1), "en"),
			section("events", day(1), "en", "de"),
			section("general", day(2), "en", "de"),
			section("hosting/ionos", day(1), "en", "de"),
			section("rights", day(1), "en", "de"),
		},
		Notices: []*site.Notice{
			{ID: "website", Source: site.Source{Path: "content/notices/website.toml"}, Sections: []string{"general", "hosting/*", "events", "conferencing/*", "rights"}},
			{ID: "meetings", Source: site.Source{Path: "content/notices/meetings.toml"}, Sections: []string{"conferencing/*"}},
		},
	}
}

func entity(uses, omit []string) *site.Entity {
	return &site.Entity{
		ID: "acme", Source: site.Source{Path: "content/entities/acme.toml"},
		Notices: []string{"website"}, Uses: uses, Omit: omit, Updated: day(3),
	}
}

func ids(parts []Part) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p.Section.ID)
	}
	return out
}

func TestParts(t *testing.T) {
	tests := []struct {
		name       string
		uses, omit []string
		want       []string
	}{
		{
			name: "slots in uses order with _index first",
			uses: []string{"conferencing/zoom", "hosting/ionos", "conferencing/jitsi"},
			want: []string{"general", "hosting/ionos", "events", "conferencing/_index", "conferencing/zoom", "conferencing/jitsi", "rights"},
		},
		{
			name: "uses order, not alphabetical order",
			uses: []string{"conferencing/teams", "conferencing/jitsi"},
			want: []string{"general", "events", "conferencing/_index", "conferencing/teams", "conferencing/jitsi", "rights"},
		},
		{
			name: "slot with no used section is dropped with its intro",
			uses: nil,
			want: []string{"general", "events", "rights"},
		},
		{
			name: "slot without an _index has no intro",
			uses: []string{"hosting/ionos"},
			want: []string{"general", "hosting/ionos", "events", "rights"},
		},
		{
			name: "used sections of other folders do not fill a slot",
			uses: []string{"general", "events"},
			want: []string{"general", "events", "rights"},
		},
		{
			name: "unknown used section is skipped",
			uses: []string{"conferencing/webex"},
			want: []string{"general", "events", "rights"},
		},
		{
			name: "omit removes a plain id",
			uses: []string{"conferencing/teams"},
			omit: []string{"events"},
			want: []string{"general", "conferencing/_index", "conferencing/teams", "rights"},
		},
		{
			name: "omit removes a slot member",
			uses: []string{"conferencing/teams", "conferencing/jitsi"},
			omit: []string{"conferencing/teams"},
			want: []string{"general", "events", "conferencing/_index", "conferencing/jitsi", "rights"},
		},
		{
			name: "omitting every member drops the slot and its intro",
			uses: []string{"conferencing/teams"},
			omit: []string{"conferencing/teams"},
			want: []string{"general", "events", "rights"},
		},
		{
			name: "omit removes the intro only",
			uses: []string{"conferencing/teams"},
			omit: []string{"conferencing/_index"},
			want: []string{"general", "events", "conferencing/teams", "rights"},
		},
		{
			name: "a member listed twice appears once",
			uses: []string{"conferencing/teams", "conferencing/teams"},
			want: []string{"general", "events", "conferencing/_index", "conferencing/teams", "rights"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testSite()
			e := entity(tt.uses, tt.omit)
			got := ids(Parts(s, e, s.Notice("website"), "en"))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Parts() = %q\nwant      %q", got, tt.want)
			}
		})
	}
}

func TestPartsFallback(t *testing.T) {
	s := testSite()
	e := entity([]string{"conferencing/zoom", "conferencing/teams"}, nil)
	s.Sections = append(s.Sections, section("de-only", day(1), "de"))
	s.Notices[0].Sections = append(s.Notices[0].Sections, "de-only", "missing")
	tests := []struct {
		lang string
		want map[string]string // section id → language of the file shown
	}{
		{"de", map[string]string{"general": "de", "conferencing/_index": "de", "conferencing/zoom": "en", "conferencing/teams": "de", "de-only": "de"}},
		{"en", map[string]string{"general": "en", "conferencing/_index": "en", "conferencing/zoom": "en", "conferencing/teams": "en"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			parts := Parts(s, e, s.Notice("website"), tt.lang)
			seen := map[string]bool{}
			for _, p := range parts {
				id := p.Section.ID
				seen[id] = true
				want, ok := tt.want[id]
				if !ok {
					continue
				}
				if p.File.Lang != want {
					t.Errorf("%s: file in %s, want %s", id, p.File.Lang, want)
				}
				if p.File != p.Section.Translations[want] {
					t.Errorf("%s: File is not the section's %s translation", id, want)
				}
				if p.Fallback != (want != tt.lang) {
					t.Errorf("%s: Fallback = %v on a %s page showing %s", id, p.Fallback, tt.lang, want)
				}
			}
			for id := range tt.want {
				if !seen[id] {
					t.Errorf("%s missing from parts %q", id, ids(parts))
				}
			}
			if seen["missing"] {
				t.Errorf("unknown section was composed")
			}
			if tt.lang == "en" && seen["de-only"] {
				t.Errorf("a section without an en (default) file was composed on an en page")
			}
		})
	}
}

func TestPageUpdated(t *testing.T) {
	s := testSite()
	tests := []struct {
		name   string
		entity time.Time
		uses   []string
		lang   string
		want   time.Time
	}{
		{"latest section wins", day(1), []string{"conferencing/teams"}, "en", day(5)},
		{"entity wins when newer", day(20), []string{"conferencing/teams"}, "en", day(20)},
		{"sections only", time.Time{}, nil, "de", day(2)},
		{"unused newer section does not count", day(3), nil, "en", day(3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := entity(tt.uses, nil)
			e.Updated = tt.entity
			p := &Page{Entity: e, Notice: s.Notice("website"), Lang: tt.lang, Parts: Parts(s, e, s.Notice("website"), tt.lang)}
			if got := p.Updated(); !got.Equal(tt.want) {
				t.Errorf("Updated() = %s, want %s", got.Format(time.DateOnly), tt.want.Format(time.DateOnly))
			}
		})
	}
}

func TestPagePathAndInputs(t *testing.T) {
	s := testSite()
	e := entity([]string{"conferencing/zoom"}, []string{"events", "general", "rights"})
	p := &Page{Entity: e, Notice: s.Notice("website"), Lang: "de", Parts: Parts(s, e, s.Notice("website"), "de")}
	if got := p.Path(); got != "de/acme/website/" {
		t.Errorf("Path() = %q, want de/acme/website/", got)
	}
	want := []string{
		"content/entities/acme.toml",
		"content/notices/website.toml",
		"content/sections/conferencing/_index.de.md",
		"content/sections/conferencing/zoom.en.md", // the fallback file actually shown
	}
	if got := p.Inputs(); !slices.Equal(got, want) {
		t.Errorf("Inputs() = %q\nwant       %q", got, want)
	}
}

func TestSite(t *testing.T) {
	s := testSite()
	a := entity([]string{"conferencing/teams"}, nil)
	a.Notices = []string{"meetings", "website", "nope"}
	b := entity(nil, nil)
	b.ID, b.Notices = "beta", []string{"website"}
	s.Entities = []*site.Entity{a, b}
	var got []string
	for _, p := range Site(s) {
		got = append(got, p.Path())
		if len(p.Parts) == 0 && p.Notice.ID == "website" {
			t.Errorf("%s has no parts", p.Path())
		}
	}
	want := []string{
		"en/acme/meetings/", "en/acme/website/", "en/beta/website/",
		"de/acme/meetings/", "de/acme/website/", "de/beta/website/",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Site() pages = %q\nwant %q", got, want)
	}
}

// TestPartsOwnFacts: an entity's own facts for a section replace the
// section's facts on that entity's pages only, in the language of the file
// shown (the default language's where the page's is missing), and leave
// the section's other facts and every other part alone.
func TestPartsOwnFacts(t *testing.T) {
	s := testSite()
	s.Section("general").Translations["en"].Meta.Purposes = []string{"shared purpose"}
	s.Section("general").Translations["en"].Meta.Retention = "shared retention"
	s.Section("conferencing/zoom").Translations["en"].Meta.LegalBases = []string{"gdpr-6-1-b"}
	own := entity([]string{"conferencing/zoom"}, nil)
	own.Sections = map[string]*site.Facts{
		"general":           {Purposes: []site.Localized{{"en": "own purpose", "de": "eigener Zweck"}}, Given: map[string]bool{"purposes": true}},
		"conferencing/zoom": {LegalBases: []string{"gdpr-6-1-a"}, Given: map[string]bool{"legalBases": true}},
	}
	other := entity([]string{"conferencing/zoom"}, nil)
	tests := []struct {
		name            string
		e               *site.Entity
		lang, id        string
		purposes, bases []string
		retention       string
		own             bool
	}{
		{"own purposes in en", own, "en", "general", []string{"own purpose"}, nil, "shared retention", true},
		{"own purposes in de", own, "de", "general", []string{"eigener Zweck"}, nil, "", true},
		{"own legal basis on a fallback part: en file, en text", own, "de", "conferencing/zoom", nil, []string{"gdpr-6-1-a"}, "", true},
		{"another entity keeps the section's", other, "en", "general", []string{"shared purpose"}, nil, "shared retention", false},
		{"another entity keeps the section's legal basis", other, "de", "conferencing/zoom", nil, []string{"gdpr-6-1-b"}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *Part
			for _, p := range Parts(s, tt.e, s.Notice("website"), tt.lang) {
				if p.Section.ID == tt.id {
					got = &p
				}
			}
			if got == nil {
				t.Fatalf("no part %s", tt.id)
			}
			if !slices.Equal(got.Facts.Purposes, tt.purposes) || !slices.Equal(got.Facts.LegalBases, tt.bases) || got.Facts.Retention != tt.retention || got.Own != tt.own {
				t.Errorf("facts = purposes %q, bases %q, retention %q, own %v; want %q, %q, %q, %v",
					got.Facts.Purposes, got.Facts.LegalBases, got.Facts.Retention, got.Own, tt.purposes, tt.bases, tt.retention, tt.own)
			}
			if got.File.Meta.Purposes != nil && tt.own && slices.Equal(got.File.Meta.Purposes, got.Facts.Purposes) {
				t.Errorf("the section file's own front matter was changed")
			}
		})
	}
}
