package site

import (
	"bytes"
	"strings"
	"unicode/utf8"
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
	var table []string
	bestLine, bestCol, bestDepth := 1, 0, 0
	inMulti := ""
	for i, raw := range bytes.Split(s.Text, []byte("\n")) {
		text := string(raw)
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
		n := commonPrefix(path, key)
		if n == len(key) && n > bestDepth && len(path) > n {
			// a dotted key below the one asked for: dpo.name = … for dpo
			bestLine, bestCol, bestDepth = i+1, indent+1, n
			break
		}
		if n == len(path) && n > bestDepth {
			bestLine, bestCol, bestDepth = i+1, indent+1, n
			if n == len(key) {
				break
			}
		}
	}
	return bestLine + s.LineOffset, bestCol
}

// ValuePos returns the position of the quoted string value within the value
// of key, for errors about one element of a list such as uses = ["a", "b"].
func (s Source) ValuePos(value string, key ...string) (line, col int) {
	line, col = s.KeyPos(key...)
	lines := bytes.Split(s.Text, []byte("\n"))
	quoted := []string{`"` + value + `"`, `'` + value + `'`}
	for i := line - s.LineOffset - 1; i >= 0 && i < len(lines) && i < line-s.LineOffset+200; i++ {
		for _, q := range quoted {
			if j := bytes.Index(lines[i], []byte(q)); j >= 0 {
				return i + 1 + s.LineOffset, utf8.RuneCount(lines[i][:j]) + 1
			}
		}
	}
	return line, col
}

// splitKey splits a TOML key at its dots, keeping quoted parts whole:
// params."news.tool" is two keys, params and news.tool.
func splitKey(k string) []string {
	var parts []string
	var cur strings.Builder
	quote := rune(0)
	for _, r := range strings.TrimSpace(k) {
		switch {
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
