package generator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/generator"
	"github.com/noticegen/noticegen/generator/diag"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// buildExample builds the example site at the repository root.
func buildExample(t *testing.T, opts generator.Options) *generator.Result {
	t.Helper()
	opts.Builtin = noticegen.Example
	res := generator.Build(context.Background(), os.DirFS(".."), opts)
	if res.Diags.HasErrors() {
		t.Fatalf("example site has errors:\n%v", res.Diags)
	}
	return res
}

func TestExampleIsDeterministic(t *testing.T) {
	a := buildExample(t, generator.Options{Workers: 1})
	b := buildExample(t, generator.Options{Workers: 8})
	if len(a.Files) != len(b.Files) {
		t.Fatalf("builds wrote %d and %d files", len(a.Files), len(b.Files))
	}
	for name, data := range a.Files {
		if !bytes.Equal(data, b.Files[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func TestExampleWarnsOnlyAboutTheDeliberateFallback(t *testing.T) {
	res := buildExample(t, generator.Options{})
	var got []string
	for _, d := range res.Diags {
		got = append(got, d.String())
	}
	want := []string{`content/sections/conferencing/webex.en.md:1:1: warning: section "conferencing/webex" has no de translation (content/sections/conferencing/webex.de.md); de pages show the en text, marked as not yet translated [translation-missing]`}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.Diags.Count(diag.Error) != 0 {
		t.Errorf("errors in the example site")
	}
}

// page is what the checks below read from one built HTML page.
type page struct {
	lang       string
	canonical  string
	alternates map[string]string // hreflang → href
	h1         int
	ids        []string
	scripts    int
	sectionsLn map[string]string // <section id> → its lang attribute
}

func parsePage(t *testing.T, name string, b []byte) page {
	t.Helper()
	p := page{alternates: map[string]string{}, sectionsLn: map[string]string{}}
	lx := html.NewLexer(parse.NewInputBytes(b))
	var tag string
	attrs := map[string]string{}
	flush := func() {
		switch tag {
		case "html":
			p.lang = attrs["lang"]
		case "link":
			switch attrs["rel"] {
			case "canonical":
				p.canonical = attrs["href"]
			case "alternate":
				p.alternates[attrs["hreflang"]] = attrs["href"]
			}
		case "h1":
			p.h1++
		case "script":
			p.scripts++
		case "section":
			p.sectionsLn[attrs["id"]] = attrs["lang"]
		}
		if id, ok := attrs["id"]; ok {
			p.ids = append(p.ids, id)
		}
		tag = ""
		clear(attrs)
	}
	for {
		tt, data := lx.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return p
		case html.StartTagToken:
			flush()
			tag = strings.ToLower(string(lx.Text()))
		case html.AttributeToken:
			v := string(lx.AttrVal())
			attrs[strings.ToLower(string(lx.Text()))] = strings.Trim(v, `"'`)
		case html.StartTagCloseToken, html.StartTagVoidToken:
			flush()
		case html.TextToken:
			if bytes.Contains(bytes.ToLower(data), []byte("javascript:")) {
				t.Errorf("%s: text mentions javascript:", name)
			}
		}
	}
}

func TestExamplePages(t *testing.T) {
	res := buildExample(t, generator.Options{})
	base := res.Site.Config.BaseURL
	langs := res.Site.Config.Languages
	notices := 0
	for name, data := range res.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		p := parsePage(t, name, data)
		dir := strings.TrimSuffix(name, "index.html")
		wantLang := strings.SplitN(dir, "/", 2)[0]
		if dir == "" {
			wantLang = res.Site.Config.DefaultLanguage
		}
		if p.lang != wantLang {
			t.Errorf("%s: <html lang=%q>, want %q", name, p.lang, wantLang)
		}
		if p.canonical != base+dir {
			t.Errorf("%s: canonical %q, want %q", name, p.canonical, base+dir)
		}
		if p.scripts != 0 {
			t.Errorf("%s: has %d <script> elements; built pages must work without JavaScript", name, p.scripts)
		}
		if p.h1 != 1 {
			t.Errorf("%s: has %d <h1>, want exactly one", name, p.h1)
		}
		seen := map[string]bool{}
		for _, id := range p.ids {
			if seen[id] {
				t.Errorf("%s: id %q is used twice", name, id)
			}
			seen[id] = true
		}
		if _, ok := p.alternates["x-default"]; !ok {
			t.Errorf("%s: no hreflang x-default alternate", name)
		}
		if strings.Count(dir, "/") == 3 { // <lang>/<entity>/<notice>/
			notices++
			rest := dir[len(wantLang)+1:]
			for _, l := range langs {
				if got := p.alternates[l]; got != base+l+"/"+rest {
					t.Errorf("%s: hreflang %s → %q, want %q", name, l, got, base+l+"/"+rest)
				}
			}
			for _, id := range []string{"controller", "data-protection-officer", "at-a-glance"} {
				if !seen[id] {
					t.Errorf("%s: no element with id %q", name, id)
				}
			}
		}
	}
	if want := len(res.Pages); notices != want {
		t.Errorf("checked %d notice pages, composed %d", notices, want)
	}
}

func TestExampleFallbackIsMarked(t *testing.T) {
	res := buildExample(t, generator.Options{})
	de := string(res.Files["de/nordlicht-digital/online-meetings/index.html"])
	p := parsePage(t, "de", []byte(de))
	if got := p.sectionsLn["conferencing_webex"]; got != "en" {
		t.Errorf(`webex section on a de page has lang=%q, want "en"`, got)
	}
	if !strings.Contains(de, "Dieser Abschnitt ist noch nicht übersetzt und wird auf Englisch angezeigt.") {
		t.Errorf("de page lacks the localized fallback note")
	}
	if en := string(res.Files["en/nordlicht-digital/online-meetings/index.html"]); strings.Contains(en, "fallback-note") {
		t.Errorf("en page has a fallback note, but nothing on it is a fallback")
	}
}

func TestExampleLabelsAndDates(t *testing.T) {
	res := buildExample(t, generator.Options{})
	for _, c := range []struct {
		file string
		want []string
	}{
		{"en/nordlicht-ag/website/index.html", []string{"Art. 6(1)(f) GDPR", "United States", "Last updated: November 23, 2026", `hreflang="de"`}},
		{"de/nordlicht-ag/website/index.html", []string{"Art. 6 Abs. 1 lit. f DSGVO", "Vereinigte Staaten", "Stand: 23. November 2026", ">Deutsch<", ">English<"}},
		{"de/nordlicht-ag/applicants/index.html", []string{"§ 26 BDSG"}},
	} {
		page := string(res.Files[c.file])
		for _, w := range c.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: missing %q", c.file, w)
			}
		}
	}
}

