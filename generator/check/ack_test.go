package check

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
)

const ackToml = `title = "Acme"

[[acknowledge]]
rule = "translation-missing"
reason = "de follows in May."

[[acknowledge]]
  file = "content/notices/website.toml"
  rule = "unknown-ref"
  reason = "cannot be acknowledged"

[[acknowledge]]
rule = "gdpr-13-1-e"
file = "content/sections/a.en.md"
reason = "no recipients \u001b[2J"
`

// TestAcknowledge: check's findings and the build's warnings can be
// acknowledged, by rule and file; the build's errors cannot, and an entry
// that matches nothing is a warning at its rule line.
func TestAcknowledge(t *testing.T) {
	s := &site.Site{Source: site.Source{Path: "site.toml", Text: []byte(ackToml)}, Config: site.Config{Acknowledge: []site.Acknowledgement{
		{Rule: "translation-missing", Reason: "de follows in May."},
		{Rule: "unknown-ref", File: "content/notices/website.toml", Reason: "cannot be acknowledged"},
		{Rule: "gdpr-13-1-e", File: "content/sections/a.en.md", Reason: "no recipients \x1b[2J"},
	}}}
	build := diag.List{
		{File: "content/sections/a.en.md", Line: 1, Severity: diag.Warning, Rule: "translation-missing", Message: "no de"},
		{File: "content/notices/website.toml", Line: 2, Col: 3, Severity: diag.Error, Rule: "unknown-ref", Message: "unknown section"},
	}
	found := diag.List{
		{File: "content/sections/a.en.md", Line: 1, Severity: diag.Warning, Rule: "gdpr-13-1-e", Message: "no recipients"},
		{File: "content/sections/b.en.md", Line: 1, Severity: diag.Warning, Rule: "gdpr-13-1-e", Message: "no recipients"},
	}
	out := Acknowledge(s, build, found)
	var got []string
	for _, d := range out {
		got = append(got, fmt.Sprintf("%s:%d:%d [%s] %v", d.File, d.Line, d.Col, d.Rule, d.Acknowledged))
	}
	want := []string{
		"content/sections/a.en.md:1:0 [translation-missing] true",
		"content/notices/website.toml:2:3 [unknown-ref] false",
		"content/sections/a.en.md:1:0 [gdpr-13-1-e] true",
		"content/sections/b.en.md:1:0 [gdpr-13-1-e] false",
		"site.toml:9:3 [unused-acknowledgement] false",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(out[4].Message, "stop the build") {
		t.Errorf("unused acknowledgement of a build error does not say why: %s", out[4].Message)
	}
	if !out.HasErrors() || out[:1].HasErrors() {
		t.Errorf("HasErrors: the build's error must still count, an acknowledged warning not")
	}
	var text bytes.Buffer
	if err := WriteText(&text, out[2:3]); err != nil {
		t.Fatal(err)
	}
	if w := "content/sections/a.en.md:1: warning: no recipients [gdpr-13-1-e] (acknowledged: no recipients \\x1b[2J)\n"; text.String() != w {
		t.Errorf("text = %q, want %q", text.String(), w)
	}
}

// TestAckPos finds the rule line of the n-th [[acknowledge]] table, its
// header when it has no rule, and the key otherwise.
func TestAckPos(t *testing.T) {
	src := site.Source{Path: "site.toml", Text: []byte(ackToml + "\n[[acknowledge]]\nreason = \"x\"\n")}
	for i, want := range [][2]int{{4, 1}, {9, 3}, {13, 1}, {17, 1}} {
		if l, c := ackPos(src, i); l != want[0] || c != want[1] {
			t.Errorf("ackPos(%d) = %d:%d, want %d:%d", i, l, c, want[0], want[1])
		}
	}
	inline := site.Source{Path: "site.toml", Text: []byte("title = \"A\"\nacknowledge = [{ rule = \"x\", reason = \"y\" }]\n")}
	if l, _ := ackPos(inline, 0); l != 2 {
		t.Errorf("ackPos of an inline array = line %d, want 2", l)
	}
}
