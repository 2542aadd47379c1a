package tmplwalk

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"text/template"
	"text/template/parse"
)

// fields returns the fields and strings Walk reaches in text, in order,
// for every template text defines, the main one first.
func fields(t *testing.T, text string, visit func(parse.Node) bool) []string {
	t.Helper()
	tmpl := template.Must(template.New("main").Funcs(template.FuncMap{"f": fmt.Sprint}).Parse(text))
	var got []string
	record := func(n parse.Node) bool {
		switch n := n.(type) {
		case *parse.FieldNode:
			got = append(got, "."+strings.Join(n.Ident, "."))
		case *parse.StringNode:
			got = append(got, n.Quoted)
		case *parse.TemplateNode:
			got = append(got, "template "+n.Name)
		}
		if visit != nil {
			return visit(n)
		}
		return true
	}
	names := []string{"main"}
	for _, tt := range tmpl.Templates() {
		if tt.Name() != "main" {
			names = append(names, tt.Name())
		}
	}
	slices.Sort(names[1:])
	for _, name := range names {
		Walk(tmpl.Lookup(name).Tree.Root, record)
	}
	return got
}

// TestWalk: Walk reaches every node below a body: the pipelines and both
// lists of if, range and with, commands and their arguments, the pipeline
// of a template call and the node a chain starts from.
func TestWalk(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"action", `{{ .A }} {{ f .B "s" }}`, []string{".A", ".B", `"s"`}},
		{"pipeline", `{{ .A | f "x" }}`, []string{".A", `"x"`}},
		{"if and else", `{{ if .A }}{{ .B }}{{ else }}{{ .C }}{{ end }}`, []string{".A", ".B", ".C"}},
		{"else if", `{{ if .A }}{{ else if .B }}{{ .C }}{{ else }}{{ .D }}{{ end }}`, []string{".A", ".B", ".C", ".D"}},
		{"range and else", `{{ range .A }}{{ .B }}{{ else }}{{ .C }}{{ end }}`, []string{".A", ".B", ".C"}},
		{"with and else", `{{ with .A }}{{ .B }}{{ else }}{{ .C }}{{ end }}`, []string{".A", ".B", ".C"}},
		{"nested", `{{ if .A }}{{ range .B }}{{ with .C }}{{ f .D }}{{ end }}{{ end }}{{ end }}`, []string{".A", ".B", ".C", ".D"}},
		{"declaration", `{{ $x := .A }}{{ range $i, $v := .B }}{{ $v }}{{ end }}`, []string{".A", ".B"}},
		{"template call", `{{ define "t" }}{{ .In }}{{ end }}{{ template "t" .Arg }}`, []string{"template t", ".Arg", ".In"}},
		{"chain", `{{ (f .A).B }}`, []string{".A"}},
		{"parenthesized argument", `{{ f (f .A "b") }}`, []string{".A", `"b"`}},
		{"no else branch", `{{ if .A }}x{{ end }}`, []string{".A"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fields(t, tt.text, nil); !slices.Equal(got, tt.want) {
				t.Errorf("Walk of %q reached %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestWalkStops: where visit returns false, Walk goes no deeper into
// that node, and on with its siblings.
func TestWalkStops(t *testing.T) {
	text := `{{ .A }}{{ if .B }}{{ .C }}{{ end }}{{ range .D }}{{ .E }}{{ end }}{{ .F }}`
	got := fields(t, text, func(n parse.Node) bool {
		_, isIf := n.(*parse.IfNode)
		return !isIf
	})
	if want := []string{".A", ".D", ".E", ".F"}; !slices.Equal(got, want) {
		t.Errorf("Walk skipping if reached %q, want %q", got, want)
	}
	var n int
	Walk(nil, func(parse.Node) bool { n++; return true })
	var list *parse.ListNode
	Walk(list, func(parse.Node) bool { n++; return true })
	if n != 0 {
		t.Errorf("Walk visited %d nodes of nil", n)
	}
}
