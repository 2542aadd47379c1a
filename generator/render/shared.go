package render

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/noticegen/noticegen/generator/internal/budget"
)

// Shared conversion. Most sections print the entity's name, e-mail or
// tools, so their Markdown differs from entity to entity, and converting
// it was the largest cost of a build (a section converted once per
// entity, thousands of times). Yet the Markdown differs only in those
// values. So a body is run with each value it prints replaced by a token,
// a word of letters that Markdown leaves alone; the tokenized Markdown is
// converted once for all the pages that print it, and each page's values
// are then put in place of the tokens in the HTML, escaped as goldmark
// would have escaped them.
//
// That gives the very HTML a direct conversion gives only where the value
// could not have changed how the Markdown parses. Three checks make sure:
//
//   - A value is tokenized only if its characters cannot open or close any
//     Markdown construct (shareable): letters, digits, single spaces and a
//     few punctuation marks, with letters or digits at its edges (give or
//     take a leading + and a closing . or /); everything else is escaped
//     in place as before.
//   - The tokenized Markdown must put every token in plain text or make it
//     a whole autolink (sharedBody.ok): not in code, a link's address, an
//     image or raw HTML, where a value is not escaped as text.
//   - On each page, the words around a value (sameWords) must read the
//     same with the value as with the token: an autolink that takes in a
//     value, an entity reference completed by one, or emphasis whose
//     delimiter touches a value that starts or ends with punctuation.
//
// Anything else falls back to converting the page's own Markdown, so the
// worst case is the old cost. FuzzSharedBody compares both ways, also
// minified, on arbitrary bodies and values, and FuzzBuild compares a
// minified build with its pages minified whole.

// tokenCore starts every token: tokenCore, four digits (the value's index
// in the body's execution) and tokenEnd. Its letters read as one word to
// Markdown, and a body or value that contains it is not tokenized.
const (
	tokenCore = "NgTk"
	tokenEnd  = 'Z'
	tokenLen  = len(tokenCore) + 4 + 1
	maxTokens = 10000
)

// bodyValues records the values one body execution printed in place of
// tokens.
type bodyValues struct {
	vals []string // raw values, by token index
	toks []string // the tokens as written, by index
	lw   *budget.Writer
	// all is set to put a token in place of every value, not only those
	// that may be shared: to find out which ones land in code (code.go).
	all bool
}

// escape is the body's escaping function during a shared run: a value
// that may be shared becomes a token, any other is escaped as always.
func (bv *bodyValues) escape(v any) (string, error) {
	s, err := valueText(v)
	if err != nil {
		return "", err
	}
	md := markdownText(s)
	if len(bv.vals) >= maxTokens || !bv.all && !shareable(s) {
		return md, nil
	}
	// Tokens that only find code need no shape: "" is no e-mail address.
	shape := s
	if bv.all {
		shape = ""
	}
	tok := shapedToken(len(bv.vals), shape)
	bv.vals = append(bv.vals, s)
	bv.toks = append(bv.toks, tok)
	// The output bound counts the Markdown the page would have had.
	bv.lw.N -= len(md) - len(tok)
	return tok, nil
}

// shapedToken gives a value's token the shape that makes linkify treat
// both alike: an address for an e-mail address, a URL for a URL.
func shapedToken(i int, v string) string {
	core := fmt.Sprintf("%s%04d%c", tokenCore, i, tokenEnd)
	switch {
	case strings.Contains(v, "@"):
		return core + "@ngtk.example"
	case strings.HasPrefix(v, "https://"):
		return "https://" + core + ".example"
	case strings.HasPrefix(v, "http://"):
		return "http://" + core + ".example"
	case strings.HasPrefix(v, "www."):
		return "www." + core + ".example"
	}
	return core
}

// shareable reports whether a value's characters can neither open nor
// close Markdown: letters, digits and other non-ASCII text, single spaces
// inside, and . , ' / : @ + - &, starting with a letter, digit or + and
// ending with a letter, digit, . or /. The checks on each page cover what
// these can still do next to the body's own text.
func shareable(s string) bool {
	if s == "" || len(s) > 1024 || strings.Contains(s, tokenCore) {
		return false
	}
	// A value that starts or ends with punctuation could join the
	// body's text next to it into something else; those read as letters
	// do, but "+" (escaped where it could open a list), a closing "."
	// (names such as "Acme Co.") and "/" (URLs).
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if !isWordRune(first) && first != '+' || !isWordRune(last) && last != '.' && last != '/' {
		return false
	}
	space := true // no leading space
	for _, r := range s {
		switch {
		case r == ' ':
			if space {
				return false
			}
		case r < utf8.RuneSelf:
			c := byte(r)
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(".,'/:@+-&", c) >= 0) {
				return false
			}
		case r == utf8.RuneError || unicode.IsSpace(r) || unicode.IsControl(r):
			return false
		}
		space = r == ' '
	}
	return !space
}

