package output

import (
	"bytes"

	"github.com/yuin/goldmark/util"

	"github.com/noticegen/noticegen/generator/internal/token"
)

// templateKey names a shared section: its conversion (Shared.Key) and
// the section layout's text around it.
type templateKey struct {
	body          any
	before, after string
}

// sharedMinified returns the section s describes, minified: the section
// with tokens is minified once for all the pages that share its body, and
// the page's values put in. ok is false when a value holds what the
// minifier would have rewritten (a character reference, a quote), and the
// page's section must be minified itself.
func (f *Finisher) sharedMinified(s *Shared) (string, bool) {
	if s.Key == nil {
		return "", false
	}
	key := templateKey{body: s.Key, before: s.Before, after: s.After}
	f.mu.Lock()
	m, ok := f.templates[key]
	f.mu.Unlock()
	if !ok {
		var err error
		if m, err = f.File("index.html", []byte(s.Before+string(s.Body)+s.After)); err != nil {
			return "", false
		}
		f.mu.Lock()
		if f.size += len(m) + len(s.Before) + len(s.After); f.size > maxTemplateBytes {
			clear(f.templates)
			f.size = len(m) + len(s.Before) + len(s.After)
		}
		f.templates[key] = m
		f.mu.Unlock()
	}
	var out bytes.Buffer
	out.Grow(len(m) + 256)
	if !substituteMinified(&out, m, s.Tokens, s.Values) {
		return "", false
	}
	return out.String(), true
}

// substituteMinified puts values in place of tokens in minified HTML. The
// minifier keeps text as it is but for white space and character
// references, and takes the quotes off an attribute value that needs none;
// a value is put in only where it has neither, would not need the quotes,
// and does not follow a reference the minifier may have shortened.
func substituteMinified(out *bytes.Buffer, html []byte, toks, vals []string) bool {
	ok := true
	token.Replace(out, html, toks, func(i, start int, attr bool) []byte {
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
	return ok && token.Only(html, toks)
}
