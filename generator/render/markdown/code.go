package markdown

import (
	"bytes"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/internal/token"
)

// Values in code. A code span or code block shows its text as it is:
// Markdown reads no backslash escape and no character reference there, so
// a value escaped as Markdown text (Escape) would show its
// backslashes: `kc\_consent`. Where the body's own text puts a value in
// code, the value is therefore kept out of the Markdown altogether. The
// body is run with a token in place of every value, and the tokenized
// Markdown parsed to see where each token lands (codeSpots). The values
// outside code are then escaped in place as always, the tokens in code
// kept, the Markdown converted, and each token in code replaced in the
// HTML by its value, escaped as goldmark escapes code. Since Markdown
// never sees such a value, no backtick run, fence or line break in it can
// close the span or block it is in, or start anything after it: it shows
// exactly as written, but for its line breaks, which a code span shows as
// spaces, as it does its own.
//
// A body is looked at so only when its text has what code is made of
// (Source.MayHoldCode); a value in code that this misses, or that a value before
// it moved out of code, is escaped as text: it shows a backslash too many,
// never markup.

// codeKind says where a token landed.
type codeKind uint8

const (
	inText  codeKind = iota // anywhere else: the value is escaped as text
	inSpan                  // a code span
	inBlock                 // an indented or fenced code block
)

// codeSpots returns where each token of toks landed in the parsed
// Markdown doc, or nil when none landed in code. found counts the
// tokens seen in code, each once for every time it was seen.
func codeSpots(doc ast.Node, src []byte, toks []string) (kinds []codeKind, found []int) {
	mark := func(b []byte, k codeKind) {
		token.Each(b, toks, func(i, _ int) {
			if kinds == nil {
				kinds, found = make([]codeKind, len(toks)), make([]int, len(toks))
			}
			kinds[i] = k
			found[i]++
		})
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					mark(t.Segment.Value(src), inSpan)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				mark(seg.Value(src), inBlock)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return kinds, found
}

// codeHTML converts a body whose text may put values in code (see
// above). ok is false when no value landed in code, or when the values
// escaped as text moved one that did; the body is then converted as any
// other. The HTML lives in b.
func (d *Direct) codeHTML(b *Buffers, src Source) (html []byte, dg *diag.Diagnostic, ok bool) {
	tz := &tokenizer{all: true}
	b.md.Reset()
	if dg := src.Run(&b.md, tz.escape); dg != nil {
		return nil, dg, true
	}
	md := b.md.Bytes()
	if len(tz.toks) == 0 || bytes.Count(md, []byte(token.Core)) != len(tz.toks) {
		return nil, nil, false // no value, or the token mark is in the body
	}
	if line, _ := Check(md); line > 0 {
		return nil, nil, false // the conversion as any other reports it
	}
	kinds, known := d.code.load(md)
	if !known {
		kinds, _ = codeSpots(d.md.Parser().Parse(text.NewReader(md)), md, tz.toks)
		d.code.store(md, kinds)
	}
	if kinds == nil {
		return nil, nil, false
	}
	// The page's Markdown: values escaped as text, but in code, where
	// their tokens stay.
	var own bytes.Buffer
	own.Grow(len(md) + 256)
	inCode := 0
	token.Replace(&own, md, tz.toks, func(i, _ int, _ bool) []byte {
		if kinds[i] != inText {
			inCode++
			return []byte(tz.toks[i])
		}
		return []byte(Escape(tz.vals[i]))
	})
	md = own.Bytes()
	if bytes.Count(md, []byte(token.Core)) != inCode {
		return nil, nil, false // a value escaped as text holds the token mark
	}
	if line, _ := Check(md); line > 0 {
		return nil, nil, false
	}
	doc := d.md.Parser().Parse(text.NewReader(md))
	after, found := codeSpots(doc, md, tz.toks)
	for i, k := range kinds {
		if k != inText && (after == nil || after[i] != k || found[i] != 1) {
			return nil, nil, false
		}
	}
	var out bytes.Buffer
	if err := d.md.Renderer().Render(&out, md, doc); err != nil {
		file, line := src.Where()
		return nil, &diag.Diagnostic{File: file, Line: line, Severity: diag.Error, Message: "markdown: " + err.Error()}, true
	}
	// Each token in code is printed once (in an image's alt text, too);
	// anything else would put its value where it was not checked.
	counts := make([]int, len(tz.toks))
	token.Count(out.Bytes(), tz.toks, counts)
	for i, k := range kinds {
		if k != inText && counts[i] != 1 {
			return nil, nil, false
		}
	}
	if bytes.Count(out.Bytes(), []byte(token.Core)) != inCode {
		return nil, nil, false
	}
	b.html.Reset()
	token.Replace(&b.html, out.Bytes(), tz.toks, func(i, _ int, _ bool) []byte {
		return util.EscapeHTML([]byte(codeText(tz.vals[i], kinds[i])))
	})
	return b.html.Bytes(), nil, true
}

// codeText is a value as code shows it: its line endings as a code span
// shows them (spaces) or a code block does (\n), NUL and bytes that are
// not UTF-8 as U+FFFD, as Markdown reads them.
func codeText(v string, k codeKind) string {
	nl := "\n"
	if k == inSpan {
		nl = " "
	}
	if !strings.ContainsAny(v, "\r\n\x00") && utf8.ValidString(v) {
		return v
	}
	v = strings.ToValidUTF8(v, "\uFFFD")
	return strings.NewReplacer("\r\n", nl, "\r", nl, "\n", nl, "\x00", "\uFFFD").Replace(v)
}

// codeCache keeps codeSpots' verdicts by tokenized Markdown (nil: no
// token in code), bounded in size.
type codeCache struct {
	mu    sync.Mutex
	kinds map[string][]codeKind
	size  int
}

func newCodeCache() *codeCache { return &codeCache{kinds: map[string][]codeKind{}} }

func (c *codeCache) load(md []byte) (kinds []codeKind, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	kinds, ok = c.kinds[string(md)]
	return kinds, ok
}

func (c *codeCache) store(md []byte, kinds []codeKind) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.size += len(md) + len(kinds); c.size > maxSharedBytes {
		clear(c.kinds)
		c.size = len(md) + len(kinds)
	}
	c.kinds[string(md)] = kinds
}
