// Package fingerprint names the inputs of a build by their content: one
// hasher, one fingerprint per input file, computed once per build, from
// which every key is derived — the keys of serve's page cache and those of
// the renderer's rendered sections. Keys name content, never time stamps,
// so a key is never stale and lost or reordered file events cannot make a
// build reuse what changed.
package fingerprint

import (
	"hash/maphash"
	"maps"
	"slices"
	"strconv"
	"sync"

	"github.com/noticegen/noticegen/generator/site"
)

// Sum is a fingerprint. It is never 0, which callers may use for "none".
type Sum uint64

// String is the sum as a short text, for keys made of several parts.
func (s Sum) String() string { return strconv.FormatUint(uint64(s), 36) }

// Hasher makes sums. Sums of one Hasher can be compared with each other
// only: serve keeps one for all its builds, a single build makes its own.
type Hasher struct{ seed maphash.Seed }

// NewHasher returns a hasher with a seed of its own.
func NewHasher() Hasher { return Hasher{seed: maphash.MakeSeed()} }

// Of is the sum of parts, each length-prefixed so that no two lists of
// parts have the same sum by accident of where one ends.
func (h Hasher) Of(parts ...[]byte) Sum {
	var m maphash.Hash
	m.SetSeed(h.seed)
	for _, p := range parts {
		var n [8]byte
		for i := range n {
			n[i] = byte(len(p) >> (8 * i))
		}
		m.Write(n[:])
		m.Write(p)
	}
	return Sum(max(m.Sum64(), 1))
}

// Combine is the sum of sums and a few words, without hashing any text
// again.
func (h Hasher) Combine(sums []Sum, words ...string) Sum {
	parts := make([][]byte, 0, len(sums)+len(words))
	for _, s := range sums {
		parts = append(parts, bytesOf(s))
	}
	for _, w := range words {
		parts = append(parts, []byte(w))
	}
	return h.Of(parts...)
}

func bytesOf(s Sum) []byte {
	var b [8]byte
	for i := range b {
		b[i] = byte(s >> (8 * i))
	}
	return b[:]
}

// Inputs are the fingerprints of one build: Global, of everything every
// page depends on, and one per input file, each computed the first time it
// is asked for. It is safe for concurrent use.
type Inputs struct {
	Hasher
	Global Sum
	// Words covers what the banner of an archived version shows besides
	// the version: site.toml, the messages and the build options, not the
	// layouts, sections or providers, which the stored page does not use.
	Words Sum
	mu    sync.Mutex
	files map[any]Sum
}

// NewInputs returns the inputs of a build whose global inputs are global.
func NewInputs(h Hasher, global ...[]byte) *Inputs {
	return &Inputs{Hasher: h, Global: h.Of(global...), files: map[any]Sum{}}
}

// File returns the sum of the input file source (a *site.Entity,
// *site.Notice or *site.SectionFile), made from texts the first time:
// hashing each file again for every page that shows it was most of serve's
// time to the open page on 10,000 pages.
func (in *Inputs) File(source any, texts func() [][]byte) Sum {
	in.mu.Lock()
	s, ok := in.files[source]
	in.mu.Unlock()
	if ok {
		return s
	}
	s = in.Of(texts()...)
	in.mu.Lock()
	in.files[source] = s
	in.mu.Unlock()
	return s
}

// Entity is the sum of an entity's file.
func (in *Inputs) Entity(e *site.Entity) Sum {
	return in.File(e, func() [][]byte { return [][]byte{[]byte(e.Source.Path), e.Source.Text} })
}

// Notice is the sum of a notice's file.
func (in *Inputs) Notice(n *site.Notice) Sum {
	return in.File(n, func() [][]byte { return [][]byte{[]byte(n.Source.Path), n.Source.Text} })
}

// Version is the sum of a released version's file: its front matter and
// the stored page (serve's loads keep it in memory; another load's is
// read again, and a read error stands in for it).
func (in *Inputs) Version(v *site.Version) Sum {
	return in.File(v, func() [][]byte {
		page, err := v.Published()
		if err != nil {
			page = []byte(err.Error())
		}
		return [][]byte{[]byte(v.Source.Path), v.Source.Text, page}
	})
}

// Section is the sum of a section file: its front matter and its body.
func (in *Inputs) Section(f *site.SectionFile) Sum {
	return in.File(f, func() [][]byte { return [][]byte{[]byte(f.Path), f.Front.Text, []byte(f.Body)} })
}

// ForSite returns the inputs of a build of s. Global covers everything
// every page depends on: site.toml (with the baseURL in force), the
// site's messages, the layout files, the providers (named by sections'
// facts and read by bodies, so any page may show any of them) and
// options, such as whether pages are minified.
func ForSite(h Hasher, s *site.Site, layouts []site.File, options ...string) *Inputs {
	parts := [][]byte{s.Source.Text, []byte(s.Config.BaseURL)}
	for _, o := range options {
		parts = append(parts, []byte(o))
	}
	for _, lang := range slices.Sorted(maps.Keys(s.I18n)) {
		parts = append(parts, []byte(lang), s.I18n[lang].Data)
	}
	words := h.Of(parts...)
	for _, f := range layouts {
		parts = append(parts, []byte(f.Path), f.Data)
	}
	for _, p := range s.Providers {
		parts = append(parts, []byte(p.Source.Path), p.Source.Text)
	}
	in := NewInputs(h, parts...)
	in.Words = words
	return in
}
