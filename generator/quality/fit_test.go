package quality

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/chromedp"

	"github.com/noticegen/noticegen/generator/internal/headless"
)

// fitWidths are the viewport widths every page must fit, from a small
// phone to a wide desktop screen.
var fitWidths = []int64{320, 375, 768, 1280, 1920}

// fitScript lists what does not fit the viewport: the page scrolling
// sideways, an element inside main whose content is wider than its box
// (overflowing, or cut by overflow: hidden or text-overflow), and a glance
// or cookie table cell reaching outside the viewport. Visually hidden
// elements (a 1 px box, such as a table's header row kept for screen
// readers on narrow screens) are left out: they clip on purpose.
const fitScript = `(() => {
	const out = [];
	const doc = document.documentElement;
	if (doc.scrollWidth > window.innerWidth) out.push("the page scrolls sideways by " + (doc.scrollWidth - window.innerWidth) + " px");
	const main = document.querySelector("main");
	const hidden = el => {
		for (let e = el; e && e !== main; e = e.parentElement) {
			const r = e.getBoundingClientRect();
			if (r.width <= 1 && r.height <= 1) return true;
		}
		return false;
	};
	const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
	for (const el of main.querySelectorAll("*")) {
		if (el.clientWidth === 0 || hidden(el)) continue;
		if (el.scrollWidth > el.clientWidth + 1) out.push(name(el) + " overflows its box: " + el.scrollWidth + " > " + el.clientWidth + " px: " + JSON.stringify(el.textContent.trim().slice(0, 60)));
	}
	for (const cell of main.querySelectorAll(".table-scroll th, .table-scroll td")) {
		if (hidden(cell)) continue;
		const r = cell.getBoundingClientRect();
		if (r.left < -1 || r.right > window.innerWidth + 1) out.push("table cell outside the viewport (" + Math.round(r.left) + " to " + Math.round(r.right) + " px): " + JSON.stringify(cell.textContent.trim().slice(0, 60)));
	}
	return out;
})()`

// TestFitsEveryWidth loads every page of the example site and of the check
// test sites once and lays it out at each width of fitWidths, in light and
// dark mode: nothing may be cut off or need sideways scrolling.
func TestFitsEveryWidth(t *testing.T) {
	ctx := headless.Browser(t)
	views, problems := 0, 0
	for _, s := range sites(t) {
		base := serveDir(t, s.dir)
		for _, p := range s.pages() {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+strings.TrimSuffix(p, "index.html")), chromedp.WaitReady("body")); err != nil {
				t.Fatalf("%s %s: %v", s.name, p, err)
			}
			for _, scheme := range []string{"light", "dark"} {
				for _, w := range fitWidths {
					if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 900), emulateScheme(scheme)); err != nil {
						t.Fatal(err)
					}
					found, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fitScript))
					if err != nil {
						t.Fatalf("%s %s: %v", s.name, p, err)
					}
					views++
					problems += len(found)
					for _, f := range found {
						t.Errorf("%s %s at %d px (%s): %s", s.name, p, w, scheme, f)
					}
				}
			}
		}
	}
	t.Logf("%d page views at %v px, light and dark: %d problems", views, fitWidths, problems)
}

// TestFitCanary proves fitScript finds what it looks for: a page with a
// table wider than a phone and a word cut by overflow: hidden.
func TestFitCanary(t *testing.T) {
	ctx := headless.Browser(t)
	page := `data:text/html,<!DOCTYPE html><html lang="en"><title>x</title><main><div class="table-scroll"><table><tr><td style="white-space:nowrap">` +
		strings.Repeat("wide ", 200) + `</td></tr></table></div><p style="width:3rem;overflow:hidden">Datenschutzgrundverordnung</p></main>`
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 800), chromedp.Navigate(page), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	found, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fitScript))
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(found, "\n")
	for _, want := range []string{"scrolls sideways", "p overflows its box", "table cell outside the viewport"} {
		if !strings.Contains(joined, want) {
			t.Errorf("fitScript did not report %q on the canary page; it found:\n%s", want, joined)
		}
	}
}

