package markdown

import (
	"bytes"
	"strings"
	"testing"
)

func toHTML(t *testing.T, md string, unsafe bool) string {
	t.Helper()
	var out bytes.Buffer
	if err := newGoldmark(unsafe).Convert([]byte(md), &out); err != nil {
		t.Fatalf("Convert(%q): %v", md, err)
	}
	return out.String()
}

// TestEscape checks that a value, escaped and put through Markdown,
// comes out as the same text: no emphasis, tags, headings, lists or links
// except the autolinks of addresses and URLs.
func TestEscape(t *testing.T) {
	tests := []struct {
		name, in string
		escaped  string // exact escaped form; "" to skip
		html     string // goldmark output of the escaped value
	}{
		{"emphasis", "*x*", `\*x\*`, "<p>*x*</p>\n"},
		{"underscore emphasis", "_x_ a_b_c", `\_x\_ a\_b\_c`, "<p>_x_ a_b_c</p>\n"},
		{"tag", "<b>", `\<b\>`, "<p>&lt;b&gt;</p>\n"},
		{"script", "<script>alert(1)</script>", "", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"},
		{"comment", "<!-- x -->", "", "<p>&lt;!-- x --&gt;</p>\n"},
		{"entity", "&amp; &#60;", "", "<p>&amp;amp; &amp;#60;</p>\n"},
		{"heading at line start", "# h", `\# h`, "<p># h</p>\n"},
		{"heading after newline", "a\n## h", "", "<p>a\n## h</p>\n"},
		{"ordered list", "1. x", `&#49;\. x`, "<p>1. x</p>\n"},
		{"ordered list with paren", "12) x", `&#49;2\) x`, "<p>12) x</p>\n"},
		{"digit before a body's own dot", "0", `&#48;`, "<p>0</p>\n"},
		{"ordered list on a later line", "a\n\n3. x", "", "<p>a\n\n3. x</p>\n"}, // a blank line in a value is no paragraph break
		{"number mid-line stays", "a 1. x", "a 1. x", "<p>a 1. x</p>\n"},
		{"bullet list", "- x", `\- x`, "<p>- x</p>\n"},
		{"plus list", "+ x", `\+ x`, "<p>+ x</p>\n"},
		{"indented bullet", "  * x", "", "<p>  * x</p>\n"},
		{"setext heading", "x\n===", "", "<p>x\n===</p>\n"},
		{"thematic break", "a\n---", "", "<p>a\n---</p>\n"},
		{"block quote", "> q", `\> q`, "<p>&gt; q</p>\n"},
		{"code span", "`c`", "&#96;c&#96;", "<p>`c`</p>\n"},
		{"closing a link destination the body opened", "a)", `a\)`, "<p>a)</p>\n"},
		{"trailing spaces", "a  ", "a&#32;&#32;", "<p>a  </p>\n"},
		{"closing a code span the body opened", "a`", "a&#96;", "<p>a`</p>\n"},
		{"strikethrough", "~~s~~", "", "<p>~~s~~</p>\n"},
		{"table", "| a | b |\n|---|---|", "", "<p>| a | b |\n|---|---|</p>\n"},
		{"newline kept", "a\nb", "a&#10;b", "<p>a\nb</p>\n"}, // as a reference: Markdown sees no line break
		{"link", "[l](javascript:x)", `\[l\]\(javascript:x\)`, "<p>[l](javascript:x)</p>\n"},
		{"image", "![i](x)", "", "<p>![i](x)</p>\n"},
		{"angle autolink", "<https://x.example>", "", "<p>&lt;https://x.example&gt;</p>\n"},
		{"link reference definition", "[x]: /evil", "", "<p>[x]: /evil</p>\n"},
		{"backslash", `a\*b`, `a\\\*b`, "<p>a\\*b</p>\n"},
		{"email stays", "a@b.example", "a@b.example", "<p><a href=\"mailto:a@b.example\">a@b.example</a></p>\n"},
		{"url stays", "https://x.example/a", "https://x.example/a", "<p><a href=\"https://x.example/a\">https://x.example/a</a></p>\n"},
		{"javascript scheme is text", "javascript:alert(1)", `javascript:alert\(1\)`, "<p>javascript:alert(1)</p>\n"},
		{"plain text", "Nordlicht AG, Jena", "Nordlicht AG, Jena", "<p>Nordlicht AG, Jena</p>\n"},
		{"non-ascii", "Müller & Söhne", "", "<p>Müller &amp; Söhne</p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			esc := Escape(tt.in)
			if tt.escaped != "" && esc != tt.escaped {
				t.Errorf("Escape(%q) = %q, want %q", tt.in, esc, tt.escaped)
			}
			if got := toHTML(t, esc, false); got != tt.html {
				t.Errorf("Markdown of Escape(%q) = %q, want %q", tt.in, got, tt.html)
			}
		})
	}
}

