package site

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// checkValues reports, at their keys, the values TOML can hold but a page
// cannot show: a control character in any string other than tab and
// newline (HTML forbids them, a terminal acts on them, and TOML lets an
// escape such as \u001b write one), and a time of day where a date is
// expected (TOML's 10:00:00 would be the year 0). v is what src was
// decoded into; every string and date reachable from it is looked at, so
// each kind of file, and every field added to the model later, is covered.
// Values of type any (free values such as params) may be times of day.
// md tells a date the file writes from one it leaves out (Go's zero
// time); the zero value of md is for a v with no date fields.
// It returns false when it reported anything.
func (l *loader) checkValues(src Source, v any, md toml.MetaData) bool {
	w := valueWalker{l: l, src: src, md: md, ok: true}
	w.walk(reflect.ValueOf(v), nil, 0, false)
	return w.ok
}

type valueWalker struct {
	l   *loader
	src Source
	md  toml.MetaData
	ok  bool
}

// minYear is the first year a date may have.
const minYear = 1000

var (
	timeType = reflect.TypeFor[time.Time]()
	sitePkg  = reflect.TypeFor[Site]().PkgPath()
)

// walk looks at v, the value of key; item counts from 1 the element of an
// array key holds (0 for none), and free says that v came through an any.
func (w *valueWalker) walk(v reflect.Value, key []string, item int, free bool) {
	switch v.Kind() {
	case reflect.Interface:
		if !v.IsNil() {
			w.walk(v.Elem(), key, item, true)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			w.walk(v.Elem(), key, item, free)
		}
	case reflect.String:
		if r, what, ok := refusedIn(v.String()); ok {
			w.report(key, item, "holds %s %s; expected text without %ss%s", what, fmt.Sprintf("U+%04X", r), what, refusedHint[what])
		}
	case reflect.Struct:
		t := v.Type()
		if t == timeType {
			// Decoded into a time.Time, TOML's 10:00:00 is that time on
			// January 1 of the year 0, which no real date is near. A year
			// before 1000 is written with leading zeros, a slip, and
			// 0001-01-01 is Go's zero time, which pages read as no date.
			tm := v.Interface().(time.Time)
			if !free && tm.Year() < minYear && (!tm.IsZero() || w.md.IsDefined(key...)) {
				if tm.Year() == 0 && w.timeOfDay(key, item) {
					w.report(key, item, "has a time of day (%s); expected a date such as 2025-03-01", tm.Format("15:04:05"))
				} else {
					w.report(key, item, "has the date %s, before the year %d; expected a date such as 2025-03-01", tm.Format("2006-01-02"), minYear)
				}
			}
			return
		}
		if t.PkgPath() != sitePkg {
			return // no strings in there that TOML wrote
		}
		for i := range t.NumField() {
			f := t.Field(i)
			name := f.Tag.Get("toml")
			if name == "-" {
				continue
			}
			sub := key
			if f.IsExported() {
				sub = append(slices.Clip(key), cmp.Or(name, f.Name))
			} // else: a value's own storage, under the same key
			w.walk(v.Field(i), sub, item, free)
		}
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.String(), b.String()) })
		for _, k := range keys {
			sub := key
			if k.String() != "" { // a Localized plain string is stored under ""
				sub = append(slices.Clip(key), k.String())
			}
			w.walk(v.MapIndex(k), sub, item, free) // a table in a list is still its item
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return // bytes, not text
		}
		for i := range v.Len() {
			w.walk(v.Index(i), key, i+1, free)
		}
	}
}

func (w *valueWalker) report(key []string, item int, format string, args ...any) {
	w.ok = false
	line, col := w.src.KeyPos(key...)
	what := "key " + keyName(key)
	if item > 0 {
		what += fmt.Sprintf(", item %d,", item)
	}
	w.l.diags.Errorf(w.src.Path, line, col, "%s "+format, append([]any{what}, args...)...)
}

// bodyControl returns the line and column (from 1), the value and the
// kind (refusedIn's what) of the first character in a section body that
// refusedIn would refuse, or line 0. NUL is not one: Markdown replaces it
// by U+FFFD, as CommonMark says, so it never reaches the page.
func bodyControl(body string) (line, col int, r rune, what string) {
	line, col = 1, 1
	for i, c := range body {
		if c == '\n' {
			line, col = line+1, 1
			continue
		}
		if what, bad := refusedChar(body, i, c); c != 0 && bad {
			return line, col, c, what
		}
		col++
	}
	return 0, 0, 0, ""
}

// refusedIn returns the first character in s that a value may not hold,
// what kind of character it is ("control character" or "noncharacter"),
// and whether there is one.
func refusedIn(s string) (r rune, what string, ok bool) {
	// Printable ASCII, most of any text, is passed over byte by byte: a
	// released site's versions hold every section's text, and decoding
	// each rune of it had 7% of such a build's samples.
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x20 && c < 0x7f {
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if what, bad := refusedChar(s, i, r); bad {
			return r, what, true
		}
		i += size - 1
	}
	return 0, "", false
}

// refusedHint completes the message about a refused character of a kind.
var refusedHint = map[string]string{
	"control character": " other than tab and newline",
	"noncharacter":      " (U+FDD0–U+FDEF and U+FFFE, U+FFFF in every plane), which HTML forbids",
}

// refusedChar reports whether r, at byte i of s, is a character that text
// may not hold, and what kind it is. Control characters are C0 codes, DEL
// and the C1 codes U+0080–U+009F, other than tab, line feed, and a
// carriage return before a line feed (a Windows line end, also inside a
// multi-line string). Noncharacters (U+FFFE, U+FDD0 …) are a parse error in
// HTML and not allowed in XML; TOML's \uFFFE writes one as easily as
// \u0007.
func refusedChar(s string, i int, r rune) (what string, bad bool) {
	switch {
	case unicode.IsControl(r) && r != '\t' && r != '\n' && (r != '\r' || i+1 == len(s) || s[i+1] != '\n'):
		return "control character", true
	case isNoncharacter(r):
		return "noncharacter", true
	}
	return "", false
}

// isNoncharacter reports whether r is one of Unicode's 66 noncharacters.
func isNoncharacter(r rune) bool { return r >= 0xFDD0 && r <= 0xFDEF || r&0xFFFE == 0xFFFE }

// timeOfDay reports whether the value of key (its item-th element, from 1,
// when item > 0) is written as a time of day, such as 10:00:00, rather than
// a date: the TOML library tells them apart only in the zone of a value
// decoded into an any. It is called for errors only, so parsing the text
// again costs nothing in the common case.
func (w *valueWalker) timeOfDay(key []string, item int) bool {
	var v any
	if _, err := toml.Decode(string(w.src.Text), &v); err != nil {
		return false
	}
	for _, k := range key {
		m, ok := v.(map[string]any)
		if !ok {
			return false
		}
		v = m[k]
	}
	if a, ok := v.([]any); ok && item > 0 && item <= len(a) {
		v = a[item-1]
	}
	t, ok := v.(time.Time)
	return ok && t.Location().String() == "time-local"
}
