package site

import "bytes"

// fence opens and closes the TOML front matter of a section or version file.
var fence = []byte("+++")

// splitFront splits the +++ front matter from the body of file p, keeping
// line numbers so that errors in either point at the right line. example
// says what the front matter holds.
func (l *loader) splitFront(p string, b []byte, example string) (front Source, body []byte, bodyLine int, ok bool) {
	// The lines are found in place, not split out: a released version's
	// file is tens of kilobytes, and a build reads thousands of them.
	first := nextLine(b)
	if !isFence(first) {
		l.diags.Errorf(p, 1, 1, "missing front matter; expected the file to start with a line +++, then TOML such as %s, then +++", example)
		return Source{}, nil, 0, false
	}
	for i, off := 1, len(first); off < len(b); i++ {
		line := nextLine(b[off:])
		if isFence(line) {
			return Source{Path: p, Text: bytes.Clone(b[len(first):off]), LineOffset: 1}, bytes.Clone(b[off+len(line):]), i + 2, true
		}
		off += len(line)
	}
	l.diags.Errorf(p, 1, 1, "front matter is not closed; expected a line +++ after the TOML")
	return Source{}, nil, 0, false
}

// nextLine is b's first line, with its \n if it has one.
func nextLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i+1]
	}
	return b
}

// isFence reports whether line is +++ but for trailing white space.
func isFence(line []byte) bool { return bytes.Equal(bytes.TrimRight(line, " \t\r\n"), fence) }