// A value that starts with four spaces (say, an address copied from a
// letter) must not become an indented code block where a body prints it at
// the start of a line.
func TestEscapeIndentedCode(t *testing.T) {
	for _, in := range []string{"    Lichtweg 1", "a\n\n    b", "\tb"} {
		if got := toHTML(t, Escape(in), false); strings.Contains(got, "<pre>") || strings.Contains(got, "<code>") {
			t.Errorf("Escape(%q) renders as %q, want a paragraph", in, got)
		}
	}
}

func TestMarkdownRawHTMLAndHeadings(t *testing.T) {
	tests := []struct {
		name, in   string
		unsafe     bool
		want       []string
		wantAbsent []string
	}{
		{"inline HTML escaped", "a <b>x</b> c", false, []string{"a &lt;b&gt;x&lt;/b&gt; c"}, []string{"<b>"}},
		{"HTML block escaped", "<script>\nalert(1)\n</script>", false, []string{"&lt;script&gt;", "alert(1)", "&lt;/script&gt;"}, []string{"<script"}},
		{"HTML block with attributes escaped", "<div onclick=\"x()\">\nhi\n</div>", false, []string{"&lt;div onclick="}, []string{"<div"}},
		{"comment escaped", "<!-- secret -->", false, []string{"&lt;!-- secret --&gt;"}, []string{"<!--"}},
		{"inline HTML kept when unsafe", "a <b>x</b> c", true, []string{"a <b>x</b> c"}, []string{"&lt;b&gt;"}},
		{"HTML block kept when unsafe", "<div class=\"x\">\nhi\n</div>", true, []string{"<div class=\"x\">"}, []string{"&lt;div"}},
		{"javascript link neutralised", "[x](javascript:alert(1))", false, []string{"<a href=\"\">x</a>"}, []string{"javascript:"}},
		{"h1 becomes h3", "# Title", false, []string{"<h3>Title</h3>"}, []string{"<h1>"}},
		{"h2 becomes h4", "## Sub", false, []string{"<h4>Sub</h4>"}, []string{"<h2>"}},
		{"setext h1 becomes h3", "Title\n=====", false, []string{"<h3>Title</h3>"}, []string{"<h1>"}},
		{"deep headings capped at h6", "#### Four\n\n###### Six", false, []string{"<h6>Four</h6>", "<h6>Six</h6>"}, []string{"<h7", "<h8"}},
		{"tables", "| a | b |\n|---|---|\n| 1 | 2 |", false, []string{"<table>", "<td>1</td>"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := toHTML(t, tt.in, tt.unsafe)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Markdown(%q, unsafe=%v) = %q, want it to contain %q", tt.in, tt.unsafe, got, w)
				}
			}
			for _, w := range tt.wantAbsent {
				if strings.Contains(got, w) {
					t.Errorf("Markdown(%q, unsafe=%v) = %q, want no %q", tt.in, tt.unsafe, got, w)
				}
			}
		})
	}
}

// TestPlainText: wherever the fast path says a value needs no escaping,
// the slow path leaves it as it is too.
func TestPlainText(t *testing.T) {
	values := append([]string{"Acme GmbH", "a@b.example", "https://x.example/a?b=c", "1", " a", "a ", "-a", "a-", "ä", "\xff", "a\nb", "x.", "2.", "a\tb"}, hostileValues...)
	for _, v := range values {
		if plainText(v) && Escape(v) != v {
			t.Errorf("plainText(%q) but Escape gives %q", v, Escape(v))
		}
		if !plainText(v) && Escape(v) == v && v != "" {
			t.Logf("%q: slow path, unchanged", v)
		}
	}
}

func FuzzPlainText(f *testing.F) {
	for _, v := range hostileValues {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if plainText(v) && Escape(v) != v {
			t.Errorf("plainText(%q) but Escape gives %q", v, Escape(v))
		}
	})
}
