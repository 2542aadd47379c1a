package site

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// decode parses src into v and reports syntax errors, type errors and keys
// that v has no field for.
func (l *loader) decode(src Source, v any) bool {
	_, ok := l.decodeMeta(src, v)
	return ok
}

// decodeMeta is decode that also returns what the TOML library knows of
// the keys the file wrote, for fields whose meaning depends on whether a
// key was given at all (Facts.Given).
func (l *loader) decodeMeta(src Source, v any) (toml.MetaData, bool) {
	if line, col, msg := tooDeep(src.Text); line > 0 {
		l.diags.Errorf(src.Path, line+src.LineOffset, col, "%s", msg)
		return toml.MetaData{}, false
	}
	md, err := toml.Decode(string(src.Text), v)
	if err != nil {
		l.diags.Add(tomlError(src, err, reflect.TypeOf(v)))
		return md, false
	}
	ok := true
	t := reflect.TypeOf(v)
	tables := tableKeys{t: t, known: map[string][]string{}}
	undecoded := unknownKeys(t, md.Undecoded())
	for i, key := range undecoded {
		if i == maxKeyReports {
			// Finding a key's line scans the file; thousands of them would
			// take minutes, and nobody reads that many messages.
			l.diags.Errorf(src.Path, 0, 0, "%d more unknown keys not listed; expected only the keys documented in docs/site-format.md", len(undecoded)-i)
			break
		}
		line, col := src.KeyPos(key...)
		l.diags.Errorf(src.Path, line, col, "unknown key %s; expected one of: %s", keyName(key), strings.Join(knownKeys(t, key[:len(key)-1]), ", "))
		ok = false
	}
	// BurntSushi/toml matches struct fields ignoring case; keys are case
	// sensitive in TOML and in our docs, so "Name" is a mistake to point out.
	for _, key := range md.Keys() {
		parent, last := key[:len(key)-1], key[len(key)-1]
		known := tables.of(parent)
		if known == nil || slices.Contains(known, last) {
			continue
		}
		for _, k := range known {
			if strings.EqualFold(k, last) {
				line, col := src.KeyPos(key...)
				l.diags.Errorf(src.Path, line, col, "unknown key %s; keys are case-sensitive: expected %q", keyName(key), k)
				ok = false
			}
		}
	}
	return md, l.checkValues(src, v, md) && ok
}

// describeType says what a TOML author has to write for a Go field type.
func describeType(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case reflect.TypeFor[Localized]():
		return `a string or a table of language codes to strings, e.g. { en = "…", de = "…" }`
	case reflect.TypeFor[time.Time]():
		return "a date such as 2025-03-01"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.String {
			return `an array of strings, e.g. ["a", "b"]`
		}
		return "an array"
	case reflect.Struct, reflect.Map:
		return "a table"
	}
	return t.String()
}

// fieldType returns the Go type that the key path decodes into within t, or
// nil when t is nil or has no such key.
func fieldType(t reflect.Type, key []string) reflect.Type {
	for _, k := range key {
		if t == nil {
			return nil
		}
		t = elem(t)
		switch t.Kind() {
		case reflect.Struct:
			var next reflect.Type
			for i := range t.NumField() {
				if t.Field(i).Tag.Get("toml") == k {
					next = t.Field(i).Type
					break
				}
			}
			t = next
		case reflect.Map:
			t = t.Elem()
		default:
			return nil
		}
	}
	return t
}

// elem is the type a key of type t holds tables of: through pointers,
// and through the elements of an array of tables ([[cookies]]), whose keys
// TOML names without the index.
func elem(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.String {
		t = t.Elem()
	}
	return t
}

