// Package diag defines the one error type of noticegen: a Diagnostic that
// names the file, line and column it is about, and a List that collects them
// so a run can report every problem it finds rather than stopping at the first.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a diagnostic stops a build.
type Severity int

const (
	// Error stops the build; the previous output stays as it was.
	Error Severity = iota
	// Warning is reported but does not stop the build unless --strict is set.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem with the site's sources. File is slash-separated
// and relative to the site root so messages read the same on every machine.
type Diagnostic struct {
	File     string
	Line     int // 1-based; 0 is taken for 1, the line of a finding about the whole file
	Col      int // 1-based; 0 when unknown
	Severity Severity
	Rule     string // stable id of the check that found it; empty for load errors
	Message  string
	// StrictMessage replaces Message under --strict (Strict), for a
	// warning whose text says what the build does despite it ("de pages
	// show the en text"), which is untrue once the warning stops the build.
	// Empty: Message says it either way.
	StrictMessage string

	// Entity, Notice and Lang name the composed notices a finding affects,
	// where it is narrower than the whole site; empty means all.
	Entity, Notice, Lang string

	// Acknowledged marks a finding the site has reviewed and accepts
	// (site.toml [[acknowledge]]), with Reason saying why: it is still
	// reported, but counts neither as an error nor under --strict.
	Acknowledged bool
	Reason       string
}

// String formats d as "file:line:col: severity: message [rule]", the shape
// compilers use, so editors and CI annotate the right line. It is escaped
// (see Escape), so no value in it can send a control sequence to the
// terminal that shows it, whichever way the diagnostic was made.
func (d Diagnostic) String() string {
	d = d.Escaped()
	var b strings.Builder
	b.WriteString(d.Pos())
	b.WriteString(": ")
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(d.Message)
	if d.Rule != "" {
		b.WriteString(" [")
		b.WriteString(d.Rule)
		b.WriteString("]")
	}
	return b.String()
}

// Pos formats the location part: file:line or file:line:col, or the
// program's name for a problem of no file.
func (d Diagnostic) Pos() string {
	d = d.Located()
	switch {
	case d.File == "":
		return "noticegen"
	case d.Col == 0:
		return fmt.Sprintf("%s:%d", d.File, d.Line)
	}
	return fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Col)
}

// Located returns d with the position it is reported at. Every finding
// about a file has a line ≥ 1, because editors, CI annotations and SARIF
// (whose startLine must be ≥ 1) all need one: a finding about the whole
// file is at line 1, with no column. A finding about no file (a cancelled
// run, a bad flag) claims neither line nor column.
func (d Diagnostic) Located() Diagnostic {
	switch {
	case d.File == "":
		d.Line, d.Col = 0, 0
	case d.Line < 1:
		d.Line, d.Col = 1, 0
	case d.Col < 0:
		d.Col = 0
	}
	return d
}

// List collects diagnostics. The zero value is ready to use.
type List []Diagnostic

// Errorf adds an error at file:line:col. Values are quoted with %q (or
// Quote); the message is escaped as a whole besides (see Escape), so that a
// value printed with %s or %v cannot reach a terminal raw either.
func (l *List) Errorf(file string, line, col int, format string, args ...any) {
	*l = append(*l, Diagnostic{File: file, Line: line, Col: col, Severity: Error, Message: Escape(fmt.Sprintf(format, args...))})
}

// Warnf adds a warning at file:line:col, escaped as Errorf's are.
func (l *List) Warnf(file string, line, col int, format string, args ...any) {
	*l = append(*l, Diagnostic{File: file, Line: line, Col: col, Severity: Warning, Message: Escape(fmt.Sprintf(format, args...))})
}

// Add appends diagnostics made elsewhere, with their messages escaped as
// Errorf's are.
func (l *List) Add(ds ...Diagnostic) {
	for _, d := range ds {
		d.Message = Escape(d.Message)
		*l = append(*l, d)
	}
}

// HasErrors reports whether any diagnostic not acknowledged is an error.
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(d Diagnostic) bool { return d.Severity == Error && !d.Acknowledged })
}

// Count returns how many diagnostics not acknowledged have severity s.
func (l List) Count(s Severity) int {
	n := 0
	for _, d := range l {
		if d.Severity == s && !d.Acknowledged {
			n++
		}
	}
	return n
}

// Acknowledgements returns how many diagnostics are acknowledged.
func (l List) Acknowledgements() int {
	n := 0
	for _, d := range l {
		if d.Acknowledged {
			n++
		}
	}
	return n
}

// Sorted returns the diagnostics, each Located, ordered by file, line,
// column and message, with exact duplicates removed, so output is stable
// from run to run even though pages are rendered in parallel and stages
// report in the order they run.
func (l List) Sorted() List {
	out := make(List, len(l))
	for i, d := range l {
		out[i] = d.Located()
	}
	slices.SortFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Message, b.Message),
			cmp.Compare(a.StrictMessage, b.StrictMessage),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Entity, b.Entity),
			cmp.Compare(a.Notice, b.Notice),
			cmp.Compare(a.Lang, b.Lang),
			cmp.Compare(a.Reason, b.Reason),
		)
	})
	return slices.Compact(out)
}

// Strict returns a copy of l in which every warning not acknowledged is
// an error, for --strict, worded as such where its StrictMessage says so.
func (l List) Strict() List {
	out := slices.Clone(l)
	for i := range out {
		if out[i].Acknowledged {
			continue // reviewed and accepted: --strict does not undo that
		}
		if out[i].Severity == Warning && out[i].StrictMessage != "" {
			out[i].Message = out[i].StrictMessage
		}
		out[i].Severity = Error
		out[i].StrictMessage = ""
	}
	return out
}

// Error makes a List usable as an error: one diagnostic per line.
func (l List) Error() string {
	var b strings.Builder
	for i, d := range l.Sorted() {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}
