package render

import (
	"sync"
)

// Memo keeps rendered sections. The renderer of one build fills and reads
// it; serve passes the same Memo to every build, so a section whose inputs
// did not change is not rendered again after an edit elsewhere. Keys name
// the content they were made from, so an entry is never stale; Sweep drops
// the ones the latest build did not use.
type Memo struct {
	mu  sync.Mutex
	gen int
	m   map[string]memoEntry
}

type memoEntry struct {
	gen int
	v   renderedSection
}

// NewMemo returns an empty memo.
func NewMemo() *Memo { return &Memo{m: map[string]memoEntry{}} }

func (m *Memo) load(key string) (renderedSection, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.m[key]
	if ok {
		e.gen = m.gen
		m.m[key] = e
	}
	return e.v, ok
}

func (m *Memo) store(key string, v renderedSection) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.m[key] = memoEntry{gen: m.gen, v: v}
}

// Sweep forgets the sections the build that just ended did not use and
// starts a new generation.
func (m *Memo) Sweep() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for k, e := range m.m {
		if e.gen != m.gen {
			delete(m.m, k)
		}
	}
	m.gen++
}

// entityGroups keeps the sections whose bodies use the entity's values,
// grouped by entity and language, for a build that keeps nothing for the
// next one. Such a section serves only that entity's pages in that
// language, which the build renders one after the other, so the groups of
// entities done long ago are dropped: memory stays flat however many
// entities a site has (a 30,000-page build held 1.5 GB of them). A section
// asked for after its group was dropped is rendered again, never wrong.
type entityGroups struct {
	mu    sync.Mutex
	m     map[string]map[string]renderedSection
	order []string // oldest group first
}

// maxEntityGroups is how many entity × language groups stay: far more than
// the pages being rendered at once on any machine.
const maxEntityGroups = 64

func (g *entityGroups) load(group, key string) (renderedSection, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	v, ok := g.m[group][key]
	return v, ok
}

func (g *entityGroups) store(group, key string, v renderedSection) {
	g.mu.Lock()
	defer g.mu.Unlock()
	sections, ok := g.m[group]
	if !ok {
		if len(g.order) == maxEntityGroups {
			delete(g.m, g.order[0])
			g.order = g.order[1:]
		}
		sections = map[string]renderedSection{}
		g.m[group] = sections
		g.order = append(g.order, group)
	}
	sections[key] = v
}
