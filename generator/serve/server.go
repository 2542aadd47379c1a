// Package serve is noticegen's live preview: it builds the site into
// memory, serves it on a loopback address, watches the sources, rebuilds
// what an edit touched and tells open pages to reload — or shows the
// errors over the last good version while an edit is broken.
package serve

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/noticegen/noticegen/generator"
	"github.com/noticegen/noticegen/generator/diag"
)

// Options configure a preview server.
type Options struct {
	Root         string   // the site folder
	Builtin      fs.FS    // embedded layouts/ and i18n/
	Bind         string   // address to listen on; default 127.0.0.1
	Port         int      // 0 picks a free port
	AllowedHosts []string // Host header values accepted besides the bind address and localhost
	Log          io.Writer
	// Quiet is how long the sources must be still before a rebuild starts;
	// editors write a file in several steps, all within a few milliseconds.
	// Default 10 ms: a burst is one rebuild, and the page still follows
	// an edit within about 100 ms.
	Quiet time.Duration
	// Poll, when set, is the polling interval and forces polling instead of
	// file notifications (for tests and unusual file systems).
	Poll time.Duration
	// Ready is called with the server's URL once it accepts connections.
	Ready func(url string)
}

// snapshot is one complete build as served. Requests read one snapshot
// through an atomic pointer, so no response mixes two builds.
type snapshot struct {
	id       int64
	files    map[string][]byte // the last good build
	versions map[string]string // URL path of each page → hash of its bytes
	errs     diag.List         // errors of the latest build; empty when it succeeded
}

type server struct {
	opts    Options
	cache   *generator.Cache
	current atomic.Pointer[snapshot]
	hub     hub
	host    string   // bind address as a Host header shows it
	warned  []string // warnings already shown, touched by rebuild only
}

// ErrPortInUse is returned when the requested port is taken.
var ErrPortInUse = errors.New("port in use")

// Run builds the site, serves it and rebuilds on every change until ctx
// ends. A first build that fails still starts the server, which shows the
// errors until they are fixed.
func Run(ctx context.Context, opts Options) error {
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	if opts.Quiet == 0 {
		opts.Quiet = 10 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	s := &server{opts: opts, cache: generator.NewCache(), host: opts.Bind}
	s.current.Store(&snapshot{files: map[string][]byte{}, versions: map[string]string{}})

	addr := net.JoinHostPort(opts.Bind, strconv.Itoa(opts.Port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("%w: %s is already used by another program; choose another with --port, or --port 0 for any free port", ErrPortInUse, addr)
		}
		return fmt.Errorf("cannot listen on %s: %w", addr, err)
	}
	url := "http://" + ln.Addr().String() + "/"

	// Watch before the first build: a file saved while it runs, or just
	// after the server is ready, must still cause a rebuild.
	w := watch(ctx, opts.Root, opts.Poll)
	s.rebuild(ctx, nil)

	baseCtx, cancelBase := context.WithCancel(ctx)
	defer cancelBase()
	srv := httpServer(s, baseCtx)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	fmt.Fprintf(opts.Log, "Serving %s at %s (Ctrl-C to stop)\n", opts.Root, url)
	if opts.Ready != nil {
		opts.Ready(url)
	}

	done := make(chan struct{})
	go func() { s.loop(ctx, w); close(done) }()

	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	cancelBase() // ends event streams, which never go idle by themselves
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdownCtx)
	<-done
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(opts.Log, "Stopped.")
	return nil
}

// httpServer bounds what a client can hold: the time to send a request
// and the size of its headers, and idle connections. There is no server
// write timeout, since event streams stay open; ServeHTTP sets a deadline
// on each response instead, and events() on each event.
func httpServer(h http.Handler, base context.Context) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return base },
	}
}

// pageWriteTimeout bounds how long a client may take to read one response
// (not an event stream): one that stops reading a page cannot hold its
// connection and goroutine forever.
const pageWriteTimeout = 30 * time.Second

// loop feeds file events to the coalescer and runs one rebuild at a time.
func (s *server) loop(ctx context.Context, w *watcher) {
	co := &Coalescer{Quiet: s.opts.Quiet}
	built := make(chan struct{})
	var timer *time.Timer
	for {
		var fire <-chan time.Time
		if due, ok := co.Next(); ok {
			if timer == nil {
				timer = time.NewTimer(time.Until(due))
			} else {
				timer.Reset(time.Until(due))
			}
			fire = timer.C
		}
		select {
		case <-ctx.Done():
			return
		case note := <-w.notes:
			fmt.Fprintln(s.opts.Log, note)
		case p := <-w.events:
			co.Event(p, time.Now())
		case <-fire:
			if batch := co.Start(time.Now()); batch != nil {
				go func() {
					s.rebuild(ctx, batch)
					select {
					case built <- struct{}{}:
					case <-ctx.Done():
					}
				}()
			}
		case <-built:
			co.Done()
		}
	}
}

