package site

import (
	"fmt"
	"io/fs"
	"reflect"
	"strings"

	"github.com/noticegen/noticegen/generator/diag"
)

// contentFiles lists the files below dir under the site's one policy (see
// Reader), with paths that start with dir. ext is the extension of the
// files dir holds ("" for any): a folder named like such a file, or a
// hidden file whose name would give an empty id (.toml), is reported rather
// than passed over in silence. A link on the way to dir is reported once,
// however many folders below it are listed.
func (l *loader) contentFiles(dir, ext string, required bool) []string {
	if link := linkIn(l.fsys, dir); link != "" {
		if l.linksSeen[link] {
			return nil
		}
		l.linksSeen[link] = true
	}
	files, ds := Reader{Required: required, Claim: claimExt(ext)}.List(l.fsys, dir)
	l.diags.Add(ds...)
	return files
}

// claimExt is the Reader's Claim for a folder of ext files: the names
// that look meant as such a file are the loader's to report, not the
// policy's to pass over.
func claimExt(ext string) func(p string, d fs.DirEntry) (Verdict, *diag.Diagnostic) {
	if ext == "" {
		return nil
	}
	return func(p string, d fs.DirEntry) (Verdict, *diag.Diagnostic) {
		name := d.Name()
		if !strings.HasSuffix(name, ext) {
			return Policy, nil
		}
		if d.IsDir() {
			return Pass, &diag.Diagnostic{File: p, Severity: diag.Error,
				Message: fmt.Sprintf("is a folder; expected a %s file here, or a folder name that does not end in %s", ext, ext)}
		}
		if stem := strings.TrimSuffix(name, ext); stem == "" || ext == ".md" && strings.Count(stem, ".") == 1 && stem[0] == '.' {
			return Take, nil // .toml, .en.md: no id; idOf says so
		}
		return Policy, nil
	}
}

// idOf checks a file under dir named <id><ext> and returns its id.
func (l *loader) idOf(dir, p, ext string) (string, bool) {
	rel := strings.TrimPrefix(p, dir+"/")
	id, ok := strings.CutSuffix(rel, ext)
	if !ok {
		l.diags.Errorf(p, 0, 0, "unexpected file; expected only %s files in %s/", ext, dir)
		return "", false
	}
	if err := CheckID(id); err != nil {
		l.diags.Errorf(p, 0, 0, "bad file name: %v", err)
		return "", false
	}
	return id, true
}

func (l *loader) loadEntities() {
	l.loadTOMLFiles(EntitiesDir, true, func(id, p string, b []byte) (any, bool) {
		e := &Entity{ID: id, Source: Source{Path: p, Text: b}}
		md, ok := l.decodeMeta(e.Source, e)
		if !ok {
			return nil, false
		}
		l.checkLocalizedLangs(e.Source, reflect.ValueOf(e).Elem(), nil)
		l.checkEntity(e)
		l.checkEntityFacts(e, md)
		return e, true
	}, func(v any) { l.site.Entities = append(l.site.Entities, v.(*Entity)) })
}

// loadTOMLFiles parses every <id>.toml file below dir, through the parse
// cache, and hands each one that loaded to keep; files that exist but fail
// are recorded as broken, so references to them are not reported again.
func (l *loader) loadTOMLFiles(dir string, required bool, parse func(id, p string, b []byte) (any, bool), keep func(any)) {
	paths := l.contentFiles(dir, ".toml", required)
	read := l.readAll(paths)
	for i, p := range paths {
		id, ok := l.idOf(dir, p, ".toml")
		if !ok {
			continue
		}
		b, ok := read(i)
		if ok {
			var v any
			if v, ok = l.parsed(p, b, func() (any, bool) { return parse(id, p, b) }); ok {
				keep(v)
			}
		}
		if !ok {
			l.site.Broken[p] = true
		}
	}
}

func (l *loader) checkEntity(e *Entity) {
	src := e.Source
	l.requireText(src, e.Name, []string{"name"}, `the controller's legal name, e.g. name = "Nordlicht AG"`)
	if e.DPO != nil {
		l.checkDPO(src, e.DPO)
	}
	if e.Authority != nil {
		l.requireText(src, e.Authority.Name, []string{"authority", "name"}, `the supervisory authority's name, e.g. name = "Berlin Commissioner for Data Protection" in [authority]`)
	}
	for _, u := range []struct{ key []string }{{[]string{"website"}}, {[]string{"authority", "url"}}} {
		var val string
		if u.key[0] == "website" {
			val = e.Website
		} else if e.Authority != nil {
			val = e.Authority.URL
		}
		if val != "" {
			if err := CheckWebURL(val); err != nil {
				line, col := src.KeyPos(u.key...)
				l.diags.Errorf(src.Path, line, col, "%s: %v", strings.Join(u.key, "."), err)
			}
		}
	}
	l.checkIDList(src, e.Notices, "notices")
	l.checkIDList(src, e.Uses, "uses")
	l.checkIDList(src, e.Omit, "omit")
	l.checkParams(e)
}

func (l *loader) loadNotices() {
	l.loadTOMLFiles(NoticesDir, true, func(id, p string, b []byte) (any, bool) {
		n := &Notice{ID: id, Source: Source{Path: p, Text: b}}
		if !l.decode(n.Source, n) {
			return nil, false
		}
		l.checkLocalizedLangs(n.Source, reflect.ValueOf(n).Elem(), nil)
		l.requireText(n.Source, n.Title, []string{"title"}, `e.g. title = { en = "Privacy notice for website visitors" }`)
		if len(n.Sections) == 0 {
			line, col := n.Source.KeyPos("sections")
			l.diags.Errorf(p, line, col, "sections is empty; expected the list of section ids this notice is made of")
		}
		seen := map[string]int{}
		for _, ref := range n.Sections {
			seen[ref]++
			line, col := n.Source.ValuePosN(seen[ref], ref, "sections")
			id := strings.TrimSuffix(ref, "/*")
			if err := CheckID(id); err != nil {
				l.diags.Errorf(p, line, col, "sections: %v (a slot is written dir/*)", err)
			} else if seen[ref] == 2 {
				l.diags.Errorf(p, line, col, "sections: %q is listed twice; expected each section once", ref)
			}
		}
		l.checkObtained(n)
		return n, true
	}, func(v any) { l.site.Notices = append(l.site.Notices, v.(*Notice)) })
}
