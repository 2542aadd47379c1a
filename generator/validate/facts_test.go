package validate

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

const providerFile = "name = \"Zoom\"\nrole = \"processor\"\ncountry = \"US\"\nsafeguards = [\"dpf\"]\n"

// withProviders is validSite with two providers and the general section
// naming one of them.
func withProviders() fstest.MapFS {
	m := validSite()
	m["content/providers/zoom.toml"] = &fstest.MapFile{Data: []byte(providerFile)}
	m["content/providers/hetzner.toml"] = &fstest.MapFile{Data: []byte("name = \"Hetzner\"\nrole = \"processor\"\ncountry = \"DE\"\n")}
	both("general", "covers = []", "covers = []\nproviders = [\"zoom\"]\ncookies = [{ name = \"sid\", category = \"necessary\" }]")(m)
	return m
}

func TestFactsValid(t *testing.T) {
	m := withProviders()
	replace("content/entities/acme.toml", "[dpo]", "country = \"DE\"\n\n[sections.\"general\"]\nproviders = [\"hetzner\"]\nlegalBases = [\"gdpr-6-1-b\"]\n\n[dpo]")(m)
	replace("site.toml", "languages", "consentBases = [\"gdpr-9-2-a\"]\nlanguages")(m)
	if diags := run(t, m); len(diags) != 0 {
		t.Fatalf("a valid site with providers and facts has diagnostics:\n%v", diags)
	}
}

func TestFactsDiagnostics(t *testing.T) {
	const (
		entity = "content/entities/acme.toml"
		genEN  = "content/sections/general.en.md"
		genDE  = "content/sections/general.de.md"
		zoom   = "content/providers/zoom.toml"
	)
	facts := func(toml string) func(fstest.MapFS) {
		return replace(entity, "[dpo]", toml+"\n[dpo]")
	}
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		want   []string
	}{
		{"unknown provider in front matter, with the nearest id", both("general", `providers = ["zoom"]`, `providers = ["zom"]`), []string{
			genDE + `:10:14: error: unknown provider "zom"; expected a file content/providers/zom.toml, or the known provider "zoom" [unknown-ref]`,
			genEN + `:10:14: error: unknown provider "zom"; expected a file content/providers/zom.toml, or the known provider "zoom" [unknown-ref]`,
		}},
		{"unknown provider in an entity's facts", facts("[sections.\"general\"]\nproviders = [\"hetzner\", \"cloudflare\"]\n"), []string{
			entity + `:8:25: error: unknown provider "cloudflare"; expected a file content/providers/cloudflare.toml [unknown-ref]`,
		}},
		{"facts for a section the entity does not show", facts("[sections.\"conferencing/zoom\"]\nretention = \"1 day\"\n[sections.\"events\"]\nretention = \"1 day\"\n"), []string{
			entity + `:7:1: error: [sections."conferencing/zoom"] gives facts for section "conferencing/zoom", but there is no such section; expected the id of a section on this entity's pages (conferencing/_index, conferencing/teams, general, rights)`,
			entity + `:9:1: error: [sections."events"] gives facts for section "events", but there is no such section; expected the id of a section on this entity's pages (conferencing/_index, conferencing/teams, general, rights)`,
		}},
		{"facts for a section that exists but is not shown", func(m fstest.MapFS) {
			m["content/sections/events.en.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Events\"\n+++\n")}
			facts("[sections.\"events\"]\nretention = \"1 day\"\n")(m)
		}, []string{
			entity + `:7:1: error: [sections."events"] gives facts for section "events", but no notice of this entity shows it; expected the id of a section on this entity's pages (conferencing/_index, conferencing/teams, general, rights)`,
		}},
		{"codes in an entity's facts", facts("[sections.\"general\"]\nlegalBases = [\"gdpr-6-1-z\"]\nthirdCountries = [\"UK\"]\nsafeguards = [\"sccs\"]\ncovers = [\"delete\"]\n"), []string{
			entity + `:8:15: error: unknown legal basis "gdpr-6-1-z"; expected one of gdpr-6-1-a … gdpr-6-1-f, gdpr-9-2-a, bdsg-26, tdddg-25-1, or a code with a message legalBasis.gdpr-6-1-z in i18n/ [unknown-ref]`,
			entity + `:9:19: error: "UK" is not an ISO 3166-1 alpha-2 country code; expected "GB" for the United Kingdom`,
			entity + `:10:15: error: unknown safeguard "sccs"; expected one of adequacy, scc, dpf, bcr, consent`,
			entity + `:11:11: error: unknown right "delete"; expected one of access, rectification, erasure, restriction, portability, objection, withdraw-consent, complaint`,
		}},
		{"entity country", replace(entity, "[dpo]", "country = \"de\"\n[dpo]"), []string{
			entity + `:7:11: error: "de" is not an ISO 3166-1 alpha-2 country code; expected upper-case letters: "DE"`,
		}},
		{"provider country and safeguards", replace(zoom, "country = \"US\"\nsafeguards = [\"dpf\"]", "country = \"USA\"\nsafeguards = [\"privacy-shield\"]"), []string{
			zoom + `:3:11: error: "USA" is not an ISO 3166-1 alpha-2 country code; expected two upper-case letters such as "US"`,
			zoom + `:4:15: error: unknown safeguard "privacy-shield"; expected one of adequacy, scc, dpf, bcr, consent`,
		}},
		{"providers differ between translations", replace(genDE, `providers = ["zoom"]`, `providers = ["hetzner"]`), []string{
			genDE + `:10:1: error: providers is ["hetzner"] here but ["zoom"] in content/sections/general.en.md:10; language-neutral fields must agree across translations [translation-mismatch]`,
		}},
		{"cookie names differ between translations", replace(genDE, `name = "sid"`, `name = "session"`), []string{
			genDE + `:11:1: error: the cookie names are ["session"] here but ["sid"] in content/sections/general.en.md:11; language-neutral fields must agree across translations [translation-mismatch]`,
		}},
		{"a cookie missing in a translation", replace(genDE, `cookies = [{ name = "sid", category = "necessary" }]`, `cookies = []`), []string{
			genDE + `:11:1: error: the cookie categories are [] here but ["necessary"] in content/sections/general.en.md:11; language-neutral fields must agree across translations [translation-mismatch]`,
			genDE + `:11:1: error: the cookie names are [] here but ["sid"] in content/sections/general.en.md:11; language-neutral fields must agree across translations [translation-mismatch]`,
		}},
		{"cookie categories differ between translations", replace(genDE, `category = "necessary"`, `category = "statistics"`), []string{
			genDE + `:11:1: error: the cookie categories are ["statistics"] here but ["necessary"] in content/sections/general.en.md:11; language-neutral fields must agree across translations [translation-mismatch]`,
		}},
		{"unknown consent basis", replace("site.toml", "languages", "consentBases = [\"tkg-165-3\"]\nlanguages"), []string{
			`site.toml:4:17: error: unknown legal basis "tkg-165-3"; expected one of gdpr-6-1-a … gdpr-6-1-f, gdpr-9-2-a, bdsg-26, tdddg-25-1, or a code with a message legalBasis.tkg-165-3 in i18n/ [unknown-ref]`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := withProviders()
			tt.change(m)
			var got []string
			for _, d := range run(t, m).Sorted() {
				got = append(got, d.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
