package site

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Source is the text of one TOML document together with where it sits in its
// file, so later stages can point at the line of a key long after parsing.
type Source struct {
	Path       string // slash path relative to the site root
	Text       []byte // the TOML text (for a section: its front matter only)
	LineOffset int    // lines of the file before Text starts
}

// KeyPos returns the file line and column of the key path (e.g. "dpo",
// "email"). BurntSushi/toml keeps key positions private, so this scans the
// text: it tracks [table] headers and dotted keys, skips multi-line strings,
// and falls back to the deepest enclosing key that it finds (an inline table's
// parent), or to the first line when none matches.
func (s Source) KeyPos(key ...string) (line, col int) {
	bestLine, bestCol, bestDepth := 1, 0, 0
	for k := range s.keyLines {
		n := commonPrefix(k.path, key)
		if n == len(key) && n > bestDepth && len(k.path) > n {
			// a dotted key below the one asked for: dpo.name = … for dpo
			bestLine, bestCol, bestDepth = k.line+1, k.indent+1, n
			break
		}
		if n == len(k.path) && n > bestDepth {
			bestLine, bestCol, bestDepth = k.line+1, k.indent+1, n
			if n == len(key) {
				break
			}
		}
	}
	return bestLine + s.LineOffset, bestCol
}

// KeyIndex returns a function that answers KeyPos for many keys of a long
// text, such as every message of an i18n file, after one scan of it, where
// KeyPos scans the text for each key. It finds the first line of a key,
// else of its deepest enclosing key, else the first line.
func (s Source) KeyIndex() func(key ...string) (line, col int) {
	type pos struct{ line, col int }
	first := map[string]pos{}
	for k := range s.keyLines {
		// A key line also stands for the keys above it: dpo.name = … for
		// dpo, when dpo has no line of its own.
		for n := len(k.path); n > 0; n-- {
			joined := strings.Join(k.path[:n], "\x00")
			if _, ok := first[joined]; ok {
				break
			}
			first[joined] = pos{k.line + 1, k.indent + 1}
		}
	}
	return func(key ...string) (line, col int) {
		for n := len(key); n > 0; n-- {
			if p, ok := first[strings.Join(key[:n], "\x00")]; ok {
				return p.line + s.LineOffset, p.col
			}
		}
		return 1 + s.LineOffset, 0
	}
}

// keyLine is a line of a TOML text that starts a key or a [table].
type keyLine struct {
	path         []string
	line, indent int // 0-based line number; indentation in bytes
}

// keyLines yields the key lines of the text, in order.
func (s Source) keyLines(yield func(keyLine) bool) {
	var table []string
	inMulti := ""
	i := -1
	for raw := range bytes.Lines(s.Text) {
		i++
		text := strings.TrimSuffix(string(raw), "\n")
		if inMulti != "" {
			if strings.Count(text, inMulti)%2 == 1 {
				inMulti = ""
			}
			continue
		}
		trimmed := strings.TrimSpace(text)
		indent := len(text) - len(strings.TrimLeft(text, " \t"))
		var path []string
		switch {
		case trimmed == "" || trimmed[0] == '#':
			continue
		case strings.HasPrefix(trimmed, "["):
			name := strings.Trim(trimmed, "[] \t")
			if j := strings.IndexByte(name, ']'); j >= 0 {
				name = name[:j]
			}
			table = splitKey(name)
			path = table
		default:
			eq := strings.IndexByte(trimmed, '=')
			if eq < 0 {
				continue
			}
			path = append(append([]string{}, table...), splitKey(trimmed[:eq])...)
			rest := trimmed[eq+1:]
			for _, q := range []string{`"""`, `'''`} {
				if strings.Count(rest, q)%2 == 1 {
					inMulti = q
				}
			}
		}
		if !yield(keyLine{path, i, indent}) {
			return
		}
	}
}

// ValuePos returns the position of the quoted string value within the value
// of key, for errors about one element of a list such as uses = ["a", "b"].
func (s Source) ValuePos(value string, key ...string) (line, col int) {
	return s.ValuePosN(1, value, key...)
}

