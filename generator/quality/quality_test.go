package quality

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/noticegen/noticegen/generator/internal/headless"
)

// TestHTMLIsValid runs the Nu HTML Checker over every page of every site in
// one JVM and fails on any error.
func TestHTMLIsValid(t *testing.T) {
	java := tool(t, "java")
	vnu := nodeModule(t, "vnu-jar/build/dist/vnu.jar")
	var dirs []string
	pages := 0
	for _, s := range sites(t) {
		dirs = append(dirs, s.dir)
		pages += len(s.pages())
	}
	// A page with a known error proves the checker really read the files:
	// an empty report from a checker that skipped everything would pass.
	canary := filepath.Join(t.TempDir(), "canary")
	if err := os.MkdirAll(canary, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(canary, "index.html"), []byte(`<!DOCTYPE html><html lang="en"><title>x</title><span><div>x</div></span>`), 0o644); err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, canary)
	args := append([]string{"-jar", vnu, "--errors-only", "--also-check-css", "--format", "json", "--skip-non-html"}, dirs...)
	cmd := exec.Command(java, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr // vnu writes its JSON report to stderr
	err := cmd.Run()
	var report struct {
		Messages []struct {
			Type, URL, Message string
			LastLine           int
		}
	}
	if jerr := json.Unmarshal(stderr.Bytes(), &report); jerr != nil {
		t.Fatalf("vnu: %v (%v)\n%s", err, jerr, stderr.String())
	}
	sawCanary := false
	errors := 0
	for _, m := range report.Messages {
		if strings.Contains(m.URL, "/canary/") {
			sawCanary = true
			continue
		}
		errors++
		t.Errorf("%s:%d: %s: %s", m.URL, m.LastLine, m.Type, m.Message)
	}
	if !sawCanary {
		t.Fatalf("the checker did not report the canary page's error; did it check anything?\n%s", stderr.String())
	}
	t.Logf("Nu HTML Checker: %d pages, %d errors", pages, errors)
}

// TestSitemapIsValid checks sitemap.xml against the sitemaps.org schema
// with xhtml:link alternates.
func TestSitemapIsValid(t *testing.T) {
	xmllint := tool(t, "xmllint")
	nodeModule(t, "sitemap/schema/sitemap.xsd")
	schema := filepath.Join(root, "testdata", "schema", "sitemap-alternates.xsd")
	for _, s := range sites(t) {
		out, err := exec.Command(xmllint, "--noout", "--schema", schema, filepath.Join(s.dir, "sitemap.xml")).CombinedOutput()
		if err != nil {
			t.Errorf("%s: sitemap.xml is not valid: %v\n%s", s.name, err, out)
		}
	}
}

// axeTags are the rule sets run: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// TestAccessibility runs axe-core on the language chooser, the overviews and
// every notice page, in light and dark colour schemes.
func TestAccessibility(t *testing.T) {
	axeSource, err := os.ReadFile(nodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := headless.Browser(t)
	tags, _ := json.Marshal(axeTags)
	run := fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: %s}}).then(r => r.violations.map(v =>
		v.id + " (" + v.impact + "): " + v.help + " at " + v.nodes.map(n => n.target.join(" ")).join(", ")))`, tags)
	audit := func(url string) []string {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady("body")); err != nil {
			t.Fatalf("%s: %v", url, err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](string(axeSource)+";true")); err != nil {
			t.Fatalf("injecting axe-core: %v", err)
		}
		found, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](run, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: axe.run: %v", url, err)
		}
		return found
	}
	// A page with a known violation proves axe really runs.
	if canary := audit(`data:text/html,<!DOCTYPE html><html lang="en"><title>x</title><main><img src="x.png"></main>`); len(canary) == 0 {
		t.Fatal("axe-core found nothing on a page with an image without alt text; is it running?")
	}
	checked, violations := 0, 0
	for _, s := range sites(t) {
		base := serveDir(t, s.dir)
		for _, scheme := range []string{"light", "dark"} {
			if err := chromedp.Do(ctx, emulateScheme(scheme)); err != nil {
				t.Fatal(err)
			}
			for _, p := range s.pages() {
				found := audit(base + strings.TrimSuffix(p, "index.html"))
				checked++
				violations += len(found)
				for _, v := range found {
					t.Errorf("%s %s (%s): %s", s.name, p, scheme, v)
				}
			}
		}
	}
	t.Logf("axe-core (%s): %d page views, %d violations", strings.Join(axeTags, ", "), checked, violations)
}

// emulateScheme sets prefers-color-scheme for the pages that follow.
func emulateScheme(scheme string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return chromedp.Void{}, err
	}
}

// TestLayeredReading checks the first layer of a notice on a 375 px phone:
// the at-a-glance table comes before the full sections, links to each of
// them, and the page itself does not scroll sideways.
func TestLayeredReading(t *testing.T) {
	s := sites(t)[0]
	ctx := headless.Browser(t)
	base := serveDir(t, s.dir)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 800)); err != nil {
		t.Fatal(err)
	}
	for _, p := range s.pages() {
		if strings.Count(p, "/") != 3 {
			continue // notice pages only: <lang>/<entity>/<notice>/index.html
		}
		url := base + strings.TrimSuffix(p, "index.html")
		if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady("body")); err != nil {
			t.Fatal(err)
		}
		res, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`(() => {
			const glance = document.getElementById("at-a-glance");
			const first = document.querySelector("section.notice-section");
			const links = glance ? [...glance.querySelectorAll("tbody a")].map(a => a.getAttribute("href")) : [];
			return {
				overflow: document.documentElement.scrollWidth - window.innerWidth,
				glanceFirst: !!glance && !!first && !!(glance.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING),
				broken: links.filter(h => !h.startsWith("#") || !document.getElementById(h.slice(1))),
				rows: links.length,
			};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if o := res["overflow"].(float64); o > 0 {
			t.Errorf("%s: the page scrolls sideways by %v px at 375 px", p, o)
		}
		if res["glanceFirst"] != true {
			t.Errorf("%s: the at-a-glance table does not come before the sections", p)
		}
		if b := res["broken"].([]any); len(b) > 0 {
			t.Errorf("%s: at-a-glance links lead nowhere: %v", p, b)
		}
		if res["rows"].(float64) == 0 {
			t.Errorf("%s: the at-a-glance table has no linked rows", p)
		}
	}
}

