package synth

import (
	"bytes"
	"context"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/generator"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
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

// The same options write the same tree, in every shape; another seed
// writes another section text.
func TestDeterministic(t *testing.T) {
	for _, c := range []struct{ shape, section string }{
		{"", "content/sections/orders.en.md"},
		{ShapeGroup24, "content/sections/topic-02.en.md"},
		{ShapeShort, "content/sections/point-02.en.md"},
		{ShapeUnnamed, "content/sections/tools/chat.de.md"},
	} {
		a, b, d := t.TempDir(), t.TempDir(), t.TempDir()
		for _, w := range []struct {
			dir  string
			seed uint64
		}{{a, 7}, {b, 7}, {d, 8}} {
			if err := Write(w.dir, Options{Entities: 6, Seed: w.seed, Shape: c.shape}); err != nil {
				t.Fatal(err)
			}
		}
		ta, tb, td := tree(t, a), tree(t, b), tree(t, d)
		if len(ta) != len(tb) {
			t.Fatalf("%q: %d files vs %d", c.shape, len(ta), len(tb))
		}
		for name, text := range ta {
			if !bytes.Equal(text, tb[name]) {
				t.Errorf("%q: %s differs between two runs with the same seed", c.shape, name)
			}
		}
		if ta[c.section] == nil || bytes.Equal(ta[c.section], td[c.section]) {
			t.Errorf("%q: seeds 7 and 8 wrote the same %s (or none)", c.shape, c.section)
		}
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

// Sites of every shape build and pass check without errors. In the mixed
// shape the only warnings are the translation ones the generator means to
// cause (the example itself has a stale translation) and, beyond en and
// de, UI messages the built-in i18n files do not have; the other shapes
// have no warning at all, in en and de.
func TestBuildsAndChecks(t *testing.T) {
	for _, o := range []Options{
		{Entities: 4},
		{Entities: 3, Notices: 1, Languages: 1},
		{Entities: 3, Notices: 3, Languages: 3, Seed: 5},
		{Entities: 2, Notices: 4, Languages: 16},
		{Entities: 4, Shape: ShapeMixed, Seed: 2},
		{Entities: 9, Shape: ShapeGroup24},
		{Entities: 3, Shape: ShapeGroup24, Languages: 1, Seed: 3},
		{Entities: 2, Shape: ShapeGroup24, Notices: 2, Languages: 3},
		{Entities: 4, Shape: ShapeShort},
		{Entities: 1, Shape: ShapeShort, Notices: 3, Languages: 1},
		{Entities: 5, Shape: ShapeUnnamed},
		{Entities: 2, Shape: ShapeUnnamed, Notices: 1, Seed: 9},
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
		if b := generator.Build(context.Background(), os.DirFS(dir), generator.Options{Builtin: noticegen.Example}); b.Diags.HasErrors() || len(b.Files) == 0 {
			t.Errorf("%+v: build failed:\n%v", o, b.Diags)
		}
		o, _ = o.withDefaults()
		if want := o.Entities * o.Notices * o.Languages; len(res.Pages) != want {
			t.Errorf("%+v: %d notice pages, want %d", o, len(res.Pages), want)
		}
		missing := 0
		for _, d := range res.Diags {
			switch {
			case o.Shape != ShapeMixed && (d.Severity != diag.Warning || o.Languages <= 2):
				t.Errorf("%+v: unexpected %v", o, d)
			case d.Rule == "translation-missing":
				missing++
			case d.Rule == "translation-stale", d.Severity == diag.Warning && o.Languages > 2:
			default:
				t.Errorf("%+v: unexpected %v", o, d)
			}
		}
		if o.Shape == ShapeMixed && o.Languages > 1 && missing == 0 {
			t.Errorf("%+v: no missing translations; the site should exercise the fallback", o)
		}
	}
}

// What each shape promises about its sections: group24 has 24 sections
// and an intro, half of them naming the entity and its param, each entity
// using two tools; short has 40 of at most two sentences, all naming the
// entity and its e-mail; unnamed reads no template value at all.
func TestShapes(t *testing.T) {
	for _, c := range []struct {
		shape             string
		sections, named   int
		nameOnly, anyTmpl string
	}{
		{ShapeGroup24, 25, 12, "{{ .Params.office }}", "{{"},
		{ShapeShort, 40, 40, "{{ .Entity.Email }}", "{{"},
		{ShapeUnnamed, 25, 0, "", "{{"},
	} {
		dir := t.TempDir()
		if err := Write(dir, Options{Entities: 8, Shape: c.shape}); err != nil {
			t.Fatal(err)
		}
		files := tree(t, dir)
		sections, named := 0, 0
		for name, text := range files {
			body := string(text)
			if i := strings.Index(body[3:], "+++"); strings.HasPrefix(body, "+++") && i >= 0 {
				body = body[3+i+3:]
			}
			switch {
			case strings.HasPrefix(name, "content/sections/") && strings.HasSuffix(name, ".en.md"):
				sections++
				if strings.Contains(body, c.anyTmpl) {
					named++
					if !strings.Contains(body, "{{ .Entity.Name }}") || !strings.Contains(body, c.nameOnly) {
						t.Errorf("%s %s: names something, but not {{ .Entity.Name }} and %s:\n%s", c.shape, name, c.nameOnly, body)
					}
				}
				if c.shape == ShapeShort {
					if n := strings.Count(strings.TrimSpace(body), ". "); n > 1 {
						t.Errorf("%s %s: %d sentences, want 1–2:\n%s", c.shape, name, n+1, body)
					}
				}
			case strings.HasPrefix(name, "content/entities/") && c.shape != ShapeShort:
				var e struct{ Uses []string }
				if _, err := toml.Decode(body, &e); err != nil || len(e.Uses) != 2 {
					t.Errorf("%s %s: uses %v (%v), want two tools", c.shape, name, e.Uses, err)
				}
			}
		}
		if sections != c.sections || named != c.named {
			t.Errorf("%s: %d sections, %d naming the entity; want %d and %d", c.shape, sections, named, c.sections, c.named)
		}
	}
}

// The default shape is mixed, and a shape that does not exist is an error.
func TestShapeOption(t *testing.T) {
	if o, err := (Options{}).withDefaults(); err != nil || o.Shape != ShapeMixed {
		t.Errorf("zero Options: shape %q, %v; want mixed", o.Shape, err)
	}
	if err := Write(t.TempDir(), Options{Shape: "round"}); err == nil || !strings.Contains(err.Error(), "group24") {
		t.Errorf("shape round: %v, want an error listing the shapes", err)
	}
}

// Revise gives one processing section of one notice a purpose and a
// sentence more in every language, and the site still builds.
func TestRevise(t *testing.T) {
	for _, shape := range Shapes() {
		dir := t.TempDir()
		if err := Write(dir, Options{Entities: 3, Shape: shape}); err != nil {
			t.Fatal(err)
		}
		rev, err := Revise(dir)
		if err != nil {
			t.Fatalf("%s: %v", shape, err)
		}
		if len(rev.Files) != 2 {
			t.Errorf("%s: revised %v, want the section's en and de files", shape, rev.Files)
		}
		s, diags := site.Load(context.Background(), os.DirFS(dir))
		if diags.HasErrors() {
			t.Fatalf("%s: revised site does not load:\n%v", shape, diags)
		}
		listed := 0
		for _, n := range s.Notices {
			if slices.Contains(n.Sections, rev.Section) {
				listed++
			}
		}
		if listed != 1 {
			t.Errorf("%s: section %s is listed by %d notices, want 1", shape, rev.Section, listed)
		}
		for lang, f := range s.Section(rev.Section).Translations {
			if f.Meta.Purposes[0] != revisedPurpose.in(lang) || !strings.HasSuffix(strings.TrimSpace(f.Body), revisedSentence.in(lang)) {
				t.Errorf("%s: %s not revised: purposes %q, body ends %q", shape, f.Path, f.Meta.Purposes, f.Body[max(0, len(f.Body)-80):])
			}
		}
	}
}
