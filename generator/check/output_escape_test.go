package check

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/noticegen/noticegen/generator/diag"
)

// TestOutputEscaped: a finding made without diag.List (as the rules make
// theirs) that holds a bidi override, a C1 CSI or an ESC prints them
// escaped in every format; JSON escapes only the C0 codes by itself.
func TestOutputEscaped(t *testing.T) {
	v := "a\u202eb\u009b1m\x1b[2J"
	diags := diag.List{{File: "content/sections/" + v + ".en.md", Line: 1, Severity: diag.Warning, Rule: "unused-section", Message: "section " + v, Entity: v, Notice: v, Lang: v}}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"text":  func(b *bytes.Buffer) error { return WriteText(b, diags) },
		"json":  func(b *bytes.Buffer) error { return WriteJSON(b, diags) },
		"sarif": func(b *bytes.Buffer) error { return WriteSARIF(b, diags, "test") },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		out := strings.ReplaceAll(b.String(), "\n", "")
		if strings.ContainsFunc(out, func(r rune) bool { return !strconv.IsPrint(r) }) {
			t.Errorf("%s output holds a character a terminal acts on: %q", name, b.String())
		}
		if !strings.Contains(out, `a\u202eb\u009b1m\x1b[2J`) && !strings.Contains(out, `a\\u202eb\\u009b1m\\x1b[2J`) {
			t.Errorf("%s output does not show the value escaped: %q", name, b.String())
		}
	}
}
