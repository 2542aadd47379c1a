package output

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"
	"sync"
)

// Fragment is a piece of a notice page that is one element — a section,
// an at-a-glance row, a table-of-contents entry — and recurs on other
// pages: made once by the renderer, it is minified once.
type Fragment struct {
	tag, html string
	shared    *Shared
	once      sync.Once
	min       string // "": it cannot stand alone (not one element, or refused)
}

// Shared says that a fragment's HTML is Before, the shared conversion Body
// with each of Tokens replaced by its value in Values, and After (package
// markdown): the section with tokens is then minified once for all the
// pages that share Body, and each page's values put in.
type Shared struct {
	Before, After  string
	Body           []byte
	Tokens, Values []string
	// Key is the same for every page that shares Body, and comparable.
	Key any
}

// Fragment returns the fragment html, meant to be one element named tag;
// nil when f does not minify, since pages are then laid out as they are.
func (f *Finisher) Fragment(tag, html string, shared *Shared) *Fragment {
	if f.m == nil {
		return nil
	}
	return &Fragment{tag: tag, html: html, shared: shared}
}

// minified returns fr minified, or "" when it cannot stand alone.
func (f *Finisher) minified(fr *Fragment) string {
	fr.once.Do(func() {
		if !oneElement(fr.html, fr.tag) {
			return
		}
		if fr.shared != nil {
			if m, ok := f.sharedMinified(fr.shared); ok {
				fr.min = m
				return
			}
		}
		if m, err := f.File("index.html", []byte(fr.html)); err == nil {
			fr.min = string(m)
		}
	})
	return fr.min
}

// Page is a notice page being laid out as a frame: each fragment that can
// stand alone is a placeholder element <tag id=ID>ID</tag>, with the tag
// of what it stands for, written as the minifier writes it, since the
// minifier drops the white space around a section, tr or li element and
// would keep some around an element it does not know. No layout or body
// can print that element: bodies and values are escaped, and the id is
// ours. The id is also its text, so that a layout printing it anywhere
// else leaves a trace even where html/template strips the tags (in an
// attribute), and the page is then minified whole.
type Page struct {
	f       *Finisher
	splices []splice
	// Whole writes the page laid out with every fragment's own HTML in
	// place, for when the frame cannot be used.
	Whole func(w *bytes.Buffer) error
}

type splice struct {
	mark, id string
	fr       *Fragment
	required bool // the page is minified whole without it
}

// placeholderPrefix starts every placeholder's id.
const placeholderPrefix = "noticegen-"

// NewPage starts a page; nil when f does not minify.
func (f *Finisher) NewPage() *Page {
	if f.m == nil {
		return nil
	}
	return &Page{f: f}
}

// Stand returns the placeholder for fragment fr, piece i of its kind, and
// false when fr cannot stand alone: the layout then prints fr's HTML
// itself. A required fragment (a section) that cannot stand alone means
// that the caller lays the page out whole.
func (p *Page) Stand(fr *Fragment, i int, required bool) (template.HTML, bool) {
	if p == nil || fr == nil || p.f.minified(fr) == "" {
		return "", false
	}
	id := placeholderPrefix + fr.tag + "-" + strconv.Itoa(i)
	mark := "<" + fr.tag + " id=" + id + ">" + id + "</" + fr.tag + ">"
	p.splices = append(p.splices, splice{mark: mark, id: id, fr: fr, required: required})
	return template.HTML(mark), true // #nosec: our own element, replaced in Finish
}

// Finish returns the file name with content b as it is to be written:
// File(name, b) for a file that is not a page with fragments (p nil), and
// for page p, frame b minified with every fragment in place, or the whole
// page minified where that would differ.
func (f *Finisher) Finish(name string, b []byte, p *Page) ([]byte, error) {
	if p == nil || len(p.splices) == 0 && p.Whole == nil {
		return f.File(name, b)
	}
	frame, err := f.File(name, b)
	if err != nil {
		return nil, err
	}
	if out, ok := p.splice(frame); ok {
		return out, nil
	}
	var whole bytes.Buffer
	if err := p.Whole(&whole); err != nil {
		return nil, err
	}
	return f.File(name, whole.Bytes())
}

// splice finds the placeholders in one pass over the minified frame. Any
// other "noticegen-" (a placeholder printed twice, or escaped into an
// attribute), or a required one missing, is not ok; a row or entry the
// layout does not print needs nothing.
func (p *Page) splice(page []byte) ([]byte, bool) {
	size := len(page)
	for _, sp := range p.splices {
		size += len(p.f.minified(sp.fr)) - len(sp.mark)
	}
	var w bytes.Buffer
	w.Grow(size) // the page's exact size, where every placeholder is found
	byID := make(map[string]int, len(p.splices))
	for k, sp := range p.splices {
		byID[sp.id] = k
	}
	seen := make([]bool, len(p.splices))
	rest := 0
	for i := 0; ; {
		j := bytes.Index(page[i:], []byte(placeholderPrefix))
		if j < 0 {
			break
		}
		j += i
		end := bytes.IndexByte(page[j:], '>')
		k, ok := byID[string(page[j:j+max(end, 0)])]
		if end < 0 || !ok || seen[k] {
			return nil, false
		}
		sp := p.splices[k]
		start := j - strings.Index(sp.mark, sp.id) // after "<tag id="
		if start < rest || !bytes.HasPrefix(page[start:], []byte(sp.mark)) {
			return nil, false
		}
		seen[k] = true
		w.Write(page[rest:start])
		w.WriteString(p.f.minified(sp.fr))
		rest = start + len(sp.mark)
		i = rest
	}
	for k, sp := range p.splices {
		if sp.required && !seen[k] {
			return nil, false
		}
	}
	w.Write(page[rest:])
	return w.Bytes(), true
}

// oneElement reports whether h is a single element named tag, as the
// built-in partials render a section (section), an at-a-glance row (tr)
// and a table-of-contents entry (li).
func oneElement(h, tag string) bool {
	open, end := "<"+tag, "</"+tag+">"
	opens := func(t string) bool {
		return strings.HasPrefix(t, open) && len(t) > len(open) && (t[len(open)] == ' ' || t[len(open)] == '>')
	}
	if !opens(h) || !strings.HasSuffix(h, end) {
		return false
	}
	depth := 0
	for i := 0; i < len(h); {
		j := strings.IndexByte(h[i:], '<')
		if j < 0 {
			break
		}
		i += j
		switch t := h[i:]; {
		case opens(t):
			depth++
		case strings.HasPrefix(t, end):
			if depth--; depth == 0 {
				return i+len(end) == len(h) // the first one closes last
			}
		}
		i++
	}
	return false
}
