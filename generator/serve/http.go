package serve

// The HTTP side of the preview: files from the latest snapshot, the live
// reload events, and the hub that tells open pages about a new build.

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

func urlPathOf(name string) string {
	return "/" + strings.TrimSuffix(name, "index.html")
}

// ServeHTTP serves the current snapshot.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r.Host) {
		http.Error(w, "noticegen serve: host "+strconv.Quote(r.Host)+" not allowed; add it with --allowed-hosts", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	snap := s.current.Load()
	w.Header().Set("X-Noticegen-Build", strconv.FormatInt(snap.id, 10))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.URL.Path != eventsPath {
		_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(pageWriteTimeout))
	}
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r, snap)
		return
	case scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, liveScript)
		return
	}
	name, ok := fileName(r.URL.Path)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	b, found := snap.files[name]
	if !found && !strings.HasSuffix(name, "index.html") {
		if _, dir := snap.files[name+"/index.html"]; dir {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
	}
	if !found {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		page := []byte("<!DOCTYPE html><html lang=en><title>Not found</title><body><h1>Not found</h1><p>No page at " +
			htmlEscape(r.URL.Path) + " in the current build. <a href=\"/\">Start page</a></p></body></html>")
		w.Write(inject(page, urlPathOf(name), "", snap.id, snap.errs))
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if path.Ext(name) == ".jsonld" {
		// A notice's twin; Go's own table lacks the type, and a system's
		// mime.types may too.
		ctype = "application/ld+json"
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	if strings.HasSuffix(name, ".html") {
		u := urlPathOf(name)
		b = inject(b, u, snap.versions[u], snap.id, snap.errs)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(b)
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// fileName maps a URL path to a file of the build. Anything that is not a
// clean path below the root is refused rather than cleaned up, so encoded
// tricks (%2e%2e, backslashes, NUL) never reach a lookup.
func fileName(urlPath string) (string, bool) {
	if !strings.HasPrefix(urlPath, "/") || strings.ContainsAny(urlPath, "\\\x00") {
		return "", false
	}
	p := strings.TrimPrefix(urlPath, "/")
	dir := p == "" || strings.HasSuffix(p, "/")
	p = strings.TrimSuffix(p, "/")
	if p != "" && (!fs.ValidPath(p) || path.Clean(p) != p) {
		return "", false
	}
	if dir {
		if p == "" {
			return "index.html", true
		}
		return p + "/index.html", true
	}
	return p, true
}

// hostAllowed guards against DNS rebinding: a page on another site that
// resolves its own name to 127.0.0.1 must not read the preview.
func (s *server) hostAllowed(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.Trim(strings.ToLower(h), "[]")
	switch h {
	case "localhost", "127.0.0.1", "::1", strings.Trim(strings.ToLower(s.host), "[]"):
		return true
	}
	return slices.ContainsFunc(s.opts.AllowedHosts, func(a string) bool { return strings.EqualFold(a, h) })
}

// buildMessage is what an open page hears after every build.
type buildMessage struct {
	Build    int64             `json:"build"`
	Versions map[string]string `json:"versions"`
	Errors   []errorMessage    `json:"errors"`
}

type errorMessage struct {
	Pos     string `json:"pos"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}

func message(snap *snapshot, page string) []byte {
	m := buildMessage{Build: snap.id, Versions: map[string]string{}, Errors: []errorMessage{}}
	if page != "" {
		m.Versions[page] = snap.versions[page]
	}
	for _, d := range snap.errs {
		d = d.Escaped() // as the overlay and the terminal show it
		m.Errors = append(m.Errors, errorMessage{Pos: d.Pos(), File: d.File, Line: d.Line, Message: d.Message})
	}
	b, _ := json.Marshal(m)
	return b
}

// events streams build messages (Server-Sent Events) to one open page,
// starting with the current state, so a page that loaded just before a
// rebuild still learns that it is out of date.
func (s *server) events(w http.ResponseWriter, r *http.Request, snap *snapshot) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{})
	_ = rc.SetReadDeadline(time.Time{})
	page := r.URL.Query().Get("page")
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	c := s.hub.add(page)
	defer s.hub.remove(c)
	send := func(snap *snapshot) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
		_, err := fmt.Fprintf(w, "event: build\ndata: %s\n\n", message(snap, page))
		fl.Flush()
		return err == nil
	}
	if !send(snap) {
		return
	}
	keepAlive := time.NewTicker(30 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case next := <-c:
			if !send(next) {
				return
			}
		case <-keepAlive.C:
			if _, err := io.WriteString(w, ": keep-alive\n\n"); err != nil {
				return
			}
			fl.Flush()
		}
	}
}

// hub fans build snapshots out to open pages. Each page has a mailbox of
// one: a slow page skips to the newest build instead of holding up others.
type hub struct {
	mu      sync.Mutex
	clients map[chan *snapshot]string // → the file of the page it shows
}

// add registers an open page; page is its URL path as the live script
// sends it ("/en/acme/website/").
func (h *hub) add(page string) chan *snapshot {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.clients == nil {
		h.clients = map[chan *snapshot]string{}
	}
	c := make(chan *snapshot, 1)
	name, _ := fileName(page)
	h.clients[c] = name
	return c
}

// pages returns the files of the pages open now.
func (h *hub) pages() map[string]bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	open := map[string]bool{}
	for _, name := range h.clients {
		if name != "" {
			open[name] = true
		}
	}
	return open
}

func (h *hub) remove(c chan *snapshot) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, c)
}

func (h *hub) broadcast(snap *snapshot) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case <-c: // drop the stale one
		default:
		}
		c <- snap
	}
}
