package layout

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
	set := func(texts ...string) *Set {
		m := map[string]*template.Template{}
		for _, kind := range kinds() {
			root := template.New("").Funcs(layoutFuncs())
			for i, text := range texts {
				template.Must(root.New(kind + strings.Repeat("x", i)).Parse(text))
			}
			m[kind] = root
		}
		return &Set{byKind: m}
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
			got := set(tt.texts...).MessageRefs()
			if tt.want == nil {
				if got != nil {
					t.Errorf("MessageRefs = %v, want nil (unknown)", got)
				}
				return
			}
			if keys := slices.Sorted(maps.Keys(got)); !slices.Equal(keys, tt.want) {
				t.Errorf("MessageRefs = %v, want %v", keys, tt.want)
			}
		})
	}
	if got := (&Set{byKind: map[string]*template.Template{KindNotice: template.New("")}}).MessageRefs(); got != nil {
		t.Errorf("MessageRefs without every layout = %v, want nil", got)
	}
}

// TestBuiltinLayoutsUseBuiltinMessages: every id the built-in layouts pass
// to T is a built-in message, so a site's message of that id overrides it.
func TestBuiltinLayoutsUseBuiltinMessages(t *testing.T) {
	layouts, diags := Load(os.DirFS("../../../layouts"), fstest.MapFS{})
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	used := layouts.MessageRefs()
	if len(used) < 30 {
		t.Fatalf("MessageRefs found %d ids in the built-in layouts: %v", len(used), used)
	}
	cat, _ := locale.Load(os.DirFS("../../../i18n"), nil, []string{"en"}, "en")
	for id := range used {
		if !cat.Has(id) {
			t.Errorf("the built-in layouts print %q, which no built-in message defines", id)
		}
	}
}
