package markdown

// FuzzBody renders a section body the way a build does — sandbox.Parse
// (with its escaping pass), execution with sandbox.Data, the Shared
// converter with unsafeHTML off — and checks the HTML: it parses, holds
// only the elements CommonMark and GFM tables produce, no event handler
// attributes and no script URLs, and an inserted value never changes the
// element structure. It also puts the
// value in code spans and code blocks (codeBodies), where the code must
// show the value exactly as written and the value add no markup.
//
//	go test ./generator/render/markdown -run '^$' -fuzz '^FuzzBody$' -fuzztime 20s

import (
	"bytes"
	stdhtml "html"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/internal/token"
	"github.com/noticegen/noticegen/generator/render/sandbox"
	"github.com/noticegen/noticegen/generator/site"
)

// fuzzBodySeeds returns the bodies of the example site's sections and of
// the section files in testdata/script/*.txtar, front matter removed.
func fuzzBodySeeds(tb testing.TB) []string {
	tb.Helper()
	var files [][]byte
	_ = filepath.WalkDir("../../../content/sections", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, err := os.ReadFile(p); err == nil {
				files = append(files, b)
			}
		}
		return nil
	})
	archives, _ := filepath.Glob("../../../testdata/script/*.txtar")
	for _, a := range archives {
		ar, err := txtar.ParseFile(a)
		if err != nil {
			continue
		}
		for _, f := range ar.Files {
			if strings.HasSuffix(f.Name, ".md") {
				files = append(files, f.Data)
			}
		}
	}
	var bodies []string
	for _, b := range files {
		s := string(b)
		if _, rest, ok := strings.Cut(s, "\n+++\n"); ok {
			s = rest
		}
		bodies = append(bodies, s)
	}
	if len(bodies) == 0 {
		tb.Fatal("no seed bodies found")
	}
	return bodies
}

var hostileBodies = []string{
	"</script><script>alert(1)</script>",
	"<img src=x onerror=alert(1)>",
	"<svg onload=alert(1)>",
	"<math><mi>x</mi></math>",
	"<iframe src=javascript:alert(1)></iframe>",
	"<!-- comment --><style>*{}</style>",
	"[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](vbscript:x) [d](data:text/html,x)",
	"[x]( javascript:alert(1)) [x](<javascript:alert(1)>) [x](\x01javascript:x) [x](java\tscript:x)",
	"![i](data:image/svg+xml,<svg onload=alert(1)>) ![p](data:image/png;base64,AAAA)",
	"<javascript:alert(1)> <mailto:a@b.example> https://x.example www.x.example a@b.example",
	"[r]\n\n[r]: javascript:alert(1)",
	"{{ range . }}{{ . }}{{ end }}",
	"{{ range 100000000000 }}{{ end }}",
	"{{ range 1000000 }}{{ range 1000000 }}{{ end }}{{ end }}",
	"{{ range $i := 1000000000 }}{{ $x := printf \"%01000000d\" $i }}{{ end }}",
	"{{ define \"a\" }}{{ template \"a\" . }}{{ template \"a\" . }}{{ end }}{{ template \"a\" . }}",
	"{{ define \"a\" }}{{ range 10 }}{{ template \"a\" $ }}{{ end }}{{ end }}{{ template \"a\" . }}",
	"{{ printf \"%0999999999d\" 1 }}",
	"{{ range 100 }}{{ printf \"%01000000d\" 1 }}{{ end }}",
	"{{ $x := \"ab\" }}{{ range 100 }}{{ $x = printf \"%s%s\" $x $x }}{{ end }}{{ len $x }}",
	"{{ $x := \"&\" }}{{ range 100 }}{{ $x = html $x }}{{ end }}{{ len $x }}",
	"{{ $x := \"a\" }}{{ range 100 }}{{ $x = print $x $x $x }}{{ end }}",
	"{{ if .Entity.Name }}{{ with .Params }}{{ range $k, $v := . }}{{ $k }}={{ $v }}{{ end }}{{ end }}{{ end }}",
	"{{ .Entity.Name | printf \"<%s>\" }} {{ html .Entity.Name }} {{ js .Entity.Name }} {{ urlquery .Entity.Name }}",
	"# {{ .Entity.Name }}\n\n| a | b |\n|---|---|\n| {{ .Entity.Name }} | {{ .Params.tool }} |\n",
	"- {{ .Entity.Name }}\n- *{{ .Params.tool }}*\n\n> {{ .Entity.Name }}\n\n```\n{{ .Entity.Name }}\n```\n",
	"[{{ .Entity.Name }}](https://x.example/{{ .Params.tool }}) <{{ .Entity.Email }}> [m](mailto:{{ .Entity.Email }})",
	"{{ .Entity.Name }}\n===\n{{ .Entity.Name }}\n---\n",
	"    {{ .Entity.Name }}\n",
	"{{ .Entity.Name }}",
	"{{",
	"{{ .Nope }}",
	"{{ ._noticegen_text }}{{ _noticegen_text \"<b>\" }}",
	"\x00\xff\r\n\uFEFF{{ .Lang }}\r\n",
	"{{ $ := 1 }}{{ range 5 }}x{{ end }}",
	"Cookie `{{ .Params.tool }}` ({{ .Params.tool }})",
	"```\n{{ .Params.tool }}\n```\n\n> ```\n> {{ .Entity.Name }}\n> ```\n\n    {{ .Entity.Email }}\n",
	"<{{ .Entity.Name }}`{{ .Params.tool }}>`",
}

