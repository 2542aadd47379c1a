package generator

import (
	"hash/maphash"
	"sync"

	"github.com/noticegen/noticegen/generator/render"
	"github.com/noticegen/noticegen/generator/site"
)

// Cache carries rendered pages from one build to the next, so that serve
// re-renders only the pages whose inputs changed. A page is reused when the
// fingerprint of everything it was made from is unchanged: the global
// inputs (site.toml, the site's layouts and messages, build options) and
// the text of its entity, notice and section files. Comparing content
// rather than trusting file events keeps the result right even when events
// are lost or arrive in odd orders.
type Cache struct {
	parse *site.ParseCache
	memo  *render.Memo
	seed  maphash.Seed
	mu    sync.Mutex
	pages map[string]cachedPage
}

type cachedPage struct {
	key uint64
	out []byte
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{parse: site.NewParseCache(), memo: render.NewMemo(), seed: maphash.MakeSeed(), pages: map[string]cachedPage{}}
}

// Parsed returns how many source files the builds using c have parsed, as
// opposed to taken unchanged from the cache.
func (c *Cache) Parsed() int {
	if c == nil {
		return 0
	}
	return c.parse.Parsed()
}

func (c *Cache) sections() *render.Memo {
	if c == nil {
		return nil
	}
	return c.memo
}

func (c *Cache) parser() *site.ParseCache {
	if c == nil {
		return nil
	}
	return c.parse
}

func (c *Cache) get(path string, key uint64) ([]byte, bool) {
	if c == nil || key == 0 {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.pages[path]
	return p.out, ok && p.key == key
}

func (c *Cache) put(path string, key uint64, out []byte) {
	if c == nil || key == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages[path] = cachedPage{key: key, out: out}
}

// retain drops pages that the latest build no longer has.
func (c *Cache) retain(paths map[string][]byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for p := range c.pages {
		if _, ok := paths[p]; !ok {
			delete(c.pages, p)
		}
	}
}

// fingerprint hashes parts into a key; it is never 0, which means "do not
// cache".
func (c *Cache) fingerprint(parts ...[]byte) uint64 {
	if c == nil {
		return 0
	}
	var h maphash.Hash
	h.SetSeed(c.seed)
	for _, p := range parts {
		var n [8]byte
		for i := range n {
			n[i] = byte(len(p) >> (8 * i))
		}
		h.Write(n[:])
		h.Write(p)
	}
	return max(h.Sum64(), 1)
}
