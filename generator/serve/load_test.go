package serve_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/generator"
	"github.com/noticegen/noticegen/generator/internal/testsite"
	"github.com/noticegen/noticegen/generator/serve"
)

// liveTag is the script serve injects into every page, with the build the
// page was served from; the overlay, when the site is broken, comes right
// before it.
var liveTag = regexp.MustCompile(`(?s)(?:<div id="noticegen-overlay"[^>]*>.*?</div>)?<script src="/__noticegen/live\.js" data-page="([^"]*)" data-version="([^"]*)" data-build="(\d+)"></script>`)

// loadStats are the figures of one load run; every field is updated
// atomically by the clients.
type loadStats struct {
	requests, ok, errors5xx, other, transport     atomic.Int64
	torn, headerMismatch, versionMismatch, behind atomic.Int64

	mu       sync.Mutex
	examples []string // the first few failures, for the test's output
}

func (s *loadStats) fail(counter *atomic.Int64, format string, args ...any) {
	counter.Add(1)
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.examples) < 5 {
		s.examples = append(s.examples, fmt.Sprintf(format, args...))
	}
}

// TestServeUnderLoad runs serve on a copy of the example site while 64
// clients request notice pages and the sources are rewritten 20 times a
// second, alternating valid content with a broken TOML entity and a
// template error; meanwhile 200 event-stream clients come and go and a few
// never read at all. It asserts what a person previewing must be able to
// rely on: no 5xx, no torn page (every page complete, and made by the build
// its X-Noticegen-Build header names), no goroutine left behind once Run
// returns, a heap that stays flat, and builds announced promptly to a
// reading page however stuck another one is. The main phase takes 30 s,
// 5 s with -short.
func TestServeUnderLoad(t *testing.T) {
	mainPhase := 30 * time.Second
	if testing.Short() {
		mainPhase = 5 * time.Second
	}
	warmUp := mainPhase / 10

	dir := testsite.Example(t)
	pages := noticePages(t, dir)
	entity := filepath.Join(dir, "content", "entities", "nordlicht-ag.toml")
	section := filepath.Join(dir, "content", "sections", "newsletter.en.md")
	goodEntity, err := os.ReadFile(entity)
	if err != nil {
		t.Fatal(err)
	}
	goodSection, err := os.ReadFile(section)
	if err != nil {
		t.Fatal(err)
	}
	brokenEntity := replaceIn(t, entity, `name = "Nordlicht AG"`, `name = "Nordlicht AG`) // unterminated string
	if bytes.Equal(brokenEntity, goodEntity) {
		t.Fatal("could not break the entity")
	}

	startGoroutines := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve.Run(ctx, serve.Options{Root: dir, Builtin: noticegen.Example, Port: 0, Log: io.Discard, Ready: func(u string) { ready <- u }})
	}()
	var base string
	select {
	case base = <-ready:
	case err := <-done:
		t.Fatalf("serve.Run ended early: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	base = strings.TrimSuffix(base, "/")
	transport := &http.Transport{MaxIdleConnsPerHost: 128, DisableCompression: true}
	client := &http.Client{Transport: transport, Timeout: 15 * time.Second}
	streams := &http.Client{Transport: transport} // no timeout: a stream stays open

	// A page that reads its event stream, for the whole test.
	fast := newEventReader(t, streams, base+"/__noticegen/events?page="+pages[0])
	// Pages that never read their stream: their socket fills up and the
	// server's writes to them block.
	var slow []net.Conn
	for range 4 {
		slow = append(slow, stuckEventClient(t, base))
	}

	stop := make(chan struct{})
	var wg sync.WaitGroup

	// The editor: 20 writes a second, valid and broken in turn. The
	// section is written in place (a build may read it half written),
	// the entity by rename, as editors do.
	var writes atomic.Int64
	wg.Go(func() {
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			ent, sec := goodEntity, fmt.Appendf(bytes.Clone(goodSection), "\nLoad marker %d.\n", i)
			switch i % 4 {
			case 1:
				ent = brokenEntity
			case 3:
				sec = append(bytes.Clone(goodSection), "\n{{ .Params.noSuchParam }}\n"...)
			}
			tmp := entity + ".tmp"
			if err := os.WriteFile(tmp, ent, 0o644); err != nil {
				t.Error(err)
				return
			}
			if err := os.Rename(tmp, entity); err != nil {
				t.Error(err)
				return
			}
			if err := os.WriteFile(section, sec, 0o644); err != nil {
				t.Error(err)
				return
			}
			writes.Add(1)
		}
	})

	// The readers.
	var st loadStats
	for c := range 64 {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(c), 7))
			var last int64
			for {
				select {
				case <-stop:
					return
				default:
				}
				last = getPage(client, base, pages[rng.IntN(len(pages))], last, &st)
			}
		})
	}

	// 200 pages open their event stream, read the first event and go,
	// while the builds go on.
	var sseOK, sseFailed atomic.Int64
	sseDone := make(chan struct{})
	go func() {
		defer close(sseDone)
		time.Sleep(warmUp)
		var sw sync.WaitGroup
		for w := range 4 {
			sw.Go(func() {
				for i := range 50 {
					if err := openAndLeave(streams, base, pages[(w*50+i)%len(pages)]); err != nil {
						sseFailed.Add(1)
						if sseFailed.Load() <= 3 {
							t.Logf("event client: %v", err)
						}
					} else {
						sseOK.Add(1)
					}
					time.Sleep(10 * time.Millisecond)
				}
			})
		}
		sw.Wait()
	}()

	// The heap, once a second after the warm-up.
	time.Sleep(warmUp)
	baseline := heapInUse(true)
	samples := []uint64{baseline}
	for deadline := time.Now().Add(mainPhase - warmUp); time.Now().Before(deadline); {
		time.Sleep(min(time.Second, time.Until(deadline)))
		samples = append(samples, heapInUse(time.Until(deadline) <= 0))
	}
	final := samples[len(samples)-1] // still under load, after a GC
	close(stop)
	wg.Wait()
	<-sseDone
	idle := heapInUse(true)

	// One more edit, once the builds of the last writes are out, with the
	// stuck pages still connected: a page that reads must hear of its
	// build within 2 s.
	fast.waitQuiet(300*time.Millisecond, 5*time.Second)
	before := fast.latest()
	edited := time.Now()
	saveByRename(t, entity, goodEntity)
	if err := os.WriteFile(section, append(bytes.Clone(goodSection), "\nThe final edit.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	heard, ok := fast.waitBeyond(before, 5*time.Second)
	latency := heard.Sub(edited)
	if !ok {
		t.Errorf("the reading page heard of no build within 5 s after an edit (last build it heard of: %d)", before)
	} else if latency > 2*time.Second {
		t.Errorf("the reading page heard of the next build %v after the edit; want within 2 s, however stuck the other pages are", latency)
	}
	gaps := fast.maxGap()

	// Shut down and count what is left.
	for _, c := range slow {
		c.Close()
	}
	fast.close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve.Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve.Run did not return within 10 s of its context ending")
	}
	transport.CloseIdleConnections()
	goroutines := runtime.NumGoroutine()
	for deadline := time.Now().Add(5 * time.Second); goroutines > startGoroutines+3 && time.Now().Before(deadline); goroutines = runtime.NumGoroutine() {
		time.Sleep(50 * time.Millisecond)
	}

	t.Logf("%v main phase: %d writes (valid, broken TOML, valid, template error in turn); %d requests: %d ok, %d 5xx, %d other status, %d transport errors",
		mainPhase, writes.Load(), st.requests.Load(), st.ok.Load(), st.errors5xx.Load(), st.other.Load(), st.transport.Load())
	t.Logf("torn pages %d (incomplete %d, header ≠ data-build %d, bytes ≠ their version %d, older build than the last response %d)",
		st.torn.Load()+st.headerMismatch.Load()+st.versionMismatch.Load()+st.behind.Load(), st.torn.Load(), st.headerMismatch.Load(), st.versionMismatch.Load(), st.behind.Load())
	t.Logf("event streams: %d builds heard by the reading page (longest wait between two %v), next build heard %v after the final edit; 200 short-lived clients: %d ok, %d failed; 4 clients never read",
		fast.count(), gaps.Round(time.Millisecond), latency.Round(time.Millisecond), sseOK.Load(), sseFailed.Load())
	t.Logf("heap in use: %.1f MB after warm-up and GC, %.1f MB at the end of the load and GC, %.1f MB once the clients stopped (samples, a second apart: %s)", mb(baseline), mb(final), mb(idle), mbList(samples))
	t.Logf("goroutines: %d before Run, %d after it returned", startGoroutines, goroutines)

	for _, e := range st.examples {
		t.Error(e)
	}
	if n := st.errors5xx.Load(); n > 0 {
		t.Errorf("%d responses were 5xx; want none", n)
	}
	if n := st.other.Load() + st.transport.Load(); n > 0 {
		t.Errorf("%d requests failed or had an unexpected status; want none", n)
	}
	if n := st.torn.Load() + st.headerMismatch.Load() + st.versionMismatch.Load() + st.behind.Load(); n > 0 {
		t.Errorf("%d torn pages; want none", n)
	}
	if st.ok.Load() == 0 || writes.Load() == 0 {
		t.Errorf("the load did not run: %d pages served, %d writes", st.ok.Load(), writes.Load())
	}
	if sseFailed.Load() > 0 || sseOK.Load() != 200 {
		t.Errorf("event clients: %d ok, %d failed; want all 200 ok", sseOK.Load(), sseFailed.Load())
	}
	if fast.count() < 2 {
		t.Errorf("the reading page heard of %d builds during %d writes; rebuilds were held up", fast.count(), writes.Load())
	}
	if limit := baseline + baseline/10 + 8<<20; final > limit {
		t.Errorf("heap in use grew from %.1f MB to %.1f MB under steady load; want at most %.1f MB (10%% + 8 MB)", mb(baseline), mb(final), mb(limit))
	}
	if goroutines > startGoroutines+3 {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines before Run, %d five seconds after it returned; want the same give or take 3:\n%s", startGoroutines, goroutines, buf[:runtime.Stack(buf, true)])
	}
}