var hostileValues = []string{
	"Acme GmbH", "", "<script>alert(1)</script>", "</p><p>", "*x*", "_x_", "[l](javascript:x)", "![i](x)",
	"<img src=x onerror=alert(1)>", "# h", "1. x", "- x", "> q", "`c`", "~~s~~", "| a | b |\n|---|---|",
	"a\n\nb", "a\r- b", "a\r\rb", "    code", "\tcode", "\n---", "\n===", "a\\", "&lt;b&gt;", "&#60;b&#62;",
	"{{ .Entity.Name }}", "https://x.example/a", "www.x.example", "a@b.example", "javascript:alert(1)",
	"a b", "x)", "\x00", "\xff", "\u2028", "<!-- x", "]]>", "\\", "[x]: /evil", "\\\n", "a  \nb", ".", ":--", ".5",
	"kc_consent", "a`b``c", "` x `", "```", "a\n```\n# h\n<b>", "~~~\n- x", "x\n\n    y\nz", "http:",
}

// allowedElements are what CommonMark, GFM tables, strikethrough and
// autolinks produce, with headings shifted to start at h3.
var allowedElements = map[string]bool{
	"p": true, "h3": true, "h4": true, "h5": true, "h6": true, "ul": true, "ol": true, "li": true,
	"em": true, "strong": true, "code": true, "pre": true, "blockquote": true, "a": true,
	"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true,
	"br": true, "hr": true, "del": true, "img": true,
}

var (
	allowedAttrs = map[string]bool{"href": true, "src": true, "alt": true, "title": true, "align": true, "start": true, "class": true, "style": true}
	alignStyle   = regexp.MustCompile(`^text-align:(left|center|right)$`)
	safeImage    = regexp.MustCompile(`^data:image/(png|gif|jpeg|webp)[;,]`)
)

type tagInfo struct {
	name string
	end  bool
	href string
	text string // for a: its text content
}

