package quality

import (
	"encoding/xml"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// atomDoc is what the feed test reads of a feed: enough to follow every
// link and to check the two rules of RFC 4287 that its RELAX NG schema
// states only in Schematron.
type atomDoc struct {
	Author  *struct{ Name string } `xml:"author"`
	Links   []atomLink             `xml:"link"`
	Entries []struct {
		ID     string                 `xml:"id"`
		Title  string                 `xml:"title"`
		Author *struct{ Name string } `xml:"author"`
		Links  []atomLink             `xml:"link"`
	} `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
}

// feedLink is a page's head link to its language's feed.
var feedLink = regexp.MustCompile(`<link rel="?alternate"? type="?application/atom\+xml"? href="?([^" >]+)`)

// TestFeedIsValid checks every <lang>/feed.xml against the RELAX NG
// schema of RFC 4287 through xmllint, and that each entry's links lead
// to a page and an anchor the build wrote. A site with released versions
// has a feed in every language, linked from every page in force; a site
// without has neither.
func TestFeedIsValid(t *testing.T) {
	xmllint := tool(t, "xmllint")
	schema := filepath.Join(root, "testdata", "schema", "atom.rng")
	// The schema must refuse a feed without an id: a schema that accepts
	// everything would pass every feed.
	bad := filepath.Join(t.TempDir(), "bad.xml")
	if err := os.WriteFile(bad, []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><updated>2026-01-01T00:00:00Z</updated></feed>`), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(xmllint, "--noout", "--relaxng", schema, bad).CombinedOutput(); err == nil {
		t.Fatalf("the Atom schema accepted a feed without an id:\n%s", out)
	}
	sawFeed := false
	for _, s := range sites(t) {
		feeds, _ := filepath.Glob(filepath.Join(s.dir, "*", "feed.xml"))
		_, versioned := os.Stat(filepath.Join(root, strings.TrimPrefix(s.name, "example"), "content", "versions"))
		if (versioned == nil) != (len(feeds) > 0) {
			t.Errorf("%s: %d feeds, and content/versions exists: %v; expected a feed per language exactly when the site has released versions", s.name, len(feeds), versioned == nil)
		}
		for _, p := range s.pages() {
			if strings.Contains(p, "/versions/") {
				continue // an archived page is as it was published, perhaps before the first feed
			}
			b, err := os.ReadFile(filepath.Join(s.dir, p))
			if err != nil {
				t.Fatal(err)
			}
			m := feedLink.FindSubmatch(b)
			switch {
			case len(feeds) == 0 && m != nil:
				t.Errorf("%s %s links to a feed, but the site has none", s.name, p)
			case len(feeds) > 0 && m == nil:
				t.Errorf("%s %s has no head link to its feed", s.name, p)
			case m != nil:
				if _, err := os.Stat(filepath.Join(s.dir, path.Dir(p), string(m[1]))); err != nil {
					t.Errorf("%s %s: its feed link %s leads nowhere", s.name, p, m[1])
				}
			}
		}
		for _, f := range feeds {
			sawFeed = true
			rel, _ := filepath.Rel(s.dir, f)
			if out, err := exec.Command(xmllint, "--noout", "--relaxng", schema, f).CombinedOutput(); err != nil {
				t.Errorf("%s: %s is not valid Atom 1.0: %v\n%s", s.name, rel, err, out)
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var doc atomDoc
			if err := xml.Unmarshal(b, &doc); err != nil {
				t.Fatalf("%s: %s: %v", s.name, rel, err)
			}
			var base string
			for _, l := range doc.Links {
				if l.Rel == "self" {
					base = strings.TrimSuffix(l.Href, filepath.ToSlash(rel))
				}
			}
			if base == "" {
				t.Fatalf("%s: %s has no rel=self link", s.name, rel)
			}
			for _, e := range doc.Entries {
				if doc.Author == nil && e.Author == nil {
					t.Errorf("%s: %s: entry %s has no author, nor has the feed", s.name, rel, e.ID)
				}
				alternate := false
				for _, l := range e.Links {
					alternate = alternate || l.Rel == "alternate"
					checkTarget(t, s.dir, base, l.Href, s.name+": "+rel+": entry "+e.Title)
				}
				if !alternate {
					t.Errorf("%s: %s: entry %s has no rel=alternate link", s.name, rel, e.ID)
				}
			}
		}
	}
	if !sawFeed {
		t.Fatal("no site has a feed; the example and testdata/versions have released versions")
	}
}

// checkTarget fails unless href, under base, is a page in dir and its
// fragment, if any, an id on that page.
func checkTarget(t *testing.T, dir, base, href, where string) {
	t.Helper()
	if !strings.HasPrefix(href, base) {
		t.Errorf("%s: link %s is not under the site's address %s", where, href, base)
		return
	}
	u, err := url.Parse(strings.TrimPrefix(href, base))
	if err != nil {
		t.Errorf("%s: link %s: %v", where, href, err)
		return
	}
	file := filepath.Join(dir, filepath.FromSlash(u.Path))
	if strings.HasSuffix(u.Path, "/") || u.Path == "" {
		file = filepath.Join(file, "index.html")
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Errorf("%s: link %s leads to no page the build wrote", where, href)
		return
	}
	if u.Fragment != "" && !regexp.MustCompile(`\sid="?`+regexp.QuoteMeta(u.Fragment)+`[" >]`).Match(b) {
		t.Errorf("%s: link %s: the page has no element with id %q", where, href, u.Fragment)
	}
}
