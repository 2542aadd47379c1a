package serve

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/noticegen/noticegen/generator/diag"
)

func TestFileName(t *testing.T) {
	tests := []struct {
		url  string
		want string
		ok   bool
	}{
		{"/", "index.html", true},
		{"/en/", "en/index.html", true},
		{"/en/a/b/", "en/a/b/index.html", true},
		{"/assets/style.css", "assets/style.css", true},
		{"/en", "en", true},
		{"/../site.toml", "", false},
		{"/en/../../x", "", false},
		{"/en//x", "", false},
		{"/./x", "", false},
		{`/en\..\x`, "", false},
		{"/x\x00", "", false},
		{"relative", "", false},
	}
	for _, tt := range tests {
		got, ok := fileName(tt.url)
		if got != tt.want || ok != tt.ok {
			t.Errorf("fileName(%q) = %q, %v; want %q, %v", tt.url, got, ok, tt.want, tt.ok)
		}
	}
}

func testServer() *server {
	s := &server{opts: Options{AllowedHosts: []string{"preview.internal"}}, host: "127.0.0.1"}
	s.current.Store(&snapshot{id: 7, files: map[string][]byte{
		"index.html":           []byte("<!DOCTYPE html><html><body><p>root</p></body></html>"),
		"en/index.html":        []byte("<!DOCTYPE html><html><body><p>en</p></body></html>"),
		"assets/site.css":      []byte("body{}"),
		"en/a/n/notice.jsonld": []byte(`{"@id": "x"}`),
	}, versions: map[string]string{"/": "v1", "/en/": "v2"}})
	return s
}

