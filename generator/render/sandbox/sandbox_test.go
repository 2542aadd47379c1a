package sandbox

import (
	"bytes"
	"strings"
	"testing"

	"github.com/noticegen/noticegen/generator/render/markdown"
	"github.com/noticegen/noticegen/generator/site"
)

// markdownEscape is the escaping of a build: every value as Markdown
// text (package markdown), counted as it is printed.
func markdownEscape(text string) (string, int) {
	e := markdown.Escape(text)
	return e, len(e)
}

func TestParseErrorLine(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		bodyLine int
		line     int
		contains string
	}{
		{"unclosed action", "Intro.\n\nHello {{ .Entity.Name\n", 5, 7, "unclosed action"},
		{"unknown function", "{{ readFile \"/etc/passwd\" }}\n", 4, 4, "readFile"},
		{"unexpected end", "a\n{{ if .Lang }}\nb\n", 10, -1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &site.SectionFile{Path: "content/sections/x.en.md", Body: tt.body, BodyLine: tt.bodyLine}
			tmpl, d := Parse(f)
			if d == nil {
				t.Fatalf("Parse(%q) = %v, nil; want an error", tt.body, tmpl)
			}
			if d.File != f.Path || (tt.line >= 0 && d.Line != tt.line) || !strings.Contains(d.Message, tt.contains) {
				t.Errorf("Parse(%q) error = %v, want %s:%d containing %q", tt.body, d, f.Path, tt.line, tt.contains)
			}
			if d.Line < tt.bodyLine {
				t.Errorf("error line %d is before the body, which starts on line %d", d.Line, tt.bodyLine)
			}
		})
	}
}

func TestParseEscapesEveryAction(t *testing.T) {
	data := &Data{Lang: "en", Params: map[string]any{"a": "*A*", "b": "<b>"}}
	data.Entity.Name = "# N"
	tests := []struct {
		body, want string
	}{
		{"{{ .Entity.Name }}", `\# N`},
		{"{{ .Params.a }}", `\*A\*`},
		{"{{ printf \"%s!\" .Params.b }}", `\<b\>\!`},
		{"{{ if .Lang }}{{ .Params.a }}{{ else }}x{{ end }}", `\*A\*`},
		{"{{ range $k, $v := .Params }}{{ $v }};{{ end }}", `\*A\*;\<b\>;`},
		{"{{ with .Params.b }}{{ . }}{{ end }}", `\<b\>`},
		{"{{ define \"t\" }}{{ .Params.a }}{{ end }}{{ template \"t\" . }}", `\*A\*`},
		{"{{ $x := .Params.a }}[{{ $x }}]", `[\*A\*]`},
		{"*{{ .Lang }}*", `*en*`}, // the author's own markup stays
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			tmpl, d := Parse(&site.SectionFile{Path: "x.en.md", Body: tt.body, BodyLine: 3})
			if d != nil {
				t.Fatalf("Parse: %v", d)
			}
			var b bytes.Buffer
			if d := tmpl.With(data).Run(&b, markdownEscape); d != nil {
				t.Fatalf("Run: %v", d)
			}
			if got := b.String(); got != tt.want {
				t.Errorf("body %q printed %q, want %q", tt.body, got, tt.want)
			}
		})
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
		tmpl, d := Parse(&site.SectionFile{Path: "x.en.md", Body: tt.body, BodyLine: 1})
		if d != nil {
			t.Fatal(d)
		}
		if got := mayHoldCode(tmpl.parsed); got != tt.want {
			t.Errorf("mayHoldCode(%q) = %v, want %v", tt.body, got, tt.want)
		}
		if got := tmpl.With(nil).MayHoldCode(); got != tt.want {
			t.Errorf("MayHoldCode of %q = %v, want %v", tt.body, got, tt.want)
		}
	}
}
