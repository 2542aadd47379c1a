package render

import (
	"strings"
	"testing"

	"github.com/noticegen/noticegen/generator/site"
)

// renderValue renders body with every value of fuzzData set to v.
func renderValue(t *testing.T, r *Renderer, body, v string) string {
	t.Helper()
	sf := &site.SectionFile{ID: "x", Lang: "en", Path: "content/sections/x.en.md", Body: body, BodyLine: 4}
	tmpl, d := parseBody(sf)
	if d != nil {
		t.Fatalf("parseBody(%q): %v", body, d)
	}
	html, d := r.executeBody(tmpl, sf, fuzzData(v))
	if d != nil {
		t.Fatalf("body %q, value %q: %v", body, v, d)
	}
	return string(html)
}

// TestValuesInCode: a value the body puts in a code span or code block
// shows exactly as written, without the backslashes that escape it in
// text, and nothing in it — backticks, fences, line breaks, tags — closes
// the code or makes markup.
func TestValuesInCode(t *testing.T) {
	tests := []struct{ name, body, value, want string }{
		{"code span", "Cookie `{{ .Params.tool }}`.", "kc_consent", "<p>Cookie <code>kc_consent</code>.</p>\n"},
		{"code span, markdown punctuation", "`{{ .Params.tool }}`", `*a* [l](x) \_ &amp; 1. # h`, "<p><code>*a* [l](x) \\_ &amp;amp; 1. # h</code></p>\n"},
		{"code span, backtick runs of the fence's length", "`{{ .Params.tool }}`", "a`b``c`", "<p><code>a`b``c`</code></p>\n"},
		{"code span, longer fence", "`` x {{ .Params.tool }} ``", "``", "<p><code>x ``</code></p>\n"},
		{"code span, spaces kept", "`{{ .Params.tool }}`", " a ", "<p><code> a </code></p>\n"},
		{"code span, line breaks as spaces", "`{{ .Params.tool }}`", "a\n\n# h\r\n- b", "<p><code>a  # h - b</code></p>\n"},
		{"code span, HTML escaped", "`{{ .Params.tool }}`", `<b onclick="x">`, "<p><code>&lt;b onclick=&quot;x&quot;&gt;</code></p>\n"},
		{"code span in a table", "| a |\n|---|\n| `{{ .Params.tool }}` |", "a|b", "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><code>a|b</code></td>\n</tr>\n</tbody>\n</table>\n"},
		{"code span and text", "`{{ .Params.tool }}` is {{ .Params.tool }}", "a_b", "<p><code>a_b</code> is a_b</p>\n"},
		{"fenced code block", "```\n{{ .Params.tool }}\n```\n\nafter", "a_b\n```\n# not a heading\n<b>", "<pre><code>a_b\n```\n# not a heading\n&lt;b&gt;\n</code></pre>\n<p>after</p>\n"},
		{"tilde fence", "~~~\n{{ .Params.tool }}\n~~~", "~~~\n*x*", "<pre><code>~~~\n*x*\n</code></pre>\n"},
		{"fenced code block in a quote", "> ```\n> {{ .Params.tool }}\n> ```\n\nafter", "a\n\nb", "<blockquote>\n<pre><code>a\n\nb\n</code></pre>\n</blockquote>\n<p>after</p>\n"},
		{"fenced code block in a list", "- x\n\n  ```\n  {{ .Params.tool }}\n  ```", "a\nb", "<ul>\n<li>\n<p>x</p>\n<pre><code>a\nb\n</code></pre>\n</li>\n</ul>\n"},
		{"indented code block", "    {{ .Params.tool }}\n\nafter", "a_b\nnot indented\n# h", "<pre><code>a_b\nnot indented\n# h\n</code></pre>\n<p>after</p>\n"},
		{"invalid UTF-8 and NUL", "`{{ .Params.tool }}`", "a\xffb\x00c", "<p><code>a\uFFFDb\uFFFDc</code></p>\n"},
		{"number in code", "`{{ .Params.tool }}`", "1. x", "<p><code>1. x</code></p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Renderer{md: newMarkdown(false), shared: newSharedBodies()}
			if got := renderValue(t, r, tt.body, tt.value); got != tt.want {
				t.Errorf("body %q, value %q:\ngot  %q\nwant %q", tt.body, tt.value, got, tt.want)
			}
		})
	}
}

// TestValuesLeavingCode: where a value before another moves it out of the
// code the body's text put it in, the other is escaped as text: a
// backslash too many at worst, never markup.
func TestValuesLeavingCode(t *testing.T) {
	r := &Renderer{md: newMarkdown(false), shared: newSharedBodies()}
	// With "http:", the body's "<" makes an autolink that takes in the
	// backtick meant to open the code span.
	body := "<{{ .Entity.Name }}`{{ .Params.tool }}>`"
	got := renderValue(t, r, body, "http:")
	if strings.Contains(got, "<code>") {
		t.Errorf("body %q: %q", body, got)
	}
	for _, bad := range []string{"<em>", "<b>"} {
		if got := renderValue(t, r, body, "*x* <b>"); strings.Contains(got, bad) {
			t.Errorf("body %q: value made %s: %q", body, bad, got)
		}
	}
}

func TestMayHoldCode(t *testing.T) {
	for _, tt := range []struct {
		body string
		want bool
	}{
		{"`{{ .Entity.Name }}`", true},
		{"```\n{{ .Entity.Name }}\n```", true},
		{"~~~\n{{ .Entity.Name }}\n~~~", true},
		{"    {{ .Entity.Name }}", true},
		{"\t{{ .Entity.Name }}", true},
		{"{{ if .Lang }}`{{ end }}{{ .Entity.Name }}", true},
		{"Plain {{ .Entity.Name }} and ~~strike~~.", false},
		{"`code` but no value", false},
		{"`{{ $x := .Entity.Name }}`", false},
	} {
		tmpl, d := parseBody(&site.SectionFile{Path: "x.en.md", Body: tt.body, BodyLine: 1})
		if d != nil {
			t.Fatal(d)
		}
		if got := mayHoldCode(tmpl); got != tt.want {
			t.Errorf("mayHoldCode(%q) = %v, want %v", tt.body, got, tt.want)
		}
	}
}
