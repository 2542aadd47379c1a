package site

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ItemPos returns the file line and column of key in the n-th element
// (from 1) of the array of tables at table, such as name in the second
// [[jointControllers]], and of value within that line when value is not
// empty. An array written inline (cookies = [{ … }, { … }]) has no line per
// element: there occ, the occurrence of value within the array counted
// from 1, places it, as ValuePosN does; without a value the position is
// the array's key.
func (s Source) ItemPos(n, occ int, value string, table []string, key ...string) (line, col int) {
	lines := bytes.Split(s.Text, []byte("\n"))
	want := append(slices.Clip(table), key...)
	count, in := 0, false
	for k := range s.keyLines {
		isHeader := bytes.HasPrefix(bytes.TrimLeft(lines[k.line], " \t"), []byte("[["))
		if isHeader && slices.Equal(k.path, table) {
			count++
			if in {
				break // the next element: key is not in the n-th
			}
			if in = count == n; in {
				line, col = k.line+1+s.LineOffset, k.indent+1
			}
			continue
		}
		if in && slices.Equal(k.path, want) {
			line, col = k.line+1+s.LineOffset, k.indent+1
			if value != "" {
				if at := quotedIndex(lines[k.line], value); at >= 0 {
					col = utf8.RuneCount(lines[k.line][:at]) + 1
				}
			}
			return line, col
		}
		if in && len(k.path) < len(table) || in && isHeader {
			break
		}
	}
	if line > 0 {
		return line, col
	}
	if value != "" {
		return s.ValuePosN(max(occ, 1), value, table...)
	}
	return s.KeyPos(table...)
}

// quotedIndex returns the byte index of value written as a TOML string in
// line, or -1.
func quotedIndex(line []byte, value string) int {
	for _, q := range []string{`"`, `'`} {
		if i := bytes.Index(line, []byte(q+value+q)); i >= 0 {
			return i
		}
	}
	return -1
}

// itemName names the n-th element of the array at key in a message:
// "jointControllers item 2".
func itemName(key []string, n int) string {
	return strings.Join(key, ".") + " item " + strconv.Itoa(n)
}
