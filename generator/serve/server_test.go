package serve

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

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
		"index.html":      []byte("<!DOCTYPE html><html><body><p>root</p></body></html>"),
		"en/index.html":   []byte("<!DOCTYPE html><html><body><p>en</p></body></html>"),
		"assets/site.css": []byte("body{}"),
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
		{name: "page with live script", url: "/en/", code: 200, body: `<script src="/__noticegen/live.js" data-page="/en/" data-version="v2"></script></body>`,
			header: map[string]string{"X-Noticegen-Build": "7", "Content-Type": "text/html; charset=utf-8"}},
		{name: "asset untouched", url: "/assets/site.css", code: 200, body: "body{}", header: map[string]string{"Content-Type": "text/css; charset=utf-8"}},
		{name: "folder without slash redirects", url: "/en", code: 301},
		{name: "unknown page", url: "/fr/", code: 404, body: "No page at /fr/"},
		{name: "traversal", url: "/%2e%2e/site.toml", code: 400},
		{name: "foreign host (DNS rebinding)", url: "/", host: "attacker.example", code: 403},
		{name: "localhost with port", url: "/", host: "localhost:1313", code: 200},
		{name: "IPv6 loopback", url: "/", host: "[::1]:1313", code: 200},
		{name: "allowed extra host", url: "/", host: "preview.internal:1313", code: 200},
		{name: "POST refused", method: "POST", url: "/", code: 405},
		{name: "script", url: scriptPath, code: 200, body: "EventSource", header: map[string]string{"Content-Type": "text/javascript; charset=utf-8"}},
	}
	s := testServer()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := tt.method
			if method == "" {
				method = "GET"
			}
			req := httptest.NewRequest(method, "http://127.0.0.1:1313"+tt.url, nil)
			if tt.host != "" {
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
	out := string(inject([]byte("<html><body><p>x</p></body></html>"), "/en/", "v", errs))
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

func TestHubDropsStaleSnapshots(t *testing.T) {
	var h hub
	c := h.add()
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

var _ http.Handler = (*server)(nil)
