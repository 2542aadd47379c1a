package render

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/noticegen/noticegen/generator/site"
)

// TestOverviewOrder renders the overview of entities whose ids are in
// another order than their names: each language lists them by name in its
// own collation, each with its authority when it names one.
func TestOverviewOrder(t *testing.T) {
	f := newFixture(t, false)
	var entities []*site.Entity
	for _, e := range []struct{ id, name, authority string }{
		{"a-zeta", "Zeta AG", "Zeta Authority"},
		{"b-eclair", "Éclair SAS", ""},
		{"c-alpha", "Alpha SARL", "CNIL"},
		{"d-aerzte", "Ärzte GmbH", ""},
	} {
		ent := &site.Entity{ID: e.id, Source: site.Source{Path: "content/entities/" + e.id + ".toml"}, Name: site.Localized{"": e.name}}
		if e.authority != "" {
			ent.Authority = &site.Authority{Name: site.Localized{"": e.authority}, URL: "https://authority.example/" + e.id}
		}
		entities = append(entities, ent)
	}
	f.site.Entities = entities
	f.site.Notices = nil
	f.site.Config.Languages = []string{"en", "de", "fr", "sv"}
	r, diags := f.renderer(nil, nil)
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	heading := regexp.MustCompile(`<h2 id="entity-[^"]+">([^<]+)</h2>`)
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"Alpha SARL", "Ärzte GmbH", "Éclair SAS", "Zeta AG"}},
		{"de", []string{"Alpha SARL", "Ärzte GmbH", "Éclair SAS", "Zeta AG"}},
		{"fr", []string{"Alpha SARL", "Ärzte GmbH", "Éclair SAS", "Zeta AG"}},
		{"sv", []string{"Alpha SARL", "Éclair SAS", "Zeta AG", "Ärzte GmbH"}}, // Swedish: Ä after Z
	} {
		var out bytes.Buffer
		if ds := r.Overview(&out, tt.lang); len(ds) != 0 {
			t.Fatalf("Overview(%s): %v", tt.lang, ds)
		}
		page := out.String()
		var got []string
		for _, m := range heading.FindAllStringSubmatch(page, -1) {
			got = append(got, htmlUnescape(m[1]))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: entities %q, expected %q", tt.lang, got, tt.want)
		}
		if !strings.Contains(page, `<a href="https://authority.example/c-alpha">CNIL</a>`) {
			t.Errorf("%s: no linked authority for Alpha SARL", tt.lang)
		}
		if n := strings.Count(page, "https://authority.example/"); n != 2 {
			t.Errorf("%s: %d authority links, expected 2 (entities without one show none)", tt.lang, n)
		}
	}
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#39;", "'", "&#34;", `"`).Replace(s)
}