// sharedBody is the conversion of one tokenized Markdown text.
type sharedBody struct {
	html []byte
	// ok is false when a token landed where the value would not be
	// escaped as text; pages then convert their own Markdown.
	ok bool
	// checkLine and checkWhat are checkMarkdown's verdict, which values
	// made only of shareable characters do not change.
	checkLine int
	checkWhat string

	// minified holds the section around this body, minified with the
	// tokens in it, by the section layout's text before and after the body.
	mu       sync.Mutex
	minified map[string][]byte
}

// sharedUse is one page's use of a shared conversion: its values.
type sharedUse struct {
	body       *sharedBody
	toks, vals []string
}

// sharedBodies holds the conversions of one build, bounded in size: a
// site whose bodies print values that cannot be shared makes a text per
// entity, and those must not pile up.
type sharedBodies struct {
	mu     sync.Mutex
	bodies map[string]*sharedBody // by tokenized Markdown
	size   int
	words  map[string]bool // sameWords verdicts
	// code holds codeSpots' verdicts by tokenized Markdown (nil: no
	// token in code), for bodies whose text may put values in code.
	code     map[string][]codeKind
	codeSize int
}

const (
	maxSharedBytes = 64 << 20
	maxSharedWords = 100000
)

func newSharedBodies() *sharedBodies {
	return &sharedBodies{bodies: map[string]*sharedBody{}, words: map[string]bool{}, code: map[string][]codeKind{}}
}

func (s *sharedBodies) codeKinds(md []byte) (kinds []codeKind, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	kinds, ok = s.code[string(md)]
	return kinds, ok
}

func (s *sharedBodies) storeCodeKinds(md []byte, kinds []codeKind) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.codeSize += len(md) + len(kinds); s.codeSize > maxSharedBytes {
		clear(s.code)
		s.codeSize = len(md) + len(kinds)
	}
	s.code[string(md)] = kinds
}

func (s *sharedBodies) load(md []byte) *sharedBody {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bodies[string(md)]
}

func (s *sharedBodies) store(md []byte, b *sharedBody) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.size += len(md) + len(b.html); s.size > maxSharedBytes {
		clear(s.bodies)
		s.size = len(md) + len(b.html)
	}
	s.bodies[string(md)] = b
}

func (s *sharedBodies) word(key string) (same, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	same, ok = s.words[key]
	return same, ok
}

func (s *sharedBodies) storeWord(key string, same bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.words) >= maxSharedWords {
		clear(s.words)
	}
	s.words[key] = same
}

// convertShared converts tokenized Markdown md (or takes the conversion
// made for an earlier page) and reports where tokens landed.
func (r *Renderer) convertShared(md []byte, toks []string) (*sharedBody, error) {
	if b := r.shared.load(md); b != nil {
		return b, nil
	}
	b := &sharedBody{}
	b.checkLine, b.checkWhat = checkMarkdown(md)
	if b.checkLine > 0 {
		r.shared.store(md, b)
		return b, nil
	}
	doc := r.md.Parser().Parse(text.NewReader(md))
	spots := tokenSpots(doc, md, toks)
	var html bytes.Buffer
	if err := r.md.Renderer().Render(&html, md, doc); err != nil {
		return nil, err
	}
	b.html = html.Bytes()
	b.ok = spots != nil
	if b.ok {
		// Each token is in the Markdown once, and printed once in text
		// and twice in an autolink (address and label). More means it
		// went somewhere else too.
		inMD, inHTML := make([]int, len(toks)), make([]int, len(toks))
		countTokens(md, toks, inMD)
		countTokens(b.html, toks, inHTML)
		for i := range toks {
			b.ok = b.ok && inMD[i] == 1 && inHTML[i] == spots[i]
		}
	}
	r.shared.store(md, b)
	return b, nil
}

