package synth

import (
	"bytes"
	"context"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/generator"
	"github.com/noticegen/noticegen/generator/diag"
)

// Bodies stay within 1–4 KB in both languages, whatever the seed, and the
// language-neutral front matter agrees between the translations.
func TestSectionsSizesAndNeutralFields(t *testing.T) {
	for seed := range uint64(300) {
		for _, s := range specs {
			sec := genSection(s, rand.New(rand.NewPCG(seed, 7)))
			for _, l := range []string{"en", "de"} {
				if n := len(sec.body[l]); n < minBody || n > maxBody {
					t.Errorf("seed %d, %s.%s: body of %d bytes, want %d–%d", seed, s.id, l, n, minBody, maxBody)
				}
			}
			if en, de := neutral(sec.front["en"]), neutral(sec.front["de"]); en != de {
				t.Errorf("seed %d, %s: language-neutral fields differ:\n%s\nvs\n%s", seed, s.id, en, de)
			}
		}
	}
}

func neutral(front string) string {
	var keep []string
	for _, line := range strings.Split(front, "\n") {
		for _, k := range []string{"legalBases ", "thirdCountries ", "safeguards ", "covers ", "updated "} {
			if strings.HasPrefix(line, k) {
				keep = append(keep, line)
			}
		}
	}
	return strings.Join(keep, "\n")
}

// The same options write the same tree; another seed writes another one.
func TestDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, w := range []struct {
		dir  string
		seed uint64
	}{{a, 7}, {b, 7}, {c, 8}} {
		if err := Write(w.dir, Options{Entities: 6, Seed: w.seed}); err != nil {
			t.Fatal(err)
		}
	}
	ta, tb, tc := tree(t, a), tree(t, b), tree(t, c)
	if len(ta) != len(tb) {
		t.Fatalf("%d files vs %d", len(ta), len(tb))
	}
	for name, text := range ta {
		if !bytes.Equal(text, tb[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	if bytes.Equal(ta["content/sections/orders.en.md"], tc["content/sections/orders.en.md"]) {
		t.Error("seeds 7 and 8 wrote the same orders section")
	}
}

func tree(t *testing.T, dir string) map[string][]byte {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Sites of every shape build and pass check without errors; the only
// warnings are the translation ones the generator means to cause (the
// example itself has a stale translation) and, beyond en and de, UI
// messages the built-in i18n files do not have.
func TestBuildsAndChecks(t *testing.T) {
	for _, o := range []Options{
		{Entities: 4},
		{Entities: 3, Notices: 1, Languages: 1},
		{Entities: 3, Notices: 3, Languages: 3, Seed: 5},
		{Entities: 2, Notices: 4, Languages: 16},
	} {
		dir := t.TempDir()
		if err := Write(dir, o); err != nil {
			t.Fatal(err)
		}
		res := generator.Check(context.Background(), os.DirFS(dir), generator.Options{Builtin: noticegen.Example})
		if res.Diags.HasErrors() {
			t.Errorf("%+v: check failed:\n%v", o, res.Diags)
			continue
		}
		o, _ = o.withDefaults()
		if want := o.Entities * o.Notices * o.Languages; len(res.Pages) != want {
			t.Errorf("%+v: %d notice pages, want %d", o, len(res.Pages), want)
		}
		missing := 0
		for _, d := range res.Diags {
			switch {
			case d.Rule == "translation-missing":
				missing++
			case d.Rule == "translation-stale", d.Severity == diag.Warning && o.Languages > 2:
			default:
				t.Errorf("%+v: unexpected %v", o, d)
			}
		}
		if o.Languages > 1 && missing == 0 {
			t.Errorf("%+v: no missing translations; the site should exercise the fallback", o)
		}
	}
}