// TestPrintToPDF prints a notice as a reader's browser would and checks the
// PDF holds the controller block, the date and every section title.
func TestPrintToPDF(t *testing.T) {
	pdftotext := tool(t, "pdftotext")
	s := sites(t)[0]
	ctx := headless.Browser(t)
	base := serveDir(t, s.dir)
	for _, p := range []string{"en/nordlicht-ag/website/index.html", "de/nordlicht-digital/online-meetings/index.html"} {
		page := s.res.Pages[0]
		for _, cand := range s.res.Pages {
			if cand.Path()+"index.html" == p {
				page = cand
			}
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+strings.TrimSuffix(p, "index.html")), chromedp.WaitReady("body")); err != nil {
			t.Fatal(err)
		}
		pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
		if err != nil {
			t.Fatal(err)
		}
		name := strings.ReplaceAll(strings.TrimSuffix(p, "/index.html"), "/", "-") + ".pdf"
		artifact(t, name, pdf)
		text, err := exec.Command(pdftotext, "-layout", filepath.Join(root, "testdata", "artifacts", name), "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		flat := strings.Join(strings.Fields(string(text)), " ")
		want := []string{page.Entity.Name.Get(page.Lang, "en"), page.Entity.Email}
		for _, line := range strings.Split(page.Entity.Address.Get(page.Lang, "en"), "\n") {
			want = append(want, strings.TrimSpace(line))
		}
		if page.Entity.Website != "" {
			want = append(want, page.Entity.Website) // link URLs are printed
		}
		for _, part := range page.Parts {
			want = append(want, part.File.Meta.Title)
		}
		for _, w := range want {
			if !strings.Contains(flat, strings.Join(strings.Fields(w), " ")) {
				t.Errorf("%s: the PDF lacks %q", p, w)
			}
		}
		if strings.Contains(flat, "Skip to content") || strings.Contains(flat, "Zum Inhalt springen") {
			t.Errorf("%s: the PDF shows the skip link", p)
		}
	}
}

// TestScreenshots saves a notice page in en and de at phone and desktop
// width, in light and dark mode, for a person to look at.
func TestScreenshots(t *testing.T) {
	s := sites(t)[0]
	ctx := headless.Browser(t)
	base := serveDir(t, s.dir)
	for _, p := range []string{"en/nordlicht-ag/website/", "de/nordlicht-digital/online-meetings/", "en/", "de/"} {
		for _, width := range []int64{375, 1280} {
			for _, scheme := range []string{"light", "dark"} {
				if scheme == "dark" && width == 375 {
					continue
				}
				// The first screens of the page, as tall as a person looks
				// at in one go; full pages are too long to review.
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 1800), emulateScheme(scheme), chromedp.Navigate(base+p), chromedp.WaitReady("body")); err != nil {
					t.Fatal(err)
				}
				shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				name := fmt.Sprintf("%s-%d-%s.png", strings.Trim(strings.ReplaceAll(p, "/", "-"), "-"), width, scheme)
				artifact(t, name, shot)
			}
		}
	}
}
