package render

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"
	"time"
	"unicode/utf8"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/internal/budget"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/site"
)

// BodyData is what a section body's template sees. Every localized string
// is already resolved to the page's language.
type BodyData struct {
	Entity BodyEntity
	// Params holds the entity's [params], resolved to the page's language
	// by paramValue: strings, int64, float64, bool, Date, []any and
	// map[string]any.
	Params map[string]any
	Site   struct{ Title, BaseURL string }
	Notice struct{ ID, Title string }
	Lang   string
}

// BodyEntity is the entity as a section body sees it.
type BodyEntity struct {
	ID, Name, Address, Email, Phone, Website, Register, VATID, RepresentedBy string
	DPO                                                                      struct{ Name, Email, Phone, Address string }
	Authority                                                                struct{ Name, URL string }
}

// bodyData resolves the values a body of page p may use; params are the
// entity's [params] resolved to the page's language (resolveParams).
func bodyData(s *site.Site, p *compose.Page, params map[string]any) *BodyData {
	lang, def := p.Lang, s.Config.DefaultLanguage
	e := p.Entity
	d := &BodyData{Lang: lang, Params: params}
	d.Entity = BodyEntity{
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

// parseBody parses a section body as a text/template whose every printed
// value is escaped for Markdown, so that inserted values are text and never
// markup — the same idea as html/template's contextual escaping.
func parseBody(f *site.SectionFile) (*template.Template, *diag.Diagnostic) {
	t, err := template.New(f.Path).
		Option("missingkey=error").
		Funcs(budget.ParseFuncs()).
		Funcs(template.FuncMap{escapeFunc: escapeText}).
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
	return t, nil
}

// stepFunc is the step counter of package budget, which every body calls
// at the start of each range iteration and template call.
const stepFunc = budget.StepFunc

// bodyDeps says which page values a body's output depends on, so that the
// rendered body can be shared between pages that agree on them: a body that
// names no value is rendered once per file, one that names .Entity.Name once
// per entity.
type bodyDeps struct {
	entity, notice, lang, all bool
}

// dependencies inspects a parsed body. Anything it cannot follow (a
// variable, a with or range that moves the dot, a call of another template)
// makes it assume the body depends on everything.
func dependencies(t *template.Template) bodyDeps {
	var d bodyDeps
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
			walk(n.Pipe)
		case *parse.PipeNode:
			if n == nil {
				return
			}
			if len(n.Decl) > 0 {
				d.all = true
			}
			for _, c := range n.Cmds {
				for _, a := range c.Args {
					walk(a)
				}
			}
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.FieldNode:
			switch n.Ident[0] {
			case "Entity", "Params":
				d.entity = true
			case "Notice":
				d.notice = true
			case "Lang":
				d.lang = true
			case "Site":
			default:
				d.all = true
			}
		case *parse.TextNode, *parse.StringNode, *parse.NumberNode, *parse.BoolNode, *parse.NilNode, *parse.IdentifierNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
		default: // with, range, template, variables, chains, the dot itself
			d.all = true
		}
	}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			if tt.Name() != t.Name() {
				d.all = true
			}
			walk(tt.Tree.Root)
		}
	}
	return d
}

// key is the part of a page that a body with these dependencies varies by.
func (d bodyDeps) key(p *compose.Page) string {
	switch {
	case d.all:
		return p.Entity.ID + "|" + p.Notice.ID + "|" + p.Lang
	}
	var b strings.Builder
	if d.entity {
		b.WriteString(p.Entity.ID)
	}
	b.WriteByte('|')
	if d.notice {
		b.WriteString(p.Notice.ID)
	}
	b.WriteByte('|')
	if d.lang {
		b.WriteString(p.Lang)
	}
	return b.String()
}

func escapeActions(n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			escapeActions(c)
		}
	case *parse.ActionNode:
		if len(n.Pipe.Decl) == 0 {
			n.Pipe.Cmds = append(n.Pipe.Cmds, &parse.CommandNode{
				NodeType: parse.NodeCommand, Pos: n.Pos,
				Args: []parse.Node{parse.NewIdentifier(escapeFunc).SetPos(n.Pos)},
			})
		}
	case *parse.IfNode:
		escapeActions(n.List)
		escapeActions(n.ElseList)
	case *parse.RangeNode:
		escapeActions(n.List)
		escapeActions(n.ElseList)
	case *parse.WithNode:
		escapeActions(n.List)
		escapeActions(n.ElseList)
	}
}