func TestServeHTTP(t *testing.T) {
	tests := []struct {
		name, method, url, host string
		code                    int
		body                    string
		header                  map[string]string
	}{
		{name: "page with live script", url: "/en/", code: 200, body: `<script src="/__noticegen/live.js" data-page="/en/" data-version="v2" data-build="7"></script></body>`,
			header: map[string]string{"X-Noticegen-Build": "7", "Content-Type": "text/html; charset=utf-8"}},
		{name: "asset untouched", url: "/assets/site.css", code: 200, body: "body{}", header: map[string]string{"Content-Type": "text/css; charset=utf-8"}},
		{name: "twin as JSON-LD, untouched", url: "/en/a/n/notice.jsonld", code: 200, body: `{"@id": "x"}`, header: map[string]string{"Content-Type": "application/ld+json"}},
		{name: "folder without slash redirects", url: "/en", code: 301},
		{name: "unknown page", url: "/fr/", code: 404, body: "No page at /fr/"},
		{name: "traversal", url: "/%2e%2e/site.toml", code: 400},
		{name: "foreign host (DNS rebinding)", url: "/", host: "attacker.example", code: 403},
		{name: "localhost with port", url: "/", host: "localhost:1313", code: 200},
		{name: "IPv6 loopback", url: "/", host: "[::1]:1313", code: 200},
		{name: "allowed extra host", url: "/", host: "preview.internal:1313", code: 200},
		{name: "POST refused", method: "POST", url: "/", code: 405},
		{name: "script", url: scriptPath, code: 200, body: "EventSource", header: map[string]string{"Content-Type": "text/javascript; charset=utf-8"}},

		// Only built files are served, from memory: the site's sources and
		// anything around them are not there to be reached, by any spelling.
		{name: "site.toml is a source, not a page", url: "/site.toml", code: 404},
		{name: "content is not served", url: "/content/entities/acme.toml", code: 404},
		{name: "layouts are not served", url: "/layouts/base.html", code: 404},
		{name: "no .git", url: "/.git/config", code: 404},
		{name: "no listing of a folder without index", url: "/assets/", code: 404, body: "No page at /assets/"},
		{name: "encoded dot-dot", url: "/%2e%2e/%2e%2e/etc/passwd", code: 400},
		{name: "encoded slash and dot-dot", url: "/en%2f..%2f..%2fsite.toml", code: 400},
		{name: "double-encoded dot-dot is a name, not a climb", url: "/%252e%252e/site.toml", code: 404, body: "No page at /%2e%2e/site.toml"},
		{name: "encoded backslash", url: "/..%5csite.toml", code: 400},
		{name: "encoded backslash inside", url: "/en/%5c..%5c..%5csite.toml", code: 400},
		{name: "NUL", url: "/en/%00", code: 400},
		{name: "dot segment", url: "/en/./", code: 400},
		{name: "absolute file path", url: "//etc/passwd", code: 400},
		{name: "404 page escapes the path", url: "/%3Cscript%3Ealert(1)%3C/script%3E", code: 404, body: "No page at /&lt;script&gt;alert(1)&lt;/script&gt;"},
		{name: "HEAD", method: "HEAD", url: "/en/", code: 200, header: map[string]string{"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}},

		// DNS rebinding: only loopback names and the bind address.
		{name: "look-alike host", url: "/", host: "localhost.attacker.example", code: 403},
		{name: "loopback as a prefix", url: "/", host: "127.0.0.1.attacker.example:1313", code: 403},
		{name: "no host", url: "/", host: "-", code: 403},
		{name: "events need an allowed host too", url: eventsPath, host: "attacker.example", code: 403},
		{name: "script needs an allowed host too", url: scriptPath, host: "attacker.example", code: 403},
	}
	s := testServer()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := tt.method
			if method == "" {
				method = "GET"
			}
			req := httptest.NewRequest(method, "http://127.0.0.1:1313"+tt.url, nil)
			if tt.host == "-" {
				req.Host = ""
			} else if tt.host != "" {
				req.Host = tt.host
			}
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if rec.Code != tt.code {
				t.Fatalf("status %d, want %d; body %q", rec.Code, tt.code, rec.Body.String())
			}
			if !strings.Contains(rec.Body.String(), tt.body) {
				t.Errorf("body %q does not contain %q", rec.Body.String(), tt.body)
			}
			for k, v := range tt.header {
				if got := rec.Header().Get(k); got != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

func TestOverlayEscapesErrors(t *testing.T) {
	errs := diag.List{{File: "content/x.en.md", Line: 3, Col: 2, Message: `bad <script>alert(1)</script> value`}}
	out := string(inject([]byte("<html><body><p>x</p></body></html>"), "/en/", "v", 1, errs))
	if strings.Contains(out, "<script>alert") {
		t.Fatalf("overlay put markup from an error message into the page: %s", out)
	}
	for _, want := range []string{`id="noticegen-overlay"`, "content/x.en.md:3:2", "&lt;script&gt;alert(1)&lt;/script&gt;", "1 error)"} {
		if !strings.Contains(out, want) {
			t.Errorf("overlay lacks %q:\n%s", want, out)
		}
	}
	if !strings.HasSuffix(out, "</body></html>") {
		t.Errorf("injection not before </body>: %s", out)
	}
}

// TestOverlayEscapesControlCharacters: the overlay and the build message
// sent to open pages show a control character or bidi override of an error
// (a file name, a template's own message) as its escape, as the terminal
// does, whether or not the diagnostic was made through diag.List.
func TestOverlayEscapesControlCharacters(t *testing.T) {
	errs := diag.List{{File: "content/a\x1b[31m.en.md", Line: 1, Message: "template: \u202eevil\x07 here"}}
	snap := &snapshot{errs: errs, versions: map[string]string{}}
	for name, out := range map[string]string{
		"overlay": string(inject([]byte("<html><body></body></html>"), "/en/", "v", 1, errs)),
		"message": string(message(snap, "")),
	} {
		// Raw, or as JSON's \u001b, which the page's script turns back.
		if strings.ContainsAny(out, "\x1b\x07\u202e") || strings.Contains(out, `\u001b`) || strings.Contains(out, `\u0007`) {
			t.Errorf("%s carries a control character: %q", name, out)
		}
		for _, want := range []string{`a\x1b[31m.en.md`, `\u202eevil\a here`} {
			if name == "message" {
				want = strings.ReplaceAll(want, `\`, `\\`)
			}
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %q: %q", name, want, out)
			}
		}
	}
}

func TestHubPages(t *testing.T) {
	var h hub
	a := h.add("/en/acme/website/")
	h.add("/en/acme/website/") // the same page in a second tab
	h.add("/de/")
	h.add("/../etc/passwd") // not a page: ignored
	want := map[string]bool{"en/acme/website/index.html": true, "de/index.html": true}
	if got := h.pages(); !maps.Equal(got, want) {
		t.Errorf("pages() = %v, want %v", got, want)
	}
	h.remove(a)
	if got := h.pages(); !got["en/acme/website/index.html"] {
		t.Errorf("after one of two tabs closed, pages() = %v; want the page still open", got)
	}
}

func TestHubDropsStaleSnapshots(t *testing.T) {
	var h hub
	c := h.add("/")
	for i := range 5 {
		h.broadcast(&snapshot{id: int64(i)}) // never blocks, even with nobody reading
	}
	if got := (<-c).id; got != 4 {
		t.Errorf("slow client got build %d, want the newest, 4", got)
	}
	h.remove(c)
	h.broadcast(&snapshot{id: 9})
	select {
	case <-c:
		t.Error("removed client still receives")
	default:
	}
}

// TestTimeouts checks the bounds a client cannot get around: the time to
// send its request, the size of its headers, idle connections. There is no
// server-wide write timeout, which would cut event streams; each page
// response and each event has its own deadline instead.
func TestTimeouts(t *testing.T) {
	srv := httpServer(http.NotFoundHandler(), context.Background())
	if srv.ReadHeaderTimeout <= 0 || srv.ReadHeaderTimeout > 10*time.Second {
		t.Errorf("ReadHeaderTimeout %v; want a few seconds (slow-loris headers)", srv.ReadHeaderTimeout)
	}
	if srv.ReadTimeout <= 0 || srv.ReadTimeout > 30*time.Second {
		t.Errorf("ReadTimeout %v; want a bound", srv.ReadTimeout)
	}
	if srv.IdleTimeout <= 0 || srv.IdleTimeout > 5*time.Minute {
		t.Errorf("IdleTimeout %v; want a bound", srv.IdleTimeout)
	}
	if srv.MaxHeaderBytes <= 0 || srv.MaxHeaderBytes > 1<<20 {
		t.Errorf("MaxHeaderBytes %d; want at most 1 MB", srv.MaxHeaderBytes)
	}
	if srv.WriteTimeout != 0 {
		t.Errorf("WriteTimeout %v would cut event streams; deadlines are set per response", srv.WriteTimeout)
	}
	if pageWriteTimeout <= 0 || pageWriteTimeout > time.Minute {
		t.Errorf("pageWriteTimeout %v; want a bound", pageWriteTimeout)
	}
}

var _ http.Handler = (*server)(nil)
