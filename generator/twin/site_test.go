package twin_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/generator"
	"github.com/noticegen/noticegen/generator/activity"
	"github.com/noticegen/noticegen/generator/internal/headless"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/twin"
)

const root = "../.."

// builtSite is one site built in memory, not minified, so that the pages'
// text can be searched as html/template escaped it.
type builtSite struct {
	name string
	res  *generator.Result
}

// sites builds the example, the sites made for layout and typography
// (testdata/sites) and the passing sites of every check rule: among them
// legal bases of a site's own, providers in third countries and every
// safeguard.
func sites(t *testing.T) []builtSite {
	t.Helper()
	dirs := []string{root}
	made, _ := filepath.Glob(filepath.Join(root, "testdata", "sites", "*"))
	passing, _ := filepath.Glob(filepath.Join(root, "testdata", "check", "*", "pass"))
	dirs = append(append(dirs, made...), passing...)
	off := false
	var out []builtSite
	for _, dir := range dirs {
		res := generator.Build(context.Background(), os.DirFS(dir), generator.Options{Builtin: noticegen.Example, Minify: &off})
		if res.Diags.HasErrors() {
			t.Fatalf("%s does not build:\n%v", dir, res.Diags)
		}
		if len(res.Pages) == 0 {
			t.Fatalf("%s has no notice pages", dir)
		}
		out = append(out, builtSite{name: dir, res: res})
	}
	return out
}

// terms reads the DPV 2.2 term list.
func terms(t *testing.T) map[string]bool {
	t.Helper()
	f, err := os.Open(filepath.Join(root, "testdata", "dpv", "terms-2.2.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		iri, _, _ := strings.Cut(sc.Text(), "\t")
		out[iri] = true
	}
	return out
}

// TestExpand writes every notice.jsonld of every test site to a folder,
// expands them all with jsonld.js (testdata/expand.mjs: no fetch allowed,
// safe mode), and checks every IRI of the expanded documents: predicates
// and types must be DPV 2.2 terms or the allowed schema.org, Dublin Core
// and XSD ones, and an @id in one of those namespaces must be a term too.
func TestExpand(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		headless.Missing(t, "node")
	}
	if _, err := os.Stat(filepath.Join(root, "node_modules", "jsonld", "package.json")); err != nil {
		headless.Missing(t, "node_modules/jsonld")
	}
	dir := t.TempDir()
	var files []string
	baseOf := map[string]string{} // file → its site's baseURL
	for i, site := range sites(t) {
		res := site.res
		for _, p := range res.Pages {
			b, ok := res.Files[twin.Path(p)]
			if !ok {
				t.Fatalf("%s: no %s in the build", site.name, twin.Path(p))
			}
			name := filepath.Join(dir, fmt.Sprintf("%02d_%s", i, strings.ReplaceAll(twin.Path(p), "/", "_")))
			if err := os.WriteFile(name, b, 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, name)
			baseOf[name] = res.Site.Config.BaseURL
		}
	}
	cmd := exec.Command(node, append([]string{"testdata/expand.mjs"}, files...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("expand.mjs: %v\n%s", err, stderr.String())
	}
	var expanded map[string]any
	if err := json.Unmarshal(out, &expanded); err != nil {
		t.Fatal(err)
	}
	if len(expanded) != len(files) {
		t.Fatalf("%d documents expanded, want %d", len(expanded), len(files))
	}
	known := terms(t)
	vocabNS := []string{twin.NSDPV, twin.NSEUGDPR, twin.NSLoc, "https://w3id.org/dpv/", twin.NSSchema, twin.NSDCT, twin.NSXSD}
	isTerm := func(iri string) bool { return known[iri] || slices.Contains(twin.Allowed(), iri) }
	inVocab := func(iri string) bool {
		return slices.ContainsFunc(vocabNS, func(ns string) bool { return strings.HasPrefix(iri, ns) })
	}
	seen := map[string]bool{}
	for _, f := range files {
		doc, base := expanded[f], baseOf[f]
		if n, ok := doc.([]any); !ok || len(n) != 1 {
			t.Errorf("%s: expands to %d top nodes, want 1 (the notice)", f, len(n))
		}
		walk(doc, func(kind, iri string) {
			seen[kind] = true
			switch {
			case kind == "@id" && strings.HasPrefix(iri, base):
				if strings.HasPrefix(iri, base+twin.LegalBasisPath) {
					seen["site's own"] = true
				}
			case kind == "@id" && !inVocab(iri):
				if !strings.HasPrefix(iri, "https://") && !strings.HasPrefix(iri, "http://") {
					t.Errorf("%s: @id %q is not an absolute URL", filepath.Base(f), iri)
				}
			case !isTerm(iri):
				t.Errorf("%s: %s %s is neither a DPV 2.2 term nor an allowed schema.org, Dublin Core or XSD term", filepath.Base(f), kind, iri)
			}
			if kind != "@id" && !inVocab(iri) {
				t.Errorf("%s: %s %s is no vocabulary term", filepath.Base(f), kind, iri)
			}
		})
	}
	for _, kind := range []string{"predicate", "@type", "@id", "site's own"} {
		if !seen[kind] {
			t.Errorf("no %s found in the expanded documents: the walk does not see what it checks", kind)
		}
	}
}

// walk calls fn for every predicate, @type value and @id in an expanded
// JSON-LD document.
func walk(v any, fn func(kind, iri string)) {
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			walk(x, fn)
		}
	case map[string]any:
		for k, x := range v {
			switch k {
			case "@id":
				fn("@id", x.(string))
			case "@type":
				switch ty := x.(type) {
				case string:
					fn("@type", ty)
				case []any:
					for _, s := range ty {
						fn("@type", s.(string))
					}
				}
			case "@value", "@language":
			default:
				if !strings.HasPrefix(k, "@") {
					fn("predicate", k)
				}
				walk(x, fn)
			}
		}
	}
}

