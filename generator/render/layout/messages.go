package layout

import (
	"text/template/parse"

	"github.com/noticegen/noticegen/generator/internal/tmplwalk"
)

// MessageRefs returns the UI message ids the layouts pass to T
// ({{ .T "glance" }}, {{ $.T "updated" "Date" … }}, {{ $p.T "email" }}),
// so that a site's message nothing prints can be reported. It returns nil
// when a layout names an id that is not a literal ({{ .T $id }}) or a
// layout is missing, since the ids used cannot then be known.
func (s *Set) MessageRefs() map[string]bool {
	if len(s.byKind) != len(kinds()) {
		return nil
	}
	used := map[string]bool{}
	known := true
	visit := func(n parse.Node) bool {
		if n, ok := n.(*parse.CommandNode); ok && len(n.Args) > 0 && callsT(n.Args[0]) {
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
		return true
	}
	for _, t := range s.byKind {
		for _, tt := range t.Templates() {
			if tt.Tree != nil && tt.Tree.Root != nil {
				tmplwalk.Walk(tt.Tree.Root, visit)
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
