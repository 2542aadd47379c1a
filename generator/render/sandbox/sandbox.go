// Package sandbox runs section bodies: the Markdown of a section file is
// a text/template that may print the page's values (Data) and nothing
// else. Parse rewrites each parsed body so that every value it prints goes
// through the caller's escaping (Run's escape), counts its loop steps and
// template calls, and bounds what it prints (package budget); a body that
// breaks a bound, misspells a field or reads a params key its entity lacks
// is one diagnostic at the line of the .md file, worded as what to write
// instead. Deps tells which page values a body reads, so that callers can
// share its output between pages that agree on them.
//
// The package knows nothing of Markdown: how a value is escaped is the
// caller's (package markdown), and so is what the output becomes.
package sandbox

import (
	"bytes"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/internal/budget"
	"github.com/noticegen/noticegen/generator/internal/tmplwalk"
	"github.com/noticegen/noticegen/generator/site"
)

// Data is what a section body's template sees. Every localized string
// is already resolved to the page's language.
type Data struct {
	Entity Entity
	// Params holds the entity's [params], resolved to the page's language
	// by paramValue: strings, int64, float64, bool, Date, []any and
	// map[string]any.
	Params map[string]any
	Site   struct{ Title, BaseURL string }
	Notice struct{ ID, Title string }
	Lang   string
	// Providers are every provider of the site by id (Providers), the
	// same on every page of one language.
	Providers map[string]*Provider
}

// Entity is the entity as a section body sees it.
type Entity struct {
	ID, Name, Address, Email, Phone, Website, Register, VATID, RepresentedBy string
	DPO                                                                      struct{ Name, Email, Phone, Address string }
	Authority                                                                struct{ Name, URL string }
}

// NewData resolves the values a body of page p may use; params are the
// entity's [params] resolved to the page's language (Params).
func NewData(s *site.Site, p *compose.Page, params map[string]any) *Data {
	lang, def := p.Lang, s.Config.DefaultLanguage
	e := p.Entity
	d := &Data{Lang: lang, Params: params}
	d.Entity = Entity{
		ID: e.ID, Name: e.Name.Get(lang, def), Address: e.Address.Get(lang, def), Email: e.Email,
		Phone: e.Phone, Website: e.Website, Register: e.Register.Get(lang, def), VATID: e.VATID,
		RepresentedBy: e.RepresentedBy.Get(lang, def),
	}
	if e.DPO != nil {
		d.Entity.DPO.Name, d.Entity.DPO.Email = e.DPO.Name.Get(lang, def), e.DPO.Email
		d.Entity.DPO.Phone, d.Entity.DPO.Address = e.DPO.Phone, e.DPO.Address.Get(lang, def)
	}
	if e.Authority != nil {
		d.Entity.Authority.Name, d.Entity.Authority.URL = e.Authority.Name.Get(lang, def), e.Authority.URL
	}
	d.Site.Title, d.Site.BaseURL = s.Config.Title.Get(lang, def), s.Config.BaseURL
	d.Notice.ID, d.Notice.Title = p.Notice.ID, p.Notice.Title.Get(lang, def)
	return d
}

// escapeFunc is the name of the function added to every action of a body
// template. The unusual name keeps it out of authors' way; one who calls it
// anyway only gets a value escaped twice, never markup.
const escapeFunc = "_noticegen_text"

// Body is one parsed section body. It is safe for concurrent use: each
// Run takes an execution of its own from a pool, since cloning the
// template for each of a build's hundred thousand executions cost more
// than some executions.
type Body struct {
	file   *site.SectionFile
	parsed *template.Template
	deps   Deps
	code   bool
	plain  plainBody // nil: text/template runs the body
	runs   sync.Pool // of *run
}