// TestAccessibleAtEveryWidth runs axe-core at every width of fitWidths,
// light and dark, where the layout changes: tables become labelled blocks
// on narrow screens. To keep it quick it samples each site: its first
// notice page of every language and its default language's overview.
func TestAccessibleAtEveryWidth(t *testing.T) {
	axeSource, err := os.ReadFile(nodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := headless.Browser(t)
	tags, _ := json.Marshal(axeTags)
	run := fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: %s}}).then(r => r.violations.map(v =>
		v.id + " (" + v.impact + "): " + v.help + " at " + v.nodes.map(n => n.target.join(" ")).join(", ")))`, tags)
	views := 0
	for _, s := range sites(t) {
		base := serveDir(t, s.dir)
		for _, p := range axeSample(s.pages()) {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+strings.TrimSuffix(p, "index.html")), chromedp.WaitReady("body")); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](string(axeSource)+";true")); err != nil {
				t.Fatalf("injecting axe-core: %v", err)
			}
			for _, scheme := range []string{"light", "dark"} {
				for _, w := range fitWidths {
					if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 900), emulateScheme(scheme)); err != nil {
						t.Fatal(err)
					}
					found, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](run, chromedp.EvalAwaitPromise))
					if err != nil {
						t.Fatalf("%s %s: axe.run: %v", s.name, p, err)
					}
					views++
					for _, v := range found {
						t.Errorf("%s %s at %d px (%s): %s", s.name, p, w, scheme, v)
					}
				}
			}
		}
	}
	t.Logf("axe-core: %d page views at %v px, light and dark", views, fitWidths)
}

// axeSample picks from a site's pages (slash paths such as
// "en/acme/website/index.html") the first notice page of each language
// and the first overview ("en/index.html").
func axeSample(pages []string) []string {
	var out []string
	seen := map[string]bool{}
	overview := false
	for _, p := range pages {
		switch lang, _, _ := strings.Cut(p, "/"); {
		case strings.Count(p, "/") == 3 && !seen[lang]:
			seen[lang] = true
			out = append(out, p)
		case strings.Count(p, "/") == 1 && !overview:
			overview = true
			out = append(out, p)
		}
	}
	return out
}

// TestPrintStartsWithTheNotice prints notices to PDF (A4) and checks that
// page 1 holds the notice's title and the first row of its glance table,
// and that every glance cell's text is somewhere in the PDF: no column is
// lost on paper. The cookie-consent site has a long legal-basis label.
func TestPrintStartsWithTheNotice(t *testing.T) {
	pdftotext := tool(t, "pdftotext")
	all := sites(t)
	ctx := headless.Browser(t)
	cases := []struct {
		site builtSite
		page string
	}{
		{all[0], "en/nordlicht-ag/website/"},
		{all[0], "de/nordlicht-digital/online-meetings/"},
	}
	for _, s := range all {
		if s.name == "testdata/check/cookie-consent/pass" {
			cases = append(cases, struct {
				site builtSite
				page string
			}{s, "de/acme/website/"})
		}
	}
	for _, c := range cases {
		base := serveDir(t, c.site.dir)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+c.page), chromedp.WaitReady("body")); err != nil {
			t.Fatal(err)
		}
		facts, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`({
			title: document.querySelector("h1").textContent,
			first: (document.querySelector("#at-a-glance tbody th") || {textContent: ""}).textContent,
			cells: [...document.querySelectorAll("#at-a-glance tbody th, #at-a-glance tbody td")].map(c => c.textContent),
		})`))
		if err != nil {
			t.Fatal(err)
		}
		pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
		if err != nil {
			t.Fatal(err)
		}
		name := strings.ReplaceAll(c.site.name+"-"+strings.Trim(c.page, "/"), "/", "-") + "-print.pdf"
		artifact(t, name, pdf)
		file := filepath.Join(root, "testdata", "artifacts", name)
		first, err := exec.Command(pdftotext, "-f", "1", "-l", "1", "-raw", file, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		whole, err := exec.Command(pdftotext, "-raw", file, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		page1, text := squeeze(string(first)), squeeze(string(whole))
		for _, w := range []string{facts["title"].(string), facts["first"].(string)} {
			if w == "" || !strings.Contains(page1, squeeze(w)) {
				t.Errorf("%s: page 1 of the PDF lacks %q:\n%s", c.page, w, first)
			}
		}
		for _, cell := range facts["cells"].([]any) {
			if w := squeeze(cell.(string)); !strings.Contains(text, w) {
				t.Errorf("%s: the PDF lacks the glance cell %q", c.page, cell)
			}
		}
	}
}

// squeeze drops all white space and soft hyphens, so that text matches
// however the PDF broke its lines.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00ad' {
			return -1
		}
		return r
	}, s)
}
