package render

import (
	"html/template"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/noticegen/noticegen/generator/locale"
)

// TestMessageRefs finds the message ids layouts pass to T in every way
// layouts call it, and gives up (nil) where an id is not a literal.
func TestMessageRefs(t *testing.T) {
	set := func(texts ...string) map[string]*template.Template {
		m := map[string]*template.Template{}
		for _, kind := range []string{KindChooser, KindOverview, KindNotice} {
			root := template.New("").Funcs(layoutFuncs())
			for i, text := range texts {
				template.Must(root.New(kind + strings.Repeat("x", i)).Parse(text))
			}
			m[kind] = root
		}
		return m
	}
	tests := []struct {
		name  string
		texts []string
		want  []string // nil: unknown
	}{
		{"dot", []string{`{{ .T "glance" }}`}, []string{"glance"}},
		{"dollar and data", []string{`{{ $.T "updated" "Date" .Updated.Text }}`}, []string{"updated"}},
		{"variable", []string{`{{ $p := . }}{{ $p.T "email" }}`}, []string{"email"}},
		{"nested", []string{`{{ if .X }}{{ range .Y }}{{ with .Z }}{{ $.T "a" }}{{ else }}{{ $.T "b" }}{{ end }}{{ end }}{{ end }}`}, []string{"a", "b"}},
		{"argument", []string{`{{ printf "%s" (.T "c") }}`}, []string{"c"}},
		{"partial", []string{`{{ define "p" }}{{ .T "d" }}{{ end }}`, `{{ template "p" . }}`}, []string{"d"}},
		{"not T", []string{`{{ .Tel "x" }}{{ .Title }}`}, []string{}},
		{"variable id", []string{`{{ .T "a" }}{{ $id := "b" }}{{ .T $id }}`}, nil},
		{"piped id", []string{`{{ "a" | .T }}`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := messageRefs(set(tt.texts...))
			if tt.want == nil {
				if got != nil {
					t.Errorf("messageRefs = %v, want nil (unknown)", got)
				}
				return
			}
			if keys := slices.Sorted(maps.Keys(got)); !slices.Equal(keys, tt.want) {
				t.Errorf("messageRefs = %v, want %v", keys, tt.want)
			}
		})
	}
	if got := messageRefs(map[string]*template.Template{KindNotice: template.New("")}); got != nil {
		t.Errorf("messageRefs without every layout = %v, want nil", got)
	}
}

// TestBuiltinLayoutsUseBuiltinMessages: every id the built-in layouts pass
// to T is a built-in message, so a site's message of that id overrides it.
func TestBuiltinLayoutsUseBuiltinMessages(t *testing.T) {
	files, diags := layoutFiles(os.DirFS("../../layouts"), fstest.MapFS{})
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	layouts := map[string]*template.Template{}
	for _, kind := range []string{KindChooser, KindOverview, KindNotice} {
		tmpl, ds := parseLayouts(files, kind)
		if len(ds) != 0 {
			t.Fatal(ds)
		}
		layouts[kind] = tmpl
	}
	used := messageRefs(layouts)
	if len(used) < 30 {
		t.Fatalf("messageRefs found %d ids in the built-in layouts: %v", len(used), used)
	}
	cat, _ := locale.Load(os.DirFS("../../i18n"), nil, []string{"en"}, "en")
	for id := range used {
		if !cat.Has(id) {
			t.Errorf("the built-in layouts print %q, which no built-in message defines", id)
		}
	}
}