// noticePages lists the URL paths of the example's pages.
func noticePages(t *testing.T, dir string) []string {
	res := generator.Build(context.Background(), os.DirFS(dir), generator.Options{Builtin: noticegen.Example})
	if res.Files == nil {
		t.Fatalf("the example does not build: %v", res.Diags)
	}
	var pages []string
	for name := range res.Files {
		if p, ok := strings.CutSuffix(name, "index.html"); ok {
			pages = append(pages, "/"+p)
		}
	}
	if len(pages) < 10 {
		t.Fatalf("only %d pages in the example", len(pages))
	}
	return pages
}

// getPage requests one page and checks it; it returns the build the page
// came from (or last, when there was none), so that the next request of
// the same client can check that builds never go backwards.
func getPage(client *http.Client, base, page string, last int64, st *loadStats) int64 {
	st.requests.Add(1)
	resp, err := client.Get(base + page)
	if err != nil {
		st.fail(&st.transport, "GET %s: %v", page, err)
		return last
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	switch {
	case err != nil:
		st.fail(&st.transport, "GET %s: reading the body: %v", page, err)
		return last
	case resp.StatusCode >= 500:
		st.fail(&st.errors5xx, "GET %s: %s: %.200s", page, resp.Status, body)
		return last
	case resp.StatusCode != http.StatusOK:
		st.fail(&st.other, "GET %s: %s", page, resp.Status)
		return last
	}
	st.ok.Add(1)
	header, err := strconv.ParseInt(resp.Header.Get("X-Noticegen-Build"), 10, 64)
	if err != nil {
		st.fail(&st.headerMismatch, "GET %s: X-Noticegen-Build %q is not a build number", page, resp.Header.Get("X-Noticegen-Build"))
		return last
	}
	tags := liveTag.FindAllSubmatchIndex(body, -1)
	trimmed := bytes.TrimRight(body, " \n")
	if len(tags) != 1 || !bytes.HasSuffix(trimmed, []byte("</html>")) || tags[0][1] > bytes.LastIndex(trimmed, []byte("</body>")) {
		st.fail(&st.torn, "GET %s: not one complete page with one live script before </body> (%d scripts, %d bytes, ends %q)", page, len(tags), len(body), body[max(0, len(body)-40):])
		return last
	}
	m := tags[0]
	version, build := string(body[m[4]:m[5]]), string(body[m[6]:m[7]])
	if build != strconv.FormatInt(header, 10) {
		st.fail(&st.headerMismatch, "GET %s: X-Noticegen-Build %d but data-build %s", page, header, build)
	}
	// The bytes around the injected tag are the page as built; serve's
	// version of a page is their FNV-64a, so a page mixed from two builds
	// would not match the version served with it.
	h := fnv.New64a()
	h.Write(body[:m[0]])
	h.Write(body[m[1]:])
	if got := strconv.FormatUint(h.Sum64(), 36); got != version {
		st.fail(&st.versionMismatch, "GET %s (build %d): the page's bytes hash to %s, but it was served as version %s", page, header, got, version)
	}
	if header < last {
		st.fail(&st.behind, "GET %s: build %d after this client had already been served build %d", page, header, last)
	}
	return max(header, last)
}

// openAndLeave opens an event stream, reads the first event and closes it.
func openAndLeave(client *http.Client, base, page string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/__noticegen/events?page="+page, nil)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %s", resp.Status)
	}
	ev, err := readEvent(bufio.NewReader(resp.Body))
	if err != nil {
		return err
	}
	if ev.Build <= 0 {
		return fmt.Errorf("first event names build %d", ev.Build)
	}
	return nil
}

