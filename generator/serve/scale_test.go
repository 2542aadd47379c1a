package serve_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/noticegen/noticegen/bench/synth"
	"github.com/noticegen/noticegen/generator/internal/testsite"
)

// BenchmarkEditToServed10k measures what a legal editor waits for on a
// large group's site: from saving one section file of the 10,000-page
// synthetic site (1,000 entities × 5 notices × 2 languages) to serve
// answering with the page that shows the edit. The page is open the way a
// browser has it open (its live script's event stream connected), and it
// is polled over loopback HTTP, so no browser time is included
// (BenchmarkEditToReload measures that on the example site).
//
// "hosting" edits a provider section that a share of the entities use;
// "rights" edits the section on every English page of the site (5,000
// pages to render again), the worst case of a one-file edit. Besides the
// open page (median-ms/edit), it reports when a page nobody has open shows
// the edit too (full-ms/edit): the end of the full rebuild.
//
//	go test ./generator/serve -run '^$' -bench EditToServed10k -benchtime 10x
func BenchmarkEditToServed10k(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "site")
	if err := synth.Write(dir, synth.Options{Entities: 1000, Notices: 5, Languages: 2, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	url, _ := startServer(b, dir)
	for _, tc := range []struct{ name, file string }{
		{"hosting", "hosting/hetzner.en.md"},
		{"rights", "rights.en.md"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			users := entitiesUsing(b, dir, strings.TrimSuffix(tc.file, ".en.md"))
			page := "en/" + users[0] + "/website/"
			other := url + "en/" + users[len(users)-1] + "/website/"
			openPage(b, url, page)
			file := filepath.Join(dir, "content", "sections", filepath.FromSlash(tc.file))
			orig, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { os.WriteFile(file, orig, 0o644) })
			// One edit before timing: the rebuild after the previous
			// case restored its file must not count against this one.
			saveByRename(b, file, append(bytes.Clone(orig), []byte("\nWarm-up edit.\n")...))
			waitForText(b, other, "Warm-up edit.")
			var took, full []time.Duration
			for b.Loop() {
				marker := fmt.Sprintf("Edit number %d of %s reached the page.", len(took)+1, tc.name)
				start := time.Now()
				saveByRename(b, file, append(bytes.Clone(orig), []byte("\n"+marker+"\n")...))
				waitForText(b, url+page, marker)
				took = append(took, time.Since(start))
				waitForText(b, other, marker)
				full = append(full, time.Since(start))
			}
			slices.Sort(took)
			slices.Sort(full)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms/edit")
			b.ReportMetric(float64(took[len(took)-1].Microseconds())/1000, "max-ms/edit")
			b.ReportMetric(float64(full[len(full)/2].Microseconds())/1000, "full-ms/edit")
		})
	}
}

// openPage connects to serve's event stream for page (a path below the
// root, "en/acme/website/") as the page's live script does, until the
// benchmark or test ends.
func openPage(tb testing.TB, url, page string) {
	tb.Helper()
	resp, err := http.Get(url + "__noticegen/events?page=/" + page)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { resp.Body.Close() })
	// The first event arrives once the page is registered as open.
	if _, err := bufio.NewReader(resp.Body).ReadString('\n'); err != nil {
		tb.Fatal(err)
	}
}

// entitiesUsing returns the synthetic entities whose pages show section
// id, in order: every entity for a section outside slots.
func entitiesUsing(tb testing.TB, dir, id string) []string {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "content", "entities", "*.toml"))
	slices.Sort(files)
	var ids []string
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil && (!strings.Contains(id, "/") || bytes.Contains(b, []byte(`"`+id+`"`))) {
			ids = append(ids, strings.TrimSuffix(filepath.Base(f), ".toml"))
		}
	}
	if len(ids) < 2 {
		tb.Fatalf("fewer than two entities use %s", id)
	}
	return ids
}

// waitForText polls url until its body contains text.
func waitForText(tb testing.TB, url, text string) {
	tb.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if bytes.Contains(body, []byte(text)) {
				return
			}
		}
		time.Sleep(time.Millisecond)
	}
	tb.Fatalf("%s did not show %q within 30 s", url, text)
}

// TestOpenPagesFirst: with a page open (its live script's event stream
// connected), an edit is served on that page by a first build of the open
// pages alone, then the full build follows; the terminal line says both.
func TestOpenPagesFirst(t *testing.T) {
	dir := testsite.Example(t)
	url, log := startServer(t, dir)
	page := "en/nordlicht-ag/website/"
	openPage(t, url, page)
	file := filepath.Join(dir, "content", "sections", "rights.en.md")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	marker := "This sentence was added while the page was open."
	saveByRename(t, file, append(orig, []byte("\n"+marker+"\n")...))
	waitForText(t, url+page, marker)
	line := regexp.MustCompile(`rights\.en\.md → 1 open page in \d+ ms, \d+ pages re-rendered in \d+ ms`)
	deadline := time.Now().Add(10 * time.Second)
	for !line.MatchString(log.String()) && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if !line.MatchString(log.String()) {
		t.Errorf("terminal does not report the open page first:\n%s", log.String())
	}
	// The full build reached the pages nobody had open.
	waitForText(t, url+"en/nordlicht-digital/website/", marker)
}
