package render

import (
	"fmt"
	"testing"

	"github.com/noticegen/noticegen/generator/render/view"
)

func TestEntityGroupsStayBounded(t *testing.T) {
	g := &entityGroups{m: map[string]map[string]renderedSection{}}
	for i := range maxEntityGroups + 10 {
		g.store(fmt.Sprint("entity", i), "rights", renderedSection{view: view.SectionView{Title: fmt.Sprint(i)}})
	}
	if len(g.m) != maxEntityGroups || len(g.order) != maxEntityGroups {
		t.Errorf("%d groups kept (%d in order), want %d", len(g.m), len(g.order), maxEntityGroups)
	}
	if _, ok := g.load("entity0", "rights"); ok {
		t.Error("the oldest group is still kept")
	}
	last := fmt.Sprint("entity", maxEntityGroups+9)
	if v, ok := g.load(last, "rights"); !ok || v.view.Title != fmt.Sprint(maxEntityGroups+9) {
		t.Errorf("newest group: %v, %v; want it kept", v, ok)
	}
	g.store(last, "cookies", renderedSection{}) // a second section of a kept group evicts nothing
	if len(g.m) != maxEntityGroups {
		t.Errorf("%d groups after adding to a kept one, want %d", len(g.m), maxEntityGroups)
	}
}
