package site

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/noticegen/noticegen/generator/diag"
)

var (
	tomlTypeError  = regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key "([^"]*)"\): (?:incompatible types: TOML value has type (.+); destination has type (.+)|type mismatch for .+: expected (table) but found (.+))$`)
	tomlLinePrefix = regexp.MustCompile(`^toml: (?:line (\d+) )?(?:\(last key "[^"]*"\): )?`)
	tomlDuplicate  = regexp.MustCompile(`^Key '([^']*)' has already been defined\.$`)
	tomlBadDate    = regexp.MustCompile(`^parsing time ("(?:[^"\\]|\\.)*")`)
)

// TOMLError turns a BurntSushi error into a diagnostic at the right line of
// the file, which for front matter is offset by the opening +++ line.
func TOMLError(src Source, err error) diag.Diagnostic { return tomlError(src, err, nil) }

// tomlError is TOMLError for a document decoded into a value of type t (nil
// when unknown), so that a value of the wrong type can be told what its key
// expects.
func tomlError(src Source, err error, t reflect.Type) diag.Diagnostic {
	d := diag.Diagnostic{File: src.Path, Line: 1 + src.LineOffset, Severity: diag.Error}
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return parseError(d, src, pe)
	}
	if m := tomlTypeError.FindStringSubmatch(err.Error()); m != nil {
		return typeError(d, src, m, t)
	}
	if m := tomlLinePrefix.FindStringSubmatch(err.Error()); m != nil && m[1] != "" {
		d.Line, _ = strconv.Atoi(m[1])
		d.Line += src.LineOffset
	}
	d.Message = "invalid TOML: " + tomlLinePrefix.ReplaceAllString(err.Error(), "")
	return d
}

// parseError fills d, at the start of src, from a syntax error.
func parseError(d diag.Diagnostic, src Source, pe toml.ParseError) diag.Diagnostic {
	// The parser's position is where it stopped, which is where the
	// user has to look: for `x = ["a"` the next line, not the key.
	if pe.Position.Line > 0 {
		d.Line, d.Col = pe.Position.Line+src.LineOffset, charCol(src.Text, pe.Position)
	} else if pe.LastKey != "" {
		d.Line, d.Col = src.KeyPos(strings.Split(pe.LastKey, ".")...)
	}
	msg, prefix := pe.Message, "invalid TOML: "
	// The parser stops one character before a control character; the
	// file is scanned for the character itself.
	if strings.HasPrefix(msg, "TOML files cannot contain control characters") {
		if line, col, r := controlChar(src.Text); line > 0 {
			d.Line, d.Col = line+src.LineOffset, col
			d.Message = fmt.Sprintf("invalid TOML: control character U+%04X; expected text without control characters (in a string, an escape such as \\u%04X)", r, r)
			return d
		}
	}
	if m := tomlDuplicate.FindStringSubmatch(msg); m != nil {
		d.Message = fmt.Sprintf("invalid TOML: key %q is defined twice; expected each key once", m[1])
		return d
	}
	hint := ""
	if m := tomlBadDate.FindStringSubmatch(msg); m != nil {
		msg, prefix = notADate(src.Text, pe.Position, m[1]), ""
	} else if strings.HasPrefix(msg, "expected value but found") && pe.LastKey != "" {
		hint = fmt.Sprintf("; text is written in quotes, e.g. %s = \"…\"", pe.LastKey[strings.LastIndexByte(pe.LastKey, '.')+1:])
	} else if strings.HasPrefix(msg, "invalid datetime") {
		hint = "; expected a date such as 2025-03-01"
	} else if strings.HasPrefix(msg, "value ") || strings.HasPrefix(msg, "empty language code") {
		prefix = "" // from Localized.UnmarshalTOML: valid TOML, wrong shape
	}
	if pe.LastKey != "" && !strings.Contains(msg, pe.LastKey) {
		msg = fmt.Sprintf("key %q: %s", pe.LastKey, msg)
	}
	d.Message = prefix + msg + hint
	return d
}

