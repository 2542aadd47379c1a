// Package synth writes large synthetic group sites for benchmarks.
//
// A site has N subsidiaries (entities), each publishing the same M notices
// in L languages, so it has N × M × L notice pages. Options.Shape picks
// the kind of group; in the default shape, mixed, the notices are the
// example site's three (website, online meetings, applicants) with their
// sections, followed by two this package generates (customers,
// suppliers), whose sections are drawn from a small English and German
// vocabulary: front matter with every field the format has, bodies of
// 1–4 KB with GFM tables and template values, slots with intros, and a
// few sections left untranslated so that builds exercise the fallback.
// Everything is drawn from a PCG seeded with Options.Seed, so the same
// options give byte-identical trees, and a section's text does not depend
// on the number of entities: sizes differ only in the entities. The
// other shapes (group24, short, unnamed; see ShapeGroup24) are written
// from scratch, with uniform sections shaped like real groups' notices.
package synth

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/noticegen/noticegen"
)

// Options say what to generate. A zero field means its default: 100
// entities, 5 notices, 2 languages (en, de), seed 1, shape mixed.
type Options struct {
	// Entities is the number of subsidiaries, each a data controller
	// publishing every notice.
	Entities int
	// Notices is how many of the five notices (website, online-meetings,
	// applicants, customers, suppliers) the site has, taken in that order.
	Notices int
	// Languages is how many of Languages() the site has, taken in order.
	Languages int
	// Seed drives every random choice; equal options give equal trees.
	Seed uint64
	// Shape is the kind of group: one of Shapes(); "" is mixed, the
	// site described above. The others are described at ShapeGroup24.
	Shape string
}

// Defaults for zero Options fields.
const (
	defaultEntities  = 100
	defaultNotices   = 5
	defaultLanguages = 2
	defaultSeed      = 1
)

// Languages returns the language codes a synthetic site draws from, in
// order; a site with L languages has the first L. Section text exists in
// English and German only; the others get the English text, as a site does
// before its translators deliver, which costs the build the same.
func Languages() []string {
	return []string{"en", "de", "fr", "es", "it", "nl", "pl", "sv", "da", "fi", "pt", "cs", "hu", "ro", "el", "bg"}
}

// MaxNotices is the number of notices a site can have: the example's
// three and the two this package generates.
const MaxNotices = 5

// Write writes a site for o into the folder out, creating it if needed.
// It returns an error for negative or too large options.
func Write(out string, o Options) error {
	o, err := o.withDefaults()
	if err != nil {
		return err
	}
	w := &writer{out: out, o: o, langs: Languages()[:o.Languages]}
	if o.Shape != ShapeMixed {
		return w.writeShaped()
	}
	return w.write()
}

func (o Options) withDefaults() (Options, error) {
	if o.Entities < 0 || o.Notices < 0 || o.Languages < 0 {
		return o, errors.New("synth: Entities, Notices and Languages must not be negative")
	}
	if o.Entities == 0 {
		o.Entities = defaultEntities
	}
	if o.Notices == 0 {
		o.Notices = defaultNotices
	}
	if o.Languages == 0 {
		o.Languages = defaultLanguages
	}
	if o.Seed == 0 {
		o.Seed = defaultSeed
	}
	if o.Shape == "" {
		o.Shape = ShapeMixed
	}
	if !slices.Contains(Shapes(), o.Shape) {
		return o, fmt.Errorf("synth: unknown shape %q; expected one of %s", o.Shape, strings.Join(Shapes(), ", "))
	}
	if o.Notices > MaxNotices {
		return o, fmt.Errorf("synth: %d notices asked for; there are at most %d", o.Notices, MaxNotices)
	}
	if n := len(Languages()); o.Languages > n {
		return o, fmt.Errorf("synth: %d languages asked for; there are at most %d", o.Languages, n)
	}
	return o, nil
}

type writer struct {
	out   string
	o     Options
	langs []string
	// notices are the site's notice ids in order, sections their
	// section lists (ids and dir/* slots) by notice id.
	notices  []string
	sections map[string][]string
	// written lists every section id written, slots maps a slot folder to
	// its member ids (without _index).
	written []string
	slots   map[string][]string
}

// rng returns a generator for one named part of the site, so that each
// part's draws depend on the seed and its name only, not on what else the
// site holds.
func (w *writer) rng(name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	return rand.New(rand.NewPCG(w.o.Seed, h.Sum64()))
}

