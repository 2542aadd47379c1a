package markdown

import (
	"bufio"
	"bytes"

	"github.com/yuin/goldmark"

	"github.com/noticegen/noticegen/generator/diag"
)

// A Source is a section body with the values of one page: it prints its
// Markdown when run, each value's text through escape, which returns
// what to print and how many bytes that counts for the body's output
// bound. sandbox.Execution is one.
type Source interface {
	Run(md *bytes.Buffer, escape func(text string) (out string, counted int)) *diag.Diagnostic
	// MayHoldCode reports whether the body's own text may put a value in
	// a code span or block.
	MayHoldCode() bool
	// Where names the body's file and first line, for errors.
	Where() (file string, line int)
}

// A Converter runs a body and converts its Markdown to HTML, in b.
type Converter interface {
	Convert(b *Buffers, src Source) (HTML, *diag.Diagnostic)
}

// HTML is a converted body. Bytes live in the Buffers it was converted in,
// until they convert the next body.
type HTML struct {
	Bytes []byte
	// Shared, when set, says that Bytes are a conversion shared with
	// other pages with this page's values put in.
	Shared *SharedHTML
}

// SharedHTML is the shared conversion Bytes were made from: Template, with
// Tokens (package token) where the page has Values.
type SharedHTML struct {
	Template       []byte
	Tokens, Values []string
	// Key is the same for every page that shares Template, and comparable.
	Key any
}

// Buffers are what one conversion needs, to be reused from body to body:
// a 10,000-page build converts tens of thousands of bodies, and their
// fresh buffers were a fifth of the bytes it allocated. The zero value is
// ready to use.
type Buffers struct {
	md, html bytes.Buffer
	w        *bufio.Writer // over html; goldmark takes a buffered writer as is
}

// Small reports whether b is small enough to keep for another body: a
// giant section's buffers are better let go.
func (b *Buffers) Small() bool { return b.md.Cap() <= 1<<20 && b.html.Cap() <= 1<<20 }

// Direct is the reference Converter: the body is run with every value
// escaped as text, but for values in code, which are put into the HTML as
// written (code.go), and the page's own Markdown is converted.
type Direct struct {
	md   goldmark.Markdown
	code *codeCache
}

// NewDirect returns a Direct converter; unsafeHTML lets raw HTML in a body
// through instead of showing it as text.
func NewDirect(unsafeHTML bool) *Direct {
	return &Direct{md: newGoldmark(unsafeHTML), code: newCodeCache()}
}

// Convert implements Converter.
func (d *Direct) Convert(b *Buffers, src Source) (HTML, *diag.Diagnostic) {
	if src.MayHoldCode() {
		if html, diag, ok := d.codeHTML(b, src); ok {
			return HTML{Bytes: html}, diag
		}
	}
	return d.plain(b, src)
}

// escapeText is the escaping of a direct run: every value as text.
func escapeText(s string) (string, int) {
	md := Escape(s)
	return md, len(md)
}

// plain runs src with every value escaped and converts its Markdown.
func (d *Direct) plain(b *Buffers, src Source) (HTML, *diag.Diagnostic) {
	b.md.Reset()
	if diag := src.Run(&b.md, escapeText); diag != nil {
		return HTML{}, diag
	}
	html, diag := d.convert(b, src, b.md.Bytes())
	return HTML{Bytes: html}, diag
}

// convert converts md, within the bounds, into b.html.
func (d *Direct) convert(b *Buffers, src Source, md []byte) ([]byte, *diag.Diagnostic) {
	file, first := src.Where()
	if line, what := Check(md); line > 0 {
		// Lines of the Markdown match the body's unless a loop repeated
		// some, so this points at the line or the loop printing it.
		return nil, &diag.Diagnostic{File: file, Line: first + line - 1, Severity: diag.Error, Message: what}
	}
	b.html.Reset()
	if b.w == nil {
		b.w = bufio.NewWriter(&b.html)
	}
	b.w.Reset(&b.html)
	err := d.md.Convert(md, b.w)
	if err == nil {
		err = b.w.Flush()
	}
	if err != nil {
		return nil, &diag.Diagnostic{File: file, Line: first, Severity: diag.Error, Message: "markdown: " + err.Error()}
	}
	return b.html.Bytes(), nil
}