// escapeText is the escaping function of a body that prints its values
// as Markdown text: the value's text (valueText), escaped by markdownText.
func escapeText(v any) (string, error) {
	s, err := valueText(v)
	return markdownText(s), err
}

// markdownText escapes a value so that Markdown shows it literally:
// backslashes before punctuation that could start markup, and before
// characters that open a block at the start of a line. Dots, colons, slashes
// and @ stay, so addresses and URLs are still recognised as links.
func markdownText(s string) string {
	if plainText(s) {
		return s // most values: names, addresses, e-mail addresses
	}
	var b strings.Builder
	lineStart := true
	trailing := len(strings.TrimRight(s, " \t")) // where the value's trailing white space starts
	for i, r := range s {
		switch {
		case i >= trailing:
			// Two spaces before the body's line end would make a hard
			// line break (<br>); as references they are plain spaces.
			fmt.Fprintf(&b, "&#%d;", r)
			continue
		case r == '`':
			// A backslash does not escape inside a code span, so "\`"
			// would close one the body opened; the character reference
			// reads the same in text and never delimits a code span.
			b.WriteString("&#96;")
			lineStart = false
			continue
		case strings.ContainsRune("\\*_[]()<>&!|~{}#", r):
			b.WriteByte('\\')
		case lineStart && strings.ContainsRune("-+=.:", r):
			// A leading "." or ":" would finish what the body's text
			// before the value started: "0" and "." make a list item,
			// "|" and ":--" a table's delimiter row.
			b.WriteByte('\\')
		case (r == '.' || r == ')') && leadingDigits(s, i):
			b.WriteByte('\\')
		case lineStart && r >= '0' && r <= '9':
			// A digit starting a line opens an ordered list if the body
			// goes on with "." or ")" after the value; as a character
			// reference it reads the same and opens nothing.
			fmt.Fprintf(&b, "&#%d;", r)
			lineStart = false
			continue
		case lineStart && (r == ' ' || r == '\t'):
			// Indentation would turn the value into a code block: write
			// it as a character reference, which Markdown shows as white
			// space but does not count as indentation.
			fmt.Fprintf(&b, "&#%d;", r)
			continue
		case r == '\n' || r == '\r':
			// A line ending in a value would end the heading, table row
			// or link it stands in, a blank line would start a paragraph,
			// two spaces before it would make a <br>, and a lone \r is a
			// line ending to Markdown that the line-start escapes above
			// miss. As a character reference it is the same white space
			// in the HTML, but Markdown never sees a line break.
			fmt.Fprintf(&b, "&#%d;", r)
			continue
		}
		b.WriteRune(r)
		if r != ' ' && r != '\t' {
			lineStart = false
		}
	}
	return b.String()
}

// plainText reports whether markdownText leaves s as it is: no character
// it escapes, nothing at the start that could open a block, no white
// space at the end. TestPlainText holds it to the slow path.
func plainText(s string) bool {
	if s == "" {
		return true
	}
	if c := s[0]; strings.IndexByte("-+=.: \t0123456789", c) >= 0 {
		return false
	}
	if c := s[len(s)-1]; c == ' ' || c == '\t' {
		return false
	}
	// The slow path writes invalid UTF-8 as U+FFFD.
	return !strings.ContainsAny(s, "\\*_[]()<>&!|~{}#`\n\r") && utf8.ValidString(s)
}

