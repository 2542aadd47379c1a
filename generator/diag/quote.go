package diag

import (
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Quote returns s in double quotes with every character a terminal could act
// on escaped, as %q writes it: control characters (ESC, BEL, CR, C1 codes
// such as U+009B, which some terminals read as CSI), invisible formatting
// such as the bidi override U+202E, which shows the rest of a line reversed,
// and bytes that are not UTF-8. Every value a message quotes goes through
// Quote or %q, which is the same; a value printed without quotes goes
// through Escape.
func Quote(s string) string { return strconv.Quote(s) }

// Escape returns s with the characters Quote escapes written as the same
// escapes (\x1b, \u202e, \xff), and everything else, quotes and backslashes
// included, as it is: for a value printed bare, such as a path, and as the
// last line of defence for a whole message. Text without such characters is
// returned unchanged, so Escape of an escaped text is that text.
func Escape(s string) string { return escape(s, false) }

// escape is Escape, keeping line feeds and tabs as they are when lines is
// set.
func escape(s string, lines bool) string {
	if !needsEscape(s, lines) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteByte("0123456789abcdef"[s[i]>>4])
			b.WriteByte("0123456789abcdef"[s[i]&0xf])
		case strconv.IsPrint(r) || lines && (r == '\n' || r == '\t'):
			b.WriteString(s[i : i+size])
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}

func needsEscape(s string, lines bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c < 0x7f || lines && (c == '\n' || c == '\t') {
			continue
		}
		// Below 0x80 only control bytes and DEL get here; above it, the
		// characters themselves have to be looked at.
		if c < 0x80 || !utf8.ValidString(s[i:]) {
			return true
		}
		return strings.ContainsFunc(s[i:], func(r rune) bool { return !strconv.IsPrint(r) && !(lines && (r == '\n' || r == '\t')) })
	}
	return false
}

// Escaped returns d with every text a user can influence (file, message,
// rule and the names of what it affects) passed through Escape, for output
// that does not go through String, such as JSON.
func (d Diagnostic) Escaped() Diagnostic {
	d.File, d.Message, d.Rule = Escape(d.File), Escape(d.Message), Escape(d.Rule)
	d.Entity, d.Notice, d.Lang = Escape(d.Entity), Escape(d.Notice), Escape(d.Lang)
	d.Reason = Escape(d.Reason)
	return d
}

// TerminalWriter returns a writer that passes every write on to w with the
// characters Escape escapes written as escapes, except line feeds and tabs:
// the command line's stdout and stderr, so that nothing it prints, however
// it was made (a message, a path, a page title in the summary, a file name
// that serve saw change), can send a control sequence to the terminal.
// Each write should be whole lines, as fmt.Fprintf's are: a character split
// between two writes is written as the escapes of its bytes.
func TerminalWriter(w io.Writer) io.Writer { return terminalWriter{w} }

type terminalWriter struct{ w io.Writer }

func (t terminalWriter) Write(p []byte) (int, error) {
	s := string(p)
	if e := escape(s, true); e != s {
		if _, err := io.WriteString(t.w, e); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	return t.w.Write(p)
}
