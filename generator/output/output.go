// Package output is the last stage before a file is written: it minifies
// every kind of file the build writes (HTML, CSS, XML; anything else is
// copied), and it assembles notice pages from fragments.
//
// Most of a notice page's bytes are sections that other pages show too.
// So a page may come as a frame — the layout run with a placeholder
// element where each section, at-a-glance row and table-of-contents entry
// goes (Page.Stand) — and its fragments. Finish minifies the frame and puts
// each fragment in, minified once for every page that shows it, and gives
// the very bytes the whole page minified would have: where it cannot be
// sure of that (a layout that prints a placeholder twice, or in an
// attribute), it minifies the whole page instead (Page.Whole). Without
// minification there are no placeholders: the layout prints the page as
// it is.
package output

import (
	"fmt"
	"path"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/xml"
)

// Finisher finishes the files of one build. It is safe for concurrent use.
type Finisher struct {
	m *minify.M // nil: files are written as they are made
	// templates holds shared sections minified with their tokens in
	// them (Shared), bounded in size.
	mu        sync.Mutex
	templates map[templateKey][]byte
	size      int
}

// maxTemplateBytes bounds the minified shared sections a build keeps.
const maxTemplateBytes = 64 << 20

// New returns a Finisher that minifies when minified is set. Document and
// end tags are kept: the output stays valid HTML that validators and
// assistive technology read without guessing.
func New(minified bool) *Finisher {
	f := &Finisher{templates: map[templateKey][]byte{}}
	if minified {
		f.m = minify.New()
		f.m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
		f.m.AddFunc("text/css", css.Minify)
		f.m.AddFunc("text/xml", xml.Minify)
	}
	return f
}

// Minifies reports whether f minifies what it finishes.
func (f *Finisher) Minifies() bool { return f.m != nil }

// File returns file name with content b as it is to be written: minified
// when f minifies and name is an .html, .css or .xml file, else a copy of
// b. The result never shares b's memory, which the caller may reuse for
// the next file.
func (f *Finisher) File(name string, b []byte) ([]byte, error) {
	var mediatype string
	switch path.Ext(name) {
	case ".html":
		mediatype = "text/html"
	case ".css":
		mediatype = "text/css"
	case ".xml":
		mediatype = "text/xml"
	}
	if f.m == nil || mediatype == "" {
		return append(make([]byte, 0, len(b)), b...), nil
	}
	out, err := f.m.Bytes(mediatype, b)
	if err != nil {
		return nil, fmt.Errorf("minify %s: %w", name, err)
	}
	return out, nil
}

// Raw returns a copy of b, never minified: static files are the user's,
// byte for byte.
func Raw(b []byte) []byte { return append(make([]byte, 0, len(b)), b...) }