// tokenSpots counts, for each token, the HTML occurrences that the places
// it landed in print: one for plain text, two for a whole autolink. It
// returns nil when a token is anywhere else, or split.
func tokenSpots(doc ast.Node, src []byte, toks []string) []int {
	spots := make([]int, len(toks))
	found := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.Image:
			// Code shows Markdown escapes literally; an image's text is
			// an attribute. Tokens in there are not counted, so the
			// counts below fail.
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			label := n.Label(src)
			eachToken(label, toks, func(i, start int) {
				if start == 0 && len(label) == len(toks[i]) {
					spots[i] += 2
					found++
				}
			})
		case *ast.Text:
			eachToken(n.Segment.Value(src), toks, func(i, _ int) {
				spots[i]++
				found++
			})
		}
		return ast.WalkContinue, nil
	})
	if found != len(toks) {
		return nil
	}
	for _, s := range spots {
		if s == 0 {
			return nil
		}
	}
	return spots
}

// eachToken calls fn for every token in b, in order, with its index and
// its start; b holds tokens of toks only where they are whole.
func eachToken(b []byte, toks []string, fn func(i, start int)) {
	for k := 0; ; {
		j := bytes.Index(b[k:], []byte(tokenCore))
		if j < 0 {
			return
		}
		j += k
		k = j + len(tokenCore)
		i, ok := tokenIndex(b[j:], len(toks))
		if !ok {
			continue
		}
		tok := toks[i]
		start := j - strings.Index(tok, tokenCore)
		if start < 0 || !bytes.HasPrefix(b[start:], []byte(tok)) {
			continue
		}
		fn(i, start)
		k = start + len(tok)
	}
}

// countTokens counts each token's occurrences in b.
func countTokens(b []byte, toks []string, counts []int) {
	eachToken(b, toks, func(i, _ int) { counts[i]++ })
}

// replaceTokens appends b to out with every token replaced by what
// value returns for it; start is where it stands in b, and attr says it
// stands inside a tag.
func replaceTokens(out *bytes.Buffer, b []byte, toks []string, value func(i, start int, attr bool) []byte) {
	done := 0
	eachToken(b, toks, func(i, start int) {
		out.Write(b[done:start])
		k := bytes.LastIndexAny(b[:start], "<>")
		out.Write(value(i, start, k >= 0 && b[k] == '<'))
		done = start + len(toks[i])
	})
	out.Write(b[done:])
}

// substitute appends html to out with every token replaced by its value,
// escaped for where it stands: in an attribute (an autolink's address) as
// goldmark escapes an address, elsewhere as it escapes text.
func substitute(out *bytes.Buffer, html []byte, toks, vals []string) {
	replaceTokens(out, html, toks, func(i, _ int, attr bool) []byte {
		v := []byte(vals[i])
		if attr {
			v = util.URLEscape(v, false)
		}
		return util.EscapeHTML(v)
	})
}

// tokenIndex reads the index of the token b starts with.
func tokenIndex(b []byte, n int) (int, bool) {
	if len(b) < tokenLen || b[tokenLen-1] != tokenEnd {
		return 0, false
	}
	i := 0
	for _, c := range b[len(tokenCore) : tokenLen-1] {
		if c < '0' || c > '9' {
			return 0, false
		}
		i = i*10 + int(c-'0')
	}
	return i, i < n
}

// unshare writes the page's own Markdown: md (a body's, or a word of it)
// with every token in it replaced by its value escaped as the body's
// escaping function does.
func unshare(out *bytes.Buffer, md []byte, toks, vals []string) {
	replaceTokens(out, md, toks, func(i, _ int, _ bool) []byte { return []byte(markdownText(vals[i])) })
}

// syntaxChars are the characters that, in a word next to a value, may
// make Markdown read the word differently with the value than with its
// token: linkify's @ and :, references (&), escapes, and delimiters.
const syntaxChars = "@:&\\<>[]()*_~!`|#"

