package locale

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/internal/budget"
	"github.com/noticegen/noticegen/generator/internal/nearest"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
)

// message is one UI message of one language, with where it is written.
type message struct {
	id        string
	file      string
	line, col int   // of its key
	other     *form // the form pages show; nil when the message has none
}

// form is one plural form of a message: text/template source, parsed once
// at Load with the functions and bounds of a section body.
type form struct {
	text string             // printed as it is when t is nil: no action in it
	t    *template.Template // parsed and instrumented
	// line is the file line of the text's first line; lines of the
	// template map to lines of the file only in a multi-line string.
	line, col   int
	multi       bool
	left, right string    // its delimiters
	runs        sync.Pool // *messageRun
}

// messageRun is a clone of a parsed form with a budget of its own, for one
// execution at a time (as render's bodyRun is for bodies).
type messageRun struct {
	t      *template.Template
	budget budget.Budget
}

// The budget's errors for a message say what a message should be instead.
const (
	expectLoops = "a message that loops a few times at most"
	expectSize  = "a message of reasonable size"
)

// errMessageOutput ends a message that prints more than budget.MaxOutput.
var errMessageOutput = budget.Errorf("the message would be more than %d bytes (128 KiB); expected %s", budget.MaxOutput, expectSize)

// MessageError is a message that failed while a page printed it: it went
// beyond the bounds of a section body or its template failed on the data
// the layout passed. Diag places it at the message's line.
type MessageError struct{ Diag diag.Diagnostic }

// Error implements error: the diagnostic as the build prints it.
func (e *MessageError) Error() string { return e.Diag.String() }

// messageFile is the text of one message file, indexed once for the
// positions of all its messages: a file may hold a hundred thousand.
type messageFile struct {
	path   string
	text   []byte
	keyPos func(key ...string) (line, col int)
	starts []int // byte offset of each line
}

func newMessageFile(src site.Source) *messageFile {
	f := &messageFile{path: src.Path, text: src.Text, keyPos: src.KeyIndex(), starts: []int{0}}
	for i, b := range src.Text {
		if b == '\n' {
			f.starts = append(f.starts, i+1)
		}
	}
	return f
}

// line returns line n (from 1) of the file, without its line ending.
func (f *messageFile) line(n int) string {
	if n < 1 || n > len(f.starts) {
		return ""
	}
	end := len(f.text)
	if n < len(f.starts) {
		end = f.starts[n]
	}
	return strings.TrimRight(string(f.text[f.starts[n-1]:end]), "\r\n")
}

// parseMessage parses every plural form of a go-i18n message of file mf.
// A form that does not parse is reported at its line and left out.
func parseMessage(mf *messageFile, im *i18n.Message) (*message, diag.List) {
	var diags diag.List
	keys := splitID(im.ID)
	// A quoted key with dots ("a.b" = "…") is one key of the id; keyPos
	// finds it only so, and gives column 0 where it found no key at all.
	if _, col := mf.keyPos(im.ID); col > 0 {
		keys = []string{im.ID}
	}
	m := &message{id: im.ID, file: mf.path}
	m.line, m.col = mf.keyPos(keys...)
	for _, f := range []struct{ name, text string }{
		{"zero", im.Zero}, {"one", im.One}, {"two", im.Two}, {"few", im.Few}, {"many", im.Many}, {"other", im.Other},
	} {
		if f.text == "" {
			continue // go-i18n treats an empty form as absent
		}
		// A form of a table ([id] other = "…") is placed at its own key;
		// a plain id = "…" is its own other form, and KeyPos stops there.
		line, col := mf.keyPos(append(keys, f.name)...)
		fm, d := parseForm(mf, m, f.text, line, col, im.LeftDelim, im.RightDelim)
		if d == nil {
			d = fm.trial(m)
		}
		if d != nil {
			diags.Add(*d)
			continue
		}
		if f.name == "other" {
			m.other = fm
		}
	}
	return m, diags
}

// splitID splits a message id into the TOML keys that (most often) wrote
// it: legalBasis.gdpr-6-1-f is gdpr-6-1-f in [legalBasis].
func splitID(id string) []string { return strings.Split(id, ".") }