func (w *writer) put(name, text string) error {
	p := filepath.Join(w.out, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(text), 0o644)
}

func (w *writer) write() error {
	site := fmt.Sprintf("title = %s\nbaseURL = \"https://privacy.synthetic.example/\"\ndefaultLanguage = \"en\"\nlanguages = %s\n",
		w.loc(pair{"Synthetic Group Privacy Center", "Datenschutz-Center der Synthetik-Gruppe"}), quoteList(w.langs))
	if err := w.put("site.toml", site); err != nil {
		return err
	}
	if err := w.writeNotices(); err != nil {
		return err
	}
	needed := w.needed()
	if err := w.writeSections(needed); err != nil {
		return err
	}
	if err := w.writeProviders(); err != nil {
		return err
	}
	for i := range w.o.Entities {
		if err := w.writeEntity(i); err != nil {
			return err
		}
	}
	return nil
}

// writeNotices writes the first Options.Notices notices: the example's
// files (titles kept to the site's languages) and then the generated ones.
func (w *writer) writeNotices() error {
	w.sections = map[string][]string{}
	for i := range w.o.Notices {
		if i < len(exampleNotices) {
			id := exampleNotices[i]
			name := "content/notices/" + id + ".toml"
			b, err := fs.ReadFile(noticegen.Example, name)
			if err != nil {
				return fmt.Errorf("synth: the example site lost a notice: %w", err)
			}
			var n struct{ Sections []string }
			if _, err := toml.Decode(string(b), &n); err != nil {
				return fmt.Errorf("synth: %s: %w", name, err)
			}
			if err := w.put(name, w.retitle(string(b))); err != nil {
				return err
			}
			w.notices, w.sections[id] = append(w.notices, id), n.Sections
			continue
		}
		n := genNotices[i-len(exampleNotices)]
		text := fmt.Sprintf("title = %s\nsections = %s\nautomatedDecisions = %s\n", w.loc(n.title), quoteList(n.sections), w.loc(noAutomatedDecisions))
		if err := w.put("content/notices/"+n.id+".toml", text); err != nil {
			return err
		}
		w.notices, w.sections[n.id] = append(w.notices, n.id), n.sections
	}
	return nil
}

// noAutomatedDecisions is what the generated notices say of automated
// decisions (Art. 13(2)(f)).
var noAutomatedDecisions = pair{"We make no decisions based solely on automated processing.", "Wir treffen keine ausschließlich automatisierten Entscheidungen."}

// writeProviders copies the example's providers that the sections written
// name: a site without them fails to load, and check warns about one that
// nothing names (the example's entities name some in facts of their own).
func (w *writer) writeProviders() error {
	named := map[string]bool{}
	for _, id := range w.written {
		for _, lang := range []string{"en", "de"} {
			b, err := fs.ReadFile(noticegen.Example, "content/sections/"+id+"."+lang+".md")
			if err != nil {
				continue // a generated section: it names no provider
			}
			for _, m := range providersLine.FindAllStringSubmatch(string(b), -1) {
				for _, q := range quoted.FindAllStringSubmatch(m[1], -1) {
					named[q[1]] = true
				}
			}
		}
	}
	return fs.WalkDir(noticegen.Example, "content/providers", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !named[strings.TrimSuffix(path.Base(p), ".toml")] {
			return nil
		}
		b, err := fs.ReadFile(noticegen.Example, p)
		if err != nil {
			return err
		}
		return w.put(p, w.retitle(string(b)))
	})
}

// needed returns the section ids and slot folders the notices name: only
// those are written, since check warns about sections no notice uses.
func (w *writer) needed() map[string]bool {
	need := map[string]bool{}
	for _, id := range w.notices {
		for _, s := range w.sections[id] {
			need[s] = true
		}
	}
	return need
}

func (w *writer) isNeeded(need map[string]bool, id string) bool {
	return need[id] || need[path.Dir(id)+"/*"]
}