// TestGolden compares a few unminified pages and their twins with testdata/golden. After a
// reviewed change, rewrite them with: go test ./generator -run Golden -update
func TestGolden(t *testing.T) {
	off := false
	res := buildExample(t, generator.Options{Minify: &off})
	for _, name := range []string{
		"index.html",
		"en/index.html",
		"en/nordlicht-ag/website/index.html",
		"de/nordlicht-digital/online-meetings/index.html",
		"en/nordlicht-ag/website/notice.jsonld",
		"de/nordlicht-digital/online-meetings/notice.jsonld",
		"sitemap.xml",
	} {
		got := res.Files[name]
		if strings.HasSuffix(name, ".jsonld") {
			// The twin is compact JSON; its golden is indented, so that a
			// change to it reads as a diff of the changed facts.
			var b bytes.Buffer
			if err := json.Indent(&b, got, "", "  "); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			got = b.Bytes()
		}
		compareGolden(t, "example", name, got, "Golden")
	}
}

var lineSplit = regexp.MustCompile("\r?\n")

func firstDiff(want, got []byte) string {
	w, g := lineSplit.Split(string(want), -1), lineSplit.Split(string(got), -1)
	for i := range max(len(w), len(g)) {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, a, b)
		}
	}
	return ""
}

// compareGolden compares got with testdata/golden/<dir>/<name>, or
// rewrites that file under -update; run names the -run pattern that
// updates it.
func compareGolden(t *testing.T, dir, name string, got []byte, run string) {
	t.Helper()
	golden := filepath.Join("..", "testdata", "golden", dir, filepath.FromSlash(name))
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s; run go test ./generator -run %s -update and review the diff\n%s", name, golden, run, firstDiff(want, got))
	}
}