// parseForm parses the text of one form, written at line:col of mf.
func parseForm(mf *messageFile, m *message, text string, line, col int, left, right string) (*form, *diag.Diagnostic) {
	if left == "" {
		left = "{{"
	}
	if right == "" {
		right = "}}"
	}
	f := &form{text: text, line: line, col: col, left: left, right: right}
	if !strings.Contains(text, left) {
		return f, nil // most messages: plain text
	}
	// Lines of a multi-line string ("""…""") are lines of the file, the
	// first one after the opening quotes unless the text starts on the
	// next line (TOML drops a newline right after them).
	if raw := mf.line(line); raw != "" {
		if _, v, ok := strings.Cut(raw, "="); ok {
			v = strings.TrimLeft(v, " \t")
			for _, q := range []string{`"""`, `'''`} {
				if rest, ok := strings.CutPrefix(v, q); ok {
					f.multi = true
					if strings.TrimRight(rest, " \t\r") == "" {
						f.line++
					}
				}
			}
		}
	}
	t, err := template.New("message").Delims(left, right).Funcs(budget.ParseFuncs()).Parse(text)
	if err != nil {
		d := f.diagnostic(m, err)
		return nil, &d
	}
	budget.Instrument(t)
	f.t = t
	return f, nil
}

// execute runs the form of message m with a layout's data.
func (f *form) execute(m *message, data map[string]any) (string, error) {
	s, err := f.run(data)
	if err != nil {
		return "", &MessageError{f.diagnostic(m, err)}
	}
	return s, nil
}

// trial runs the form once without data, when it is loaded, and reports
// it when it breaks its budget, which no data can then keep it within.
// Every form is tried, not only the one pages show: a plural form that no
// layout asks for today is one a layout may ask for tomorrow, and the
// message is wrong in its file either way. Its other errors wait for the
// data a layout passes ({{ .Date }} is no error then).
func (f *form) trial(m *message) *diag.Diagnostic {
	if _, err := f.run(nil); errors.Is(err, budget.ErrExceeded) {
		d := f.diagnostic(m, err)
		return &d
	}
	return nil
}

// run executes the form within its budget.
func (f *form) run(data map[string]any) (string, error) {
	if f.t == nil {
		return f.text, nil
	}
	run, _ := f.runs.Get().(*messageRun)
	if run == nil {
		t, err := f.t.Clone() // the parsed tree is shared, not copied
		if err != nil {
			return "", err
		}
		run = &messageRun{t: t, budget: budget.Budget{Loops: expectLoops, Size: expectSize}}
		t.Funcs(run.budget.Funcs())
	}
	defer f.runs.Put(run)
	run.budget.Reset()
	var b bytes.Buffer
	w := &budget.Writer{W: &b, N: budget.MaxOutput, Full: errMessageOutput}
	if err := run.t.Execute(w, data); err != nil {
		return "", err
	}
	return b.String(), nil
}

var (
	messageErrPos  = regexp.MustCompile(`^template: message:(\d+)(?::\d+)?: (?:executing "[^"]*" at <([^>]*)>: )?`)
	messageUnclose = regexp.MustCompile(`^(unclosed action) started at [^:]*:(\d+)$`)
)

// diagnostic places a text/template error of the form at the line of the
// file it comes from and says what was expected.
func (f *form) diagnostic(m *message, err error) diag.Diagnostic {
	d := diag.Diagnostic{File: m.file, Line: f.line, Col: f.col, Severity: diag.Error}
	msg, tline, expr := err.Error(), 1, ""
	if p := messageErrPos.FindStringSubmatch(msg); p != nil {
		tline, _ = strconv.Atoi(p[1])
		msg, expr = msg[len(p[0]):], p[2]
	}
	msg = strings.TrimPrefix(msg, "error calling "+budget.StepFunc+": ")
	if expr == budget.StepFunc {
		expr = ""
	}
	if p := messageUnclose.FindStringSubmatch(msg); p != nil {
		// Point at the {{ that was not closed rather than the end.
		tline, _ = strconv.Atoi(p[2])
		msg = p[1]
	}
	if f.multi {
		d.Line, d.Col = f.line+max(tline, 1)-1, 0
	}
	switch {
	case msg == "unclosed action", strings.HasPrefix(msg, `unexpected "}" in`):
		msg += "; expected " + f.right + " to close the action"
	case msg == "unexpected EOF":
		msg += fmt.Sprintf("; expected %[1]s end %[2]s to close every %[1]s if %[2]s, %[1]s range %[2]s and %[1]s with %[2]s", f.left, f.right)
	case strings.HasPrefix(msg, "function ") && strings.HasSuffix(msg, "not defined"):
		msg += "; a message can use only text/template's built-in functions"
	}
	if expr != "" {
		msg = expr + ": " + msg
	}
	d.Message = fmt.Sprintf("message %q: template: %s", m.id, msg)
	return d
}

