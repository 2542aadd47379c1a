package render

import (
	"bytes"
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

// newMarkdown returns the Markdown converter for section bodies: CommonMark
// with GFM tables, strikethrough and autolinks. Raw HTML is shown as text
// unless the site sets unsafeHTML, and body headings start at h3 because
// the page has the h1 and each section's title is an h2.
func newMarkdown(unsafeHTML bool) goldmark.Markdown {
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
