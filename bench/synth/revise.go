package synth

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/noticegen/noticegen/generator/site"
)

// Revision says what Revise changed: the section and the files it edited.
type Revision struct {
	Section string
	Files   []string // relative to the site's folder, in language order
}

// revisedPurpose and revisedSentence are what Revise adds, per language;
// a language without its own text gets the English one.
var (
	revisedPurpose  = pair{en: "Answering questions about this notice", de: "Beantwortung von Fragen zu diesem Hinweis"}
	revisedSentence = pair{
		en: "Since this revision we also use these data to answer your questions about this notice.",
		de: "Seit dieser Überarbeitung nutzen wir diese Daten auch, um Ihre Fragen zu diesem Hinweis zu beantworten.",
	}
)

// Revise changes the site in dir the way a group's second release finds
// it changed: one processing section gets one purpose more and one
// sentence more at the end of its body, in every language it has, which
// makes the next `noticegen release` record a material version of every
// page that shows the section. The section is the first processing
// section that only one notice lists, so that a release touches one
// notice of each entity, as a change to one tool or one form does; a site
// whose notices share all their sections gets its first notice's first.
func Revise(dir string) (Revision, error) {
	s, diags := site.Load(context.Background(), os.DirFS(dir))
	if diags.HasErrors() {
		return Revision{}, fmt.Errorf("synth: loading %s:\n%v", dir, diags)
	}
	listedBy := map[string]int{}
	for _, n := range s.Notices {
		for _, id := range n.Sections {
			listedBy[id]++
		}
	}
	var pick *site.Section
	for _, want := range []int{1, -1} {
		for _, n := range s.Notices {
			for _, id := range n.Sections {
				sec := s.Section(id)
				if pick == nil && sec != nil && (want < 0 || listedBy[id] == want) && processing(sec) {
					pick = sec
				}
			}
		}
	}
	if pick == nil {
		return Revision{}, fmt.Errorf("synth: %s has no processing section to revise", dir)
	}
	rev := Revision{Section: pick.ID}
	langs := make([]string, 0, len(pick.Translations))
	for l := range pick.Translations {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	for _, l := range langs {
		f := pick.Translations[l]
		name := filepath.Join(dir, filepath.FromSlash(f.Path))
		b, err := os.ReadFile(name)
		if err != nil {
			return Revision{}, err
		}
		text, ok := revised(string(b), revisedPurpose.in(l), revisedSentence.in(l))
		if !ok {
			return Revision{}, fmt.Errorf("synth: %s has no purposes = [ line to add to", f.Path)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			return Revision{}, err
		}
		rev.Files = append(rev.Files, f.Path)
	}
	return rev, nil
}

// processing reports whether every language of sec is a processing
// section, so that each gets a purpose to add to.
func processing(sec *site.Section) bool {
	for _, f := range sec.Translations {
		if !f.Meta.Processing() || len(f.Meta.Purposes) == 0 {
			return false
		}
	}
	return len(sec.Translations) > 0
}

// revised is a section file's text with purpose first in its purposes
// and sentence as a paragraph of its own at the end.
func revised(text, purpose, sentence string) (string, bool) {
	const key = "purposes = ["
	i := strings.Index(text, key)
	if i < 0 {
		return "", false
	}
	i += len(key)
	text = text[:i] + quote(purpose) + ", " + text[i:]
	return strings.TrimRight(text, "\n") + "\n\n" + sentence + "\n", true
}
