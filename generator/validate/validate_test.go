package validate

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/site"
)

const front = `+++
title = "%s"
legalBases = ["gdpr-6-1-f"]
legitimateInterest = "Running the website"
purposes = ["Running the website"]
retention = "7 days"
thirdCountries = ["US"]
safeguards = ["scc"]
covers = []
+++
Body.
`

const rightsFront = `+++
title = "Your rights"
covers = ["access", "rectification", "erasure", "restriction", "portability", "objection", "withdraw-consent", "complaint"]
+++
Body.
`

func sectionFile(title string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(strings.Replace(front, "%s", title, 1))}
}

// validSite passes every check. Line numbers used by the tests:
// acme.toml: 4 notices, 5 uses; website.toml: 2 sections;
// general.<lang>.md: 3 legalBases, 7 thirdCountries, 8 safeguards, 9 covers.
func validSite() fstest.MapFS {
	return fstest.MapFS{
		"site.toml": {Data: []byte("title = \"T\"\nbaseURL = \"https://privacy.example/\"\ndefaultLanguage = \"en\"\nlanguages = [\"en\", \"de\"]\n")},
		"content/entities/acme.toml": {Data: []byte(`name = "Acme"
address = "Street 1"
email = "privacy@acme.example"
notices = ["website"]
uses = ["conferencing/teams"]

[dpo]
name = "Dana"
email = "dpo@acme.example"
`)},
		"content/notices/website.toml":               {Data: []byte("title = \"Website\"\nsections = [\"general\", \"conferencing/*\", \"rights\"]\n")},
		"content/sections/general.en.md":             sectionFile("General"),
		"content/sections/general.de.md":             sectionFile("Allgemeines"),
		"content/sections/conferencing/_index.en.md": {Data: []byte("+++\ntitle = \"Meetings\"\n+++\n")},
		"content/sections/conferencing/_index.de.md": {Data: []byte("+++\ntitle = \"Besprechungen\"\n+++\n")},
		"content/sections/conferencing/teams.en.md":  sectionFile("Teams"),
		"content/sections/conferencing/teams.de.md":  sectionFile("Teams"),
		"content/sections/rights.en.md":              {Data: []byte(rightsFront)},
		"content/sections/rights.de.md":              {Data: []byte(rightsFront)},
	}
}

func run(t *testing.T, fsys fstest.MapFS) diag.List {
	t.Helper()
	return runEdited(t, fsys, nil)
}

// runEdited loads fsys, lets edit change the model (for states the loader
// refuses to produce) and validates it.
func runEdited(t *testing.T, fsys fstest.MapFS, edit func(*site.Site)) diag.List {
	t.Helper()
	s, diags := site.Load(context.Background(), fsys)
	if len(diags) != 0 {
		t.Fatalf("test site does not load cleanly:\n%v", diags)
	}
	if edit != nil {
		edit(s)
	}
	cat, diags := locale.Load(os.DirFS("../../i18n"), s.I18n, s.Config.Languages, s.Config.DefaultLanguage)
	if len(diags) != 0 {
		t.Fatalf("catalog: %v", diags)
	}
	return Site(s, cat)
}

func TestValidSite(t *testing.T) {
	if diags := run(t, validSite()); len(diags) != 0 {
		t.Fatalf("a valid site has diagnostics:\n%v", diags)
	}
}

// replace edits one file of the site.
func replace(path, old, new string) func(fstest.MapFS) {
	return func(m fstest.MapFS) {
		b := string(m[path].Data)
		if !strings.Contains(b, old) {
			panic(path + " has no " + old)
		}
		m[path] = &fstest.MapFile{Data: []byte(strings.Replace(b, old, new, 1))}
	}
}

// both edits the en and de file of a section alike, so that only the check
// under test fires.
func both(id, old, new string) func(fstest.MapFS) {
	return func(m fstest.MapFS) {
		replace("content/sections/"+id+".en.md", old, new)(m)
		replace("content/sections/"+id+".de.md", old, new)(m)
	}
}

type want struct {
	file      string
	line, col int // col -1: any
	severity  diag.Severity
	rule      string
	contains  []string
}