// scanHTML checks out against the rules of FuzzBody and returns its tag
// sequence, for the comparison of a value with a plain word.
func scanHTML(t *testing.T, out []byte) []tagInfo {
	t.Helper()
	l := html.NewLexer(parse.NewInputBytes(out))
	var tags []tagInfo
	openA := -1
	for {
		tt, data := l.Next()
		switch tt {
		case html.ErrorToken:
			if l.Err() != io.EOF {
				t.Fatalf("HTML does not parse: %v\n%s", l.Err(), out)
			}
			return tags
		case html.StartTagToken:
			name := strings.ToLower(string(l.Text()))
			if !allowedElements[name] {
				t.Fatalf("element <%s> in body HTML:\n%s", name, out)
			}
			tags = append(tags, tagInfo{name: name})
			if name == "a" {
				openA = len(tags) - 1
			}
		case html.EndTagToken:
			name := strings.ToLower(string(l.Text()))
			if !allowedElements[name] {
				t.Fatalf("end tag </%s> in body HTML:\n%s", name, out)
			}
			tags = append(tags, tagInfo{name: name, end: true})
			if name == "a" {
				openA = -1
			}
		case html.AttributeToken:
			key := strings.ToLower(string(l.AttrKey()))
			val := strings.Trim(string(l.AttrVal()), `"'`)
			val = htmlUnescape(val)
			if strings.HasPrefix(key, "on") || !allowedAttrs[key] {
				t.Fatalf("attribute %s=%q in body HTML:\n%s", key, val, out)
			}
			switch key {
			case "href", "src":
				// Image data is no script, in an image or a link (goldmark
				// lets both through; browsers do not open data: links).
				if u := dangerousURL(val); u != "" && !safeImage.MatchString(u) {
					t.Fatalf("%s=%q has a dangerous scheme:\n%s", key, val, out)
				}
				if key == "href" && len(tags) > 0 {
					tags[len(tags)-1].href = val
				}
			case "style":
				if !alignStyle.MatchString(val) {
					t.Fatalf("style=%q in body HTML:\n%s", val, out)
				}
			case "class":
				if !strings.HasPrefix(val, "language-") {
					t.Fatalf("class=%q in body HTML:\n%s", val, out)
				}
			}
		case html.TextToken:
			if openA >= 0 {
				tags[openA].text += htmlUnescape(string(data))
			}
		case html.StartTagCloseToken, html.StartTagVoidToken:
		default: // comments, doctypes, CDATA, SVG, MathML, templates
			t.Fatalf("%v token %q in body HTML:\n%s", tt, data, out)
		}
	}
}

func htmlUnescape(s string) string {
	// Only character references: a browser does not decode %01 before it
	// reads the scheme, so "%01javascript:" is a harmless relative URL.
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'").Replace(s)
}

// dangerousURL returns u lower-cased and cleaned the way browsers read a
// scheme (leading spaces and control characters trimmed, tabs and newlines
// removed) when it is a javascript:, vbscript: or data: URL, else "".
func dangerousURL(u string) string {
	u = strings.TrimLeft(u, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\v\f\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	u = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(u)
	u = strings.ToLower(u)
	for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
		if strings.HasPrefix(u, scheme) {
			return u
		}
	}
	return ""
}

// structure is the tag sequence without the autolinks that Linkify makes of
// addresses and URLs in a value, which a value may produce by design.
func structure(tags []tagInfo) string {
	var b strings.Builder
	skip := false
	for _, tg := range tags {
		if tg.name == "a" && !tg.end {
			h, txt := tg.href, tg.text
			if u, err := url.PathUnescape(h); err == nil {
				h = u // Linkify percent-encodes what it takes into the href
			}
			skip = txt != "" && (h == txt || h == "mailto:"+txt || h == "http://"+txt)
			if skip {
				continue
			}
		}
		if tg.name == "a" && tg.end && skip {
			skip = false
			continue
		}
		if tg.end {
			b.WriteString("/")
		}
		b.WriteString(tg.name)
		b.WriteString(" ")
	}
	return b.String()
}

// addsElements reports whether structure a has more elements of some kind
// than b. A value may break a link that the body builds around it (a space
// in a link destination), which removes one; it must never add one.
func addsElements(a, b string) bool {
	count := map[string]int{}
	for _, tag := range strings.Fields(b) {
		count[tag]++
	}
	for _, tag := range strings.Fields(a) {
		if count[tag]--; count[tag] < 0 {
			return true
		}
	}
	return false
}