// TestPageAgrees reads each notice page of every test site and its twin and
// checks that they state the same purposes, legal bases, third countries
// and retention: each handling against the activity facts of its section,
// and the texts against the page's HTML.
func TestPageAgrees(t *testing.T) {
	for _, site := range sites(t) {
		t.Run(filepath.Base(filepath.Dir(site.name))+"/"+filepath.Base(site.name), func(t *testing.T) { agrees(t, site.res) })
	}
}

func agrees(t *testing.T, res *generator.Result) {
	s := res.Site
	builtin, err := fs.Sub(noticegen.Example, "i18n")
	if err != nil {
		t.Fatal(err)
	}
	cat, diags := locale.Load(builtin, s.I18n, s.Config.Languages, s.Config.DefaultLanguage)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	act := activity.NewResolver(s)
	esc := template.HTMLEscapeString
	for _, p := range res.Pages {
		var n twin.Notice
		if err := json.Unmarshal(res.Files[twin.Path(p)], &n); err != nil {
			t.Fatalf("%s: %v", twin.Path(p), err)
		}
		page := string(res.Files[p.Path()+"index.html"])
		where := p.Path()
		if !strings.Contains(page, `<link rel="alternate" type="application/ld+json" href="`+twin.FileName+`">`) {
			t.Errorf("%s: the head does not link its twin", where)
		}
		if !strings.Contains(page, `<link rel="canonical" href="`+esc(n.ID)+`">`) {
			t.Errorf("%s: the twin's @id %s is not the page's canonical URL", where, n.ID)
		}
		if p.Updated().IsZero() {
			if n.Modified != nil {
				t.Errorf("%s: dct:modified %v, but the page has no last-updated date", where, n.Modified)
			}
		} else if n.Modified == nil || !strings.Contains(page, `<time datetime="`+n.Modified.Value+`"`) {
			t.Errorf("%s: dct:modified %v is not the page's last-updated date", where, n.Modified)
		}
		i := 0
		for _, part := range p.Parts {
			a := act.Of(part, p.Lang)
			if !a.Processing {
				continue
			}
			if i >= len(n.Handlings) {
				t.Errorf("%s: section %s has no handling in the twin", where, a.ID)
				break
			}
			h := n.Handlings[i]
			i++
			if !strings.HasSuffix(h.ID, "#"+strings.ReplaceAll(a.ID, "/", "_")) || !strings.Contains(page, `id="`+h.ID[strings.Index(h.ID, "#")+1:]+`"`) {
				t.Errorf("%s: handling %s is not section %s of the page", where, h.ID, a.ID)
			}
			var purposes []string
			for _, d := range h.Purposes {
				purposes = append(purposes, d.Description.Value)
			}
			if !slices.Equal(purposes, a.Purposes) {
				t.Errorf("%s#%s: purposes %q, page's facts %q", where, a.ID, purposes, a.Purposes)
			}
			for _, pu := range purposes {
				if !strings.Contains(page, esc(pu)) {
					t.Errorf("%s#%s: purpose %q is not on the page", where, a.ID, pu)
				}
			}
			var want, got []string
			for _, code := range a.LegalBases {
				iri := twin.LegalBasisTerm(code)
				if iri == "" {
					iri = s.Config.BaseURL + twin.LegalBasisPath + code
				}
				if !slices.Contains(want, iri) {
					want = append(want, iri)
				}
				label, _ := cat.LegalBasis(p.Lang, code)
				if !strings.Contains(page, esc(label)) {
					t.Errorf("%s#%s: legal basis %q is not on the page", where, a.ID, label)
				}
			}
			for _, lb := range h.LegalBases {
				got = append(got, lb.ID)
				if lb.Name != nil && !strings.Contains(page, esc(lb.Name.Value)) {
					t.Errorf("%s#%s: legal basis label %q is not on the page", where, a.ID, lb.Name.Value)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s#%s: legal bases %q, want %q from %q", where, a.ID, got, want, a.LegalBases)
			}
			got = nil
			for _, c := range h.ThirdCountries {
				code := strings.TrimPrefix(c.ID, "loc:")
				got = append(got, code)
				if name := locale.CountryName(p.Lang, code); !strings.Contains(page, esc(name)) {
					t.Errorf("%s#%s: third country %s (%s) is not on the page", where, a.ID, code, name)
				}
			}
			if !slices.Equal(got, a.ThirdCountries) {
				t.Errorf("%s#%s: third countries %q, page's facts %q", where, a.ID, got, a.ThirdCountries)
			}
			switch {
			case a.Retention == "" && h.Storage != nil:
				t.Errorf("%s#%s: the twin states a retention the page does not", where, a.ID)
			case a.Retention != "" && (h.Storage == nil || h.Storage.Description.Value != a.Retention):
				t.Errorf("%s#%s: retention %+v, page's facts %q", where, a.ID, h.Storage, a.Retention)
			case a.Retention != "" && !strings.Contains(page, esc(a.Retention)):
				t.Errorf("%s#%s: retention %q is not on the page", where, a.ID, a.Retention)
			}
		}
		if i != len(n.Handlings) {
			t.Errorf("%s: the twin has %d handlings, the page %d processing sections", where, len(n.Handlings), i)
		}
	}
}

// TestWriteIsMarshal wants every twin a build wrote, its handlings
// encoded once per part and shared, to be the bytes of the page's Notice
// encoded whole by a maker of its own.
func TestWriteIsMarshal(t *testing.T) {
	for _, site := range sites(t) {
		s := site.res.Site
		builtin, _ := fs.Sub(noticegen.Example, "i18n")
		cat, _ := locale.Load(builtin, s.I18n, s.Config.Languages, s.Config.DefaultLanguage)
		handlings := 0
		for _, p := range site.res.Pages {
			n, _ := twin.New(s, cat).Notice(p)
			want, err := twin.Marshal(n)
			if err != nil {
				t.Fatal(err)
			}
			if got := site.res.Files[twin.Path(p)]; !bytes.Equal(got, want) {
				t.Errorf("%s %s:\nwrote   %s\nencoded %s", site.name, twin.Path(p), got, want)
			}
			handlings += len(n.Handlings)
		}
		if handlings == 0 {
			t.Errorf("%s: no page has a handling", site.name)
		}
	}
}
