package sandbox

import (
	"bytes"
	"text/template"
	"text/template/parse"
)

// plainBody is a body made of text and printed values alone, such as
// "Write to {{ .Entity.Name }} at {{ .Entity.Email }}.": the shape of most
// section bodies. Run prints it without text/template, whose reflection
// (a field lookup by name and a function call for each value, on every
// entity's pages) was most of the cost of a section that differs from
// page to page only in those values. Anything else in a body — a
// condition, a loop, a function, a variable, a field of another shape —
// leaves it to text/template.
type plainBody []plainPart

// plainPart is a piece of text, or a value printed at field (text empty).
type plainPart struct {
	text  string
	field []string // .Entity.Name: ["Entity", "Name"]
}

// plainOf returns t as a plainBody, or nil when it holds more than text
// and printed fields. t is a parsed body after escapeActions and
// budget.Instrument: every action ends in escapeFunc, and the root list
// starts with a step.
func plainOf(t *template.Template) plainBody {
	if len(t.Templates()) != 1 || t.Tree == nil || t.Tree.Root == nil {
		return nil
	}
	p := plainBody{} // not nil: an empty body is plain too
	for _, n := range t.Tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			p = append(p, plainPart{text: string(n.Text)})
		case *parse.ActionNode:
			if isStep(n) {
				continue // one step: a body without loops never reaches the budget
			}
			f := printedField(n)
			if f == nil {
				return nil
			}
			p = append(p, plainPart{field: f})
		default:
			return nil
		}
	}
	return p
}

// isStep reports whether n is the step budget.Instrument put first.
func isStep(n *parse.ActionNode) bool {
	cmds := n.Pipe.Cmds
	if len(n.Pipe.Decl) > 0 || len(cmds) != 1 || len(cmds[0].Args) != 1 {
		return false
	}
	id, ok := cmds[0].Args[0].(*parse.IdentifierNode)
	return ok && id.Ident == stepFunc
}

// printedField returns the field an action {{ .A.B }} prints, escaped by
// escapeFunc, when plainData knows it; nil for any other action.
func printedField(n *parse.ActionNode) []string {
	cmds := n.Pipe.Cmds
	if len(n.Pipe.Decl) > 0 || len(cmds) != 2 || len(cmds[0].Args) != 1 || len(cmds[1].Args) != 1 {
		return nil
	}
	f, ok := cmds[0].Args[0].(*parse.FieldNode)
	if id, isID := cmds[1].Args[0].(*parse.IdentifierNode); !ok || !isID || id.Ident != escapeFunc {
		return nil
	}
	if !knownField(f.Ident) {
		return nil
	}
	return f.Ident
}

// knownField reports whether plainField finds field in every Data: any
// params key, since a missing one falls back to the template's error.
func knownField(field []string) bool {
	if field[0] == "Params" {
		return len(field) == 2
	}
	_, ok := plainField(&Data{}, field)
	return ok
}

// plainField returns the value at field of d, as text/template would find
// it; ok is false for a field that is not there (a missing params key).
func plainField(d *Data, field []string) (v any, ok bool) {
	switch len(field) {
	case 1:
		if field[0] == "Lang" {
			return d.Lang, true
		}
	case 2:
		switch field[0] {
		case "Params":
			v, ok = d.Params[field[1]]
			return v, ok
		case "Site":
			return pick(field[1], "Title", d.Site.Title, "BaseURL", d.Site.BaseURL)
		case "Notice":
			return pick(field[1], "ID", d.Notice.ID, "Title", d.Notice.Title)
		case "Entity":
			e := &d.Entity
			switch field[1] {
			case "ID":
				return e.ID, true
			case "Name":
				return e.Name, true
			case "Address":
				return e.Address, true
			case "Email":
				return e.Email, true
			case "Phone":
				return e.Phone, true
			case "Website":
				return e.Website, true
			case "Register":
				return e.Register, true
			case "VATID":
				return e.VATID, true
			case "RepresentedBy":
				return e.RepresentedBy, true
			}
		}
	case 3:
		if field[0] != "Entity" {
			break
		}
		switch dpo, auth := &d.Entity.DPO, &d.Entity.Authority; field[1] {
		case "DPO":
			if v, ok = pick(field[2], "Name", dpo.Name, "Email", dpo.Email); ok {
				return v, ok
			}
			return pick(field[2], "Phone", dpo.Phone, "Address", dpo.Address)
		case "Authority":
			return pick(field[2], "Name", auth.Name, "URL", auth.URL)
		}
	}
	return nil, false
}

// pick returns a when name is na, b when it is nb.
func pick(name, na, a, nb, b string) (string, bool) {
	switch name {
	case na:
		return a, true
	case nb:
		return b, true
	}
	return "", false
}

// maxEscapeGrowth bounds how many bytes escaping makes of one byte of a
// value (markdown.Escape writes a control character as "&#13;").
const maxEscapeGrowth = 10

// run prints p with data to md as the template would, and reports false
// without printing anything when text/template must run it instead: a
// value is missing or cannot be text, or the output could reach the bound
// (the template then gives the error, at its place in the body).
func (p plainBody) run(md *bytes.Buffer, data *Data, escape func(string) (string, int)) bool {
	var vals [8]string
	texts := vals[:0]
	size := md.Len()
	for _, part := range p {
		if part.field == nil {
			size += len(part.text)
			continue
		}
		v, ok := plainField(data, part.field)
		if !ok {
			return false
		}
		s, err := Text(v)
		if err != nil {
			return false
		}
		texts = append(texts, s)
		size += maxEscapeGrowth * len(s)
	}
	if size > MaxOutput {
		return false
	}
	k := 0
	for _, part := range p {
		if part.field == nil {
			md.WriteString(part.text)
			continue
		}
		out, _ := escape(texts[k])
		k++
		md.WriteString(out)
	}
	return true
}