func TestSiteDiagnostics(t *testing.T) {
	const (
		entity  = "content/entities/acme.toml"
		notice  = "content/notices/website.toml"
		generEN = "content/sections/general.en.md"
		generDE = "content/sections/general.de.md"
	)
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		want   []want
	}{
		{
			name:   "unknown section in a notice",
			change: replace(notice, `"rights"]`, `"rights", "cookies"]`),
			want:   []want{{notice, 2, 52, diag.Error, "unknown-ref", []string{`unknown section "cookies"`, "content/sections/cookies.en.md"}}},
		},
		{
			name:   "unknown section that is a folder suggests the slot",
			change: replace(notice, `"conferencing/*"`, `"conferencing"`),
			want:   []want{{notice, 2, -1, diag.Error, "unknown-ref", []string{`unknown section "conferencing"`, `"conferencing/*"`}}},
		},
		{
			name:   "unknown notice",
			change: replace(entity, `notices = ["website"]`, `notices = ["website", "apps"]`),
			want:   []want{{entity, 4, 23, diag.Error, "unknown-ref", []string{`unknown notice "apps"`, "content/notices/apps.toml"}}},
		},
		{
			name:   "unknown legal basis",
			change: both("general", `["gdpr-6-1-f"]`, `["gdpr-6-1-f", "gdpr-6-1-x"]`),
			want: []want{
				{generEN, 3, 29, diag.Error, "unknown-ref", []string{`unknown legal basis "gdpr-6-1-x"`}},
				{generDE, 3, 29, diag.Error, "unknown-ref", []string{`unknown legal basis "gdpr-6-1-x"`}},
			},
		},
		{
			name:   "unknown country",
			change: both("general", `["US"]`, `["US", "XX"]`),
			want:   []want{{generEN, 7, 25, diag.Error, "", []string{`"XX"`, "ISO 3166-1"}}},
		},
		{
			name:   "lower-case country",
			change: both("general", `["US"]`, `["us"]`),
			want:   []want{{generEN, 7, 19, diag.Error, "", []string{`"us"`}}},
		},
		{
			name:   "unknown safeguard",
			change: both("general", `safeguards = ["scc"]`, `safeguards = ["sccs"]`),
			want:   []want{{generEN, 8, 15, diag.Error, "", []string{`unknown safeguard "sccs"`, "adequacy"}}},
		},
		{
			name:   "unknown right",
			change: both("conferencing/teams", `covers = []`, `covers = ["deletion"]`),
			want:   []want{{"content/sections/conferencing/teams.en.md", 9, 11, diag.Error, "", []string{`unknown right "deletion"`, "erasure"}}},
		},
		{
			name:   "slot folder without sections",
			change: replace(notice, `"rights"]`, `"rights", "hosting/*"]`),
			want:   []want{{notice, 2, -1, diag.Error, "unknown-ref", []string{`"hosting/*"`, "content/sections/hosting/"}}},
		},
		{
			name:   "uses names an unknown section",
			change: replace(entity, `uses = ["conferencing/teams"]`, `uses = ["conferencing/teams", "conferencing/webex"]`),
			want:   []want{{entity, 5, 31, diag.Error, "unknown-ref", []string{`unknown section "conferencing/webex"`}}},
		},
		{
			name:   "omit names an unknown section",
			change: replace(entity, "uses = [", "omit = [\"evnts\"]\nuses = ["),
			want:   []want{{entity, 5, 9, diag.Error, "unknown-ref", []string{`unknown section "evnts"`}}},
		},
		{
			name:   "used section whose slot no notice has",
			change: replace(notice, `"conferencing/*", `, ""),
			want:   []want{{entity, 5, 9, diag.Warning, "", []string{`"conferencing/teams"`, `"conferencing/*"`}}},
		},
		{
			name:   "missing default-language file",
			change: func(m fstest.MapFS) { delete(m, generEN) },
			want:   []want{{generDE, 1, -1, diag.Error, "", []string{`"general"`, "no en file", "content/sections/general.en.md"}}},
		},
		{
			name:   "missing translation of a used section",
			change: func(m fstest.MapFS) { delete(m, "content/sections/conferencing/teams.de.md") },
			want: []want{{"content/sections/conferencing/teams.en.md", 1, 1, diag.Warning, "translation-missing",
				[]string{`"conferencing/teams"`, "de", "content/sections/conferencing/teams.de.md"}}},
		},
		{
			name:   "legal bases differ between translations",
			change: replace(generDE, "legalBases = [\"gdpr-6-1-f\"]", "\nlegalBases = [\"gdpr-6-1-a\"]"),
			want: []want{{generDE, 4, 1, diag.Error, "translation-mismatch",
				[]string{"legalBases", `["gdpr-6-1-a"]`, `["gdpr-6-1-f"]`, "content/sections/general.en.md:3"}}},
		},
		{
			name:   "third countries differ between translations",
			change: replace(generDE, `thirdCountries = ["US"]`, `thirdCountries = ["US", "CH"]`),
			want: []want{{generDE, 7, 1, diag.Error, "translation-mismatch",
				[]string{"thirdCountries", `["US", "CH"]`, `["US"]`, "content/sections/general.en.md:7"}}},
		},
		{
			name:   "covers differ between translations",
			change: replace("content/sections/rights.de.md", `"complaint"]`, `"complaint", "access"]`),
			want: []want{{"content/sections/rights.de.md", 3, 1, diag.Error, "translation-mismatch",
				[]string{"covers", "content/sections/rights.en.md:3"}}},
		},
		{
			name:   "safeguards missing in a translation",
			change: replace(generDE, "safeguards = [\"scc\"]\n", ""),
			want: []want{{generDE, -1, -1, diag.Error, "translation-mismatch",
				[]string{"safeguards", "[]", `["scc"]`, "content/sections/general.en.md:8"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := validSite()
			tt.change(fsys)
			diags := run(t, fsys)
			for _, w := range tt.want {
				if !has(diags, w) {
					t.Errorf("missing %s at %s:%d:%d [%s] containing %q; got:\n%v", w.severity, w.file, w.line, w.col, w.rule, w.contains, diags)
				}
			}
		})
	}
}

func has(diags diag.List, w want) bool {
	for _, d := range diags {
		if d.File != w.file || d.Severity != w.severity || d.Rule != w.rule {
			continue
		}
		if w.line >= 0 && d.Line != w.line || w.col >= 0 && d.Col != w.col {
			continue
		}
		ok := true
		for _, c := range w.contains {
			ok = ok && strings.Contains(d.Message, c)
		}
		if ok {
			return true
		}
	}
	return false
}

func TestTranslationMissingOnlyForUsedSections(t *testing.T) {
	fsys := validSite()
	fsys["content/sections/conferencing/zoom.en.md"] = sectionFile("Zoom") // not in acme's uses
	for _, d := range run(t, fsys) {
		if d.Rule == "translation-missing" {
			t.Errorf("translation-missing for a section no page shows: %v", d)
		}
	}
}

func TestTranslationMissingIsNotAnError(t *testing.T) {
	fsys := validSite()
	delete(fsys, "content/sections/conferencing/teams.de.md")
	diags := run(t, fsys)
	if diags.HasErrors() {
		t.Errorf("a missing translation is an error, want a warning only:\n%v", diags)
	}
	if diags.Count(diag.Warning) != 1 {
		t.Errorf("want one warning, got:\n%v", diags)
	}
}

func TestSiteDefinedLegalBasis(t *testing.T) {
	fsys := validSite()
	both("general", `["gdpr-6-1-f"]`, `["gdpr-6-1-f", "gdpr-9-2-h"]`)(fsys)
	fsys["i18n/en.toml"] = &fstest.MapFile{Data: []byte("[legalBasis]\ngdpr-9-2-h = \"Art. 9(2)(h) GDPR\"\n")}
	fsys["i18n/de.toml"] = &fstest.MapFile{Data: []byte("[legalBasis]\ngdpr-9-2-h = \"Art. 9 Abs. 2 lit. h DSGVO\"\n")}
	if diags := run(t, fsys); len(diags) != 0 {
		t.Errorf("a legal basis defined in i18n/ was reported:\n%v", diags)
	}
}

// The loader already refuses "_" in ids, so uses = ["dir/_index"] reaches
// validate only through a model built in Go; validate must still explain it.
func TestUsesIndex(t *testing.T) {
	diags := runEdited(t, validSite(), func(s *site.Site) {
		e := s.Entity("acme")
		e.Source.Text = []byte(strings.Replace(string(e.Source.Text), `uses = ["conferencing/teams"]`, `uses = ["conferencing/teams", "conferencing/_index"]`, 1))
		e.Uses = append(e.Uses, "conferencing/_index")
	})
	w := want{"content/entities/acme.toml", 5, 31, diag.Error, "", []string{`"conferencing/_index"`, "intro", "conferencing/"}}
	if !has(diags, w) {
		t.Errorf("no error for uses naming a folder's _index; got:\n%v", diags)
	}
}

// TestNoFollowOnFindings checks that a file that failed to load, or a
// reference to a notice that does not exist, is not echoed by validate as
// findings about what the missing file would have provided: the loader (or
// validate, once) reports the cause, and nothing else is said.
func TestNoFollowOnFindings(t *testing.T) {
	const entity = "content/entities/acme.toml"
	for _, tc := range []struct {
		name   string
		change func(fstest.MapFS)
		want   []string // validate's findings, "file:line:col" each
	}{
		{"notice with an unknown key", replace("content/notices/website.toml", "title = ", "sectons = []\ntitle = "), nil},
		{"notice with a TOML syntax error", replace("content/notices/website.toml", `title = "Website"`, `title = "Website`), nil},
		{"unknown notice, once", replace(entity, `notices = ["website"]`, `notices = ["websit"]`), []string{entity + ":4:12"}},
		{"every section of a slot broken", func(m fstest.MapFS) {
			replace("content/sections/conferencing/teams.en.md", `title = "Teams"`, `title = "Teams`)(m)
			replace("content/sections/conferencing/teams.de.md", `title = "Teams"`, `titel = "Teams"`)(m)
		}, nil},
		{"site message file that defines a legal basis, broken", func(m fstest.MapFS) {
			both("general", `["gdpr-6-1-f"]`, `["gdpr-6-1-f", "own-1"]`)(m)
			m["i18n/en.toml"] = &fstest.MapFile{Data: []byte("[legalBasis]\nown-1 = \"Own\"\nbroken =\n")}
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := validSite()
			tc.change(fsys)
			s, loadDiags := site.Load(context.Background(), fsys)
			cat, catDiags := locale.Load(os.DirFS("../../i18n"), s.I18n, s.Config.Languages, s.Config.DefaultLanguage)
			if len(loadDiags)+len(catDiags) == 0 && tc.want == nil {
				t.Fatalf("the change broke nothing the loaders report")
			}
			var got []string
			diags := Site(s, cat)
			for _, d := range diags {
				got = append(got, fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Col))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("validate reported %q, want %q:\n%v\n(loaders reported:\n%v\n%v)", got, tc.want, diags, loadDiags, catDiags)
			}
		})
	}
}