// knownKeys lists the keys a table accepts, for "unknown key" messages.
func knownKeys(t reflect.Type, parent []string) []string {
	t = fieldType(t, parent)
	if t == nil {
		return nil
	}
	if t = elem(t); t.Kind() != reflect.Struct {
		return nil
	}
	var keys []string
	for i := range t.NumField() {
		if tag := t.Field(i).Tag.Get("toml"); tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return keys
}

// tableKeys is knownKeys for one decode, remembered per table: every key
// of a file is checked against its table's keys, a file names the same
// tables again and again (a released version has a [[sections]] table per
// section), and each lookup walks struct fields by reflection.
type tableKeys struct {
	t     reflect.Type
	known map[string][]string // by the table's key, as toml.Key writes it
}

func (k tableKeys) of(parent []string) []string {
	id := toml.Key(parent).String() // quoted where a part needs it, so no two tables share one
	known, ok := k.known[id]
	if !ok {
		known = knownKeys(k.t, parent)
		k.known[id] = known
	}
	return known
}

// unknownKeys turns the keys the TOML library left undecoded into the
// keys to report: for each, its first part that no field takes (for
// [foo] with bar = 1, foo, not also foo.bar, which would have no keys to
// suggest), each once, and none inside [params], which takes any key.
func unknownKeys(t reflect.Type, undecoded []toml.Key) []toml.Key {
	var out []toml.Key
	seen := map[string]bool{}
	for _, key := range undecoded {
		if inParams(t, key) {
			continue
		}
		i := len(key) - 1
		for i > 0 && knownKeys(t, key[:i]) == nil {
			i--
		}
		if k := key[:i+1]; !seen[k.String()] {
			seen[k.String()] = true
			out = append(out, k)
		}
	}
	return out
}

// maxKeyReports bounds the key errors listed per file, each of which costs a
// scan of the file to place.
const maxKeyReports = 50

// Bounds on the shape of a TOML document. noticegen's files are flat; the
// TOML library keeps every prefix of every dotted key, so a single line
// with a million dots would take all the memory there is.
const (
	maxKeyDepth   = 16
	maxValueDepth = 32
)

// tooDeep reports the first line whose key has more than maxKeyDepth parts
// or whose value nests arrays and inline tables more than maxValueDepth
// deep, outside strings. It returns line 0 when the document is fine. The
// depth is carried from line to line: an array opened on each of a million
// lines nests as deep as one opened a million times on one line, and makes
// the library's recursive parser overflow the stack, which kills the
// process. Keys are counted at the start of a line and after { or , in an
// inline table, where a = { b.c.d = 1 } writes a dotted key too.
func tooDeep(text []byte) (line, col int, msg string) {
	inMulti := ""
	var open []rune // the [ and { of values still open
	inKey, dots := true, 0
	for i, raw := range bytes.Split(text, []byte("\n")) {
		t := string(raw)
		if inMulti != "" {
			if strings.Count(t, inMulti)%2 == 1 {
				inMulti = ""
			}
			continue
		}
		if len(open) == 0 {
			inKey, dots = true, 0
		}
		quote := rune(0)
		for j, r := range t {
			switch {
			case quote != 0:
				if r == quote {
					quote = 0
				}
			case r == '"' || r == '\'':
				if strings.HasPrefix(t[j:], `"""`) || strings.HasPrefix(t[j:], "'''") {
					delim := t[j : j+3]
					if strings.Count(t[j:], delim)%2 == 1 {
						inMulti = delim
					}
					goto next
				}
				quote = r
			case r == '#':
				goto next
			case r == '=' && inKey:
				inKey = false
			case r == '.' && inKey:
				if dots++; dots >= maxKeyDepth {
					return i + 1, utf8.RuneCountInString(t[:j]) + 1, fmt.Sprintf("key nested more than %d levels deep; expected the flat keys of a noticegen file", maxKeyDepth)
				}
			case r == '[' && inKey && len(open) == 0:
				// a [table] header: its dots count as a key's
			case r == ']' && inKey && len(open) == 0:
			case r == '[' || r == '{':
				open = append(open, r)
				if len(open) > maxValueDepth {
					return i + 1, utf8.RuneCountInString(t[:j]) + 1, fmt.Sprintf("value nested more than %d levels deep; expected strings, lists of strings and small tables", maxValueDepth)
				}
				if r == '{' {
					inKey, dots = true, 0
				}
			case r == ']' || r == '}':
				if len(open) > 0 {
					open = open[:len(open)-1]
				}
				inKey = false
			case r == ',' && len(open) > 0 && open[len(open)-1] == '{':
				inKey, dots = true, 0
			}
		}
	next:
	}
	return 0, 0, ""
}

// TOMLString writes s as a TOML basic string on one line, for the files
// noticegen writes (version files, new i18n): quotes, backslashes and
// control characters escaped, everything else as it is.
func TOMLString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
