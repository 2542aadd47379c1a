package diag

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestDiagnosticString(t *testing.T) {
	tests := []struct {
		name string
		d    Diagnostic
		want string
	}{
		{"whole file is line 1", Diagnostic{File: "site.toml", Message: "bad"}, "site.toml:1: error: bad"},
		{"file and line", Diagnostic{File: "site.toml", Line: 3, Message: "bad"}, "site.toml:3: error: bad"},
		{"file line col", Diagnostic{File: "site.toml", Line: 3, Col: 7, Message: "bad"}, "site.toml:3:7: error: bad"},
		{"col without line is dropped", Diagnostic{File: "a.toml", Col: 7, Message: "m"}, "a.toml:1: error: m"},
		{"negative line is the whole file", Diagnostic{File: "a.toml", Line: -1, Col: 2, Message: "m"}, "a.toml:1: error: m"},
		{"negative col is unknown", Diagnostic{File: "a.toml", Line: 2, Col: -1, Message: "m"}, "a.toml:2: error: m"},
		{"warning", Diagnostic{File: "a.md", Line: 1, Severity: Warning, Message: "w"}, "a.md:1: warning: w"},
		{"rule suffix", Diagnostic{File: "a.md", Line: 2, Col: 1, Severity: Warning, Rule: "translation-missing", Message: "no de"}, "a.md:2:1: warning: no de [translation-missing]"},
		{"rule on error", Diagnostic{File: "a.md", Rule: "r", Message: "m"}, "a.md:1: error: m [r]"},
		{"no file names the program", Diagnostic{Line: 4, Message: "build cancelled"}, "noticegen: error: build cancelled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSeverityString(t *testing.T) {
	if got := Error.String(); got != "error" {
		t.Errorf("Error.String() = %q", got)
	}
	if got := Warning.String(); got != "warning" {
		t.Errorf("Warning.String() = %q", got)
	}
}

func TestListSorted(t *testing.T) {
	a1 := Diagnostic{File: "a.toml", Line: 1, Message: "x"}
	a2 := Diagnostic{File: "a.toml", Line: 2, Message: "x"}
	a10 := Diagnostic{File: "a.toml", Line: 10, Message: "x"}
	a2c3 := Diagnostic{File: "a.toml", Line: 2, Col: 3, Message: "x"}
	a2m := Diagnostic{File: "a.toml", Line: 2, Col: 3, Message: "y"}
	a2w := Diagnostic{File: "a.toml", Line: 2, Col: 3, Severity: Warning, Message: "a"}
	b1 := Diagnostic{File: "b.toml", Line: 1, Message: "x"}
	ruleA := Diagnostic{File: "c.md", Line: 1, Message: "m", Rule: "a"}
	ruleB := Diagnostic{File: "c.md", Line: 1, Message: "m", Rule: "b"}

	tests := []struct {
		name string
		in   List
		want List
	}{
		{"empty", nil, List{}},
		{"by file", List{b1, a1}, List{a1, b1}},
		{"by line numerically", List{a10, a2, a1}, List{a1, a2, a10}},
		{"by column", List{a2c3, a2}, List{a2, a2c3}},
		{"by message", List{a2m, a2c3}, List{a2c3, a2m}},
		{"errors before warnings at one place", List{a2w, a2m, a2c3}, List{a2c3, a2m, a2w}},
		{"exact duplicates removed", List{a1, b1, a1, a1}, List{a1, b1}},
		{"same place, different rule kept", List{ruleB, ruleA, ruleB}, List{ruleA, ruleB}},
		{"non-adjacent duplicates removed", List{a1, a2, a10, a2, a1}, List{a1, a2, a10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := slices.Clone(tt.in)
			got := tt.in.Sorted()
			if !slices.Equal(got, tt.want) {
				t.Errorf("Sorted() =\n%v\nwant\n%v", got, tt.want)
			}
			if !slices.Equal(orig, tt.in) {
				t.Errorf("Sorted modified its receiver: %v, was %v", tt.in, orig)
			}
		})
	}
}

// TestLocated checks that every diagnostic about a file comes out of
// Sorted with a line ≥ 1, and one about no file with no line at all, so
// JSON and SARIF (whose startLine must be ≥ 1) never carry a line 0.
func TestLocated(t *testing.T) {
	tests := []struct {
		name      string
		in        Diagnostic
		line, col int
	}{
		{"whole file", Diagnostic{File: "a.md"}, 1, 0},
		{"whole file with a stray column", Diagnostic{File: "a.md", Col: 4}, 1, 0},
		{"negative line", Diagnostic{File: "a.md", Line: -3, Col: -1}, 1, 0},
		{"line kept", Diagnostic{File: "a.md", Line: 7}, 7, 0},
		{"line and column kept", Diagnostic{File: "a.md", Line: 7, Col: 2}, 7, 2},
		{"negative column", Diagnostic{File: "a.md", Line: 7, Col: -2}, 7, 0},
		{"no file claims no line", Diagnostic{Line: 3, Col: 4}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.in.Located()
			if got.Line != tt.line || got.Col != tt.col || got.File != tt.in.File {
				t.Errorf("Located() = %s:%d:%d, want %s:%d:%d", got.File, got.Line, got.Col, tt.in.File, tt.line, tt.col)
			}
			sorted := List{tt.in}.Sorted()
			if sorted[0] != got {
				t.Errorf("Sorted() = %+v, want it Located: %+v", sorted[0], got)
			}
		})
	}
	// A whole-file finding and the same finding at line 1 are one finding.
	l := List{{File: "a.md", Message: "m"}, {File: "a.md", Line: 1, Message: "m"}}
	if got := l.Sorted(); len(got) != 1 {
		t.Errorf("Sorted() kept %d of a finding given at line 0 and line 1, want 1: %v", len(got), got)
	}
}

func TestListStrict(t *testing.T) {
	l := List{
		{File: "a", Severity: Warning, Message: "w", Rule: "r"},
		{File: "b", Severity: Error, Message: "e"},
	}
	s := l.Strict()
	if len(s) != 2 {
		t.Fatalf("Strict() has %d diagnostics, want 2", len(s))
	}
	for _, d := range s {
		if d.Severity != Error {
			t.Errorf("Strict(): %v is not an error", d)
		}
	}
	if s[0].File != "a" || s[0].Message != "w" || s[0].Rule != "r" {
		t.Errorf("Strict() changed more than the severity: %+v", s[0])
	}
	if l[0].Severity != Warning {
		t.Errorf("Strict() modified the original list: %+v", l[0])
	}
	if got := s.Count(Warning); got != 0 {
		t.Errorf("Strict().Count(Warning) = %d, want 0", got)
	}
}

// A warning that says what the build does despite it ("pages show the en
// text") is worded for --strict, under which the build stops; an error's
// wording and a warning without a StrictMessage stay as they are.
func TestListStrictWording(t *testing.T) {
	l := List{
		{File: "a", Severity: Warning, Message: "pages show the en text", StrictMessage: "an error under --strict"},
		{File: "b", Severity: Warning, Message: "plain"},
		{File: "c", Severity: Error, Message: "error", StrictMessage: "not used"},
	}
	got := l.Strict()
	for i, want := range []string{"an error under --strict", "plain", "error"} {
		if got[i].Message != want || got[i].StrictMessage != "" || got[i].Severity != Error {
			t.Errorf("Strict()[%d] = %+v, want an error %q", i, got[i], want)
		}
	}
	if l[0].Message != "pages show the en text" {
		t.Errorf("Strict() modified the original list: %+v", l[0])
	}
}

func TestHasErrorsAndCount(t *testing.T) {
	var l List
	tests := []struct {
		name             string
		add              func()
		hasErrors        bool
		errors, warnings int
	}{
		{"zero value", func() {}, false, 0, 0},
		{"one warning", func() { l.Warnf("a", 1, 0, "w %d", 1) }, false, 0, 1},
		{"two warnings", func() { l.Warnf("a", 2, 0, "w") }, false, 0, 2},
		{"an error", func() { l.Errorf("b", 1, 2, "e %s", "x") }, true, 1, 2},
		{"Add", func() { l.Add(Diagnostic{Severity: Error}, Diagnostic{Severity: Warning}) }, true, 2, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.add()
			if got := l.HasErrors(); got != tt.hasErrors {
				t.Errorf("HasErrors() = %v, want %v", got, tt.hasErrors)
			}
			if got := l.Count(Error); got != tt.errors {
				t.Errorf("Count(Error) = %d, want %d", got, tt.errors)
			}
			if got := l.Count(Warning); got != tt.warnings {
				t.Errorf("Count(Warning) = %d, want %d", got, tt.warnings)
			}
		})
	}
	if got, want := l[2], (Diagnostic{File: "b", Line: 1, Col: 2, Severity: Error, Message: "e x"}); got != want {
		t.Errorf("Errorf stored %+v, want %+v", got, want)
	}
	if got, want := l[0], (Diagnostic{File: "a", Line: 1, Severity: Warning, Message: "w 1"}); got != want {
		t.Errorf("Warnf stored %+v, want %+v", got, want)
	}
}

