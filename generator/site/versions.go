package site

import (
	"bytes"
	"cmp"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/vocab"
)

// VersionExt ends the name of a released version's file:
// content/versions/<entity>/<notice>/<YYYY-MM-DD>.<lang>.html.
const VersionExt = ".html"

// DateLayout is how a version's date is written in its file name and in
// --date: the ISO 8601 calendar date.
const DateLayout = "2006-01-02"

// VersionPath returns the file of the version of entity's notice in lang
// released on date, relative to the site's root.
func VersionPath(entity, notice, lang string, date time.Time) string {
	return path.Join(VersionsDir, entity, notice, date.Format(DateLayout)+"."+lang+VersionExt)
}

// loadVersions reads content/versions/, which a site has only once it
// released a version. A version file is checked on its own here (name,
// front matter, dates, class); whether its entity and notice still exist
// is for validate, since an archive outlives what it archived.
//
// A site keeps every page it ever published, each with the facts of all
// its sections as TOML, so these are most of a released site's files:
// they are parsed on every core, each by a loader of its own, and their
// diagnostics are then taken in file order, as one loader would give them.
func (l *loader) loadVersions() {
	paths := l.contentFiles(VersionsDir, VersionExt, false)
	type loaded struct {
		v      *Version
		broken bool
		diags  diag.List
	}
	results := make([]loaded, len(paths))
	inParallel(len(paths), runtime.GOMAXPROCS(0), func(i int) {
		own := &loader{fsys: l.fsys, cache: l.cache, site: l.site}
		v, broken := own.loadVersion(paths[i])
		results[i] = loaded{v, broken, own.diags}
	})
	for i, r := range results {
		l.diags.Add(r.diags...)
		if r.v != nil {
			l.site.Versions = append(l.site.Versions, r.v)
		}
		if r.broken {
			l.site.Broken[paths[i]] = true
		}
	}
	slices.SortFunc(l.site.Versions, func(a, b *Version) int {
		return cmp.Or(cmp.Compare(a.Entity, b.Entity), cmp.Compare(a.Notice, b.Notice),
			cmp.Compare(a.Lang, b.Lang), a.Date.Compare(b.Date))
	})
}

// loadVersion reads and parses the version file p: the version, or nil
// and whether p is to be marked broken (a file that is there but does not
// load; a bad name is reported, not marked, as before the file is read).
func (l *loader) loadVersion(p string) (v *Version, broken bool) {
	entity, notice, lang, date, ok := l.versionName(p)
	if !ok {
		return nil, false
	}
	b, ok := l.read(p)
	if !ok {
		return nil, true
	}
	parsed, ok := l.parsed(p, b, func() (any, bool) { return l.parseVersion(p, b, entity, notice, lang, date) })
	if !ok {
		return nil, true
	}
	return parsed.(*Version), false
}

// versionName splits content/versions/<entity>/<notice>/<date>.<lang>.html.
// Entity and notice ids may hold "/" themselves; the loaded entities
// decide where the entity's id ends, else its first segment is taken.
func (l *loader) versionName(p string) (entity, notice, lang string, date time.Time, ok bool) {
	const want = "expected content/versions/<entity>/<notice>/<YYYY-MM-DD>.<lang>.html, as noticegen release writes it"
	rel := strings.TrimPrefix(p, VersionsDir+"/")
	dir, file := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	stem := strings.TrimSuffix(file, VersionExt)
	dateText, lang, found := strings.Cut(stem, ".")
	if !found || strings.Count(dir, "/") < 1 {
		l.diags.Errorf(p, 0, 0, "bad version file name; %s", want)
		return "", "", "", time.Time{}, false
	}
	date, err := time.Parse(DateLayout, dateText)
	if err != nil {
		l.diags.Errorf(p, 0, 0, "bad version file name: %s is not a date; %s", diag.Quote(dateText), want)
		return "", "", "", time.Time{}, false
	}
	if err := CheckLang(lang); err != nil {
		l.diags.Errorf(p, 0, 0, "bad version file name: %v", err)
		return "", "", "", time.Time{}, false
	}
	entity, notice, _ = strings.Cut(dir, "/")
	for _, e := range l.site.Entities {
		if rest, cut := strings.CutPrefix(dir, e.ID+"/"); cut && len(e.ID) > len(entity) {
			entity, notice = e.ID, rest
		}
	}
	for _, id := range []string{entity, notice} {
		if err := CheckID(id); err != nil {
			l.diags.Errorf(p, 0, 0, "bad version file name: %v", err)
			return "", "", "", time.Time{}, false
		}
	}
	return entity, notice, lang, date, true
}

// parseVersion reads one version file: +++ TOML +++, then the page.
func (l *loader) parseVersion(p string, b []byte, entity, notice, lang string, date time.Time) (any, bool) {
	front, body, bodyLine, ok := l.splitFront(p, b, `date = 2026-01-15, class = "first" and the sections as noticegen release writes them`)
	if !ok {
		return nil, false
	}
	v := &Version{Source: front, Entity: entity, Notice: notice, Lang: lang}
	if !l.decodeVersion(front, v) {
		return nil, false
	}
	ok = true
	fail := func(key []string, format string, args ...any) {
		line, col := front.KeyPos(key...)
		l.diags.Errorf(p, line, col, format, args...)
		ok = false
	}
	if !v.Date.Equal(date) {
		fail([]string{"date"}, "date is %s, but the file is named for %s; expected the release date of the file's name", fmtDate(v.Date), date.Format(DateLayout))
	}
	if v.Effective.IsZero() {
		v.Effective = v.Date
	} else if v.Effective.Before(v.Date) {
		fail([]string{"effective"}, "effective %s is before the release date %s; expected the day the version applies, on or after its release", fmtDate(v.Effective), fmtDate(v.Date))
	}
	if !slices.Contains(vocab.VersionClasses(), v.Class) {
		fail([]string{"class"}, "class is %s; expected one of %s", diag.Quote(v.Class), strings.Join(vocab.VersionClasses(), ", "))
	}
	for i, c := range v.Changes {
		if c.Fact == "" {
			fail([]string{"changes"}, "change %d names no fact; expected fact = \"purposes\", \"text\" … as noticegen release writes it", i+1)
		}
	}
	if strings.TrimSpace(v.Title) == "" {
		fail([]string{"title"}, "title is missing; expected the notice page's title as published")
	}
	if len(bytes.TrimSpace(body)) == 0 {
		l.diags.Errorf(p, bodyLine, 0, "the published page is missing; expected the page's HTML after the closing +++")
		ok = false
	}
	if l.cache != nil {
		// serve's parse cache keeps every file's bytes anyway, and its
		// page cache's keys hash the page and the front matter
		// (fingerprint.Inputs.Version).
		v.Page = body
	} else {
		// Nothing after the load reads the text of a version's front
		// matter or its page but those keys, and a build would hold every
		// page and every front matter ever released: more than half of a
		// released site's live memory.
		v.Source.Text = nil
		fsys := l.fsys
		v.reread = func() ([]byte, error) { return rereadPage(fsys, p) }
	}
	return v, ok
}

// rereadPage reads the page of version file p again, as loadVersion read
// it: the body after the front matter.
func rereadPage(fsys fs.FS, p string) ([]byte, error) {
	own := &loader{fsys: fsys}
	b, ok := own.read(p)
	if ok {
		_, body, _, split := own.splitFront(p, b, "")
		if split {
			return body, nil
		}
	}
	return nil, own.diags // the file changed since the site was loaded
}

// fmtDate writes a date as a version file does.
func fmtDate(t time.Time) string { return t.Format(DateLayout) }