// maxUnusedReported bounds the unused-message warnings of one file; the
// rest are counted in one more warning. A file of a hundred thousand
// stray ids is one mistake, not a hundred thousand.
const maxUnusedReported = 20

// Warnings reports, once per language, the UI messages it lacks and shows
// in the default language instead; and each message of the site's own
// i18n files that no page can show: no built-in message has its id, no
// layout names it (used holds the ids the layouts pass to T), and it is not
// a label the code reads by prefix (legalBasis.…, safeguard.…). Such a
// message is most often a typo in its id ("glanse" for "glance"), which
// leaves pages showing the built-in text; the warning names the nearest
// known id, and the message is not also missing in other languages.
// used == nil means that the layouts name ids that cannot be known before
// they run: then every message counts as shown.
func (c *Catalog) Warnings(used map[string]bool) diag.List {
	var diags diag.List
	shown := func(id string) bool {
		return used == nil || c.builtinIDs[id] || used[id] || id == ListAndID || id == QuoteID || strings.HasPrefix(id, LegalBasisPrefix) || strings.HasPrefix(id, SafeguardPrefix)
	}
	for _, m := range c.missing {
		ids := slices.DeleteFunc(slices.Clone(m.ids), func(id string) bool { return !shown(id) })
		if len(ids) > 0 {
			diags.Add(diag.Diagnostic{File: m.file, Line: 1, Severity: diag.Warning, Rule: vocab.RuleTranslationMissing, Lang: m.lang,
				Message:       fmt.Sprintf("%d UI messages have no %s translation and are shown in %s: %s", len(ids), m.lang, m.reference, abbreviate(ids, 5)),
				StrictMessage: fmt.Sprintf("%d UI messages have no %s translation: %s; expected them in i18n/%s.toml, since under --strict a missing translation is an error", len(ids), m.lang, abbreviate(ids, 5), m.lang)})
		}
	}
	if used == nil {
		return diags
	}
	var known []string
	for id := range c.builtinIDs {
		known = append(known, id)
	}
	for id := range used {
		if !c.builtinIDs[id] {
			known = append(known, id)
		}
	}
	slices.Sort(known)
	perFile := map[string]int{}
	for _, m := range c.own {
		if shown(m.id) {
			continue
		}
		if perFile[m.file]++; perFile[m.file] > maxUnusedReported {
			continue
		}
		msg := fmt.Sprintf("message %q is used by no layout and overrides no built-in message", m.id)
		switch near := nearestID(m.id, known); {
		case strings.EqualFold(near, m.id):
			msg += fmt.Sprintf("; expected %q: ids are case-sensitive", near)
		case near != "":
			msg += fmt.Sprintf("; expected a known id such as %q (the nearest), or remove it", near)
		default:
			msg += "; expected an id that a layout passes to .T, or remove it"
		}
		diags.Add(diag.Diagnostic{File: m.file, Line: m.line, Col: m.col, Severity: diag.Warning, Rule: vocab.RuleUnusedMessage, Message: msg})
	}
	for _, file := range slices.Sorted(maps.Keys(perFile)) {
		if n := perFile[file] - maxUnusedReported; n > 0 {
			diags.Add(diag.Diagnostic{File: file, Line: 1, Severity: diag.Warning, Rule: vocab.RuleUnusedMessage,
				Message: fmt.Sprintf("%d more messages are used by no layout and override no built-in message; expected only ids that a layout passes to .T", n)})
		}
	}
	return diags
}

// maxIDLen bounds the ids nearest compares; a longer one is no typo of a
// known id, and comparing it would cost its length squared.
const maxIDLen = 100

// nearestID returns the id of known that is fewest edits away from id, the
// first in order among equals; "" when none is near enough to be what a
// typo meant (more edits than half the id, and more than two).
func nearestID(id string, known []string) string {
	if len(id) > maxIDLen {
		return ""
	}
	best, bestD := "", max(2, len(id)/2)+1
	for _, k := range known {
		if len(k) > maxIDLen {
			continue
		}
		if d := nearest.Distance(strings.ToLower(id), strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}
