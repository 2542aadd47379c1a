package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/internal/token"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
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

// tokenizer records the values one body execution printed in place of
// tokens.
type tokenizer struct {
	vals []string // raw values, by token index
	toks []string // the tokens as written, by index
	// all is set to put a token in place of every value, not only those
	// that may be shared: to find out which ones land in code (code.go).
	all bool
}

// escape is the body's escaping function during a tokenized run: a value
// that may be shared becomes a token, any other is escaped as always. It
// counts the Markdown the page would have had, for the output bound.
func (tz *tokenizer) escape(s string) (string, int) {
	md := Escape(s)
	if len(tz.vals) >= token.Max || !tz.all && !shareable(s) {
		return md, len(md)
	}
	// Tokens that only find code need no shape: "" is no e-mail address.
	shape := s
	if tz.all {
		shape = ""
	}
	tok := token.Make(len(tz.vals), shape)
	tz.vals = append(tz.vals, s)
	tz.toks = append(tz.toks, tok)
	return tok, len(md)
}

// shareable reports whether a value's characters can neither open nor
// close Markdown: letters, digits and other non-ASCII text, single spaces
// inside, and . , ' / : @ + - &, starting with a letter, digit or + and
// ending with a letter, digit, . or /. The checks on each page cover what
// these can still do next to the body's own text.
func shareable(s string) bool {
	if s == "" || len(s) > 1024 || strings.Contains(s, token.Core) {
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
}

// sharedBodies holds the conversions of one build, bounded in size: a
// site whose bodies print values that cannot be shared makes a text per
// entity, and those must not pile up.
type sharedBodies struct {
	mu     sync.Mutex
	bodies map[string]*sharedBody // by tokenized Markdown
	size   int
	words  map[string]bool // sameWords verdicts
}

const (
	maxSharedBytes = 64 << 20
	maxSharedWords = 100000
)

func newSharedBodies() *sharedBodies {
	return &sharedBodies{bodies: map[string]*sharedBody{}, words: map[string]bool{}}
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
func (sh *Shared) convertShared(md []byte, toks []string) (*sharedBody, error) {
	if b := sh.cache.load(md); b != nil {
		return b, nil
	}
	b := &sharedBody{}
	b.checkLine, b.checkWhat = Check(md)
	if b.checkLine > 0 {
		sh.cache.store(md, b)
		return b, nil
	}
	doc := sh.direct.md.Parser().Parse(text.NewReader(md))
	spots := tokenSpots(doc, md, toks)
	var html bytes.Buffer
	if err := sh.direct.md.Renderer().Render(&html, md, doc); err != nil {
		return nil, err
	}
	b.html = html.Bytes()
	b.ok = spots != nil
	if b.ok {
		// Each token is in the Markdown once, and printed once in text
		// and twice in an autolink (address and label). More means it
		// went somewhere else too.
		inMD, inHTML := make([]int, len(toks)), make([]int, len(toks))
		token.Count(md, toks, inMD)
		token.Count(b.html, toks, inHTML)
		for i := range toks {
			b.ok = b.ok && inMD[i] == 1 && inHTML[i] == spots[i]
		}
	}
	sh.cache.store(md, b)
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
			token.Each(label, toks, func(i, start int) {
				if start == 0 && len(label) == len(toks[i]) {
					spots[i] += 2
					found++
				}
			})
		case *ast.Text:
			token.Each(n.Segment.Value(src), toks, func(i, _ int) {
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

// substitute appends html to out with every token replaced by its value,
// escaped for where it stands: in an attribute (an autolink's address) as
// goldmark escapes an address, elsewhere as it escapes text.
func substitute(out *bytes.Buffer, html []byte, toks, vals []string) {
	token.Replace(out, html, toks, func(i, _ int, attr bool) []byte {
		v := []byte(vals[i])
		if attr {
			v = util.URLEscape(v, false)
		}
		return util.EscapeHTML(v)
	})
}

// unshare writes the page's own Markdown: md (a body's, or a word of it)
// with every token in it replaced by its value escaped as the body's
// escaping function does.
func unshare(out *bytes.Buffer, md []byte, toks, vals []string) {
	token.Replace(out, md, toks, func(i, _ int, _ bool) []byte { return []byte(Escape(vals[i])) })
}

// syntaxChars are the characters that, in a word next to a value, may
// make Markdown read the word differently with the value than with its
// token: linkify's @ and :, references (&), escapes, and delimiters.
const syntaxChars = "@:&\\<>[]()*_~!`|#"

// sameWords reports whether the page's values read as their tokens do in
// the words of md around them. It converts a word on its own, both ways,
// when the word has anything a value might combine with; a verdict is
// kept for the other pages that have the same word.
func (sh *Shared) sameWords(md []byte, toks, vals []string) bool {
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
			if bytes.HasPrefix(tseg[k:], []byte(token.Core)) {
				if n, ok := token.Index(tseg[k:], len(toks)); ok {
					fmt.Fprintf(&tkey, "%s#%d#", token.Core, len(vals[n]))
					k += token.Len - 1
					continue
				}
			}
			tkey.WriteByte(tseg[k])
		}
		key := tkey.String()
		same, ok := sh.cache.word(key)
		if !ok {
			same = sh.convertsAlike(rseg.Bytes(), tseg, toks, vals)
			sh.cache.storeWord(key, same)
		}
		if !same {
			return false
		}
	}
	return true
}

// convertsAlike converts a word with its values and with its tokens, and
// reports whether they give the same HTML once the tokens are replaced.
func (sh *Shared) convertsAlike(rseg, tseg []byte, toks, vals []string) bool {
	var a, b, c bytes.Buffer
	if sh.direct.md.Convert(rseg, &a) != nil || sh.direct.md.Convert(tseg, &b) != nil {
		return false
	}
	substitute(&c, b.Bytes(), toks, vals)
	return bytes.Equal(a.Bytes(), c.Bytes())
}

func isDelimiter(c byte) bool { return c == '*' || c == '_' || c == '~' }

// isWordRune reports whether emphasis reads r as a letter would: neither
// white space nor punctuation.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// Shared is the Converter that converts a body's Markdown once for all
// the pages that print other values in the same places, and gives the
// HTML Direct gives (see the top of this file). Where it cannot be sure
// of that, it converts as Direct does.
type Shared struct {
	direct *Direct
	cache  *sharedBodies // the conversions of one build, bounded in size
}

// NewShared returns a Shared converter that falls back to d.
func NewShared(d *Direct) *Shared { return &Shared{direct: d, cache: newSharedBodies()} }

// Convert implements Converter.
func (sh *Shared) Convert(b *Buffers, src Source) (HTML, *diag.Diagnostic) {
	d := sh.direct
	if src.MayHoldCode() {
		if html, dg, ok := d.codeHTML(b, src); ok {
			return HTML{Bytes: html}, dg
		}
	}
	tz := &tokenizer{}
	b.md.Reset()
	if dg := src.Run(&b.md, tz.escape); dg != nil {
		return HTML{}, dg
	}
	md := b.md.Bytes()
	switch {
	case len(tz.vals) == 0:
	case bytes.Count(md, []byte(token.Core)) != len(tz.toks):
		// The body's own text or a value escaped in place holds the
		// token mark: the tokens cannot be told apart from it, so the
		// body runs again with every value escaped in place.
		return d.plain(b, src)
	default:
		if html, dg, ok := sh.sharedHTML(b, src, md, tz); ok {
			return html, dg
		}
		// Not shareable here: convert the page's own Markdown.
		var own bytes.Buffer
		own.Grow(len(md) + 256)
		unshare(&own, md, tz.toks, tz.vals)
		b.md.Reset()
		b.md.Write(own.Bytes())
		md = b.md.Bytes()
	}
	html, dg := d.convert(b, src, md)
	return HTML{Bytes: html}, dg
}

// sharedHTML returns the body's HTML from the conversion of its tokenized
// Markdown md, with the page's values in place; ok is false when that
// would not be the HTML of the page's own Markdown.
func (sh *Shared) sharedHTML(b *Buffers, src Source, md []byte, tz *tokenizer) (HTML, *diag.Diagnostic, bool) {
	file, line := src.Where()
	sb, err := sh.convertShared(md, tz.toks)
	if err != nil {
		return HTML{}, &diag.Diagnostic{File: file, Line: line, Severity: diag.Error, Message: "markdown: " + err.Error()}, true
	}
	if sb.checkLine > 0 {
		return HTML{}, &diag.Diagnostic{File: file, Line: line + sb.checkLine - 1, Severity: diag.Error, Message: sb.checkWhat}, true
	}
	if !sb.ok || !sh.sameWords(md, tz.toks, tz.vals) {
		return HTML{}, nil, false
	}
	b.html.Reset()
	substitute(&b.html, sb.html, tz.toks, tz.vals)
	return HTML{Bytes: b.html.Bytes(), Shared: &SharedHTML{Template: sb.html, Tokens: tz.toks, Values: tz.vals, Key: sb}}, nil, true
}
