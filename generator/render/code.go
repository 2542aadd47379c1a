package render

import (
	"bytes"
	"strings"
	"text/template"
	"text/template/parse"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
)

// Values in code. A code span or code block shows its text as it is:
// Markdown reads no backslash escape and no character reference there, so
// a value escaped as Markdown text (markdownText) would show its
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
// (mayHoldCode); a value in code that this misses, or that a value before
// it moved out of code, is escaped as text: it shows a backslash too many,
// never markup.

// codeKind says where a token landed.
type codeKind uint8

const (
	inText  codeKind = iota // anywhere else: the value is escaped as text
	inSpan                  // a code span
	inBlock                 // an indented or fenced code block
)

// mayHoldCode reports whether a parsed body prints values and its text has
// what puts a value in code: a backtick (a code span, a fence), a tilde
// fence, or the indentation of a code block (a tab or four spaces).
func mayHoldCode(t *template.Template) bool {
	found, prints := false, false
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			// The actions that print end with the escaping function;
			// the step counter's do not.
			if cmds := n.Pipe.Cmds; len(cmds) > 0 && len(cmds[len(cmds)-1].Args) > 0 {
				id, ok := cmds[len(cmds)-1].Args[0].(*parse.IdentifierNode)
				prints = prints || ok && id.Ident == escapeFunc
			}
		case *parse.TextNode:
			found = found || bytes.ContainsAny(n.Text, "`\t") || bytes.Contains(n.Text, []byte("~~~")) || bytes.Contains(n.Text, []byte("    "))
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		}
	}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			walk(tt.Tree.Root)
		}
	}
	return found && prints
}

// codeSpots returns where each token of toks landed in the parsed
// Markdown doc, or nil when none landed in code. found counts the
// tokens seen in code, each once for every time it was seen.
func codeSpots(doc ast.Node, src []byte, toks []string) (kinds []codeKind, found []int) {
	mark := func(b []byte, k codeKind) {
		eachToken(b, toks, func(i, _ int) {
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
func (r *Renderer) codeHTML(b *bodyBuffers, run *bodyRun, f *site.SectionFile, data *BodyData) (html []byte, d *diag.Diagnostic, ok bool) {
	bv := &bodyValues{all: true}
	if d := run.execute(&b.md, f, data, bv); d != nil {
		return nil, d, true
	}
	md := b.md.Bytes()
	if len(bv.toks) == 0 || bytes.Count(md, []byte(tokenCore)) != len(bv.toks) {
		return nil, nil, false // no value, or the token mark is in the body
	}
	if line, _ := checkMarkdown(md); line > 0 {
		return nil, nil, false // the conversion as any other reports it
	}
	kinds, known := r.shared.codeKinds(md)
	if !known {
		kinds, _ = codeSpots(r.md.Parser().Parse(text.NewReader(md)), md, bv.toks)
		r.shared.storeCodeKinds(md, kinds)
	}
	if kinds == nil {
		return nil, nil, false
	}
	// The page's Markdown: values escaped as text, but in code, where
	// their tokens stay.
	var own bytes.Buffer
	own.Grow(len(md) + 256)
	inCode := 0
	replaceTokens(&own, md, bv.toks, func(i, _ int, _ bool) []byte {
		if kinds[i] != inText {
			inCode++
			return []byte(bv.toks[i])
		}
		return []byte(markdownText(bv.vals[i]))
	})
	md = own.Bytes()
	if bytes.Count(md, []byte(tokenCore)) != inCode {
		return nil, nil, false // a value escaped as text holds the token mark
	}
	if line, _ := checkMarkdown(md); line > 0 {
		return nil, nil, false
	}
	doc := r.md.Parser().Parse(text.NewReader(md))
	after, found := codeSpots(doc, md, bv.toks)
	for i, k := range kinds {
		if k != inText && (after == nil || after[i] != k || found[i] != 1) {
			return nil, nil, false
		}
	}
	var out bytes.Buffer
	if err := r.md.Renderer().Render(&out, md, doc); err != nil {
		return nil, &diag.Diagnostic{File: f.Path, Line: f.BodyLine, Severity: diag.Error, Message: "markdown: " + err.Error()}, true
	}
	// Each token in code is printed once (in an image's alt text, too);
	// anything else would put its value where it was not checked.
	counts := make([]int, len(bv.toks))
	countTokens(out.Bytes(), bv.toks, counts)
	for i, k := range kinds {
		if k != inText && counts[i] != 1 {
			return nil, nil, false
		}
	}
	if bytes.Count(out.Bytes(), []byte(tokenCore)) != inCode {
		return nil, nil, false
	}
	b.html.Reset()
	replaceTokens(&b.html, out.Bytes(), bv.toks, func(i, _ int, _ bool) []byte {
		return util.EscapeHTML([]byte(codeText(bv.vals[i], kinds[i])))
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
