// Package budget bounds one execution of a template that a site's authors
// wrote — a section body or a UI message — so that no input makes a build
// loop for hours or fill the memory. Range iterations and template calls
// are counted, the functions that make strings are charged before they
// allocate, and the output is capped. Package render (section bodies) and
// package locale (messages) share it, so both are held to the same bounds.
package budget

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"text/template"
	"text/template/parse"
)

// StepFunc is the name of the function called at the start of every range
// iteration and every template call of an instrumented template; Funcs
// counts the calls and stops the execution at MaxSteps. The output bound
// alone does not end {{ range 100000000000 }}{{ end }}, nor a template that
// calls itself twice, since they print nothing. The unusual name keeps it
// out of authors' way.
const StepFunc = "_noticegen_step"

// MaxSteps bounds the range iterations and template calls of one
// execution; a privacy notice's section or label needs a handful.
const MaxSteps = 1000

// MaxOutput bounds what one execution may print: 128 KiB, what the
// Markdown converter accepts for a section, so a template that ranges over
// itself stops as soon as its output could no longer be used.
const MaxOutput = 128 << 10

// MaxWork bounds the bytes that the printing and escaping functions of one
// execution may produce in all: $x = printf "%s%s" $x $x in a loop doubles
// a string each time and would exhaust memory long before anything is
// printed. MaxFormatWidth bounds a width or precision in printf, which fmt
// would otherwise pad to a megabyte per call.
const (
	MaxWork        = 8 * MaxOutput
	MaxFormatWidth = 1000
)

// ParseFuncs are the functions a template must know when it is parsed, so
// that Instrument's calls resolve; an execution replaces them with those
// of a Budget.
func ParseFuncs() template.FuncMap {
	return template.FuncMap{StepFunc: func() string { return "" }}
}

// Instrument puts a call of StepFunc first in every template of t and in
// the body of every range within them. Call it once, after parsing.
func Instrument(t *template.Template) {
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			countSteps(tt.Tree.Root, true)
		}
	}
}

// countSteps puts a call of StepFunc first in n, when it is a template's
// root, and in the body of every range within it.
func countSteps(n parse.Node, root bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			countSteps(c, false)
		}
		if root {
			n.Nodes = slices.Insert(n.Nodes, 0, parse.Node(stepAction(n.Pos)))
		}
	case *parse.IfNode:
		countSteps(n.List, false)
		countSteps(n.ElseList, false)
	case *parse.WithNode:
		countSteps(n.List, false)
		countSteps(n.ElseList, false)
	case *parse.RangeNode:
		countSteps(n.List, true)
		countSteps(n.ElseList, false)
	}
}

func stepAction(pos parse.Pos) *parse.ActionNode {
	return &parse.ActionNode{NodeType: parse.NodeAction, Pos: pos, Pipe: &parse.PipeNode{
		NodeType: parse.NodePipe, Pos: pos,
		Cmds: []*parse.CommandNode{{NodeType: parse.NodeCommand, Pos: pos, Args: []parse.Node{parse.NewIdentifier(StepFunc).SetPos(pos)}}},
	}}
}

// ErrExceeded is the error of an execution stopped by its budget (as the
// functions of Funcs and a Writer fail), told apart from the template's own
// errors by Is: a caller that runs a template on data it does not have
// yet learns that the template breaks its bounds whatever the data.
var ErrExceeded = errors.New("budget exceeded")

// exceeded is an error of the budget: its text says what was expected.
type exceeded struct{ msg string }

func (e *exceeded) Error() string        { return e.msg }
func (e *exceeded) Is(target error) bool { return target == ErrExceeded }

// Errorf makes an error that is ErrExceeded, for a caller's own bound such
// as a Writer's Full.
func Errorf(format string, args ...any) error {
	return &exceeded{fmt.Sprintf(format, args...)}
}

// Budget counts what one execution does: steps (range iterations and
// template calls) and bytes made by functions. Loops and Size complete the
// errors' "expected …" for the kind of template it bounds, e.g. "a body
// that loops a few times at most" and "a section of reasonable size".
type Budget struct {
	Loops, Size string
	steps       int
	bytes       int
}

// Reset readies the budget for the next execution.
func (b *Budget) Reset() { b.steps, b.bytes = 0, 0 }

// Funcs returns the step counter and the built-in functions that make
// strings, wrapped to charge the budget before they allocate.
func (b *Budget) Funcs() template.FuncMap {
	wrap := func(name string, f func(...any) string) func(...any) (string, error) {
		return func(args ...any) (string, error) {
			if err := b.charge(name, args); err != nil {
				return "", err
			}
			out := f(args...)
			b.bytes += len(out)
			return out, nil
		}
	}
	return template.FuncMap{
		StepFunc: func() (string, error) {
			if b.steps++; b.steps > MaxSteps {
				return "", Errorf("more than %d range iterations and template calls; expected %s", MaxSteps, b.Loops)
			}
			return "", nil
		},
		"print":    wrap("print", fmt.Sprint),
		"println":  wrap("println", fmt.Sprintln),
		"html":     wrap("html", template.HTMLEscaper),
		"js":       wrap("js", template.JSEscaper),
		"urlquery": wrap("urlquery", template.URLQueryEscaper),
		"printf": func(format string, args ...any) (string, error) {
			if err := checkFormat(format); err != nil {
				return "", err
			}
			if err := b.charge("printf", append(args, format)); err != nil {
				return "", err
			}
			out := fmt.Sprintf(format, args...)
			b.bytes += len(out)
			return out, nil
		},
	}
}

// charge refuses a call whose string arguments alone (escaping makes at
// most six bytes of one) would exceed what is left of the budget.
func (b *Budget) charge(name string, args []any) error {
	n := 0
	for _, a := range args {
		if s, ok := a.(string); ok {
			n += 6 * len(s)
		} else {
			n += 64
		}
	}
	if b.bytes+n > MaxWork {
		return Errorf("%s would make more than %d bytes in all; expected %s", name, MaxWork, b.Size)
	}
	return nil
}

// checkFormat refuses a printf width or precision above MaxFormatWidth,
// and one given as an argument (*).
func checkFormat(format string) error {
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		n := 0
		for i++; i < len(format) && strings.IndexByte("+-# 0123456789.*[]", format[i]) >= 0; i++ {
			switch c := format[i]; {
			case c == '*':
				return Errorf("printf: width * is not supported; expected a number up to %d", MaxFormatWidth)
			case c >= '0' && c <= '9':
				if n = n*10 + int(c-'0'); n > MaxFormatWidth {
					return Errorf("printf: width or precision above %d; expected a number up to %d", MaxFormatWidth, MaxFormatWidth)
				}
			default:
				n = 0
			}
		}
	}
	return nil
}

// Writer writes to W until it would hold more than N bytes, and then
// fails with Full, which ends the execution.
type Writer struct {
	W    *bytes.Buffer
	N    int
	Full error
}

// Write implements io.Writer.
func (l *Writer) Write(p []byte) (int, error) {
	if l.W.Len()+len(p) > l.N {
		return 0, l.Full
	}
	return l.W.Write(p)
}