// ValuePosN is ValuePos for the n-th occurrence (from 1) of value, for an
// error about a value listed twice, which belongs at the second one. The
// search runs from the key's line to the end of its value, however many
// lines a long list takes, and stops at the next key or [table], so that it
// never lands on the same text in another key.
func (s Source) ValuePosN(n int, value string, key ...string) (line, col int) {
	line, col = s.KeyPos(key...)
	start := line - s.LineOffset - 1
	quoted := [][]byte{[]byte(`"` + value + `"`), []byte(`'` + value + `'`)}
	i := -1
	for raw := range bytes.Lines(s.Text) {
		if i++; i < start {
			continue
		}
		if i > start && startsKey(raw) {
			break
		}
		if !bytes.Contains(raw, quoted[0][1:len(quoted[0])-1]) {
			continue
		}
		var at []int
		for _, q := range quoted {
			for off := 0; ; {
				j := bytes.Index(raw[off:], q)
				if j < 0 {
					break
				}
				at = append(at, off+j)
				off += j + len(q)
			}
		}
		slices.Sort(at)
		if n <= len(at) {
			return i + 1 + s.LineOffset, utf8.RuneCount(raw[:at[n-1]]) + 1
		}
		n -= len(at)
	}
	return line, col
}

// startsKey reports whether a line starts another key or a [table]: the
// end of a multi-line value, whose elements are quoted.
func startsKey(line []byte) bool {
	t := line
	for len(t) > 0 && (t[0] == ' ' || t[0] == '\t') {
		t = t[1:]
	}
	if len(t) == 0 || t[0] == '"' || t[0] == '\'' || t[0] == ']' || t[0] == '#' {
		return false // the common case: an element of the list
	}
	header := t[0] == '['
	if header {
		t = bytes.TrimLeft(bytes.TrimPrefix(t[1:], []byte("[")), " \t")
	}
	n := 0
	for n < len(t) && (t[n] >= 'a' && t[n] <= 'z' || t[n] >= 'A' && t[n] <= 'Z' || t[n] >= '0' && t[n] <= '9' || t[n] == '_' || t[n] == '-') {
		n++
	}
	t = bytes.TrimLeft(t[n:], " \t")
	return n > 0 && len(t) > 0 && (t[0] == '.' || !header && t[0] == '=' || header && t[0] == ']')
}

// splitKey splits a TOML key at its dots, keeping quoted parts whole:
// params."news.tool" is two keys, params and news.tool.
func splitKey(k string) []string {
	var parts []string
	var cur, basic strings.Builder // basic: a "…" part as written, escapes and all
	quote, escaped := rune(0), false
	for _, r := range strings.TrimSpace(k) {
		switch {
		case quote == '"' && (escaped || r == '\\'):
			// A basic string's escapes (\u001b, \") are what the
			// decoded key holds; Go's are a superset of TOML's.
			escaped = !escaped && r == '\\'
			basic.WriteRune(r)
		case quote == '"' && r == '"':
			quote = 0
			if s, err := strconv.Unquote(`"` + basic.String() + `"`); err == nil {
				cur.WriteString(s)
			} else {
				cur.WriteString(basic.String())
			}
			basic.Reset()
		case quote == '"':
			basic.WriteRune(r)
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote = r
		case r == '.':
			parts = append(parts, strings.TrimSpace(cur.String()))
			cur.Reset()
		case r == ' ' || r == '\t':
		default:
			cur.WriteRune(r)
		}
	}
	return append(parts, strings.TrimSpace(cur.String()))
}

// keyName writes a key path for a message as TOML writes it, in quotes:
// "dpo.name", or "a\u001bb" for a part that TOML itself has to quote
// (whose quotes, and TOML's escapes, are then the ones shown, rather than
// %q's quoting of the quotes).
func keyName(k toml.Key) string {
	if s := k.String(); strings.Contains(s, `"`) {
		return s
	}
	return strconv.Quote(k.String())
}

func commonPrefix(a, b []string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// invalidUTF8 returns the line and column of the first byte that is not
// valid UTF-8, or 0, 0 when the text is valid.
func invalidUTF8(b []byte) (line, col int) {
	if utf8.Valid(b) {
		return 0, 0
	}
	line, col = 1, 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		b = b[size:]
	}
	return 0, 0
}
