package markdown

import (
	"bytes"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		md   string
		line int    // 0: accepted
		want string // part of the message
	}{
		{"plain", "A sentence.\n\nAnother.", 0, ""},
		{"nested a few levels", "> > > - a\n> > >   - b\n> > >     1. c\n", 0, ""},
		{"link with parentheses", "See [x](https://example.com/a_(b)) and [y](c).", 0, ""},
		{"escaped parentheses do not count", "[x](" + strings.Repeat(`\(`, 40) + ")", 0, ""},
		{"emphasis in a table", "| a | b |\n|---|---|\n" + strings.Repeat("| **x** | _y_ |\n", 400), 0, ""},
		{"32 quotes", strings.Repeat(">", 32) + " x", 0, ""},
		{"thematic break of dashes", strings.Repeat("-", 200), 0, ""},
		{"33 quotes on line 3", "a\n\n" + strings.Repeat(">", 33) + " x", 3, "block quotes or list items"},
		{"33 bullets", strings.Repeat("- ", 33) + "x", 1, "block quotes or list items"},
		{"33 ordered markers", strings.Repeat("1. ", 33) + "x", 1, "block quotes or list items"},
		{"33 unclosed parentheses", "x\n" + strings.Repeat("[x](", 33), 2, "unclosed parentheses"},
		{"parentheses closed again", strings.Repeat("[x](a)", 100), 0, ""},
		{"2001 delimiter runs in one paragraph", "a\n\nb\n" + strings.Repeat("*a_", 1001), 3, "runs of *, _ or ~"},
		{"2000 runs per paragraph, many paragraphs", strings.Repeat(strings.Repeat("*a", 2000)+"\n\n", 5), 0, ""},
		{"too long", strings.Repeat("a", maxMarkdown+1), 1, "expected at most 131072"},
		{"just short enough", strings.Repeat("a", maxMarkdown), 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, what := Check([]byte(tt.md))
			if line != tt.line || !strings.Contains(what, tt.want) {
				t.Errorf("Check = %d, %q; want %d, containing %q", line, what, tt.line, tt.want)
			}
		})
	}
}

// BenchmarkHostileMarkdown converts the slowest Markdown shapes found that
// Check still accepts, each as large as the bounds allow: each
// should take well under a second, so an edit in serve never stalls.
// Run: go test ./generator/render/markdown -run '^$' -bench HostileMarkdown
func BenchmarkHostileMarkdown(b *testing.B) {
	const n = maxMarkdown - 64
	fill := func(item string, sep string) string {
		var s strings.Builder
		for s.Len()+len(item)+len(sep) <= n {
			s.WriteString(item)
			s.WriteString(sep)
		}
		return s.String()
	}
	shapes := []struct{ name, md string }{
		{"open links on lines of their own", fill("[x](", "\n")},
		{"reference definitions without destination", fill("[a]:", "\n")},
		{"32 unclosed parentheses per line", fill(strings.Repeat("[x](", 32), "\n")},
		{"lone brackets", fill("[", "")},
		{"32 block quotes per line", fill(strings.Repeat(">", 32)+" x", "\n")},
		{"32 list markers per line", fill(strings.Repeat("- ", 32)+"x", "\n")},
		{"2000 mixed emphasis runs per paragraph", fill(strings.Repeat("*a_", 1000), "\n\n")},
		{"autolink openers", fill("<http://", "")},
	}
	md := newGoldmark(false)
	for _, s := range shapes {
		if line, what := Check([]byte(s.md)); line != 0 {
			b.Fatalf("%s: refused at line %d (%s); the benchmark measures shapes within the bounds", s.name, line, what)
		}
		b.Run(s.name, func(b *testing.B) {
			var out bytes.Buffer
			for b.Loop() {
				out.Reset()
				if err := md.Convert([]byte(s.md), &out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
