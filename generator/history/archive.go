package history

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
)

// The tags Archive looks for. The stored page is one the build wrote
// (unminified), so its tags are well formed; names are matched without
// regard to case all the same.
var (
	headOpen  = regexp.MustCompile(`(?i)<head(\s[^>]*)?>`)
	headClose = regexp.MustCompile(`(?i)</head\s*>`)
	mainOpen  = regexp.MustCompile(`(?i)<main(\s[^>]*)?>`)
	bodyOpen  = regexp.MustCompile(`(?i)<body(\s[^>]*)?>`)
	robots    = regexp.MustCompile(`(?i)<meta\s[^>]*name\s*=\s*["']?robots["']?[^>]*>`)
	canonical = regexp.MustCompile(`(?i)<link\s[^>]*rel\s*=\s*["']?canonical["']?[^>]*>`)
	// twinLink is the head link to the notice's JSON-LD twin, which
	// describes the page in force: an archived page must not claim it.
	twinLink = regexp.MustCompile(`(?i)\n?<link\s[^>]*type\s*=\s*["']?application/ld\+json["']?[^>]*>`)
)

// archiveDepth is the prefix that takes a relative URL of the page in
// force to the same target from its archived version, two folders deeper
// (versions/<date>/).
const archiveDepth = "../../"

// rebase rewrites the page's relative URLs (its stylesheet, the language
// switcher, its changes link) for the archived page's folder, so that the
// stored page still finds them there. A URL is the value of an href or
// src attribute quoted as the build quotes them: what the regular
// expression (?i)\s(?:href|src)="([^"]*)" matches. It is found by
// looking for =" and then at the name before it, since a regular
// expression without a literal start runs over every byte of a page, and
// these pages are most of what an archived page costs the build.
func rebase(page []byte) []byte {
	var out []byte
	done := 0 // page[:done] is in out (or needs no change, while out is nil)
	for at := 0; ; {
		eq := bytes.Index(page[at:], []byte(`="`))
		if eq < 0 {
			break
		}
		eq += at
		if !urlAttr(page[at:eq]) {
			at = eq + 1
			continue
		}
		start := eq + len(`="`)
		end := bytes.IndexByte(page[start:], '"')
		if end < 0 {
			break // no closing quote here, and so none for a later =" either
		}
		end += start
		if relative(page[start:end]) {
			if out == nil {
				out = make([]byte, 0, len(page)+16*len(archiveDepth))
			}
			out = append(out, page[done:start]...)
			out = append(out, archiveDepth...)
			done = start
		}
		at = end + 1
	}
	if out == nil {
		return page
	}
	return append(out, page[done:]...)
}

// urlAttr reports whether b, the text before an =" since the last match,
// ends in whitespace and an attribute name href or src, as (?i)\s(?:href|src)
// matches them: ASCII letters in either case, and the long s (ſ) that
// Unicode folds to s.
func urlAttr(b []byte) bool {
	for _, name := range []string{"href", "src", "\u017frc"} {
		n := len(name)
		if len(b) > n && isSpace(b[len(b)-n-1]) && bytes.EqualFold(b[len(b)-n:], []byte(name)) {
			return true
		}
	}
	return false
}

// isSpace is the \s of Go's regular expressions.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// relative reports whether a URL is a path relative to the page's folder:
// not empty, not a fragment, not rooted, and without a scheme (mailto:,
// tel:, https:) before its first slash.
func relative(u []byte) bool {
	if len(u) == 0 || u[0] == '#' || u[0] == '/' {
		return false
	}
	first := u
	if i := bytes.IndexAny(u, "/?#"); i >= 0 {
		first = u[:i]
	}
	return !bytes.ContainsRune(first, ':')
}

// Archive returns the stored page of an archived version as the build
// publishes it: the page as it was, with only a robots noindex (search
// engines should find the page in force, not this one), a canonical link
// to self (the stored one named the page's current address), no link to
// the current notice.jsonld, and banner,
// an HTML fragment, at the start of <main>, or of <body> if there is no
// <main>. page is not changed. It fails when the page has no <head> or no
// <body>, which a page the build wrote always has. Relative URLs are
// rebased to the archived page's folder, two levels below the page's.
// The robots, canonical and twin links are looked for in the <head>,
// where the build writes them: up to its </head>, or in the whole page
// if it has none.
func Archive(page []byte, self string, banner []byte) ([]byte, error) {
	h := headOpen.FindIndex(page)
	if h == nil {
		return nil, fmt.Errorf("the stored page has no <head>; expected the page as the build published it")
	}
	out := rebase(page)
	head, rest := out, []byte(nil)
	if e := headClose.FindIndex(out[h[1]:]); e != nil {
		head, rest = out[:h[1]+e[0]], out[h[1]+e[0]:]
	}
	head = twinLink.ReplaceAll(head, nil)
	meta := []byte(`<meta name="robots" content="noindex">`)
	link := []byte(`<link rel="canonical" href="` + html.EscapeString(self) + `">`)
	head = replaceOrInsert(head, robots, meta, h[1])
	head = replaceOrInsert(head, canonical, link, headOpen.FindIndex(head)[1])
	out = append(head, rest...)
	at := mainOpen.FindIndex(out)
	if at == nil {
		at = bodyOpen.FindIndex(out)
	}
	if at == nil {
		return nil, fmt.Errorf("the stored page has no <body>; expected the page as the build published it")
	}
	res := make([]byte, 0, len(out)+len(banner))
	res = append(res, out[:at[1]]...)
	res = append(res, banner...)
	return append(res, out[at[1]:]...), nil
}

// replaceOrInsert replaces every tag re finds in b by tag (the first by
// tag, the rest removed), or inserts tag at offset at when there is none.
func replaceOrInsert(b []byte, re *regexp.Regexp, tag []byte, at int) []byte {
	locs := re.FindAllIndex(b, -1)
	var out bytes.Buffer
	out.Grow(len(b) + len(tag))
	if locs == nil {
		out.Write(b[:at])
		out.Write(tag)
		out.Write(b[at:])
		return out.Bytes()
	}
	prev := 0
	for i, l := range locs {
		out.Write(b[prev:l[0]])
		if i == 0 {
			out.Write(tag)
		}
		prev = l[1]
	}
	out.Write(b[prev:])
	return out.Bytes()
}
