package locale

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
)

// TestMessageParseErrors: a message whose template does not parse is an
// error at Load, at its line, where it was silently printed as its id.
func TestMessageParseErrors(t *testing.T) {
	tests := []struct {
		name, text string
		line, col  int
		want       string
	}{
		{"unclosed action", "skipLink = \"Skip\"\nnoticeLead = \"This {{ .Name \"\n", 2, 1,
			`message "noticeLead": template: unclosed action; expected }} to close the action`},
		{"unknown function", "noticeLead = \"{{ .Name | upper }}\"\n", 1, 1,
			`message "noticeLead": template: function "upper" not defined; a message can use only text/template's built-in functions`},
		{"unclosed range", "glance = \"{{ range . }}x\"\n", 1, 1,
			`message "glance": template: unexpected EOF; expected {{ end }} to close every {{ if }}, {{ range }} and {{ with }}`},
		{"plural form, at its key", "a = \"A\"\n\n[glance]\none = \"{{ .X }}\"\n  other = \"{{ .X \"\n", 5, 3,
			`message "glance": template: unclosed action`},
		{"broken one form of two", "[glance]\none = \"{{ if }}\"\nother = \"fine\"\n", 2, 1,
			`message "glance": template: missing value for if`},
		{"nested id", "[legalBasis]\ngdpr-6-1-a = \"Art. {{ 6\"\n", 2, 1,
			`message "legalBasis.gdpr-6-1-a": template: unclosed action`},
		{"multi-line: the line inside", "glance = \"\"\"\nAt\na {{ glance\n\"\"\"\n", 3, 0,
			`message "glance": template: function "glance" not defined`},
		{"multi-line on the key's line", "glance = \"\"\"At\na\n{{ end }}\"\"\"\n", 3, 0,
			`message "glance": template: unexpected {{end}}`},
		{"own delimiters", "[glance]\nleftDelim = \"<<\"\nrightDelim = \">>\"\nother = \"<< .X \"\n", 4, 1,
			`message "glance": template: unclosed action; expected >> to close the action`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			own := map[string]site.File{"en": {Path: "i18n/en.toml", Data: []byte(tt.text)}}
			_, diags := Load(builtin, own, []string{"en"}, "en")
			var errs diag.List
			for _, d := range diags {
				if d.Severity == diag.Error {
					errs = append(errs, d)
				}
			}
			if len(errs) != 1 {
				t.Fatalf("want one error, got:\n%v", diags)
			}
			d := errs[0]
			if d.File != "i18n/en.toml" || d.Line != tt.line || d.Col != tt.col || !strings.HasPrefix(d.Message, tt.want) {
				t.Errorf("got  %v\nwant i18n/en.toml:%d:%d: error: %s…", d, tt.line, tt.col, tt.want)
			}
		})
	}
}