func fuzzData(v string) *sandbox.Data {
	d := &sandbox.Data{Lang: "en", Params: map[string]any{"tool": v, "newsletterTool": v, "ticketPlatform": v, "applicantPortal": v}}
	d.Entity = sandbox.Entity{ID: "acme", Name: v, Address: v, Email: v, Phone: v, Website: v, Register: v, VATID: v, RepresentedBy: v}
	d.Entity.DPO.Name, d.Entity.DPO.Email, d.Entity.DPO.Phone, d.Entity.DPO.Address = v, v, v, v
	d.Entity.Authority.Name, d.Entity.Authority.URL = v, v
	d.Site.Title, d.Site.BaseURL = v, "https://privacy.example/"
	d.Notice.ID, d.Notice.Title = "website", v
	return d
}

func FuzzBody(f *testing.F) {
	for i, b := range fuzzBodySeeds(f) {
		f.Add(b, hostileValues[i%len(hostileValues)])
	}
	for i, b := range hostileBodies {
		f.Add(b, hostileValues[i%len(hostileValues)])
	}
	for _, v := range hostileValues {
		f.Add("Hello {{ .Entity.Name }}, [{{ .Params.tool }}](https://x.example) | {{ .Entity.Address }} |\n\n# {{ .Notice.Title }}\n- {{ .Entity.Email }}\n", v)
	}
	conv := NewShared(NewDirect(false))
	f.Fuzz(func(t *testing.T, body, value string) {
		checkCode(t, conv, value)
		sf := sectionFile(body)
		tmpl, d := sandbox.Parse(sf)
		lines := strings.Count(body, "\n") + 1
		if d != nil {
			if d.File != sf.Path || d.Line < sf.BodyLine || d.Line > sf.BodyLine+lines || d.Message == "" {
				t.Fatalf("parse error outside the body: %v", d)
			}
			return
		}
		start := time.Now()
		got, d := convert(conv, tmpl, fuzzData(value))
		if el := time.Since(start); el > 10*time.Second {
			t.Errorf("body took %v to render", el)
		}
		if d != nil {
			if d.File != sf.Path || d.Line < sf.BodyLine || d.Line > sf.BodyLine+lines || d.Message == "" {
				t.Fatalf("execution error outside the body: %v", d)
			}
			return
		}
		tags := scanHTML(t, got)
		plain, d := convert(conv, tmpl, fuzzData("word"))
		if d != nil {
			// the value decided which branch ran ({{ if eq .Entity.Name "x" }}…)
			return
		}
		// An empty value adds no markup of its own, but it can complete the
		// body's ("#{{ .X }}" is a heading when .X is empty): not a value
		// turning into markup, so there is nothing to compare.
		if value != "" && bytes.Contains([]byte(body), []byte("{{")) && dependsOnValueOnlyAsText(body) {
			if a, b := structure(tags), structure(scanHTML(t, plain)); addsElements(a, b) {
				t.Fatalf("value %q changed the element structure\nbody: %q\nwith value: %s\nwith word:  %s\nHTML:\n%s\nplain HTML:\n%s", value, body, a, b, got, plain)
			}
		}
	})
}

// codeBodies put a value in code, with the text that the code element
// shows before and after it.
var codeBodies = []struct {
	body, before, after string
	span                bool // a code span, where line breaks show as spaces
}{
	{"Cookie `{{ .Params.tool }}`.", "", "", true},
	{"a `` {{ .Params.tool }} `` b", "", "", true},
	{"| a |\n|---|\n| `x{{ .Params.tool }}` |", "x", "", true},
	{"[`{{ .Params.tool }}`](https://x.example) *`{{ .Params.tool }}`*", "", "", true},
	{"```\n{{ .Params.tool }}\n```\n\nAfter.", "", "\n", false},
	{"~~~ text\n{{ .Params.tool }} end\n~~~", "", " end\n", false},
	{"    {{ .Params.tool }}\n\nAfter.", "", "\n", false},
	{"> ```\n> {{ .Params.tool }}\n> ```", "", "\n", false},
	{"- x\n\n  ```\n  {{ .Params.tool }}\n  ```", "", "\n", false},
}

