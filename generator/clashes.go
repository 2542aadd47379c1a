package generator

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// clashes refuses outputs that would land on one file, whichever of them
// wrote last (which changes from run to run, as pages render in parallel):
// two with the same path, such as entity "a" with notice "b/c" and entity
// "a/b" with notice "c", and two whose paths differ only in case, which are
// one file on macOS and Windows. Each pair of causes is one error, however
// many paths (one per language) they share: at one of the two sources,
// naming the other.
func clashes(jobs []job) diag.List {
	type pair struct{ first, later int } // job indexes, of the pair's first clash
	byName := map[string]int{}           // folded path → the first job with it
	var pairs []pair
	count := map[[2]origin]int{}
	fold := cases.Fold()
	for i, j := range jobs {
		k := foldName(fold, j.path)
		f, ok := byName[k]
		if !ok {
			byName[k] = i
			continue
		}
		o := [2]origin{jobs[f].from, j.from}
		if count[o] == 0 {
			pairs = append(pairs, pair{f, i})
		}
		count[o]++
	}
	var diags diag.List
	for _, p := range pairs {
		n := count[[2]origin{jobs[p.first].from, jobs[p.later].from}]
		// Reported at the source file that sorts later, so the message
		// does not depend on the order of the jobs; a file rather than none.
		mine, theirs := jobs[p.later], jobs[p.first]
		if mine.from.file == "" || theirs.from.file != "" && theirs.from.file > mine.from.file {
			mine, theirs = theirs, mine
		}
		where := "" // the other source's place, when it is a value in a file
		if line, col := theirs.from.pos(); line > 0 {
			where = diag.Diagnostic{File: theirs.from.file, Line: line, Col: col}.Pos()
		}
		more := ""
		if n == 2 {
			more = " (and 1 more path)"
		} else if n > 2 {
			more = fmt.Sprintf(" (and %d more paths)", n-1)
		}
		var msg string
		if mine.path == theirs.path {
			expect := "expected distinct paths: rename one of them"
			if strings.HasPrefix(mine.from.what, "entity ") && strings.HasPrefix(theirs.from.what, "entity ") {
				expect = "expected entity and notice ids that give distinct paths <lang>/<entity>/<notice>/: rename one of them"
			}
			if where != "" {
				where = " (" + where + ")"
			}
			msg = fmt.Sprintf("%s%s would be written by both %s and %s%s; %s", mine.path, more, mine.from.what, theirs.from.what, where, expect)
		} else {
			if where != "" {
				where = ", " + where
			}
			how := "case"
			if !strings.EqualFold(mine.path, theirs.path) {
				// The two may look the same on screen (é and e + ◌́):
				// spelled out, they show where they differ.
				how = fmt.Sprintf("case or in how their accents are encoded (%s and %s)", strconv.QuoteToASCII(mine.path), strconv.QuoteToASCII(theirs.path))
			}
			msg = fmt.Sprintf("%s (from %s)%s and %s (from %s%s) differ only in %s, so they would be one file on macOS and Windows; expected paths that differ in more than that",
				mine.path, mine.from.what, more, theirs.path, theirs.from.what, where, how)
		}
		line, col := mine.from.pos()
		if line == 0 {
			line = 1 // a static file or layout as a whole
		}
		diags.Add(diag.Diagnostic{File: mine.from.file, Line: line, Col: col, Severity: diag.Error, Message: msg})
	}
	return append(diags, folderClashes(jobs, fold)...)
}

// folderClashes refuses a file whose name differs only in case from a
// folder the build writes into (static/En/a beside en/a/b/c/index.html):
// on macOS and Windows they are one name, and the build would fail half
// written. The same name in the same case is addStatic's error.
func folderClashes(jobs []job, fold cases.Caser) diag.List {
	type folder struct {
		name string
		job  int // the first job writing into it
	}
	folders := map[string]folder{} // folded name → the folder
	for i, j := range jobs {
		for d := path.Dir(j.path); d != "."; d = path.Dir(d) {
			k := foldName(fold, d)
			if _, ok := folders[k]; ok {
				break // and so are the folders above it
			}
			folders[k] = folder{d, i}
		}
	}
	var diags diag.List
	for _, j := range jobs {
		f, ok := folders[foldName(fold, j.path)]
		if !ok || f.name == j.path {
			continue
		}
		other := jobs[f.job]
		line, col := j.from.pos()
		if line == 0 {
			line = 1
		}
		diags.Add(diag.Diagnostic{File: j.from.file, Line: line, Col: col, Severity: diag.Error, Message: fmt.Sprintf(
			"%s (from %s) and the folder %s holding %s (from %s) differ only in case, so they would be one name on macOS and Windows; expected paths that differ in more than that",
			j.path, j.from.what, f.name, other.path, other.from.what)})
	}
	return diags
}

// foldName is the name a case-insensitive file system gives path: case
// folded, and composed, as APFS also takes é and e + ◌́ for one name. The
// generated paths are lower-case ASCII and come back as they are, without
// the cost of folding (a twentieth of a second on 30,000 paths).
func foldName(fold cases.Caser, path string) string {
	lower := true
	for i := 0; i < len(path); i++ {
		switch c := path[i]; {
		case c >= utf8.RuneSelf:
			return norm.NFC.String(fold.String(path))
		case 'A' <= c && c <= 'Z':
			lower = false
		}
	}
	if lower {
		return path
	}
	return strings.ToLower(path)
}

func overviewOrigin(s *site.Site, lang string) origin {
	return origin{what: fmt.Sprintf("the overview of language %q", lang), file: s.Source.Path, src: &s.Source, value: lang, key: "languages"}
}
