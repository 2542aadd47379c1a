package sandbox

import (
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/render/view"
	"github.com/noticegen/noticegen/generator/site"
)

var (
	templateLine   = regexp.MustCompile(`^template: [^:]*:(\d+)(?::(\d+))?: (?:executing "[^"]*" at <([^>]*)>: )?`)
	templateNoFld  = regexp.MustCompile(`^can't evaluate field (\w+) in type \*?(.+)$`)
	templateNoKey  = regexp.MustCompile(`^map has no entry for key "([^"]*)"$`)
	templateCutPos = regexp.MustCompile(`^(unclosed action) started at [^:]*:(\d+)$`)
)

// templateError turns a text/template error into a diagnostic at the line of
// the .md file: template lines count from the body, which starts after the
// front matter. data is what the body ran with, nil for a parse error.
func templateError(f *site.SectionFile, err error, data *Data) diag.Diagnostic {
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
func templateHint(msg, expr string, data *Data) string {
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
		return msg + "; expected one of .Entity, .Params, .Site, .Notice, .Lang, .Providers and their fields"
	}
	if strings.HasPrefix(msg, "nil pointer evaluating *sandbox.Provider.") {
		return "no such provider; expected index .Providers \"<id>\" with the id of a file content/providers/<id>.toml"
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
func paramAt(data *Data, parts []string) (any, bool) {
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
func missingKeyHint(key, expr string, data *Data) string {
	path := strings.Split(strings.TrimPrefix(expr, "$"), ".")
	if len(path) > 2 && path[0] == "" && path[1] == "Providers" && path[2] == key {
		return providerHint(key, data)
	}
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
// it) within Data, or nil when Data has no such struct type.
func bodyFields(typ string) []string {
	var find func(t reflect.Type) []string
	find = func(t reflect.Type) []string {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() == reflect.Map {
			t = t.Elem() // .Providers.<id>
			for t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
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
	if names := find(reflect.TypeFor[Data]()); names != nil {
		return names
	}
	return find(reflect.TypeFor[view.Date]()) // a date of [params]
}

// providerHint explains a provider id that a body reads and the site has
// no file for.
func providerHint(id string, data *Data) string {
	if data == nil || len(data.Providers) == 0 {
		return fmt.Sprintf("no provider %q: the site has none; expected a file content/providers/%s.toml", id, id)
	}
	ids := slices.Sorted(maps.Keys(data.Providers))
	return fmt.Sprintf("no provider %q; expected one of: %s (the files of content/providers/)", id, strings.Join(ids, ", "))
}
