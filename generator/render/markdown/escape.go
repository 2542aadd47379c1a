package markdown

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escape escapes the text of a value so that Markdown shows it literally:
// backslashes before punctuation that could start markup, and before
// characters that open a block at the start of a line. Dots, colons, slashes
// and @ stay, so addresses and URLs are still recognised as links.
func Escape(s string) string {
	if plainText(s) {
		return s // most values: names, addresses, e-mail addresses
	}
	var b strings.Builder
	lineStart := true
	trailing := len(strings.TrimRight(s, " \t")) // where the value's trailing white space starts
	for i, r := range s {
		switch {
		case i >= trailing:
			// Two spaces before the body's line end would make a hard
			// line break (<br>); as references they are plain spaces.
			fmt.Fprintf(&b, "&#%d;", r)
			continue
		case r == '`':
			// A backslash does not escape inside a code span, so "\`"
			// would close one the body opened; the character reference
			// reads the same in text and never delimits a code span.
			b.WriteString("&#96;")
			lineStart = false
			continue
		case strings.ContainsRune("\\*_[]()<>&!|~{}#", r):
			b.WriteByte('\\')
		case lineStart && strings.ContainsRune("-+=.:", r):
			// A leading "." or ":" would finish what the body's text
			// before the value started: "0" and "." make a list item,
			// "|" and ":--" a table's delimiter row.
			b.WriteByte('\\')
		case (r == '.' || r == ')') && leadingDigits(s, i):
			b.WriteByte('\\')
		case lineStart && r >= '0' && r <= '9':
			// A digit starting a line opens an ordered list if the body
			// goes on with "." or ")" after the value; as a character
			// reference it reads the same and opens nothing.
			fmt.Fprintf(&b, "&#%d;", r)
			lineStart = false
			continue
		case lineStart && (r == ' ' || r == '\t'):
			// Indentation would turn the value into a code block: write
			// it as a character reference, which Markdown shows as white
			// space but does not count as indentation.
			fmt.Fprintf(&b, "&#%d;", r)
			continue
		case r == '\n' || r == '\r':
			// A line ending in a value would end the heading, table row
			// or link it stands in, a blank line would start a paragraph,
			// two spaces before it would make a <br>, and a lone \r is a
			// line ending to Markdown that the line-start escapes above
			// miss. As a character reference it is the same white space
			// in the HTML, but Markdown never sees a line break.
			fmt.Fprintf(&b, "&#%d;", r)
			continue
		}
		b.WriteRune(r)
		if r != ' ' && r != '\t' {
			lineStart = false
		}
	}
	return b.String()
}

// plainText reports whether Escape leaves s as it is: no character
// it escapes, nothing at the start that could open a block, no white
// space at the end. TestPlainText holds it to the slow path.
func plainText(s string) bool {
	if s == "" {
		return true
	}
	if c := s[0]; strings.IndexByte("-+=.: \t0123456789", c) >= 0 {
		return false
	}
	if c := s[len(s)-1]; c == ' ' || c == '\t' {
		return false
	}
	// The slow path writes invalid UTF-8 as U+FFFD.
	return !strings.ContainsAny(s, "\\*_[]()<>&!|~{}#`\n\r") && utf8.ValidString(s)
}

// leadingDigits reports whether s[:i] is a line start followed by digits
// only: "1." would otherwise open an ordered list.
func leadingDigits(s string, i int) bool {
	j := strings.LastIndexByte(s[:i], '\n') + 1
	digits := strings.TrimLeft(s[j:i], " \t")
	if digits == "" {
		return false
	}
	for _, r := range digits {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
