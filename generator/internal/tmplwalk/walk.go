// Package tmplwalk walks the parse trees of text/template and
// html/template, for the packages that read a template's shape rather
// than run it: which values a section body prints, whether its text may
// put one in code, which UI messages a layout asks for.
package tmplwalk

import (
	"text/template/parse"
)

// Walk calls visit for n and, where visit returns true, for every node
// below it, in order: the nodes of lists, the pipelines and lists of if,
// range and with, the commands of a pipeline and their arguments, the
// pipeline of a template call and the node a chain starts from.
func Walk(n parse.Node, visit func(parse.Node) bool) {
	if isNil(n) || !visit(n) {
		return
	}
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			Walk(c, visit)
		}
	case *parse.ActionNode:
		Walk(n.Pipe, visit)
	case *parse.PipeNode:
		for _, c := range n.Cmds {
			Walk(c, visit)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			Walk(a, visit)
		}
	case *parse.IfNode:
		branches(&n.BranchNode, visit)
	case *parse.RangeNode:
		branches(&n.BranchNode, visit)
	case *parse.WithNode:
		branches(&n.BranchNode, visit)
	case *parse.TemplateNode:
		Walk(n.Pipe, visit)
	case *parse.ChainNode:
		Walk(n.Node, visit)
	}
}

func branches(b *parse.BranchNode, visit func(parse.Node) bool) {
	Walk(b.Pipe, visit)
	Walk(b.List, visit)
	Walk(b.ElseList, visit)
}

// isNil reports whether n is nil or a typed nil, as a template without
// an else branch has.
func isNil(n parse.Node) bool {
	switch n := n.(type) {
	case nil:
		return true
	case *parse.ListNode:
		return n == nil
	case *parse.PipeNode:
		return n == nil
	}
	return false
}
