package generator

import (
	"sync"

	"github.com/noticegen/noticegen/generator/internal/fingerprint"
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
	hash  fingerprint.Hasher
	mu    sync.Mutex
	pages map[string]cachedPage
}

type cachedPage struct {
	key fingerprint.Sum
	out []byte
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{parse: site.NewParseCache(), memo: render.NewMemo(), hash: fingerprint.NewHasher(), pages: map[string]cachedPage{}}
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

func (c *Cache) get(path string, key fingerprint.Sum) ([]byte, bool) {
	if c == nil || key == 0 {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.pages[path]
	return p.out, ok && p.key == key
}

func (c *Cache) put(path string, key fingerprint.Sum, out []byte) {
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

// hasher is the hasher of the builds that use c, so that their keys can
// be compared; a build without a cache gets one of its own.
func (c *Cache) hasher() fingerprint.Hasher {
	if c == nil {
		return fingerprint.NewHasher()
	}
	return c.hash
}
