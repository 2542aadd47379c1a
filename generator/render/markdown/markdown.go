// Package markdown converts section bodies to HTML: goldmark set up for
// notices (CommonMark with GFM tables, strikethrough and autolinks, raw
// HTML shown as text unless a site allows it, body headings from h3), the
// bounds on what it is given (Check), the escaping that makes a value text
// (Escape), and a Converter that runs a body (a Source, such as a
// sandbox.Execution) and converts what it prints.
//
// Direct is the reference converter: it runs the body with every value
// escaped and converts the page's own Markdown. Shared is an optional
// decorator with the same results, faster: it converts the Markdown of a
// body once for all the pages that print other values in the same places
// (see shared.go). A caller that uses Direct instead gets the same HTML.
package markdown

import (
	"bytes"
	"fmt"
	"html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// newGoldmark returns the Markdown converter for section bodies: CommonMark
// with GFM tables, strikethrough and autolinks. Raw HTML is shown as text
// unless the site sets unsafeHTML, and body headings start at h3 because
// the page has the h1 and each section's title is an h2.
func newGoldmark(unsafeHTML bool) goldmark.Markdown {
	opts := []renderer.Option{}
	if unsafeHTML {
		opts = append(opts, gmhtml.WithUnsafe())
	} else {
		opts = append(opts, renderer.WithNodeRenderers(util.Prioritized(escapedHTML{}, 100)))
	}
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(headingShift{}, 100))),
		goldmark.WithRendererOptions(opts...),
	)
}

// headingShift moves body headings two levels down (# → h3), capped at h6.
type headingShift struct{}

func (headingShift) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			h.Level = min(h.Level+2, 6)
		}
		return ast.WalkContinue, nil
	})
}

// escapedHTML renders raw HTML as visible text: an editor who typed a tag
// sees it on the page and learns it had no effect, and nothing that came in
// through a pull request can run in a reader's browser.
type escapedHTML struct{}

func (escapedHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		b := n.(*ast.HTMLBlock)
		var buf bytes.Buffer
		for i := range b.Lines().Len() {
			seg := b.Lines().At(i)
			buf.Write(seg.Value(src))
		}
		if b.HasClosure() {
			buf.Write(b.ClosureLine.Value(src))
		}
		_, _ = w.WriteString("<p>")
		_, _ = w.WriteString(strings.ReplaceAll(html.EscapeString(strings.TrimRight(buf.String(), "\n")), "\n", "<br>\n"))
		_, _ = w.WriteString("</p>\n")
		return ast.WalkContinue, nil
	})
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		segs := n.(*ast.RawHTML).Segments
		for i := range segs.Len() {
			seg := segs.At(i)
			_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
		}
		return ast.WalkSkipChildren, nil
	})
}

// Nesting bounds for a body's Markdown. goldmark's time grows with the
// square of the depth of block quotes and list items opened on one line,
// and with the square of the unclosed parentheses after a link's "](": a
// 100 KB body of "[x](" takes a minute, and serve would stall on it. Real
// notices nest three or four levels, so the bounds leave ample room.
//
// Some shapes are quadratic in the length of the text alone (thousands of
// unclosed "[x](" or "[a]:" on lines of their own), so a section's Markdown
// is bounded too: 128 KiB is thirty times the longest section of a real
// notice and keeps the worst shape under half a second.
const (
	maxBlockNesting = 32
	maxParenNesting = 32
	maxMarkdown     = 128 << 10
	// Emphasis is quadratic in the delimiter runs of one paragraph when
	// they mix kinds ("*a_" repeated: 8 s for 128 KiB).
	maxDelimiterRuns = 2000
)

// Check returns the 1-based line of md that goes beyond the
// bounds, with what goes beyond them, or 0 when md is within them.
func Check(md []byte) (line int, what string) {
	if len(md) > maxMarkdown {
		return 1, fmt.Sprintf("the section's Markdown is %d bytes; expected at most %d (128 KiB): split it into several sections", len(md), maxMarkdown)
	}
	line = 1
	delims, paraLine := 0, 1
	for len(md) > 0 {
		end := bytes.IndexByte(md, '\n')
		if end < 0 {
			end = len(md)
		}
		l := md[:end]
		if blockDepth(l) > maxBlockNesting {
			return line, fmt.Sprintf("markdown nests too deep: more than %d block quotes or list items opened on one line; expected a few levels at most", maxBlockNesting)
		}
		if parenDepth(l) > maxParenNesting {
			return line, fmt.Sprintf("markdown nests too deep: more than %d unclosed parentheses in a link; expected a few levels at most", maxParenNesting)
		}
		if len(bytes.TrimSpace(l)) == 0 {
			delims, paraLine = 0, line+1
		} else if delims += delimiterRuns(l); delims > maxDelimiterRuns {
			return paraLine, fmt.Sprintf("more than %d runs of *, _ or ~ in one paragraph; expected emphasis on a few words", maxDelimiterRuns)
		}
		if end < len(md) {
			end++
		}
		md = md[end:]
		line++
	}
	return 0, ""
}

// blockDepth counts the container markers at the start of a line: ">",
// bullets "-", "*", "+" and ordered markers "1." or "1)", each followed by
// white space.
func blockDepth(l []byte) int {
	depth := 0
	for i := 0; i < len(l); {
		switch c := l[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == '>':
			depth++
			i++
		case c == '-' || c == '*' || c == '+':
			if i+1 < len(l) && l[i+1] != ' ' && l[i+1] != '\t' {
				return depth
			}
			depth++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 10 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j >= len(l) || l[j] != '.' && l[j] != ')' || j+1 < len(l) && l[j+1] != ' ' && l[j+1] != '\t' {
				return depth
			}
			depth++
			i = j + 1
		default:
			return depth
		}
	}
	return depth
}

// parenDepth is the deepest nesting of unescaped parentheses on a line
// from its first "](" on, where a link destination may begin.
func parenDepth(l []byte) int {
	start := bytes.Index(l, []byte("]("))
	if start < 0 {
		return 0
	}
	depth, deepest := 0, 0
	for i := start + 1; i < len(l); i++ {
		switch l[i] {
		case '\\':
			i++
		case '(':
			depth++
			deepest = max(deepest, depth)
		case ')':
			depth = max(depth-1, 0)
		}
	}
	return deepest
}

// delimiterRuns counts the runs of unescaped "*", "_" and "~" in a line:
// each may open or close emphasis.
func delimiterRuns(l []byte) int {
	n := 0
	for i := 0; i < len(l); i++ {
		switch c := l[i]; c {
		case '\\':
			i++
		case '*', '_', '~':
			n++
			for i+1 < len(l) && l[i+1] == c {
				i++
			}
		}
	}
	return n
}
