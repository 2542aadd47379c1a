package generator

import (
	"bytes"
	"fmt"
	"time"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/history"
	"github.com/noticegen/noticegen/generator/internal/fingerprint"
	"github.com/noticegen/noticegen/generator/output"
	"github.com/noticegen/noticegen/generator/render"
	"github.com/noticegen/noticegen/generator/site"
)

// pageVersions groups the site's versions by the notice page they are of,
// keyed by its path (<lang>/<entity>/<notice>/), in release order. Only
// versions of pages the build makes count: an archived page links to the
// page in force and its changes, which a removed notice no longer has
// (its version files stay in content/versions/, and a build that brings
// the page back publishes them again).
func pageVersions(s *site.Site, pages []*compose.Page) map[string][]*site.Version {
	if len(s.Versions) == 0 {
		return nil
	}
	made := make(map[string]bool, len(pages))
	for _, p := range pages {
		made[p.Path()] = true
	}
	m := map[string][]*site.Version{}
	for _, v := range s.Versions {
		if k := v.Lang + "/" + v.Entity + "/" + v.Notice + "/"; made[k] {
			m[k] = append(m[k], v)
		}
	}
	return m
}

// versionJobs are the files of page p's released versions as of now: one
// archived page per version no longer in force.
func versionJobs(p *compose.Page, vs []*site.Version, r *render.Renderer, in *fingerprint.Inputs, c *Cache, now time.Time) []job {
	var jobs []job
	for _, per := range history.Periods(vs, now) {
		if per.State != history.Archived {
			continue
		}
		v := per.Version
		path := render.VersionPath(v) + "index.html"
		var key fingerprint.Sum
		if c != nil {
			// The banner shows the period, which the next version decides.
			key = in.Combine([]fingerprint.Sum{in.Words, in.Version(v)}, path, per.From.Format(site.DateLayout), per.Until.Format(site.DateLayout))
		}
		jobs = append(jobs, job{path: path, key: key, page: true,
			run:  func(w *bytes.Buffer) (*output.Page, diag.List) { return nil, r.Archived(w, per) },
			from: origin{what: fmt.Sprintf("version %s of entity %q with notice %q", v.Date.Format(site.DateLayout), p.Entity.ID, p.Notice.ID), file: v.Source.Path}})
	}
	return jobs
}
