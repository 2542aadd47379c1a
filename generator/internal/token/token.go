// Package token is the one mark scheme of a build: a token stands for a
// value a section body prints, so that Markdown converted with tokens can
// be shared by every page that prints other values in the same places
// (package markdown), and a section minified with tokens can be shared
// too (package output), each page's values put in afterwards.
//
// A token is Core, four digits (the value's index in the body's
// execution) and End, maybe inside the shape of an e-mail address or URL
// (Make). Its letters read as one word to Markdown and to the minifier; a
// body or value that contains Core is never tokenized.
package token

import (
	"bytes"
	"strings"
)

// The parts of a token, and how many one body may have.
const (
	Core = "NgTk"
	End  = 'Z'
	Len  = len(Core) + 4 + 1
	Max  = 10000
)

// Make returns the token of value i, given the shape of value v that
// makes linkify treat both alike: an address for an e-mail address, a URL
// for a URL ("" gives the bare token).
func Make(i int, v string) string {
	// Core, i in four digits (i < Max), End: made for every value a body
	// prints on every page, so without fmt.
	digits := [4]byte{byte('0' + i/1000%10), byte('0' + i/100%10), byte('0' + i/10%10), byte('0' + i%10)}
	core := Core + string(digits[:]) + string(End)
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

// Index reads the index of the token b starts with, among n.
func Index(b []byte, n int) (int, bool) {
	if len(b) < Len || b[Len-1] != End {
		return 0, false
	}
	i := 0
	for _, c := range b[len(Core) : Len-1] {
		if c < '0' || c > '9' {
			return 0, false
		}
		i = i*10 + int(c-'0')
	}
	return i, i < n
}

// Each calls fn for every token of toks in b, in order, with its index
// and its start; b holds tokens of toks only where they are whole.
func Each(b []byte, toks []string, fn func(i, start int)) {
	for k := 0; ; {
		j := bytes.Index(b[k:], []byte(Core))
		if j < 0 {
			return
		}
		j += k
		k = j + len(Core)
		i, ok := Index(b[j:], len(toks))
		if !ok {
			continue
		}
		tok := toks[i]
		start := j - strings.Index(tok, Core)
		if start < 0 || !bytes.HasPrefix(b[start:], []byte(tok)) {
			continue
		}
		fn(i, start)
		k = start + len(tok)
	}
}

// Count counts each token's occurrences in b into counts.
func Count(b []byte, toks []string, counts []int) {
	Each(b, toks, func(i, _ int) { counts[i]++ })
}

// Replace appends b to out with every token replaced by what value
// returns for it; start is where it stands in b, and attr says it stands
// inside a tag.
func Replace(out *bytes.Buffer, b []byte, toks []string, value func(i, start int, attr bool) []byte) {
	done := 0
	Each(b, toks, func(i, start int) {
		out.Write(b[done:start])
		k := bytes.LastIndexAny(b[:start], "<>")
		out.Write(value(i, start, k >= 0 && b[k] == '<'))
		done = start + len(toks[i])
	})
	out.Write(b[done:])
}

// Only reports whether every mark in b is a token of toks, so that no
// value's text nor the body's own was taken for one.
func Only(b []byte, toks []string) bool {
	n := bytes.Count(b, []byte(Core))
	if n == 0 {
		return true
	}
	counts := make([]int, len(toks))
	Count(b, toks, counts)
	for _, c := range counts {
		n -= c
	}
	return n == 0
}