// Parse parses the body of section file f as a text/template whose every
// printed value is escaped by the caller, so that inserted values are text
// and never markup — the same idea as html/template's contextual escaping.
func Parse(f *site.SectionFile) (*Body, *diag.Diagnostic) {
	t, err := template.New(f.Path).
		Option("missingkey=error").
		Funcs(budget.ParseFuncs()).
		Funcs(template.FuncMap{escapeFunc: func(v any) (string, error) { return Text(v) }}).
		Parse(f.Body)
	if err != nil {
		d := templateError(f, err, nil)
		return nil, &d
	}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			escapeActions(tt.Tree.Root)
		}
	}
	budget.Instrument(t)
	return &Body{file: f, parsed: t, deps: dependencies(t), code: mayHoldCode(t), plain: plainOf(t)}, nil
}

// File is the section file the body is from.
func (b *Body) File() *site.SectionFile { return b.file }

// Deps says which page values the body reads.
func (b *Body) Deps() Deps { return b.deps }

// stepFunc is the step counter of package budget, which every body calls
// at the start of each range iteration and template call.
const stepFunc = budget.StepFunc

// Deps says which page values a body's output depends on, so that the
// rendered body can be shared between pages that agree on them: a body that
// names no value is rendered once per file, one that names .Entity.Name once
// per entity.
type Deps struct {
	Entity, Notice, Lang, All bool
}

// dependencies inspects a parsed body. Anything it cannot follow (a
// variable, a with or range that moves the dot, a call of another template)
// makes it assume the body depends on everything.
func dependencies(t *template.Template) Deps {
	var d Deps
	visit := func(n parse.Node) bool {
		switch n := n.(type) {
		case *parse.ListNode, *parse.ActionNode, *parse.IfNode, *parse.CommandNode:
			return true
		case *parse.PipeNode:
			d.All = d.All || len(n.Decl) > 0
			return true
		case *parse.ChainNode:
			// (index .Providers "x").Name reads what its pipeline reads.
			return true
		case *parse.FieldNode:
			switch n.Ident[0] {
			case "Entity", "Params":
				d.Entity = true
			case "Notice":
				d.Notice = true
			case "Lang":
				d.Lang = true
			case "Site", "Providers":
				// The same on every page of a language, and the
				// section key names the language and the providers.
			default:
				d.All = true
			}
		case *parse.TextNode, *parse.StringNode, *parse.NumberNode, *parse.BoolNode, *parse.NilNode, *parse.IdentifierNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
		default: // with, range, template, variables, chains, the dot itself
			d.All = true
		}
		return false
	}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			if tt.Name() != t.Name() {
				d.All = true
			}
			tmplwalk.Walk(tt.Tree.Root, visit)
		}
	}
	return d
}

// Key is the part of page p that a body with these dependencies varies by.
func (d Deps) Key(p *compose.Page) string {
	if d.All {
		return p.Entity.ID + "|" + p.Notice.ID + "|" + p.Lang
	}
	var b strings.Builder
	if d.Entity {
		b.WriteString(p.Entity.ID)
	}
	b.WriteByte('|')
	if d.Notice {
		b.WriteString(p.Notice.ID)
	}
	b.WriteByte('|')
	if d.Lang {
		b.WriteString(p.Lang)
	}
	return b.String()
}

// mayHoldCode reports whether a parsed body prints values and its text has
// what puts a value in Markdown code: a backtick (a code span, a fence), a
// tilde fence, or the indentation of a code block (a tab or four spaces).
func mayHoldCode(t *template.Template) bool {
	found, prints := false, false
	visit := func(n parse.Node) bool {
		switch n := n.(type) {
		case *parse.ActionNode:
			// The actions that print end with the escaping function;
			// the step counter's do not.
			if cmds := n.Pipe.Cmds; len(cmds) > 0 && len(cmds[len(cmds)-1].Args) > 0 {
				id, ok := cmds[len(cmds)-1].Args[0].(*parse.IdentifierNode)
				prints = prints || ok && id.Ident == escapeFunc
			}
			return false
		case *parse.TextNode:
			found = found || bytes.ContainsAny(n.Text, "`\t") || bytes.Contains(n.Text, []byte("~~~")) || bytes.Contains(n.Text, []byte("    "))
			return false
		}
		return true
	}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			tmplwalk.Walk(tt.Tree.Root, visit)
		}
	}
	return found && prints
}

