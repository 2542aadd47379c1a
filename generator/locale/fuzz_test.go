package locale

// FuzzMessages feeds arbitrary text as a site's i18n/<lang>.toml through
// the loader and the catalog, and prints every message it defines the way
// layouts do. Seeds are the built-in message files and the i18n members of
// testdata/script/*.txtar.
//
// Run it with:
//
//	go test ./generator/locale -run '^$' -fuzz '^FuzzMessages$' -fuzztime 20s

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/internal/budget"
	"github.com/noticegen/noticegen/generator/site"
)

func FuzzMessages(f *testing.F) {
	for _, name := range []string{"en.toml", "de.toml"} {
		if b, err := os.ReadFile(filepath.Join("../../i18n", name)); err == nil {
			f.Add(string(b), "Acme")
		}
	}
	scripts, _ := filepath.Glob("../../testdata/script/*.txtar")
	for _, p := range scripts {
		a, err := txtar.ParseFile(p)
		if err != nil {
			continue
		}
		for _, file := range a.Files {
			if strings.HasPrefix(file.Name, "i18n/") || strings.HasPrefix(file.Name, "bad/") && strings.HasSuffix(file.Name, ".toml") && !strings.Contains(string(file.Data), "name =") {
				f.Add(string(file.Data), "Acme & <Co>")
			}
		}
	}
	for _, s := range []string{
		`glance = "{{ range 100000000 }}x{{ end }}"`,
		"[glance]\none = \"{{ range . }}\"\nother = \"{{ .Name | printf \\\"%-999s\\\" }}\"",
		"noticeLead = \"\"\"\n{{ define \\\"r\\\" }}{{ template \\\"r\\\" . }}{{ end }}{{ template \\\"r\\\" . }}\n\"\"\"",
		"[a.b]\nleftDelim = \"[[\"\nrightDelim = \"]]\"\nother = \"[[ .Name ]] {{ x\"",
		`x = "{{ $x := .Name }}{{ range 30 }}{{ $x = printf \"%s%s\" $x $x }}{{ end }}{{ $x }}"`,
		"glanse = \"Overview\"\n[legalBasis]\ngdpr-6-1-z = \"{{ .\"",
	} {
		f.Add(s, "Acme")
	}
	builtinFS := os.DirFS("../../i18n")
	f.Fuzz(func(t *testing.T, text, value string) {
		// Through the site loader, which bounds what the TOML library may
		// see, as a build does.
		fsys := fstest.MapFS{
			"site.toml":    {Data: []byte("title = \"T\"\nbaseURL = \"https://e.example/\"\ndefaultLanguage = \"en\"\nlanguages = [\"en\", \"aa\"]\n")},
			"i18n/en.toml": {Data: []byte(text)},
			"i18n/aa.toml": {Data: []byte(text)},
		}
		s, _ := site.Load(context.Background(), fsys)
		c, diags := Load(builtinFS, s.I18n, s.Config.Languages, s.Config.DefaultLanguage)
		if c == nil {
			t.Fatal("Load returned no catalog")
		}
		checkLines(t, "Load", diags)
		checkLines(t, "Warnings", c.Warnings(map[string]bool{"glance": true}))
		checkLines(t, "Warnings(nil)", c.Warnings(nil))
		n := 0
		for _, m := range c.own {
			for _, lang := range []string{"en", "aa", "de"} {
				for _, data := range []map[string]any{nil, {"Name": value, "Date": value, "Language": value}} {
					if n++; n > 200 {
						return // enough executions for one input
					}
					out, err := c.T(lang, m.id, data)
					if len(out) > budget.MaxOutput {
						t.Fatalf("T(%q, %q) printed %d bytes, more than %d", lang, m.id, len(out), budget.MaxOutput)
					}
					if err == nil {
						continue
					}
					var me *MessageError
					if !errors.As(err, &me) {
						t.Fatalf("T(%q, %q): %v is no *MessageError", lang, m.id, err)
					}
					checkLines(t, "T", diag.List{me.Diag})
					if me.Diag.Severity != diag.Error || !strings.HasPrefix(me.Diag.Message, "message ") {
						t.Errorf("T(%q, %q): %v", lang, m.id, me.Diag)
					}
				}
			}
		}
	})
}

// checkLines holds diagnostics to a file and a line ≥ 1 within it.
func checkLines(t *testing.T, what string, diags diag.List) {
	t.Helper()
	for _, d := range diags {
		if d.File == "" || d.Line < 1 {
			t.Errorf("%s: diagnostic without a file or a line ≥ 1: %v", what, d)
		}
	}
}
