package generator

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
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

// versionJobs are the files of page p's released versions as of now: its
// changes page and one archived page per version no longer in force. langs
// are the languages in which p's notice has versions.
func versionJobs(p *compose.Page, vs []*site.Version, langs []string, r *render.Renderer, in *fingerprint.Inputs, c *Cache, now time.Time) []job {
	periods := history.Periods(vs, now)
	changes := render.ChangesPath(p) + "index.html"
	var ckey fingerprint.Sum
	if c != nil {
		sums := []fingerprint.Sum{in.Global, in.Entity(p.Entity), in.Notice(p.Notice)}
		for _, v := range vs {
			sums = append(sums, in.Version(v))
		}
		words := append([]string{changes, now.UTC().Format(site.DateLayout)}, langs...)
		ckey = in.Combine(sums, words...)
	}
	jobs := []job{{path: changes, key: ckey, page: true,
		run:  whole(func(w *bytes.Buffer) diag.List { return r.Changes(w, p, periods, langs) }),
		from: origin{what: fmt.Sprintf("the changes of entity %q with notice %q", p.Entity.ID, p.Notice.ID), file: p.Entity.Source.Path, src: &p.Entity.Source, value: p.Notice.ID, key: "notices"}}}
	for _, per := range periods {
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

// versionLangs returns, per entity/notice/, the languages in which it has
// versions, in site order.
func versionLangs(s *site.Site, versions map[string][]*site.Version) map[string][]string {
	m := map[string][]string{}
	for _, l := range s.Config.Languages {
		seen := map[string]bool{}
		for _, v := range s.Versions {
			k := v.Entity + "/" + v.Notice + "/"
			if v.Lang == l && !seen[k] && versions[l+"/"+k] != nil {
				seen[k] = true
				m[k] = append(m[k], l)
			}
		}
	}
	return m
}

// reservedFolders are the folders a notice page's versions are written
// to below it: <notice>/versions/<date>/ and <notice>/changes/.
var reservedFolders = []string{"versions", "changes"}

// reservedClash refuses a page whose path would be inside another page's
// versions/ or changes/ folder: entity "a" with notice "b/changes" (or
// entity "a/b" with notice "changes") is at a/b/changes/, where notice
// "b" of entity "a" has its changes page once it has a version. It is
// refused whether or not versions exist yet, so that the first release
// does not break the build.
func reservedClash(pages []*compose.Page) diag.List {
	var diags diag.List
	seen := map[string]bool{}
	for _, p := range pages {
		rest := p.Entity.ID + "/" + p.Notice.ID
		if seen[rest] {
			continue
		}
		seen[rest] = true
		segs := strings.Split(rest, "/")
		for i := 2; i < len(segs); i++ {
			if slices.Contains(reservedFolders, segs[i]) {
				line, col := p.Entity.Source.ValuePos(p.Notice.ID, "notices")
				diags.Add(diag.Diagnostic{File: p.Entity.Source.Path, Line: line, Col: col, Severity: diag.Error,
					Message: fmt.Sprintf("entity %q with notice %q would be at %s/, inside the %s/ folder of notice page %s/; expected ids without %q as a later path segment (it is reserved for released versions)",
						p.Entity.ID, p.Notice.ID, rest, segs[i], strings.Join(segs[:i], "/"), segs[i])})
				break
			}
		}
	}
	return diags
}