func escapeActions(n parse.Node) {
	tmplwalk.Walk(n, func(n parse.Node) bool {
		switch n := n.(type) {
		case *parse.ActionNode:
			if len(n.Pipe.Decl) == 0 {
				n.Pipe.Cmds = append(n.Pipe.Cmds, &parse.CommandNode{
					NodeType: parse.NodeCommand, Pos: n.Pos,
					Args: []parse.Node{parse.NewIdentifier(escapeFunc).SetPos(n.Pos)},
				})
			}
			return false
		case *parse.ListNode, *parse.IfNode, *parse.RangeNode, *parse.WithNode:
			return true
		}
		return false
	})
}

// An Execution is a body with the values of one page, to be run once or
// more with different escaping.
type Execution struct {
	body *Body
	data *Data
}

// With returns the execution of b for data.
func (b *Body) With(data *Data) Execution { return Execution{b, data} }

// MayHoldCode reports whether the body's own text may put a value it
// prints in a Markdown code span or block, where values must not be
// escaped as text.
func (x Execution) MayHoldCode() bool { return x.body.code }

// Where is the file and first line of the body, for errors about its
// output.
func (x Execution) Where() (file string, line int) { return x.body.file.Path, x.body.file.BodyLine }

// Run executes the body and writes what it prints to md. Each value it
// prints is given to escape as text (Text): escape returns what to print
// instead and how many bytes that counts for the output bound, which is
// the size of the Markdown the page itself would have had.
func (x Execution) Run(md *bytes.Buffer, escape func(text string) (out string, counted int)) *diag.Diagnostic {
	b := x.body
	if b.plain != nil && b.plain.run(md, x.data, escape) {
		return nil
	}
	r, ok := b.runs.Get().(*run)
	if !ok {
		var err error
		if r, err = newRun(b.parsed); err != nil {
			return &diag.Diagnostic{File: b.file.Path, Line: b.file.BodyLine, Severity: diag.Error, Message: "template: " + err.Error()}
		}
	}
	defer b.runs.Put(r)
	r.budget.Reset()
	lw := &budget.Writer{W: md, N: MaxOutput, Full: errOutput}
	r.escape = func(v any) (string, error) {
		s, err := Text(v)
		if err != nil {
			return "", err
		}
		out, counted := escape(s)
		lw.N -= counted - len(out)
		return out, nil
	}
	if err := r.t.Execute(lw, x.data); err != nil {
		d := templateError(b.file, err, x.data)
		return &d
	}
	return nil
}

// run is a clone of a parsed body with functions of its own: its step
// and byte budget and its escaping belong to one execution at a time.
type run struct {
	t      *template.Template
	budget budget.Budget
	escape func(any) (string, error)
}

func newRun(parsed *template.Template) (*run, error) {
	t, err := parsed.Clone() // the parsed trees are shared, not copied
	if err != nil {
		return nil, err
	}
	r := &run{t: t, budget: budget.Budget{Loops: "a body that loops a few times at most", Size: "a section of reasonable size"}}
	funcs := r.budget.Funcs()
	funcs[escapeFunc] = func(v any) (string, error) { return r.escape(v) }
	t.Funcs(funcs)
	return r, nil
}

// MaxOutput bounds what one body template may print: no more than the
// Markdown converter accepts, so a template that ranges over itself stops
// as soon as its output could no longer be used.
const MaxOutput = budget.MaxOutput

// errOutput ends a body that prints more than MaxOutput.
var errOutput = budget.Errorf("the section's Markdown would be more than %d bytes (128 KiB); expected a shorter section: split it into several", MaxOutput)