// checkCode renders value in every body of codeBodies and checks that the
// HTML has the elements it has with a plain word and that its first code
// element shows the value exactly: as written, but for line breaks in a
// code span (spaces, as Markdown shows them), and for NUL and bytes that
// are not UTF-8 (U+FFFD, as Markdown reads them).
func checkCode(t *testing.T, conv Converter, value string) {
	t.Helper()
	if strings.Contains(value, token.Core) {
		return // a value with the token mark is escaped as text (code.go)
	}
	shown := strings.ReplaceAll(strings.ToValidUTF8(value, "\uFFFD"), "\x00", "\uFFFD")
	shown = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(shown)
	for _, cb := range codeBodies {
		tmpl, d := sandbox.Parse(sectionFile(cb.body))
		if d != nil {
			t.Fatal(d)
		}
		got, d := convert(conv, tmpl, fuzzData(value))
		if d != nil {
			continue // too long for a body
		}
		plain, d := convert(conv, tmpl, fuzzData("word"))
		if d != nil {
			t.Fatal(d)
		}
		if a, b := structure(scanHTML(t, got)), structure(scanHTML(t, plain)); a != b {
			t.Fatalf("value %q in code changed the elements\nbody: %q\nwith value: %s\nwith word:  %s\nHTML: %s", value, cb.body, a, b, got)
		}
		want := cb.before + shown + cb.after
		if cb.span {
			want = strings.ReplaceAll(want, "\n", " ")
		}
		if code := codeContent(got); code != want {
			t.Fatalf("value %q in code shows as %q, want %q\nbody: %q\nHTML: %s", value, code, want, cb.body, got)
		}
	}
}

// codeContent is the text of the first code element of out.
func codeContent(out []byte) string {
	s := string(out)
	i := strings.Index(s, "<code")
	if i < 0 {
		return "(no code element)"
	}
	s = s[i:]
	s = s[strings.IndexByte(s, '>')+1:]
	if j := strings.Index(s, "</code>"); j >= 0 {
		s = s[:j]
	}
	return stdhtml.UnescapeString(s)
}

// valueLogic matches bodies whose structure may legitimately depend on the
// value itself: comparisons, lengths and iteration over it, or functions
// that print it unescaped into something other than text.
var (
	valueLogic = regexp.MustCompile(`\b(if|with|range|eq|ne|lt|le|gt|ge|len|index|slice|and|or|not|call)\b`)
	action     = regexp.MustCompile(`(?s)\{\{.*?\}\}`)
)

// dependsOnValueOnlyAsText reports whether every action of body only
// prints a value: then the value must never change the structure.
func dependsOnValueOnlyAsText(body string) bool {
	for _, a := range action.FindAllString(body, -1) {
		if valueLogic.MatchString(a) {
			return false
		}
	}
	return true
}

// sectionFile is a section file whose body starts on line 4.
func sectionFile(body string) *site.SectionFile {
	return &site.SectionFile{ID: "x", Lang: "en", Path: "content/sections/x.en.md", Body: body, BodyLine: 4}
}

// parseBody parses body as the body of sectionFile, which must parse.
func parseBody(tb testing.TB, body string) *sandbox.Body {
	tb.Helper()
	b, d := sandbox.Parse(sectionFile(body))
	if d != nil {
		tb.Fatalf("sandbox.Parse(%q): %v", body, d)
	}
	return b
}

// convert runs a parsed body with data and converts it with conv, in
// buffers of its own.
func convert(conv Converter, b *sandbox.Body, data *sandbox.Data) ([]byte, *diag.Diagnostic) {
	html, d := conv.Convert(&Buffers{}, b.With(data))
	return html.Bytes, d
}