// leadingDigits reports whether s[:i] is a line start followed by digits
// only: "1." would otherwise open an ordered list.
func leadingDigits(s string, i int) bool {
	j := strings.LastIndexByte(s[:i], '\n') + 1
	digits := strings.TrimLeft(s[j:i], " \t")
	if digits == "" {
		return false
	}
	for _, r := range digits {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

var (
	templateLine   = regexp.MustCompile(`^template: [^:]*:(\d+)(?::(\d+))?: (?:executing "[^"]*" at <([^>]*)>: )?`)
	templateNoFld  = regexp.MustCompile(`^can't evaluate field (\w+) in type \*?(.+)$`)
	templateNoKey  = regexp.MustCompile(`^map has no entry for key "([^"]*)"$`)
	templateCutPos = regexp.MustCompile(`^(unclosed action) started at [^:]*:(\d+)$`)
)

// templateError turns a text/template error into a diagnostic at the line of
// the .md file: template lines count from the body, which starts after the
// front matter. data is what the body ran with, nil for a parse error.
func templateError(f *site.SectionFile, err error, data *BodyData) diag.Diagnostic {
	msg := err.Error()
	d := diag.Diagnostic{File: f.Path, Line: f.BodyLine, Severity: diag.Error}
	lines := strings.Split(f.Body, "\n")
	if n := len(lines); n > 1 && lines[n-1] == "" {
		lines = lines[:n-1] // the text after the last newline is no line
	}
	expr, action := "", ""
	if m := templateLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		// text/template counts an error at the end of the body on the
		// line after the last newline, which editors do not show.
		line = max(min(line, len(lines)), 1)
		d.Line = f.BodyLine + line - 1
		if m[2] != "" && line <= len(lines) {
			// text/template's column is a 0-based byte offset.
			b, _ := strconv.Atoi(m[2])
			l := lines[line-1]
			d.Col = utf8.RuneCountInString(l[:min(b, len(l))]) + 1
			action = actionAt(l, min(b, len(l)))
		}
		msg = msg[len(m[0]):]
		expr = strings.TrimSuffix(m[3], " | "+escapeFunc)
	}
	msg = strings.ReplaceAll(msg, " | "+escapeFunc, "")
	msg = strings.TrimPrefix(msg, "error calling "+stepFunc+": ")
	msg = strings.TrimPrefix(msg, "error calling "+escapeFunc+": ")
	if expr == stepFunc {
		expr = ""
	}
	if expr == escapeFunc {
		// Printing the value failed (a table has no text): name what
		// the action prints, as the body has it.
		expr = action
	}
	if m := templateCutPos.FindStringSubmatch(msg); m != nil {
		// Point at the {{ that was not closed rather than the end of the file.
		line, _ := strconv.Atoi(m[2])
		d.Line, d.Col, msg = f.BodyLine+line-1, 0, m[1]
	}
	msg = templateHint(msg, expr, data)
	if expr != "" {
		msg = expr + ": " + msg
	}
	d.Message = "template: " + msg
	return d
}

// actionAt returns the text of the action of line l that byte b is in,
// without its delimiters, or "" when b is in none.
func actionAt(l string, b int) string {
	i := strings.LastIndex(l[:b], "{{")
	j := strings.Index(l[b:], "}}")
	if i < 0 || j < 0 || strings.Contains(l[i+2:b], "}}") {
		return ""
	}
	a := strings.TrimSpace(l[i+2 : b+j])
	a = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(a, "- "), " -"))
	if len(a) > 80 {
		return ""
	}
	return a
}

// templateHint rewrites msg to say what was expected instead, for the
// mistakes an editor of a section body is likely to make; expr is the
// expression that failed, if known, and data what the body ran with.
func templateHint(msg, expr string, data *BodyData) string {
	if m := templateNoKey.FindStringSubmatch(msg); m != nil {
		return missingKeyHint(m[1], expr, data)
	}
	if m := templateNoFld.FindStringSubmatch(msg); m != nil {
		parts := strings.Split(expr, ".")
		parent := "."
		if len(parts) > 1 {
			i := slices.Index(parts[1:], m[1]) + 1
			if i == 0 {
				i = len(parts) - 1
			}
			parts = parts[:i]
			parent = strings.Join(parts, ".") + "."
		}
		typ := m[2]
		if typ == "interface {}" {
			// A value of [params]: text/template names the type of the
			// map, not of the value.
			typ = ""
			if v, ok := paramAt(data, parts); ok {
				typ = reflect.TypeOf(v).String()
			}
		}
		if fields := bodyFields(typ); fields != nil {
			for i, f := range fields {
				fields[i] = parent + f
			}
			return fmt.Sprintf("no field %s; expected one of %s", m[1], strings.Join(fields, ", "))
		}
		if what, ok := valueKinds[typ]; ok && parent != "." {
			v := strings.TrimSuffix(parent, ".")
			if typ == "[]interface {}" {
				return fmt.Sprintf("no field %s: %s is %s, which has no fields; expected {{ range %s }}…{{ end }} or index %s 0", m[1], v, what, v, v)
			}
			return fmt.Sprintf("no field %s: %s is %s, which has no fields; expected %s itself", m[1], v, what, v)
		}
		if m[2] == "interface {}" {
			return fmt.Sprintf("no field %s: the value before it, from [params], has no fields; expected it without .%s, or a table of params with the key %s", m[1], m[1], m[1])
		}
		return msg + "; expected one of .Entity, .Params, .Site, .Notice, .Lang and their fields"
	}
	if strings.Contains(msg, afterTable) && fieldChain.MatchString(expr) {
		msg = strings.Replace(msg, "such as .", "such as "+expr+".", 1)
		return strings.Replace(msg, afterTable, "", 1)
	}
	switch {
	case msg == "unclosed action", strings.HasPrefix(msg, `unexpected "}" in`):
		return msg + "; expected }} to close the action"
	case msg == "unexpected EOF":
		return msg + "; expected {{ end }} to close every {{ if }}, {{ range }} and {{ with }}"
	case strings.HasPrefix(msg, "function ") && strings.HasSuffix(msg, "not defined"):
		return msg + "; section bodies can use only text/template's built-in functions"
	}
	return msg
}

