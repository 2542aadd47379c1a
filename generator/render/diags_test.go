package render

import (
	"slices"
	"testing"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
)

func TestNameEntities(t *testing.T) {
	s := &site.Site{Entities: []*site.Entity{
		{ID: "a", Source: site.Source{Path: "content/entities/a.toml"}},
		{ID: "b", Source: site.Source{Path: "content/entities/b.toml"}},
	}}
	body := func(entity, msg string) diag.Diagnostic {
		return diag.Diagnostic{File: "content/sections/s.en.md", Line: 4, Col: 2, Message: msg, Entity: entity}
	}
	many := func(ids ...string) diag.List {
		var l diag.List
		for _, id := range ids {
			l = append(l, body(id, "m"))
		}
		return l
	}
	for _, tc := range []struct {
		name string
		in   diag.List
		want []string // messages, and the entity each keeps
	}{
		{"one entity is named with its file", many("b"), []string{`m (on the pages of entity "b", content/entities/b.toml) [b]`}},
		{"met on each page of one entity, named once", many("a", "a", "a"), []string{`m (on the pages of entity "a", content/entities/a.toml) [a]`}},
		{"one cause for several entities is one error", many("c", "a", "b", "a"), []string{`m (on the pages of entities "a", "b" and "c") []`}},
		{"at most five are named", many("g", "f", "e", "d", "c", "b", "a"), []string{`m (on the pages of entities "a", "b", "c", "d", "e" and 2 more) []`}},
		{"different messages are different causes", diag.List{body("a", "m"), body("b", "n"), body("c", "m")}, []string{
			`m (on the pages of entities "a" and "c") []`, `n (on the pages of entity "b", content/entities/b.toml) [b]`,
		}},
		{"a diagnostic of no entity is left alone", diag.List{{File: "layouts/x.html", Line: 1, Message: "x"}, body("a", "m")}, []string{
			"x []", `m (on the pages of entity "a", content/entities/a.toml) [a]`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, d := range NameEntities(s, tc.in) {
				got = append(got, d.Message+" ["+d.Entity+"]")
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("NameEntities:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}
