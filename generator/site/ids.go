package site

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// CheckID reports whether id is a valid content id: lower-case [a-z0-9-]
// segments joined by "/". Ids become URL paths and file names, so anything
// that could climb out of a folder or needs escaping is refused here, once.
func CheckID(id string) error {
	if id == "" {
		return fmt.Errorf("empty id; expected lower-case segments of a-z, 0-9 and -, joined by /")
	}
	for _, seg := range strings.Split(id, "/") {
		if seg == "" {
			return fmt.Errorf("id %q has an empty segment; expected lower-case segments of a-z, 0-9 and -, joined by /", id)
		}
		for _, r := range seg {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				return fmt.Errorf("id %q contains %q%s; expected lower-case segments of a-z, 0-9 and -, joined by /", id, r, codePoint(r))
			}
		}
	}
	return nil
}

// codePoint names a visible non-ASCII character by its code point: a
// Cyrillic а or a fullwidth ａ looks like the Latin letter it is refused in
// place of, so the message must show that it is another character.
func codePoint(r rune) string {
	if r < utf8.RuneSelf || !strconv.IsPrint(r) {
		return "" // %q already shows it plainly, or escaped as \u202e
	}
	return fmt.Sprintf(" (U+%04X)", r)
}

// MaxLangLen bounds a language code. BCP 47 sets no bound (private-use
// subtags may follow each other without end), but the code is a folder
// name in the output and part of file names, which the file system bounds
// (255 bytes); RFC 5646 asks implementations to take at least 35.
const MaxLangLen = 64

// CheckLang reports whether code is a usable language code: a well-formed
// BCP 47 tag (its subtags registered or not) written in lower case ("en", "de", "pt-br"), since it becomes a
// folder name in the output and a file-name part in content/sections.
func CheckLang(code string) error {
	if code == "" {
		return fmt.Errorf("empty language code; expected a BCP 47 code such as \"en\" or \"de\"")
	}
	if len(code) > MaxLangLen {
		return fmt.Errorf("language code %q is %d characters long; expected at most %d, since it names a folder of the output and a part of file names", code, len(code), MaxLangLen)
	}
	if code != strings.ToLower(code) {
		return fmt.Errorf("language code %q must be lower case, since it names folders and files; expected %q", code, strings.ToLower(code))
	}
	// A subtag that is well-formed but not (yet) in the IANA registry
	// (en-abcdefgh, xyz) is a ValueError: BCP 47 allows it, and the code
	// works as any other, named by its known part or by itself.
	if _, err := language.Parse(code); err != nil {
		if _, ok := err.(language.ValueError); !ok {
			return fmt.Errorf("language code %q is not a well-formed BCP 47 tag; expected e.g. \"en\", \"de\" or \"pt-br\"", code)
		}
	}
	for _, r := range code {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return fmt.Errorf("language code %q contains %q; expected letters, digits and -", code, r)
		}
	}
	return nil
}

// splitSectionName splits "conferencing/teams.de.md" into id
// "conferencing/teams" and language "de".
func splitSectionName(rel string) (id, lang string, err error) {
	base, ok := strings.CutSuffix(rel, ".md")
	if !ok {
		return "", "", fmt.Errorf("not a Markdown file; expected <name>.<lang>.md")
	}
	i := strings.LastIndexByte(base, '.')
	if i < 0 || i < strings.LastIndexByte(base, '/') {
		return "", "", fmt.Errorf("file name has no language; expected <name>.<lang>.md, e.g. newsletter.en.md")
	}
	return base[:i], base[i+1:], nil
}
