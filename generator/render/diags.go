package render

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
)

// maxNamed is how many entities a merged error names before "and N more":
// a body that fails for a thousand entities must not print a thousand ids.
const maxNamed = 5

// NameEntities makes each error a section body gave on some entities'
// pages one error, worded once: render marks such an error with the entity
// whose page it was (Diagnostic.Entity), and the same mistake in a body
// that several entities show (a misspelt field, a params key none of them
// has) comes back once per entity, in build, check and serve alike. The
// diagnostics that differ only in that entity become one that names them —
// "(on the pages of entity "a", content/entities/a.toml)" for one,
// "(on the pages of entities "a", "b" and "c")" for several — so a cause
// that concerns one entity still names it, and a shared one is printed
// once. Diagnostics without an entity pass unchanged.
func NameEntities(s *site.Site, diags diag.List) diag.List {
	var out diag.List
	var causes []diag.Diagnostic               // each with Entity cleared, in first-seen order
	entities := map[diag.Diagnostic][]string{} // cause → the entities it was met on
	for _, d := range diags {
		if d.Entity == "" {
			out = append(out, d)
			continue
		}
		id := d.Entity
		d.Entity = ""
		if _, ok := entities[d]; !ok {
			causes = append(causes, d)
		}
		if !slices.Contains(entities[d], id) {
			entities[d] = append(entities[d], id)
		}
	}
	for _, d := range causes {
		ids := entities[d]
		slices.SortFunc(ids, cmp.Compare)
		if len(ids) == 1 {
			d.Entity = ids[0]
			path := site.EntitiesDir + "/" + ids[0] + ".toml"
			if e := s.Entity(ids[0]); e != nil {
				path = e.Source.Path
			}
			d.Message += fmt.Sprintf(" (on the pages of entity %q, %s)", ids[0], path)
		} else {
			d.Message += " (on the pages of entities " + listIDs(ids) + ")"
		}
		out = append(out, d)
	}
	return out
}

// listIDs quotes ids as `"a", "b" and "c"`, naming at most maxNamed.
func listIDs(ids []string) string {
	n := min(len(ids), maxNamed)
	q := make([]string, n)
	for i, id := range ids[:n] {
		q[i] = fmt.Sprintf("%q", id)
	}
	if len(ids) > n {
		return strings.Join(q, ", ") + fmt.Sprintf(" and %d more", len(ids)-n)
	}
	return strings.Join(q[:n-1], ", ") + " and " + q[n-1]
}