// rebuild builds the site, swaps the new snapshot in and tells the pages.
// The terminal gets one line per rebuild, the errors of a failed one, and
// warnings only when they are new, so a long session stays readable.
//
// When pages are open in a browser, a first build renders only those and
// is served at once; the full build follows. On a site of ten thousand
// pages an edit to a section that every page shows re-renders thousands of
// pages, and the editor looking at one of them should not wait for all.
func (s *server) rebuild(ctx context.Context, changed []string) {
	start := time.Now()
	prev := s.current.Load()
	first := ""
	if open := s.hub.pages(); len(open) > 0 && len(prev.files) > 0 {
		res := s.build(ctx, func(name string) bool { return open[name] })
		if ctx.Err() != nil {
			return
		}
		if res.Diags.HasErrors() {
			// The full build would fail the same way; show it now.
			s.publish(prev, res, changed, start, "")
			return
		}
		files := maps.Clone(prev.files)
		maps.Copy(files, res.Files)
		// Only the open pages changed: mapping the URL of every other page
		// to its version again took milliseconds of each edit on a large site.
		vs := maps.Clone(prev.versions)
		maps.Copy(vs, versions(res.Files, prev.files, prev.versions))
		next := &snapshot{id: prev.id + 1, files: files, versions: vs}
		s.current.Store(next)
		s.hub.broadcast(next)
		first = fmt.Sprintf("%d open %s in %d ms, ", len(res.Files), plural(len(res.Files), "page", "pages"), time.Since(start).Milliseconds())
		prev = next
	}
	res := s.build(ctx, nil)
	if ctx.Err() != nil {
		return
	}
	s.publish(prev, res, changed, start, first)
}

// build runs the pipeline on the site folder, for the files only accepts
// (all when nil).
func (s *server) build(ctx context.Context, only func(string) bool) *generator.Result {
	// Read through an os.Root, as build does, so that no link in the site
	// makes the preview read a file outside it.
	root, err := os.OpenRoot(s.opts.Root)
	if err != nil {
		res := &generator.Result{}
		res.Diags.Errorf(s.opts.Root, 0, 0, "cannot open the site folder: %v", err)
		return res
	}
	defer root.Close()
	return generator.Build(ctx, root.FS(), generator.Options{Builtin: s.opts.Builtin, Cache: s.cache, Minify: ptr(false), Only: only})
}

// publish swaps in the snapshot of a finished build, or keeps serving prev
// with the build's errors over every page, and writes the terminal line.
func (s *server) publish(prev *snapshot, res *generator.Result, changed []string, start time.Time, first string) {
	elapsed := time.Since(start).Milliseconds()
	next := &snapshot{id: prev.id + 1, files: prev.files, versions: prev.versions}
	seen := map[string]bool{}
	for _, w := range s.warned {
		seen[w] = true
	}
	s.warned = s.warned[:0]
	for _, d := range res.Diags {
		switch {
		case d.Severity == diag.Error:
			next.errs = append(next.errs, d)
			fmt.Fprintln(s.opts.Log, d.String())
		case !seen[d.String()]:
			fmt.Fprintln(s.opts.Log, d.String())
		}
		if d.Severity == diag.Warning {
			s.warned = append(s.warned, d.String())
		}
	}
	stamp := time.Now().Format("15:04:05")
	if len(next.errs) > 0 {
		fmt.Fprintf(s.opts.Log, "%s %s → build failed (%d %s) in %d ms; still serving the last good version\n",
			stamp, describe(s.opts.Root, changed), len(next.errs), plural(len(next.errs), "error", "errors"), elapsed)
	} else {
		next.versions = versions(res.Files, prev.files, prev.versions)
		next.files = res.Files
		fmt.Fprintf(s.opts.Log, "%s %s → %s%d %s re-rendered in %d ms\n",
			stamp, describe(s.opts.Root, changed), first, res.Stats.Rendered, plural(res.Stats.Rendered, "page", "pages"), elapsed)
	}
	s.current.Store(next)
	s.hub.broadcast(next)
}

// describe names what changed for the terminal. Paths that are gone and
// have no extension are tools' temporary files (sed -i, some editors) and
// are left out of the line; they still caused the rebuild, harmlessly.
func describe(root string, changed []string) string {
	if changed == nil {
		return "initial build"
	}
	var shown []string
	for _, p := range changed {
		if path.Ext(p) == "" {
			if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(p))); err != nil {
				continue
			}
		}
		shown = append(shown, p)
	}
	switch {
	case len(shown) == 0:
		return "files changed"
	case len(shown) > 3:
		return strings.Join(shown[:3], ", ") + fmt.Sprintf(" and %d more", len(shown)-3)
	}
	return strings.Join(shown, ", ")
}

func ptr[T any](v T) *T { return &v }

// versions hashes every page, keyed by the URL path a browser shows. A page
// the build took from its cache is the very same byte slice as before, so
// its version is carried over instead of hashed again: on a large site an
// edit then costs a hash of the few pages it changed.
func versions(files, prevFiles map[string][]byte, prev map[string]string) map[string]string {
	v := make(map[string]string, len(files))
	for name, b := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		u := urlPathOf(name)
		if old, ok := prevFiles[name]; ok && sameSlice(old, b) && prev[u] != "" {
			v[u] = prev[u]
			continue
		}
		h := fnv.New64a()
		h.Write(b)
		v[u] = strconv.FormatUint(h.Sum64(), 36)
	}
	return v
}

func sameSlice(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// urlPathOf maps "en/x/index.html" to "/en/x/".