// TestMessageBounds: a message is held to the bounds of a section body.
// One that breaks them whatever the data, in any of its plural forms, is
// an error at its line when it is loaded; one that breaks them on the data
// a layout passes is one when a page prints it, quickly, instead of
// gigabytes of output.
func TestMessageBounds(t *testing.T) {
	tests := []struct {
		name, text string
		data       map[string]any
		atLoad     bool // else when printed with data
		line       int
		want       string
	}{
		{"range over a huge number", `glance = "{{ range 100000000 }}x{{ end }}"`, nil, true, 1,
			"more than 1000 range iterations and template calls; expected a message that loops a few times at most"},
		{"nested ranges", "x = \"\"\n[glance]\nother = \"{{ range 100 }}{{ range 100 }}{{ end }}{{ end }}\"\n", nil, true, 3,
			"more than 1000 range iterations and template calls"},
		{"recursion", `glance = "{{ define \"r\" }}{{ template \"r\" . }}{{ template \"r\" . }}{{ end }}{{ template \"r\" . }}"`, nil, true, 1,
			"more than 1000 range iterations and template calls"},
		{"output", `glance = "{{ range 999 }}{{ printf \"%-500s\" \"x\" }}{{ end }}"`, nil, true, 1,
			"the message would be more than 131072 bytes (128 KiB); expected a message of reasonable size"},
		{"string work", `glance = "{{ $x := \"xxxxxxxxxxxxxxxx\" }}{{ range 40 }}{{ $x = printf \"%s%s\" $x $x }}{{ end }}"`, nil, true, 1,
			"printf would make more than 1048576 bytes in all; expected a message of reasonable size"},
		{"printf width", `glance = "{{ printf \"%999999d\" 1 }}"`, nil, true, 1,
			"printf: width or precision above 1000"},
		{"a plural form no layout prints", "[glance]\nother = \"At a glance\"\none = \"{{ range 100000000 }}x{{ end }}\"", nil, true, 3,
			"more than 1000 range iterations and template calls"},
		{"a plural form with custom delimiters", "[glance]\nleftDelim = \"<<\"\nrightDelim = \">>\"\nother = \"At a glance\"\nfew = \"<< range 100000000 >>x<< end >>\"", nil, true, 5,
			"more than 1000 range iterations and template calls"},
		{"a loop over the layout's data", `glance = "{{ range .Items }}{{ range 100 }}x{{ end }}{{ end }}"`, map[string]any{"Items": make([]int, 100)}, false, 1,
			"more than 1000 range iterations and template calls"},
		{"a field of the layout's text", "glance = \"\"\"\nAt a glance\n{{ .Name.Short }}\"\"\"", map[string]any{"Name": "Acme"}, false, 3,
			".Name.Short: can't evaluate field Short"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			own := map[string]site.File{"en": {Path: "i18n/en.toml", Data: []byte(tt.text + "\n")}}
			c, diags := Load(builtin, own, []string{"en"}, "en")
			if tt.atLoad {
				if len(diags) != 1 || diags[0].File != "i18n/en.toml" || diags[0].Line != tt.line || diags[0].Severity != diag.Error || !strings.Contains(diags[0].Message, tt.want) {
					t.Fatalf("Load: %v\nwant one error i18n/en.toml:%d: …%s…", diags, tt.line, tt.want)
				}
				// The message is left out: pages, which the error keeps
				// from being written, would show the built-in text.
				if s, err := c.T("en", "glance", tt.data); s != "At a glance" || err != nil {
					t.Errorf("T = %q, %v; want the built-in text", s, err)
				}
				return
			}
			if diags.HasErrors() {
				t.Fatalf("Load: %v", diags)
			}
			for range 2 { // the second time from the cache of plain messages
				s, err := c.T("en", "glance", tt.data)
				var me *MessageError
				if !errors.As(err, &me) {
					t.Fatalf("T = %d bytes, %v; want a *MessageError", len(s), err)
				}
				if me.Diag.File != "i18n/en.toml" || me.Diag.Line != tt.line || !strings.Contains(me.Diag.Message, tt.want) {
					t.Errorf("got  %v\nwant i18n/en.toml:%d: …%s…", me.Diag, tt.line, tt.want)
				}
				if s != "" {
					t.Errorf("T printed %d bytes beside its error", len(s))
				}
			}
		})
	}
}

// TestMessageWithinBounds: what messages do within the bounds still works
// as go-i18n had it.
func TestMessageWithinBounds(t *testing.T) {
	file := `glance = "{{ range 3 }}*{{ end }} {{ .Name | printf \"%q\" }} {{ len .Name }}"
[contents]
leftDelim = "<<"
rightDelim = ">>"
other = "{{ << .Name >> }}"
[none]
one = "one"
other = "other"
`
	c, diags := mustLoad(t, map[string]site.File{"en": {Path: "i18n/en.toml", Data: []byte(file)}}, []string{"en"}, "en")
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	data := map[string]any{"Name": "Acme"}
	for _, tt := range []struct{ id, want string }{
		{"glance", `*** "Acme" 4`},
		{"contents", "{{ Acme }}"},
		{"none", "other"}, // no layout counts: the other form
	} {
		if got := text(c.T("en", tt.id, data)); got != tt.want {
			t.Errorf("T(%s) = %q, want %q", tt.id, got, tt.want)
		}
	}
}

