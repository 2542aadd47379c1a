package diag

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostile holds what a value can carry that a terminal acts on or that
// hides text: C0 controls, DEL, a C1 CSI, bidi overrides and isolates,
// zero-width characters and bytes that are not UTF-8.
var hostile = []string{
	"\x1b[31mred\x1b[0m", "\x1b]0;title\x07", "bell\a", "back\bspace", "cr\roverwrite", "new\nline", "tab\there",
	"nul\x00", "del\x7f", "csi\u009b31m", "nel\u0085", "rlo\u202eevil", "lri\u2066x\u2069", "zw\u200bsp", "bom\ufeff",
	"bad\xffutf8", "half\xe2\x80", "ok plain text", "quote\"back\\slash", "Straße 1 – “München” …",
}

// printable reports whether s is valid UTF-8 made only of characters a
// terminal shows as themselves.
func printable(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return !strconv.IsPrint(r) })
}

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", `"plain"`},
		{"\x1b[31m", `"\x1b[31m"`},
		{"a\u202eb", `"a\u202eb"`},
		{"\xff", `"\xff"`},
		{`a"b`, `"a\"b"`},
	}
	for _, tt := range tests {
		if got := Quote(tt.in); got != tt.want {
			t.Errorf("Quote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"Straße – “x” …", "Straße – “x” …"},
		{`keeps "quotes" and \backslashes`, `keeps "quotes" and \backslashes`},
		{"\x1b[31mred", `\x1b[31mred`},
		{"a\u202eb", `a\u202eb`},
		{"csi\u009b", `csi\u009b`},
		{"bell\a", `bell\a`},
		{"line\nbreak", `line\nbreak`},
		{"bad\xffbyte", `bad\xffbyte`},
		{"é\x01", `é\x01`},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Escape(Escape(tt.in)); got != Escape(tt.in) {
			t.Errorf("Escape is not idempotent on %q: %q", tt.in, got)
		}
	}
}

// TestStringEscapesEverything feeds each hostile value through every part
// of a diagnostic, made every way a diagnostic is made, and checks that
// what String prints (and Escaped holds) is printable text only.
func TestStringEscapesEverything(t *testing.T) {
	for _, v := range hostile {
		var l List
		l.Errorf(v, 1, 1, "unknown key %s", v)
		l.Warnf(v, 1, 1, "value %v", v)
		l.Errorf(v, 1, 1, "quoted %q", v)
		l.Add(Diagnostic{File: v, Message: "made elsewhere " + v, Rule: v, Entity: v, Notice: v, Lang: v})
		raw := Diagnostic{File: v, Line: 2, Message: "never added " + v, Rule: v}
		for _, d := range append(l, raw) {
			if s := d.String(); !printable(s) {
				t.Errorf("String() of a diagnostic with %q = %q: holds a character a terminal acts on", v, s)
			}
			e := d.Escaped()
			for _, f := range []string{e.File, e.Message, e.Rule, e.Entity, e.Notice, e.Lang} {
				if !printable(f) {
					t.Errorf("Escaped() of a diagnostic with %q holds %q", v, f)
				}
			}
		}
		for _, d := range l {
			if !printable(d.Message) {
				t.Errorf("a message made with %q holds %q: not escaped when made", v, d.Message)
			}
		}
		for _, line := range strings.Split(l.Error(), "\n") {
			if !printable(line) {
				t.Errorf("List.Error() with %q has the line %q", v, line)
			}
		}
	}
}

func TestTerminalWriter(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Built Acme into public in 3 ms\n  files\t7\n", "Built Acme into public in 3 ms\n  files\t7\n"},
		{"Built \x1b[2JAcme into pub\u202elic\n", "Built \\x1b[2JAcme into pub\\u202elic\n"},
		{"a\rb\xff\n", "a\\rb\\xff\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		n, err := TerminalWriter(&b).Write([]byte(tt.in))
		if err != nil || n != len(tt.in) {
			t.Errorf("Write(%q) = %d, %v; want %d, nil", tt.in, n, err, len(tt.in))
		}
		if b.String() != tt.want {
			t.Errorf("Write(%q) wrote %q, want %q", tt.in, b.String(), tt.want)
		}
	}
	for _, v := range hostile {
		var b bytes.Buffer
		if _, err := TerminalWriter(&b).Write([]byte(v + "\n")); err != nil {
			t.Fatal(err)
		}
		if s := strings.NewReplacer("\n", "", "\t", "").Replace(b.String()); !printable(s) {
			t.Errorf("TerminalWriter let %q through as %q", v, b.String())
		}
	}
}