func TestListError(t *testing.T) {
	l := List{
		{File: "b.toml", Line: 1, Message: "second"},
		{File: "a.toml", Line: 5, Col: 2, Severity: Warning, Message: "first", Rule: "r"},
		{File: "b.toml", Line: 1, Message: "second"},
	}
	want := "a.toml:5:2: warning: first [r]\nb.toml:1: error: second"
	if got := l.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	var err error = l
	if err.Error() != want {
		t.Errorf("List as error = %q", err.Error())
	}
}

// Sorted must give the same list whatever order the diagnostics arrived in
// (files and pages are processed in parallel), so its order has to be
// total over every field a diagnostic has.
func TestListSortedIndependentOfInputOrder(t *testing.T) {
	base := Diagnostic{File: "content/sections/a.en.md", Line: 3, Message: "m", Rule: "r"}
	var l List
	for _, f := range []func(*Diagnostic){
		func(d *Diagnostic) {},
		func(d *Diagnostic) { d.Entity = "acme" },
		func(d *Diagnostic) { d.Entity = "beta" },
		func(d *Diagnostic) { d.Entity, d.Notice = "acme", "website" },
		func(d *Diagnostic) { d.Entity, d.Notice, d.Lang = "acme", "website", "de" },
		func(d *Diagnostic) { d.StrictMessage = "s" },
	} {
		d := base
		f(&d)
		l = append(l, d)
	}
	want := l.Sorted()
	if len(want) != len(l) {
		t.Fatalf("Sorted() dropped distinct diagnostics: %d of %d left", len(want), len(l))
	}
	// every rotation, reversed or not, with a duplicate of each element
	for i := range l {
		for _, rev := range []bool{false, true} {
			in := append(slices.Clone(l[i:]), l[:i]...)
			if rev {
				slices.Reverse(in)
			}
			in = append(in, in...)
			if got := in.Sorted(); !slices.Equal(got, want) {
				t.Fatalf("Sorted() depends on input order:\ninput %s\ngot   %s\nwant  %s", fields(in), fields(got), fields(want))
			}
		}
	}
}

