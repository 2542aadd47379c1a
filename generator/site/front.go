package site

import "bytes"

// fence opens and closes the TOML front matter of a section or version file.
var fence = []byte("+++")

// splitFront splits the +++ front matter from the body of file p, keeping
// line numbers so that errors in either point at the right line. example
// says what the front matter holds.
func (l *loader) splitFront(p string, b []byte, example string) (front Source, body []byte, bodyLine int, ok bool) {
	lines := bytes.SplitAfter(b, []byte("\n"))
	if len(lines) == 0 || !bytes.Equal(bytes.TrimRight(lines[0], " \t\r\n"), fence) {
		l.diags.Errorf(p, 1, 1, "missing front matter; expected the file to start with a line +++, then TOML such as %s, then +++", example)
		return Source{}, nil, 0, false
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if bytes.Equal(bytes.TrimRight(lines[i], " \t\r\n"), fence) {
			end = i
			break
		}
	}
	if end < 0 {
		l.diags.Errorf(p, 1, 1, "front matter is not closed; expected a line +++ after the TOML")
		return Source{}, nil, 0, false
	}
	return Source{Path: p, Text: bytes.Join(lines[1:end], nil), LineOffset: 1}, bytes.Join(lines[end+1:], nil), end + 2, true
}
