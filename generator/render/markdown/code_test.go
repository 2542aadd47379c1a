package markdown

import (
	"strings"
	"testing"
)

// renderValue renders body with every value of fuzzData set to v.
func renderValue(t *testing.T, conv Converter, body, v string) string {
	t.Helper()
	html, d := convert(conv, parseBody(t, body), fuzzData(v))
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
			direct := NewDirect(false)
			for name, conv := range map[string]Converter{"direct": direct, "shared": NewShared(direct)} {
				if got := renderValue(t, conv, tt.body, tt.value); got != tt.want {
					t.Errorf("%s: body %q, value %q:\ngot  %q\nwant %q", name, tt.body, tt.value, got, tt.want)
				}
			}
		})
	}
}

// TestValuesLeavingCode: where a value before another moves it out of the
// code the body's text put it in, the other is escaped as text: a
// backslash too many at worst, never markup.
func TestValuesLeavingCode(t *testing.T) {
	conv := NewShared(NewDirect(false))
	// With "http:", the body's "<" makes an autolink that takes in the
	// backtick meant to open the code span.
	body := "<{{ .Entity.Name }}`{{ .Params.tool }}>`"
	got := renderValue(t, conv, body, "http:")
	if strings.Contains(got, "<code>") {
		t.Errorf("body %q: %q", body, got)
	}
	for _, bad := range []string{"<em>", "<b>"} {
		if got := renderValue(t, conv, body, "*x* <b>"); strings.Contains(got, bad) {
			t.Errorf("body %q: value made %s: %q", body, bad, got)
		}
	}
}
