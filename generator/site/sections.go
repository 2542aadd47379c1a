package site

import (
	"path"
	"slices"
	"strings"
)

func (l *loader) loadSections() {
	byID := map[string]*Section{}
	for _, p := range l.contentFiles(SectionsDir, ".md", true) {
		rel := strings.TrimPrefix(p, SectionsDir+"/")
		id, lang, err := splitSectionName(rel)
		if err != nil {
			l.diags.Errorf(p, 0, 0, "%v", err)
			continue
		}
		dir, base := path.Split(id)
		dir = strings.TrimSuffix(dir, "/")
		index := base == "_index"
		checked := id
		if index {
			checked = dir
			if dir == "" {
				l.diags.Errorf(p, 0, 0, "_index belongs in a folder of sections, e.g. content/sections/conferencing/_index.%s.md", lang)
				continue
			}
		}
		if err := CheckID(checked); err != nil {
			l.diags.Errorf(p, 0, 0, "bad file name: %v", err)
			continue
		}
		if err := CheckLang(lang); err != nil {
			l.diags.Errorf(p, 0, 0, "bad file name: %v", err)
			continue
		}
		if len(l.site.Config.Languages) > 0 && !slices.Contains(l.site.Config.Languages, lang) {
			l.diags.Errorf(p, 0, 0, "language %q is not in site.toml languages %q; expected <name>.<lang>.md with one of them", lang, l.site.Config.Languages)
			continue
		}
		b, ok := l.read(p)
		if !ok {
			l.site.Broken[p] = true
			continue
		}
		v, ok := l.parsed(p, b, func() (any, bool) {
			f, ok := l.parseSectionFile(p, b)
			if ok {
				f.ID, f.Lang = id, lang
			}
			return f, ok
		})
		if !ok {
			l.site.Broken[p] = true
			continue
		}
		f := v.(*SectionFile)
		s := byID[id]
		if s == nil {
			s = &Section{ID: id, Dir: dir, Index: index, Translations: map[string]*SectionFile{}}
			byID[id] = s
			l.site.Sections = append(l.site.Sections, s)
		}
		s.Translations[lang] = f
	}
}

// parseSectionFile splits the +++ front matter from the body, keeping line
// numbers so that errors in either point at the right line of the file.
func (l *loader) parseSectionFile(p string, b []byte) (*SectionFile, bool) {
	front, body, bodyLine, ok := l.splitFront(p, b, `title = "…"`)
	if !ok {
		return nil, false
	}
	f := &SectionFile{Path: p, Front: front, Body: string(body), BodyLine: bodyLine}
	if !l.decode(f.Front, &f.Meta) {
		return nil, false
	}
	l.checkFrontFacts(f)
	if line, col, r, what := bodyControl(f.Body); line > 0 {
		l.diags.Errorf(p, f.BodyLine+line-1, col, "%s %U in the body; expected text without %ss%s", what, r, what, refusedHint[what])
		return nil, false
	}
	if strings.TrimSpace(f.Meta.Title) == "" {
		l.diags.Errorf(p, 2, 0, "title is missing; expected e.g. title = \"Newsletter\"")
	}
	return f, true
}