// TestWarningsUnused: a site's message no page can show warns at its key
// with the nearest known id; a legitimate one does not.
func TestWarningsUnused(t *testing.T) {
	en := `glanse = "Overview"
glance = "At a glance!"
myFooter = "Imprint"
zzzzzzzzzzzzzzzzzzzz = "?"
Glance = "Glance"
"glance.caption" = "Summary"

[legalBasis]
tdddg-25-1 = "§ 25(1) TDDDG"

[safeguard]
scc = "SCC"
`
	de := "glanse = \"Überblick\"\nmyFooter = \"Impressum\"\n\n[legalBasis]\ntdddg-25-1 = \"§ 25 Abs. 1 TDDDG\"\n"
	own := map[string]site.File{"en": {Path: "i18n/en.toml", Data: []byte(en)}, "de": {Path: "i18n/de.toml", Data: []byte(de)}}
	c, diags := Load(builtin, own, []string{"en", "de"}, "en")
	if len(diags) != 0 {
		t.Fatalf("Load: %v", diags)
	}
	got := c.Warnings(map[string]bool{"glance": true, "myFooter": true})
	want := []string{
		`i18n/de.toml:1:1: warning: message "glanse" is used by no layout and overrides no built-in message; expected a known id such as "glance" (the nearest), or remove it [unused-message]`,
		`i18n/en.toml:1:1: warning: message "glanse" is used by no layout and overrides no built-in message; expected a known id such as "glance" (the nearest), or remove it [unused-message]`,
		// no typo of any known id: none is named
		`i18n/en.toml:4:1: warning: message "zzzzzzzzzzzzzzzzzzzz" is used by no layout and overrides no built-in message; expected an id that a layout passes to .T, or remove it [unused-message]`,
		// an id that differs only in case is said to be so
		`i18n/en.toml:5:1: warning: message "Glance" is used by no layout and overrides no built-in message; expected "glance": ids are case-sensitive [unused-message]`,
		// a quoted key with dots is placed at its line, not at line 1
		`i18n/en.toml:6:1: warning: message "glance.caption" is used by no layout and overrides no built-in message; expected a known id such as "glanceCaption" (the nearest), or remove it [unused-message]`,
	}
	var lines []string
	for _, d := range got.Sorted() {
		lines = append(lines, d.String())
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("Warnings:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	// Unknown usage (a layout's {{ .T $id }}): no unused-message, and
	// every missing translation counts.
	got = c.Warnings(nil)
	if len(got) != 1 || !strings.Contains(got[0].Message, "3 UI messages have no de translation and are shown in en: Glance, glance.caption, zzzzzzzzzzzzzzzzzzzz") {
		t.Errorf("Warnings(nil) = %v, want only the missing de translations", got)
	}
}

// TestWarningsUnusedBounded: a file of many stray ids is a bounded number
// of warnings, and the ids are compared cheaply.
func TestWarningsUnusedBounded(t *testing.T) {
	var b strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&b, "stray%s%d = \"x\"\n", strings.Repeat("x", i%120), i)
	}
	own := map[string]site.File{"en": {Path: "i18n/en.toml", Data: []byte(b.String())}}
	c, diags := Load(builtin, own, []string{"en"}, "en")
	if diags.HasErrors() {
		t.Fatalf("Load: %v", diags[:1])
	}
	got := c.Warnings(map[string]bool{})
	if len(got) != maxUnusedReported+1 {
		t.Fatalf("%d warnings, want %d and one that counts the rest", len(got), maxUnusedReported+1)
	}
	if last := got[len(got)-1]; last.Line != 1 || !strings.HasPrefix(last.Message, "4980 more messages are used by no layout") {
		t.Errorf("last warning = %v", last)
	}
}
