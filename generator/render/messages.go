package render

import (
	"html/template"
	"text/template/parse"
)

// messageRefs returns the UI message ids the layouts pass to T
// ({{ .T "glance" }}, {{ $.T "updated" "Date" … }}, {{ $p.T "email" }}),
// so that a site's message nothing prints can be reported. It returns nil
// when a layout names an id that is not a literal ({{ .T $id }}) or a
// layout is missing, since the ids used cannot then be known.
func messageRefs(layouts map[string]*template.Template) map[string]bool {
	if len(layouts) != len([]string{KindChooser, KindOverview, KindNotice}) {
		return nil
	}
	used := map[string]bool{}
	known := true
	var walk func(n parse.Node)
	walkList := func(l *parse.ListNode) {
		if l != nil {
			walk(l)
		}
	}
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n == nil {
				return
			}
			for _, c := range n.Cmds {
				walk(c)
			}
		case *parse.CommandNode:
			if len(n.Args) > 0 && callsT(n.Args[0]) {
				if len(n.Args) > 1 {
					if s, ok := n.Args[1].(*parse.StringNode); ok {
						used[s.Text] = true
					} else {
						known = false
					}
				} else {
					known = false // "glance" | .T, or T as a value
				}
			}
			for _, a := range n.Args {
				walk(a)
			}
		case *parse.IfNode:
			walk(n.Pipe)
			walkList(n.List)
			walkList(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walkList(n.List)
			walkList(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walkList(n.List)
			walkList(n.ElseList)
		case *parse.TemplateNode:
			walk(n.Pipe)
		case *parse.ChainNode:
			walk(n.Node)
		}
	}
	for _, t := range layouts {
		for _, tt := range t.Templates() {
			if tt.Tree != nil && tt.Tree.Root != nil {
				walk(tt.Tree.Root)
			}
		}
	}
	if !known {
		return nil
	}
	return used
}

// callsT reports whether a command's first word is the method T of the
// page or section data: .T, $.T, $p.T, (…).T.
func callsT(n parse.Node) bool {
	var idents []string
	switch n := n.(type) {
	case *parse.FieldNode:
		idents = n.Ident
	case *parse.VariableNode:
		idents = n.Ident[1:]
	case *parse.ChainNode:
		idents = n.Field
	}
	return len(idents) > 0 && idents[len(idents)-1] == "T"
}
