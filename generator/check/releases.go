package check

import (
	"fmt"
	"strings"

	"github.com/noticegen/noticegen/generator/activity"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/snapshot"
	"github.com/noticegen/noticegen/generator/vocab"
)

// unreleased warns about each notice page that differs from its latest
// released version, or was never released, on a site that records its
// releases (it has content/versions): what readers see is then not what
// the history says they saw. A site that never released is left alone,
// and so is a check without the built pages (Options.Files).
func (c *checker) unreleased() {
	if len(c.s.Versions) == 0 || c.files == nil {
		return
	}
	latest := snapshot.Latest(c.s)
	r := activity.NewResolver(c.s)
	for _, p := range c.pages {
		page := fmt.Sprintf("%s/%s (%s)", p.Entity.ID, p.Notice.ID, p.Lang)
		d := diag.Diagnostic{File: p.Entity.Source.Path, Line: 1, Col: 1, Severity: diag.Warning,
			Rule: vocab.RuleUnreleasedChange, Entity: p.Entity.ID, Notice: p.Notice.ID, Lang: p.Lang}
		old := latest[snapshot.Key(p.Entity.ID, p.Notice.ID, p.Lang)]
		if old == nil {
			d.Message = page + " was never released; run noticegen release to record its first version"
			c.add(d)
			continue
		}
		acts := make([]activity.Activity, len(p.Parts))
		ids := make([]string, len(p.Parts))
		for i, part := range p.Parts {
			acts[i], ids[i] = r.Of(part, p.Lang), part.Section.ID
		}
		now := snapshot.Of(p, acts, snapshot.SectionBodies(c.files[p.Path()+"index.html"], ids), c.s.Config.DefaultLanguage)
		changes := snapshot.Compare(old, &now)
		if len(changes) == 0 {
			continue
		}
		d.Message = fmt.Sprintf("%s differs from its release of %s: %s; run noticegen release",
			page, old.Date.Format(site.DateLayout), strings.Join(snapshot.Facts(changes), ", "))
		c.add(d)
	}
}