// charCol turns the parser's column, which counts bytes, into the column
// diagnostics count, in characters; 0 when the parser's column belongs to
// the line before, as it sometimes does.
func charCol(text []byte, pos toml.Position) int {
	lines := bytes.Split(text, []byte("\n"))
	if pos.Line > len(lines) || pos.Col > len(lines[pos.Line-1])+1 {
		return 0
	}
	if pos.Col <= 0 {
		return pos.Col
	}
	// Count the characters that start before the byte column: the parser
	// may stop inside a multi-byte character.
	col := 1
	for i := range string(lines[pos.Line-1]) {
		if i >= pos.Col-1 {
			break
		}
		col++
	}
	return col
}

// typeError fills d from a type mismatch, m being tomlTypeError's match:
// at the key, saying what was written and what the key expects.
func typeError(d diag.Diagnostic, src Source, m []string, t reflect.Type) diag.Diagnostic {
	key := strings.Split(m[2], ".")
	found, dst := m[3], m[4]
	if m[5] != "" {
		found, dst = m[6], "table"
	}
	d.Line, d.Col = src.KeyPos(key...)
	if n, _ := strconv.Atoi(m[1]); n > 0 && n+src.LineOffset != d.Line {
		d.Line, d.Col = n+src.LineOffset, 0
	}
	want := tomlWant[dst]
	ft := fieldType(t, key)
	if ft != nil {
		want = describeType(ft)
	}
	if want == "" {
		want = dst
	}
	what := tomlFound[found]
	if what == "" {
		what = found
	}
	if ft != nil && ft.Kind() == reflect.Slice && dst != "slice" {
		d.Message = fmt.Sprintf("key %q: the array holds %s; expected %s", m[2], what, want)
	} else {
		d.Message = fmt.Sprintf("key %q has %s; expected %s", m[2], what, want)
	}
	return d
}

// notADate says what was written where a date is expected, from the
// value's place in text: the TOML library reports every such value as a
// text that does not parse as a time, quoted, whether it was a string, a
// number or a boolean.
func notADate(text []byte, pos toml.Position, quoted string) string {
	if pos.Start > 0 && pos.Start <= len(text) && (text[pos.Start-1] == '"' || text[pos.Start-1] == '\'') {
		if s, err := strconv.Unquote(quoted); err == nil {
			if _, err := time.Parse(time.DateOnly, s); err == nil {
				return fmt.Sprintf("%s is text in quotes, not a date; expected the date without quotes: %s", quoted, s)
			}
		}
		return quoted + " is text, not a date; expected a date such as 2025-03-01, without quotes"
	}
	raw := ""
	if pos.Start >= 0 && pos.Len > 0 && pos.Start+pos.Len <= len(text) {
		raw = string(text[pos.Start : pos.Start+pos.Len])
	}
	what := "an integer"
	switch {
	case raw == "":
		return quoted + " is not a date; expected a date such as 2025-03-01"
	case raw == "true" || raw == "false":
		what = "a boolean"
	case strings.ContainsAny(raw, ".eEin"): // 1.5, 1e3, inf, nan
		what = "a number"
	}
	return fmt.Sprintf("%s is %s, not a date; expected a date such as 2025-03-01", raw, what)
}

// controlChar returns the line, column and value of the first character
// that TOML does not allow anywhere in a file: a control character other
// than tab and the line end (LF or CRLF), or DEL.
func controlChar(text []byte) (line, col int, r rune) {
	line, col = 1, 1
	for i, c := range string(text) {
		switch {
		case c == '\n':
			line, col = line+1, 1
			continue
		case c == '\r' && i+1 < len(text) && text[i+1] == '\n', c == '\t':
		case c < 0x20 || c == 0x7f:
			return line, col, c
		}
		col++
	}
	return 0, 0, 0
}

// tomlFound and tomlWant name the types in BurntSushi's messages the way a
// TOML author knows them: what was written, and what the key expects.
var (
	tomlFound = map[string]string{
		"string": "a string", "int64": "an integer", "float64": "a number", "bool": "a boolean",
		"[]any": "an array", "[]interface {}": "an array", "[]map[string]any": "an array of tables",
		"map[string]any": "a table", "map[string]interface {}": "a table",
		"time.Time": "a date", "toml.LocalDate": "a date", "toml.LocalDatetime": "a date and time", "toml.LocalTime": "a time of day",
	}
	tomlWant = map[string]string{
		"string": "a string", "integer": "an integer", "float": "a number", "boolean": "true or false",
		"slice": "an array", "map": "a table", "table": "a table", "primitive (string-like)": "a string",
	}
)