// fields shows every field, which List's String and Error methods do not.
func fields(l List) string {
	var b strings.Builder
	for _, d := range l {
		fmt.Fprintf(&b, "\n  %#v", d)
	}
	return b.String()
}

// An acknowledged finding is listed but fails nothing: neither HasErrors
// nor --strict, and Count leaves it out.
func TestAcknowledged(t *testing.T) {
	l := List{
		{File: "a", Severity: Error, Message: "e", Acknowledged: true, Reason: "reviewed"},
		{File: "b", Severity: Warning, Message: "w", Acknowledged: true, Reason: "reviewed"},
	}
	for name, l := range map[string]List{"as reported": l, "strict": l.Strict()} {
		if l.HasErrors() {
			t.Errorf("%s: HasErrors() = true, want false", name)
		}
		if e, w, a := l.Count(Error), l.Count(Warning), l.Acknowledgements(); e != 0 || w != 0 || a != 2 {
			t.Errorf("%s: %d errors, %d warnings, %d acknowledged; want 0, 0, 2", name, e, w, a)
		}
	}
	if s := l.Strict(); s[1].Severity != Warning {
		t.Errorf("Strict() made an acknowledged warning an error: %+v", s[1])
	}
	l = append(l, Diagnostic{File: "c", Severity: Warning, Message: "w"})
	if !l.Strict().HasErrors() {
		t.Errorf("Strict().HasErrors() = false with a warning not acknowledged")
	}
}