// sameWords reports whether the page's values read as their tokens do in
// the words of md around them. It converts a word on its own, both ways,
// when the word has anything a value might combine with; a verdict is
// kept for the other pages that have the same word.
func (r *Renderer) sameWords(md []byte, toks, vals []string) bool {
	var rseg, tkey bytes.Buffer
	pos := 0     // tokens come in order: each is searched for after the last
	checked := 0 // the words up to here are checked, with all their tokens
	for i, tok := range toks {
		j := bytes.Index(md[pos:], []byte(tok))
		if j < 0 {
			return false
		}
		j += pos
		pos = j + len(tok)
		// Emphasis: a delimiter next to the value is read by the
		// character it touches, letter or punctuation.
		v := vals[i]
		first, _ := utf8.DecodeRuneInString(v)
		last, _ := utf8.DecodeLastRuneInString(v)
		if j > 0 && isDelimiter(md[j-1]) && !isWordRune(first) {
			return false
		}
		if end := j + len(tok); end < len(md) && isDelimiter(md[end]) && !isWordRune(last) {
			return false
		}
		if j < checked {
			continue
		}
		ws, we := j, j+len(tok)
		for ws > 0 && !util.IsSpace(md[ws-1]) {
			ws--
		}
		for we < len(md) && !util.IsSpace(md[we]) {
			we++
		}
		checked = we
		tseg := md[ws:we]
		rseg.Reset()
		unshare(&rseg, tseg, toks, vals)
		if !bytes.ContainsAny(rseg.Bytes(), syntaxChars) && !bytes.Contains(rseg.Bytes(), []byte("www.")) {
			continue
		}
		// The verdict depends on the tokens' shapes and where each value
		// starts and ends, not on their numbers.
		tkey.Reset()
		tkey.Write(rseg.Bytes())
		tkey.WriteByte(0)
		for k := 0; k < len(tseg); k++ {
			if bytes.HasPrefix(tseg[k:], []byte(tokenCore)) {
				if n, ok := tokenIndex(tseg[k:], len(toks)); ok {
					fmt.Fprintf(&tkey, "%s#%d#", tokenCore, len(vals[n]))
					k += tokenLen - 1
					continue
				}
			}
			tkey.WriteByte(tseg[k])
		}
		key := tkey.String()
		same, ok := r.shared.word(key)
		if !ok {
			same = r.convertsAlike(rseg.Bytes(), tseg, toks, vals)
			r.shared.storeWord(key, same)
		}
		if !same {
			return false
		}
	}
	return true
}

// convertsAlike converts a word with its values and with its tokens, and
// reports whether they give the same HTML once the tokens are replaced.
func (r *Renderer) convertsAlike(rseg, tseg []byte, toks, vals []string) bool {
	var a, b, c bytes.Buffer
	if r.md.Convert(rseg, &a) != nil || r.md.Convert(tseg, &b) != nil {
		return false
	}
	substitute(&c, b.Bytes(), toks, vals)
	return bytes.Equal(a.Bytes(), c.Bytes())
}

func isDelimiter(c byte) bool { return c == '*' || c == '_' || c == '~' }

// isWordRune reports whether emphasis reads r as a letter would: neither
// white space nor punctuation.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// minifiedSection returns the section made of before, the page's body and
// after, minified: the section with tokens is minified once for all the
// pages that share the body, and the page's values put in. ok is false
// when a value holds what the minifier would have rewritten (a character
// reference, a quote), and the page's section must be minified itself.
func (r *Renderer) minifiedSection(u *sharedUse, path, before, after string) (string, bool, error) {
	key := before + "\x00" + after
	b := u.body
	b.mu.Lock()
	m, ok := b.minified[key]
	b.mu.Unlock()
	if !ok {
		var err error
		if m, err = r.mini.Minify(path, []byte(before+string(b.html)+after)); err != nil {
			return "", false, err
		}
		b.mu.Lock()
		if b.minified == nil {
			b.minified = map[string][]byte{}
		}
		b.minified[key] = m
		b.mu.Unlock()
	}
	var out bytes.Buffer
	out.Grow(len(m) + 256)
	if !substituteMinified(&out, m, u.toks, u.vals) {
		return "", false, nil
	}
	return out.String(), true, nil
}

// substituteMinified is substitute for minified HTML. The minifier keeps
// text as it is but for white space and character references, and takes
// the quotes off an attribute value that needs none; a value is put in
// only where it has neither, would not need the quotes, and does not
// follow a reference the minifier may have shortened.
func substituteMinified(out *bytes.Buffer, html []byte, toks, vals []string) bool {
	ok := true
	replaceTokens(out, html, toks, func(i, start int, attr bool) []byte {
		// The minifier writes "&amp;" as "&" where what follows cannot
		// be read as a reference: after the body's own "&amp;", a token
		// (letters) and a value ("+0") can make it choose differently.
		ok = ok && bytes.IndexByte(html[max(0, start-len("&quot;")):start], '&') < 0
		v := []byte(vals[i])
		if attr {
			v = util.URLEscape(v, false)
			ok = ok && !bytes.ContainsAny(v, "\"'=<>` \t\n\r\f&")
		} else {
			ok = ok && !bytes.ContainsAny(v, "&<>\"")
		}
		return v
	})
	if n := bytes.Count(html, []byte(tokenCore)); n != 0 {
		// Every token mark must have been a token of this body.
		counts := make([]int, len(toks))
		countTokens(html, toks, counts)
		for _, c := range counts {
			n -= c
		}
		ok = ok && n == 0
	}
	return ok
}