// fieldChain matches an expression made of field names only, such as
// .Params.contact.
var fieldChain = regexp.MustCompile(`^\$?(\.[A-Za-z_]\w*)+$`)

// paramAt returns the value of data that the field chain parts names
// (["", "Params", "contact"]), when it is a value of [params].
func paramAt(data *BodyData, parts []string) (any, bool) {
	if data == nil || len(parts) < 3 || strings.TrimPrefix(parts[0], "$") != "" || parts[1] != "Params" {
		return nil, false
	}
	var v any = data.Params
	for _, k := range parts[2:] {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[k]; !ok {
			return nil, false
		}
	}
	return v, v != nil
}

// valueKinds names the types of values a body can meet in [params], as
// text/template names them, for a field looked up on one.
var valueKinds = map[string]string{
	"string": "text", "int64": "an integer", "float64": "a number", "bool": "true or false", "[]interface {}": "a list",
}

// missingKeyHint explains a key that a body reads from [params] and the
// entity's params lack. expr is the expression read, when known: a key of
// [params] itself (.Params.x), or of one of its tables (.Params.t.x).
func missingKeyHint(key, expr string, data *BodyData) string {
	path := strings.Split(strings.TrimPrefix(expr, "$"), ".")
	nested := len(path) > 3 && path[0] == "" && path[1] == "Params" && path[len(path)-1] == key
	if !nested && (len(path) != 3 || path[0] != "" || path[1] != "Params") && expr != "" {
		// A table reached another way ({{ range .Params.list }}{{ .x }}):
		// which one is not known here.
		return fmt.Sprintf("no key %q in the table of params it is read from; expected %s = … in that table, since every entity that publishes this section needs it", key, key)
	}
	if nested {
		table := strings.Join(path[2:len(path)-1], ".")
		v, _ := paramAt(data, path[:len(path)-1])
		if m, ok := v.(map[string]any); ok && len(m) > 0 {
			keys := slices.Sorted(maps.Keys(m))
			return fmt.Sprintf("no key %q in params.%s; expected one of: %s (or %s = … there, since every entity that publishes this section needs it)", key, table, strings.Join(keys, ", "), key)
		}
		return fmt.Sprintf("no key %q in params.%s, which has no keys; expected %s = … there, since every entity that publishes this section needs it", key, table, key)
	}
	if data != nil && len(data.Params) == 0 {
		return fmt.Sprintf("no key %q: the entity has no params; expected %s = \"…\" in a [params] table of its file, since every entity that publishes this section needs it", key, key)
	}
	return fmt.Sprintf("no key %q in the entity's [params]; expected %s = \"…\" there, since every entity that publishes this section needs it", key, key)
}

// bodyFields lists the fields of the type named typ (as text/template names
// it) within BodyData, or nil when BodyData has no such struct type.
func bodyFields(typ string) []string {
	var find func(t reflect.Type) []string
	find = func(t reflect.Type) []string {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return nil
		}
		if t.String() == typ {
			var names []string
			for i := range t.NumField() {
				names = append(names, t.Field(i).Name)
			}
			return names
		}
		for i := range t.NumField() {
			if names := find(t.Field(i).Type); names != nil {
				return names
			}
		}
		return nil
	}
	if names := find(reflect.TypeFor[BodyData]()); names != nil {
		return names
	}
	return find(reflect.TypeFor[Date]()) // a date of [params]
}