// writeSections writes the example's sections and the generated ones that
// the notices use, leaving out the missing translations.
func (w *writer) writeSections(need map[string]bool) error {
	// The example's sections, by id, with the languages they have.
	type exSection struct {
		id    string
		texts map[string][]byte
	}
	var ex []exSection
	err := fs.WalkDir(noticegen.Example, "content/sections", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".en.md") {
			return err
		}
		base := strings.TrimSuffix(p, ".en.md")
		id := strings.TrimPrefix(base, "content/sections/")
		if !w.isNeeded(need, id) {
			return nil
		}
		s := exSection{id: id, texts: map[string][]byte{}}
		for _, l := range []string{"en", "de"} {
			if b, err := fs.ReadFile(noticegen.Example, base+"."+l+".md"); err == nil {
				s.texts[l] = b
			}
		}
		ex = append(ex, s)
		return nil
	})
	if err != nil {
		return err
	}
	var gen []section
	for _, s := range specs {
		if w.isNeeded(need, s.id) {
			gen = append(gen, genSection(s, w.rng("section:"+s.id)))
		}
	}

	w.slots = map[string][]string{}
	for _, s := range ex {
		w.written = append(w.written, s.id)
	}
	for _, s := range gen {
		w.written = append(w.written, s.id)
	}
	slices.Sort(w.written)
	for _, id := range w.written {
		if dir := path.Dir(id); dir != "." && path.Base(id) != "_index" {
			w.slots[dir] = append(w.slots[dir], id)
		}
	}
	missing := w.missing()
	for _, s := range ex {
		untranslated := s.texts["de"] == nil // as in the example: stays so in every language
		for _, l := range w.langs {
			if l != "en" && (untranslated || missing[l][s.id]) {
				continue
			}
			text, ok := s.texts[l]
			if !ok {
				text = s.texts["en"]
			}
			if err := w.put("content/sections/"+s.id+"."+l+".md", string(text)); err != nil {
				return err
			}
		}
	}
	for _, s := range gen {
		for _, l := range w.langs {
			if l != "en" && missing[l][s.id] {
				continue
			}
			text := "+++\n" + s.front[pairLang(l)] + "+++\n" + s.body[pairLang(l)]
			if err := w.put("content/sections/"+s.id+"."+l+".md", text); err != nil {
				return err
			}
		}
	}
	return nil
}

// pairLang is the language whose text a page language gets.
func pairLang(l string) string {
	if l == "de" {
		return "de"
	}
	return "en"
}

// missing picks, per language other than the default, two sections that
// lack that language's file, so every build of a site with two or more
// languages falls back and warns (translation-missing) without failing.
// The first is a plain section that every page of its notice shows, so
// the warning appears however few entities there are; the second may be
// any, a slot member or an optional one included. general and rights
// stay translated, as every page shows them; intros too.
func (w *writer) missing() map[string]map[string]bool {
	var shown, others []string
	for _, id := range w.written {
		switch {
		case id == "general" || id == "rights" || path.Base(id) == "_index":
		case path.Dir(id) == "." && !slices.Contains(optionalSections, id):
			shown = append(shown, id)
		default:
			others = append(others, id)
		}
	}
	m := map[string]map[string]bool{}
	for _, l := range w.langs[1:] {
		r := w.rng("missing:" + l)
		m[l] = map[string]bool{}
		first := pick(r, shown, 1)
		for _, id := range first {
			m[l][id] = true
		}
		rest := append(without(shown, first), others...)
		for _, id := range pick(r, rest, 1) {
			m[l][id] = true
		}
	}
	return m
}

// loc writes a localized string for the site's languages: a table of en
// and de when both are there, else the English string, since a table
// naming a language the site does not have is an error.
func (w *writer) loc(p pair) string {
	if p.en == p.de || !slices.Contains(w.langs, "de") {
		return quote(p.en)
	}
	return fmt.Sprintf("{ en = %s, de = %s }", quote(p.en), quote(p.de))
}

// retitle keeps an example notice's en and de titles when the site has
// German and drops the de part otherwise, for the same reason as loc.
func (w *writer) retitle(text string) string {
	if slices.Contains(w.langs, "de") {
		return text
	}
	for { // multi-line strings first: addresses in provider files
		i := strings.Index(text, `, de = """`)
		if i < 0 {
			break
		}
		j := strings.Index(text[i+10:], `"""`)
		text = text[:i] + text[i+10+j+3:]
	}
	for {
		i := strings.Index(text, `, de = "`)
		if i < 0 {
			return text
		}
		j := strings.Index(text[i+8:], `"`)
		text = text[:i] + text[i+8+j+1:]
	}
}

var (
	providersLine = regexp.MustCompile(`(?m)^providers\s*=\s*\[([^\]]*)\]`)
	quoted        = regexp.MustCompile(`"([^"]*)"`)
)