type buildEvent struct {
	Build int64 `json:"build"`
}

// readEvent reads one "build" event of an event stream, skipping comments.
func readEvent(r *bufio.Reader) (buildEvent, error) {
	var ev buildEvent
	name, data := "", ""
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return ev, err
		}
		line = strings.TrimRight(line, "\r\n")
		switch {
		case line == "":
			if name == "build" {
				err := json.Unmarshal([]byte(data), &ev)
				return ev, err
			}
			name, data = "", ""
		case strings.HasPrefix(line, "event: "):
			name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = strings.TrimPrefix(line, "data: ")
		}
	}
}

// eventReader is a page that keeps its event stream open and reads it.
type eventReader struct {
	cancel context.CancelFunc
	done   chan struct{}

	mu     sync.Mutex
	builds []int64
	times  []time.Time
	signal chan struct{} // closed and replaced on every event
}

func newEventReader(t *testing.T, client *http.Client, url string) *eventReader {
	ctx, cancel := context.WithCancel(context.Background())
	e := &eventReader{cancel: cancel, done: make(chan struct{}), signal: make(chan struct{})}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("event stream: %v", err)
	}
	go func() {
		defer close(e.done)
		defer resp.Body.Close()
		r := bufio.NewReader(resp.Body)
		for {
			ev, err := readEvent(r)
			if err != nil {
				if ctx.Err() == nil && !errors.Is(err, io.EOF) {
					t.Errorf("event stream: %v", err)
				}
				return
			}
			e.mu.Lock()
			e.builds = append(e.builds, ev.Build)
			e.times = append(e.times, time.Now())
			close(e.signal)
			e.signal = make(chan struct{})
			e.mu.Unlock()
		}
	}()
	return e
}