// bodyBuffers are the buffers one body's conversion needs, reused from
// body to body: a 10,000-page build converts tens of thousands of bodies,
// and their fresh buffers were a fifth of the bytes it allocated.
type bodyBuffers struct {
	md, html bytes.Buffer
	w        *bufio.Writer // over html; goldmark takes a buffered writer as is
	// shared is set when html came from a shared conversion.
	shared *sharedUse
}

func (r *Renderer) getBuffers() *bodyBuffers {
	if b, ok := r.buffers.Get().(*bodyBuffers); ok {
		b.shared = nil // of the body these buffers held before
		return b
	}
	return &bodyBuffers{}
}

func (r *Renderer) putBuffers(b *bodyBuffers) {
	if b.md.Cap() <= 1<<20 && b.html.Cap() <= 1<<20 { // keep no giant buffer alive
		r.buffers.Put(b)
	}
}

// executeBodyTo runs a parsed body for one page and converts it to HTML,
// in the caller's buffers; the HTML it returns lives in them. A body that
// prints values is converted once for all the pages it reads alike on
// (see shared.go), unless direct is set; one that puts values in code
// has them put into its HTML as written (see code.go), direct or not.
func (r *Renderer) executeBodyTo(b *bodyBuffers, t *template.Template, f *site.SectionFile, data *BodyData, direct bool) ([]byte, *diag.Diagnostic) {
	run, d := r.getRun(t, f)
	if d != nil {
		return nil, d
	}
	defer r.putRun(t, run)
	b.md.Reset()
	b.shared = nil
	if run.code {
		if html, d, ok := r.codeHTML(b, run, f, data); ok {
			return html, d
		}
		b.md.Reset()
	}
	var bv *bodyValues
	if !direct {
		bv = &bodyValues{}
	}
	if d := run.execute(&b.md, f, data, bv); d != nil {
		return nil, d
	}
	md := b.md.Bytes()
	switch {
	case bv == nil || len(bv.vals) == 0:
	case bytes.Count(md, []byte(tokenCore)) != len(bv.toks):
		// The body's own text or a value escaped in place holds the
		// token mark: the tokens cannot be told apart from it, so the
		// body runs again with every value escaped in place.
		b.md.Reset()
		if d := run.execute(&b.md, f, data, nil); d != nil {
			return nil, d
		}
		md = b.md.Bytes()
	default:
		if html, d, ok := r.sharedHTML(b, f, md, bv); ok {
			return html, d
		}
		// Not shareable here: convert the page's own Markdown.
		var own bytes.Buffer
		own.Grow(len(md) + 256)
		unshare(&own, md, bv.toks, bv.vals)
		b.md.Reset()
		b.md.Write(own.Bytes())
		md = b.md.Bytes()
	}
	if line, what := checkMarkdown(md); line > 0 {
		// Lines of the Markdown match the body's unless a loop repeated
		// some, so this points at the line or the loop printing it.
		return nil, &diag.Diagnostic{File: f.Path, Line: f.BodyLine + line - 1, Severity: diag.Error, Message: what}
	}
	b.html.Reset()
	if b.w == nil {
		b.w = bufio.NewWriter(&b.html)
	}
	b.w.Reset(&b.html)
	if err := r.md.Convert(md, b.w); err != nil {
		return nil, &diag.Diagnostic{File: f.Path, Line: f.BodyLine, Severity: diag.Error, Message: "markdown: " + err.Error()}
	}
	if err := b.w.Flush(); err != nil {
		return nil, &diag.Diagnostic{File: f.Path, Line: f.BodyLine, Severity: diag.Error, Message: "markdown: " + err.Error()}
	}
	return b.html.Bytes(), nil
}

// sharedHTML returns the body's HTML from the conversion of its tokenized
// Markdown md, with the page's values in place; ok is false when that
// would not be the HTML of the page's own Markdown.
func (r *Renderer) sharedHTML(b *bodyBuffers, f *site.SectionFile, md []byte, bv *bodyValues) (html []byte, d *diag.Diagnostic, ok bool) {
	sb, err := r.convertShared(md, bv.toks)
	if err != nil {
		return nil, &diag.Diagnostic{File: f.Path, Line: f.BodyLine, Severity: diag.Error, Message: "markdown: " + err.Error()}, true
	}
	if sb.checkLine > 0 {
		return nil, &diag.Diagnostic{File: f.Path, Line: f.BodyLine + sb.checkLine - 1, Severity: diag.Error, Message: sb.checkWhat}, true
	}
	if !sb.ok || !r.sameWords(md, bv.toks, bv.vals) {
		return nil, nil, false
	}
	b.html.Reset()
	substitute(&b.html, sb.html, bv.toks, bv.vals)
	b.shared = &sharedUse{body: sb, toks: bv.toks, vals: bv.vals}
	return b.html.Bytes(), nil, true
}

