package serve_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/generator/internal/headless"
	"github.com/noticegen/noticegen/generator/internal/testsite"
	"github.com/noticegen/noticegen/generator/serve"
)

// saveByRename writes a file the way many editors do: to a temporary file
// beside it, then renamed over the original.
func saveByRename(tb testing.TB, path string, data []byte) {
	tb.Helper()
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
}

func replaceIn(tb testing.TB, path, old, new string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		tb.Fatalf("%s does not contain %q", path, old)
	}
	return bytes.Replace(b, []byte(old), []byte(new), 1)
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServer runs serve on a free loopback port until the test ends.
func startServer(tb testing.TB, dir string) (url string, log *syncBuffer) {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	log = &syncBuffer{}
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve.Run(ctx, serve.Options{Root: dir, Builtin: noticegen.Example, Port: 0, Log: log, Ready: func(u string) { ready <- u }})
	}()
	tb.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			tb.Errorf("serve.Run: %v", err)
		}
	})
	select {
	case url = <-ready:
	case err := <-done:
		tb.Fatalf("serve.Run ended early: %v", err)
	case <-time.After(2 * time.Minute): // the first build of a 10,000-page site takes seconds
		tb.Fatal("serve did not start")
	}
	return url, log
}

// waitJS evaluates a JavaScript condition in the page until it is true.
// Evaluation errors while the page reloads are expected and retried.
func waitJS(tb testing.TB, ctx context.Context, what, cond string) {
	tb.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(2 * time.Millisecond)
	}
	tb.Fatalf("waiting for %s (%s): timed out (last error: %v)", what, cond, last)
}

func TestLivePreviewInBrowser(t *testing.T) {
	dir := testsite.Example(t)
	url, log := startServer(t, dir)
	ctx := headless.Browser(t)
	page := url + "en/nordlicht-ag/website/"
	if err := chromedp.Do(ctx, chromedp.Navigate(page), chromedp.WaitReady("#main")); err != nil {
		t.Fatal(err)
	}
	// Wait until the event stream is connected, then scroll down, so the
	// reload below must restore the position.
	waitJS(t, ctx, "live script", `document.documentElement.hasAttribute("data-noticegen-build")`)
	y, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.scrollTo(0, 1500); window.scrollY`))
	if err != nil || y < 1000 {
		t.Fatalf("could not scroll the page: y=%v err=%v", y, err)
	}

	t.Log("edit a section: the page shows the new text by itself")
	newsletter := filepath.Join(dir, "content", "sections", "newsletter.en.md")
	original, _ := os.ReadFile(newsletter)
	saveByRename(t, newsletter, append(bytes.Clone(original), []byte("\nThis sentence was added while the page was open.\n")...))
	waitJS(t, ctx, "edited text", `document.body.innerText.includes("This sentence was added while the page was open.")`)
	after, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.scrollY`))
	if err != nil {
		t.Fatal(err)
	}
	if after < 1000 {
		t.Errorf("scroll position after reload: %v, want it kept near 1500", after)
	}

	t.Log("break an entity: the overlay names the file and line")
	entity := filepath.Join(dir, "content", "entities", "nordlicht-ag.toml")
	good, _ := os.ReadFile(entity)
	saveByRename(t, entity, append(bytes.Clone(good), []byte("\nbroken = \n")...))
	waitJS(t, ctx, "overlay", `(document.getElementById("noticegen-overlay")||{innerText:""}).innerText.includes("content/entities/nordlicht-ag.toml:")`)
	overlay, err := chromedp.Run(ctx, chromedp.Text("#noticegen-overlay"))
	if err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	wantLine := fmt.Sprintf("content/entities/nordlicht-ag.toml:%d", bytes.Count(good, []byte("\n"))+2)
	if !strings.Contains(overlay, wantLine) {
		t.Errorf("overlay %q does not name %s", overlay, wantLine)
	}
	artifacts := filepath.Join("..", "..", "testdata", "artifacts")
	if err := os.MkdirAll(artifacts, 0o755); err == nil {
		_ = os.WriteFile(filepath.Join(artifacts, "serve-overlay.png"), shot, 0o644)
	}

	t.Log("fix it: the overlay goes away by itself")
	saveByRename(t, entity, good)
	waitJS(t, ctx, "overlay gone", `document.getElementById("noticegen-overlay") === null`)

	t.Log("a new section folder with a new section appears")
	extra := filepath.Join(dir, "content", "sections", "extra")
	if err := os.Mkdir(extra, 0o755); err != nil {
		t.Fatal(err)
	}
	saveByRename(t, filepath.Join(extra, "whistleblowing.en.md"), []byte("+++\ntitle = \"Reporting channel\"\n+++\nOur reporting channel is described here.\n"))
	notice := filepath.Join(dir, "content", "notices", "website.toml")
	saveByRename(t, notice, replaceIn(t, notice, `"rights"`, `"extra/*", "rights"`))
	saveByRename(t, entity, replaceIn(t, entity, `uses = [`, `uses = ["extra/whistleblowing", `))
	waitJS(t, ctx, "new section", `document.getElementById("extra_whistleblowing") !== null`)

	if t.Failed() {
		t.Logf("serve's log:\n%s", log.String())
	}
}

// BenchmarkEditToReload measures what an editor waits for: from saving a
// section file (by rename, as editors do) to the open page in Chromium
// showing the new text. Run: go test ./generator/serve -run '^$' -bench EditToReload -benchtime 20x
func BenchmarkEditToReload(b *testing.B) {
	dir := testsite.Example(b)
	url, _ := startServer(b, dir)
	ctx := headless.Browser(b)
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"en/nordlicht-ag/website/"), chromedp.WaitReady("#main")); err != nil {
		b.Fatal(err)
	}
	waitJS(b, ctx, "live script", `document.documentElement.hasAttribute("data-noticegen-build")`)
	file := filepath.Join(dir, "content", "sections", "newsletter.en.md")
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	var took []time.Duration
	for b.Loop() {
		marker := fmt.Sprintf("Edit number %d reached the page.", len(took)+1)
		start := time.Now()
		saveByRename(b, file, append(bytes.Clone(orig), []byte("\n"+marker+"\n")...))
		waitJS(b, ctx, "edit "+marker, fmt.Sprintf(`document.body.innerText.includes(%q)`, marker))
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms/edit")
}