func (e *eventReader) latest() int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.builds) == 0 {
		return 0
	}
	return e.builds[len(e.builds)-1]
}

func (e *eventReader) count() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.builds)
}

// waitBeyond waits until a build later than after is heard of and returns
// when it was.
func (e *eventReader) waitBeyond(after int64, limit time.Duration) (time.Time, bool) {
	timeout := time.After(limit)
	for {
		e.mu.Lock()
		n, sig := len(e.builds), e.signal
		for i := range n {
			if e.builds[i] > after {
				at := e.times[i]
				e.mu.Unlock()
				return at, true
			}
		}
		e.mu.Unlock()
		select {
		case <-sig:
		case <-timeout:
			return time.Now(), false
		}
	}
}

// waitQuiet waits until no event has come for quiet, or limit has passed.
func (e *eventReader) waitQuiet(quiet, limit time.Duration) {
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); {
		e.mu.Lock()
		sig := e.signal
		e.mu.Unlock()
		select {
		case <-sig:
		case <-time.After(quiet):
			return
		}
	}
}

// maxGap is the longest time between two events.
func (e *eventReader) maxGap() time.Duration {
	e.mu.Lock()
	defer e.mu.Unlock()
	var gap time.Duration
	for i := 1; i < len(e.times); i++ {
		gap = max(gap, e.times[i].Sub(e.times[i-1]))
	}
	return gap
}

func (e *eventReader) close() {
	e.cancel()
	<-e.done
}

// stuckEventClient opens an event stream with a tiny receive buffer and
// never reads from it. Its page parameter is long, and every event repeats
// it, so the socket fills after a few builds and the server's writes to it
// block, as for a browser tab that hangs.
func stuckEventClient(t *testing.T, base string) net.Conn {
	host := strings.TrimPrefix(base, "http://")
	c, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetReadBuffer(1024)
	}
	page := "/en/" + strings.Repeat("x", 60<<10)
	if _, err := fmt.Fprintf(c, "GET /__noticegen/events?page=%s HTTP/1.1\r\nHost: %s\r\n\r\n", page, host); err != nil {
		t.Fatal(err)
	}
	return c
}

// heapInUse returns the heap in use, after a garbage collection when gc is
// set.
func heapInUse(gc bool) uint64 {
	if gc {
		runtime.GC()
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }

func mbList(s []uint64) string {
	parts := make([]string, len(s))
	for i, b := range s {
		parts[i] = strconv.FormatFloat(mb(b), 'f', 1, 64)
	}
	return strings.Join(parts, " ")
}