// bodyRun is a clone of a parsed body with functions of its own: its
// step and byte budget and its escaping belong to one execution at a time.
// Runs are pooled per body (Renderer.runBody), since cloning the template
// for each of a build's hundred thousand executions cost more than some
// executions.
type bodyRun struct {
	t      *template.Template
	budget budget.Budget
	escape func(any) (string, error)
	// code is set when the body's text may put a value in code (see
	// code.go).
	code bool
}

func newBodyRun(parsed *template.Template) (*bodyRun, error) {
	t, err := parsed.Clone() // the parsed trees are shared, not copied
	if err != nil {
		return nil, err
	}
	run := &bodyRun{t: t, budget: budget.Budget{Loops: "a body that loops a few times at most", Size: "a section of reasonable size"}, code: mayHoldCode(parsed)}
	funcs := run.budget.Funcs()
	funcs[escapeFunc] = func(v any) (string, error) { return run.escape(v) }
	t.Funcs(funcs)
	return run, nil
}

// execute runs the body with a page's values and writes the Markdown it
// prints to md, every inserted value escaped, or, with bv, every value
// that may be shared replaced by a token.
func (run *bodyRun) execute(md *bytes.Buffer, f *site.SectionFile, data *BodyData, bv *bodyValues) *diag.Diagnostic {
	run.budget.Reset()
	lw := &budget.Writer{W: md, N: maxBodyOutput, Full: errBodyOutput}
	run.escape = escapeText
	if bv != nil {
		bv.lw = lw
		run.escape = bv.escape
	}
	if err := run.t.Execute(lw, data); err != nil {
		d := templateError(f, err, data)
		return &d
	}
	return nil
}

// getRun takes a run of parsed body t from its pool, or makes one.
func (r *Renderer) getRun(t *template.Template, f *site.SectionFile) (*bodyRun, *diag.Diagnostic) {
	p, _ := r.runs.LoadOrStore(t, &sync.Pool{})
	if run, ok := p.(*sync.Pool).Get().(*bodyRun); ok {
		return run, nil
	}
	run, err := newBodyRun(t)
	if err != nil {
		return nil, &diag.Diagnostic{File: f.Path, Line: f.BodyLine, Severity: diag.Error, Message: "template: " + err.Error()}
	}
	return run, nil
}

// putRun gives a run of t back to its pool.
func (r *Renderer) putRun(t *template.Template, run *bodyRun) {
	if p, ok := r.runs.Load(t); ok {
		p.(*sync.Pool).Put(run)
	}
}

// BodyMarkdown returns the Markdown of section file f on page p as a build
// feeds it to goldmark: the body template run with the page's values, each
// escaped. bench/hugosite uses it so that Hugo converts the very same text.
func BodyMarkdown(s *site.Site, p *compose.Page, f *site.SectionFile) (string, error) {
	t, d := parseBody(f)
	if d == nil {
		run, err := newBodyRun(t)
		if err != nil {
			return "", err
		}
		var md bytes.Buffer
		date := func(lang string, t time.Time) Date {
			return Date{Text: locale.Date(lang, t), ISO: t.Format("2006-01-02")}
		}
		params := resolveParams(p.Entity.Params, p.Lang, s.Config.DefaultLanguage, date)
		if d = run.execute(&md, f, bodyData(s, p, params), nil); d == nil {
			return md.String(), nil
		}
	}
	return "", errors.New(d.String())
}

// MarkdownText escapes a value so Markdown shows it as text, as section
// bodies do with every value they print (a table, which a body cannot
// print, gives the empty string).
func MarkdownText(v any) string {
	s, _ := escapeText(v)
	return s
}

// maxBodyOutput bounds what one body template may print: no more than the
// Markdown converter accepts (maxMarkdown), so a template that ranges over
// itself stops as soon as its output could no longer be used.
const maxBodyOutput = budget.MaxOutput

// errBodyOutput ends a body that prints more than maxBodyOutput.
var errBodyOutput = budget.Errorf("the section's Markdown would be more than %d bytes (128 KiB); expected a shorter section: split it into several", maxBodyOutput)
