package site

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const acmeEntity = `name = "Acme GmbH"
address = "Street 1, 12345 Town"
email = "privacy@acme.example"
notices = ["website"]
`

const zoomProvider = `name = "Zoom Communications, Inc."
role = "processor"
address = { en = "San Jose, USA", de = "San Jose, USA" }
country = "US"
website = "https://zoom.example"
privacyPolicy = { en = "https://zoom.example/privacy", de = "https://zoom.example/de/privacy" }
safeguards = ["dpf", "scc"]
dpf = { url = "https://dpf.example/zoom", checked = 2026-10-01 }

[[cookies]]
name = "_zm_session"
purpose = { en = "Keeps you signed in", de = "Hält Sie angemeldet" }
duration = { en = "1 year", de = "1 Jahr" }
category = "necessary"
party = "third"

[[cookies]]
name = "_zm_stats"
category = "statistics"
`

// loadDiags loads minimalSite with files replaced and returns the site and
// its diagnostics as file:line:col: message, sorted.
func loadDiags(t *testing.T, files map[string]string) (*Site, []string) {
	t.Helper()
	m := minimalSite()
	for p, s := range files {
		m[p] = &fstest.MapFile{Data: []byte(s)}
	}
	s, diags := load(t, m)
	var out []string
	for _, d := range diags.Sorted() {
		out = append(out, d.String())
	}
	return s, out
}

func TestLoadProviders(t *testing.T) {
	s, diags := loadDiags(t, map[string]string{
		"content/providers/zoom.toml":          zoomProvider,
		"content/providers/cloud/hetzner.toml": "name = \"Hetzner Online GmbH\"\nrole = \"processor\"\ncountry = \"DE\"\n",
	})
	if len(diags) != 0 {
		t.Fatalf("diagnostics for valid providers:\n%s", strings.Join(diags, "\n"))
	}
	var ids []string
	for _, p := range s.Providers {
		ids = append(ids, p.ID)
	}
	if !slices.Equal(ids, []string{"cloud/hetzner", "zoom"}) {
		t.Fatalf("provider ids = %q, want sorted cloud/hetzner, zoom", ids)
	}
	z := s.Providers[1]
	if z.Source.Path != "content/providers/zoom.toml" || z.Role != "processor" || z.Country != "US" ||
		z.PrivacyPolicy.Get("de", "en") != "https://zoom.example/de/privacy" || !slices.Equal(z.Safeguards, []string{"dpf", "scc"}) {
		t.Errorf("zoom decoded wrongly: %+v", z)
	}
	if z.DPF == nil || z.DPF.URL != "https://dpf.example/zoom" || !z.DPF.Checked.Equal(time.Date(2026, 10, 1, 0, 0, 0, 0, time.Local)) && z.DPF.Checked.Format("2006-01-02") != "2026-10-01" {
		t.Errorf("zoom dpf = %+v", z.DPF)
	}
	if len(z.Cookies) != 2 || z.Cookies[0].Name != "_zm_session" || z.Cookies[0].Purpose.Get("de", "en") != "Hält Sie angemeldet" || z.Cookies[1].Party != "" {
		t.Errorf("zoom cookies = %+v", z.Cookies)
	}
}

func TestLoadNoProvidersFolder(t *testing.T) {
	s, diags := loadDiags(t, nil)
	if len(diags) != 0 || len(s.Providers) != 0 {
		t.Errorf("a site without content/providers: providers %v, diagnostics %q", s.Providers, diags)
	}
}

func TestLoadEntityFacts(t *testing.T) {
	s, diags := loadDiags(t, map[string]string{"content/entities/acme.toml": acmeEntity + `country = "DE"

[representative]
name = "Acme EU Representative B.V."
address = "Amsterdam"
email = "rep@acme.example"

[[jointControllers]]
name = "Partner GmbH"
arrangement = { en = "We run the sign-up.", de = "Wir betreiben die Anmeldung." }

[dpo]
none = { en = "Not required (Art. 37 GDPR).", de = "Nicht erforderlich (Art. 37 DSGVO)." }

[authority]
name = "Authority"
address = "Somewhere 1"
email = "info@authority.example"
phone = "+49 30 0"

[sections."general"]
legalBases = ["bdsg-26"]
providers = []
purposes = ["Plain purpose", { en = "Hiring", de = "Einstellung" }]
retention = { en = "6 months", de = "6 Monate" }
cookies = [{ name = "jobs", purpose = { en = "Remembers the form", de = "Merkt sich das Formular" }, category = "necessary" }]
`})
	if len(diags) != 0 {
		t.Fatalf("diagnostics for valid entity facts:\n%s", strings.Join(diags, "\n"))
	}
	e := s.Entity("acme")
	if e.Country != "DE" || e.Representative == nil || e.Representative.Email != "rep@acme.example" || len(e.JointControllers) != 1 ||
		e.JointControllers[0].Arrangement.Get("de", "en") != "Wir betreiben die Anmeldung." {
		t.Errorf("entity decoded wrongly: %+v", e)
	}
	if e.DPO == nil || e.DPO.None.Get("de", "en") != "Nicht erforderlich (Art. 37 DSGVO)." || e.Authority.Phone != "+49 30 0" {
		t.Errorf("dpo %+v, authority %+v", e.DPO, e.Authority)
	}
	f := e.FactsFor("general")
	if f == nil {
		t.Fatal("no facts for general")
	}
	want := map[string]bool{"legalBases": true, "providers": true, "purposes": true, "retention": true, "cookies": true}
	if len(f.Given) != len(want) {
		t.Errorf("Given = %v, want %v", f.Given, want)
	}
	for k := range want {
		if !f.Given[k] {
			t.Errorf("Given lacks %q: %v", k, f.Given)
		}
	}
	m := f.Merge(FrontMatter{Retention: "forever", DataCategories: []string{"kept"}}, "de", "en")
	if !slices.Equal(m.Purposes, []string{"Plain purpose", "Einstellung"}) || m.Retention != "6 Monate" || m.Providers == nil && len(m.Providers) != 0 ||
		!slices.Equal(m.DataCategories, []string{"kept"}) || len(m.Cookies) != 1 {
		t.Errorf("merged = %+v", m)
	}
}

func TestLoadNoticeAndFrontMatterFacts(t *testing.T) {
	s, diags := loadDiags(t, map[string]string{
		"content/notices/website.toml": "title = \"Website\"\nsections = [\"general\"]\nobtained = \"both\"\nautomatedDecisions = { en = \"None.\", de = \"Keine.\" }\n",
		"content/sections/general.en.md": `+++
title = "General"
dataSubjects = ["Visitors"]
requirement = "Voluntary."
source = "Public registers"
providers = ["zoom"]
cookies = [{ name = "sid", purpose = "Session", duration = "Session", category = "necessary", party = "first" }]
measures = ["TLS"]
+++
Body.
`,
		"site.toml": `title = "Privacy"
baseURL = "https://privacy.example"
languages = ["en", "de"]
consentBases = ["tdddg-25-1"]

[[acknowledge]]
rule = "translation-stale"
file = "content/sections/general.de.md"
reason = "Only a typo was fixed."
`,
	})
	if len(diags) != 0 {
		t.Fatalf("diagnostics:\n%s", strings.Join(diags, "\n"))
	}
	n := s.Notice("website")
	if n.Obtained != "both" || n.AutomatedDecisions.Get("de", "en") != "Keine." {
		t.Errorf("notice = %+v", n)
	}
	m := s.Section("general").Translations["en"].Meta
	if !slices.Equal(m.DataSubjects, []string{"Visitors"}) || m.Requirement != "Voluntary." || m.SourceOfData != "Public registers" ||
		!slices.Equal(m.Providers, []string{"zoom"}) || len(m.Cookies) != 1 || m.Cookies[0].Purpose.Get("en", "en") != "Session" || !slices.Equal(m.Measures, []string{"TLS"}) {
		t.Errorf("front matter = %+v", m)
	}
	c := s.Config
	if !slices.Equal(c.ConsentBases, []string{"tdddg-25-1"}) || len(c.Acknowledge) != 1 || c.Acknowledge[0].File != "content/sections/general.de.md" {
		t.Errorf("config = %+v", c)
	}
}

func TestLoadFactsErrors(t *testing.T) {
	const zoom = "content/providers/zoom.toml"
	const acme = "content/entities/acme.toml"
	const gen = "content/sections/general.en.md"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"provider without name and role", map[string]string{zoom: "country = \"US\"\n"}, []string{
			zoom + `:1: error: name is missing; expected the provider's legal name, e.g. name = "Example Hosting GmbH"`,
			zoom + `:1: error: role is missing; expected one of processor, joint-controller, controller, e.g. role = "processor"`,
		}},
		{"provider name blank in the default language", map[string]string{zoom: "name = { en = \" \", de = \"Zoom\" }\nrole = \"processor\"\n"}, []string{
			zoom + `:1:1: error: name is empty in en, the default language; expected the provider's legal name, e.g. name = "Example Hosting GmbH"`,
		}},
		{"provider name without the default language", map[string]string{zoom: "name = { de = \"Zoom\" }\nrole = \"processor\"\n"}, []string{
			zoom + `:1:1: error: key "name" has no "en" text, so en pages would show nothing there; expected en = "…" in the table too, since en is the default language`,
		}},
		{"bad role", map[string]string{zoom: "name = \"Zoom\"\nrole = \"subprocessor\"\n"}, []string{
			zoom + `:2:8: error: unknown role "subprocessor"; expected one of processor, joint-controller, controller`,
		}},
		{"provider unknown key", map[string]string{zoom: "name = \"Zoom\"\nrole = \"processor\"\nurl = \"https://zoom.example\"\n"}, []string{
			zoom + `:3:1: error: unknown key "url"; expected one of: name, role, address, country, website, privacyPolicy, safeguards, dpf, cookies`,
		}},
		{"provider URLs", map[string]string{zoom: "name = \"Zoom\"\nrole = \"processor\"\nwebsite = \"javascript:alert(1)\"\nprivacyPolicy = { en = \"https://ok.example\", de = \"ftp://x.example\" }\ndpf = { url = \"zoom.example\", checked = 2026-01-01 }\n"}, []string{
			zoom + `:3:1: error: website: "javascript:alert(1)" is not an http(s) address; expected e.g. "https://example.com"`,
			zoom + `:4:1: error: privacyPolicy.de: "ftp://x.example" is not an http(s) address; expected e.g. "https://example.com"`,
			zoom + `:5:1: error: dpf.url: "zoom.example" is not an http(s) address; expected e.g. "https://example.com"`,
		}},
		{"dpf checked not a date", map[string]string{zoom: "name = \"Zoom\"\nrole = \"processor\"\n[dpf]\nurl = \"https://dpf.example\"\nchecked = \"2026-01-01\"\n"}, []string{
			zoom + `:5:12: error: key "dpf.checked": "2026-01-01" is text in quotes, not a date; expected the date without quotes: 2026-01-01`,
		}},
		{"dpf checked a time of day", map[string]string{zoom: "name = \"Zoom\"\nrole = \"processor\"\n[dpf]\nurl = \"https://dpf.example\"\nchecked = 10:00:00\n"}, []string{
			zoom + `:5:1: error: key "dpf.checked" has a time of day (10:00:00); expected a date such as 2025-03-01`,
		}},
		{"dpf without checked", map[string]string{zoom: "name = \"Zoom\"\nrole = \"processor\"\ndpf = { url = \"https://dpf.example\" }\n"}, []string{
			zoom + `:3:1: error: dpf.checked is missing; expected the date the entry was last seen active in the Data Privacy Framework list, e.g. checked = 2026-10-01`,
		}},
		{"provider cookies", map[string]string{zoom: "name = \"Zoom\"\nrole = \"processor\"\n[[cookies]]\npurpose = \"x\"\ncategory = \"necessary\"\n[[cookies]]\nname = \"a\"\ncategory = \"analytics\"\nparty = \"own\"\n[[cookies]]\nname = \"a\"\n"}, []string{
			zoom + `:3:1: error: cookies item 1 has no name; expected the name the cookie is stored under, e.g. name = "session"`,
			zoom + `:8:12: error: cookies item 2: unknown category "analytics"; expected one of necessary, preferences, statistics, marketing`,
			zoom + `:9:9: error: cookies item 2: unknown party "own"; expected one of first, third, or no party`,
			zoom + `:10:1: error: cookies item 3 has no category; expected one of necessary, preferences, statistics, marketing`,
			zoom + `:11:8: error: cookies item 3: cookie "a" is listed twice; expected each cookie once`,
		}},
		{"provider control character", map[string]string{zoom: "name = \"Zoom\"\nrole = \"processor\"\n[[cookies]]\nname = \"a\\u001bb\"\ncategory = \"necessary\"\n"}, []string{
			zoom + `:4:1: error: key "cookies.name", item 1, holds control character U+001B; expected text without control characters other than tab and newline`,
		}},
		{"provider bad file name", map[string]string{"content/providers/Zoom.toml": "name = \"Zoom\"\nrole = \"processor\"\n"}, []string{
			`content/providers/Zoom.toml:1: error: bad file name: id "Zoom" contains 'Z'; expected lower-case segments of a-z, 0-9 and -, joined by /`,
		}},
		{"dpo none with a contact", map[string]string{acme: acmeEntity + "[dpo]\nname = \"Dana\"\nemail = \"dpo@acme.example\"\nnone = \"Not required.\"\n"}, []string{
			acme + `:8:1: error: dpo.none says there is no data protection officer, but [dpo] also gives name, email; expected either none = "<reason>" or the officer's contact, not both`,
		}},
		{"dpo none blank", map[string]string{acme: acmeEntity + "[dpo]\nnone = \"\"\n"}, []string{
			acme + `:6:1: error: dpo.none is empty in en, the default language; expected why the entity has no data protection officer, e.g. none = "Not required under Art. 37 GDPR"`,
		}},
		{"dpo without name", map[string]string{acme: acmeEntity + "[dpo]\nemail = \"dpo@acme.example\"\n"}, []string{
			acme + `:5:1: error: dpo.name is missing; expected the data protection officer's name, e.g. name = "Dr. Miriam Feldkamp" in [dpo]`,
		}},
		{"representative without name", map[string]string{acme: acmeEntity + "[representative]\nemail = \"rep@acme.example\"\n"}, []string{
			acme + `:5:1: error: representative.name is missing; expected the representative's name, e.g. name = "Example Representation B.V." in [representative]`,
		}},
		{"joint controllers without name or arrangement", map[string]string{acme: acmeEntity + "[[jointControllers]]\nname = \"A\"\narrangement = \"We share.\"\n[[jointControllers]]\nemail = \"b@b.example\"\n[[jointControllers]]\nname = \"C\"\narrangement = { en = \"\", de = \"Wir teilen.\" }\n"}, []string{
			acme + `:8:1: error: jointControllers item 2: arrangement is missing; expected the essence of the arrangement (Art. 26(2) GDPR), e.g. arrangement = "We run the registration; Partner Events answers requests about the event app."`,
			acme + `:8:1: error: jointControllers item 2: name is missing; expected the joint controller's legal name, e.g. name = "Partner Events GmbH"`,
			acme + `:12:1: error: jointControllers item 3: arrangement is empty in en, the default language; expected the essence of the arrangement (Art. 26(2) GDPR), e.g. arrangement = "We run the registration; Partner Events answers requests about the event app."`,
		}},
		{"joint controller language not in the site", map[string]string{acme: acmeEntity + "[[jointControllers]]\nname = \"A\"\narrangement = { en = \"We share.\", fr = \"Nous partageons.\" }\n"}, []string{
			acme + `:7:1: error: language "fr" is not in site.toml languages ["en" "de"]; expected one of them, or the language added there`,
		}},
		{"unknown key in an entity's facts", map[string]string{acme: acmeEntity + "[sections.\"general\"]\nlegalBases = [\"gdpr-6-1-b\"]\nlegalBasis = [\"gdpr-6-1-b\"]\n"}, []string{
			acme + `:7:1: error: unknown key "sections.general.legalBasis"; expected one of: purposes, legalBases, legitimateInterest, dataCategories, dataSubjects, retention, recipients, thirdCountries, safeguards, covers, requirement, source, providers, cookies, measures`,
		}},
		{"an entity's facts: bad types and ids", map[string]string{acme: acmeEntity + "[sections.\"General\"]\nretention = \"x\"\n[sections.\"general\"]\nproviders = [\"zoom\", \"Zoom\", \"zoom\"]\n"}, []string{
			acme + `:5:1: error: sections: id "General" contains 'G'; expected lower-case segments of a-z, 0-9 and -, joined by / (a key of [sections."<id>"] is a section's id)`,
			acme + `:8:22: error: sections.general.providers: id "Zoom" contains 'Z'; expected lower-case segments of a-z, 0-9 and -, joined by /`,
			acme + `:8:30: error: sections.general.providers: "zoom" is listed twice; expected each id once`,
		}},
		{"an entity's facts: a purpose of the wrong type", map[string]string{acme: acmeEntity + "[sections.\"general\"]\npurposes = [1]\n"}, nil},
		{"an entity's facts: cookies", map[string]string{acme: acmeEntity + "[sections.\"general\"]\ncookies = [{ name = \"a\", category = \"tracking\" }]\n"}, []string{
			acme + `:6:37: error: sections.general.cookies item 1: unknown category "tracking"; expected one of necessary, preferences, statistics, marketing`,
		}},
		{"obtained misspelt", map[string]string{"content/notices/website.toml": "title = \"Website\"\nsections = [\"general\"]\nobtained = \"from-subjekt\"\n"}, []string{
			`content/notices/website.toml:3:12: error: unknown obtained "from-subjekt"; expected one of from-subject, from-others, both (from-subject when left out)`,
		}},
		{"automatedDecisions without the default language", map[string]string{"content/notices/website.toml": "title = \"Website\"\nsections = [\"general\"]\nautomatedDecisions = { de = \"Keine.\" }\n"}, []string{
			`content/notices/website.toml:3:1: error: key "automatedDecisions" has no "en" text, so en pages would show nothing there; expected en = "…" in the table too, since en is the default language`,
		}},
		{"front matter cookies", map[string]string{gen: "+++\ntitle = \"General\"\ncookies = [\n  { name = \"sid\", purpose = { en = \"x\" }, category = \"necessary\" },\n  { category = \"statistics\" },\n  { name = \"b\", category = \"Necessary\", party = \"3rd\" },\n]\n+++\nBody.\n"}, []string{
			gen + `:3:1: error: cookies item 1: purpose is a table of languages; expected plain text, since a section file is in one language (its translations are files of their own)`,
			gen + `:3:1: error: cookies item 2 has no name; expected the name the cookie is stored under, e.g. name = "session"`,
			gen + `:6:28: error: cookies item 3: unknown category "Necessary"; expected one of necessary, preferences, statistics, marketing`,
			gen + `:6:49: error: cookies item 3: unknown party "3rd"; expected one of first, third, or no party`,
		}},
		{"front matter providers", map[string]string{gen: "+++\ntitle = \"General\"\nproviders = [\"a\", \"../b\", \"a\"]\n+++\nBody.\n"}, []string{
			gen + `:3:19: error: providers: id "../b" contains '.'; expected lower-case segments of a-z, 0-9 and -, joined by /`,
			gen + `:3:27: error: providers: "a" is listed twice; expected each id once`,
		}},
		{"front matter cookie unknown key", map[string]string{gen: "+++\ntitle = \"General\"\ncookies = [{ name = \"a\", category = \"necessary\", lifetime = \"1 day\" }]\n+++\nBody.\n"}, []string{
			gen + `:3:1: error: unknown key "cookies.lifetime"; expected one of: name, purpose, duration, category, party`,
		}},
		{"acknowledge without rule or reason, and a file outside", map[string]string{"site.toml": "title = \"Privacy\"\nbaseURL = \"https://privacy.example\"\nlanguages = [\"en\", \"de\"]\n[[acknowledge]]\nrule = \"translation-stale\"\nreason = \"ok\"\n[[acknowledge]]\nfile = \"../x.md\"\nreason = \"  \"\n"}, []string{
			`site.toml:7:1: error: acknowledge item 2 has no rule; expected the rule id of the finding accepted, e.g. rule = "translation-stale"`,
			`site.toml:8:8: error: acknowledge item 2: file "../x.md" is not a path inside the site as check names it; expected a slash path from the site folder, e.g. "content/sections/cookies.de.md"`,
			`site.toml:9:1: error: acknowledge item 2 has no reason; expected why the finding is accepted, e.g. reason = "Reviewed on 2026-11-30: …"`,
		}},
		{"acknowledge unknown key", map[string]string{"site.toml": "title = \"Privacy\"\nbaseURL = \"https://privacy.example\"\nlanguages = [\"en\", \"de\"]\n[[acknowledge]]\nrule = \"x\"\nwhy = \"ok\"\n"}, []string{
			`site.toml:6:1: error: unknown key "acknowledge.why"; expected one of: rule, file, reason`,
		}},
		{"consentBases not strings", map[string]string{"site.toml": "title = \"Privacy\"\nbaseURL = \"https://privacy.example\"\nlanguages = [\"en\", \"de\"]\nconsentBases = \"tdddg-25-1\"\n"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := loadDiags(t, tt.files)
			if tt.want == nil {
				// a type error: its wording is the TOML decoder's, tested
				// elsewhere; here it must be one error, at its line
				if len(got) != 1 || !strings.Contains(got[0], ": error: ") {
					t.Errorf("got %q, want one error", got)
				}
				return
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestLoadFactsControlCharacters checks that the one walk over decoded
// values (checkValues) reaches every new key: a control character in any
// of them is an error at its key.
func TestLoadFactsControlCharacters(t *testing.T) {
	const esc = `\u001b`
	site := "title = \"Privacy\"\nbaseURL = \"https://privacy.example\"\nlanguages = [\"en\", \"de\"]\n"
	tests := []struct {
		file, text, want string
	}{
		{"content/entities/acme.toml", acmeEntity + "[representative]\nname = \"R" + esc + "\"\n", `:6:1: error: key "representative.name" holds control character U+001B`},
		{"content/entities/acme.toml", acmeEntity + "[[jointControllers]]\nname = \"J\"\narrangement = { en = \"A" + esc + "\" }\n", `:7:1: error: key "jointControllers.arrangement.en", item 1, holds control character U+001B`},
		{"content/entities/acme.toml", acmeEntity + "[dpo]\nnone = \"N" + esc + "\"\n", `:6:1: error: key "dpo.none" holds control character U+001B`},
		{"content/entities/acme.toml", acmeEntity + "[authority]\nname = \"A\"\nphone = \"1" + esc + "\"\n", `:7:1: error: key "authority.phone" holds control character U+001B`},
		{"content/entities/acme.toml", acmeEntity + "[sections.\"general\"]\npurposes = [\"ok\", { en = \"P" + esc + "\" }]\n", `:6:1: error: key "sections.general.purposes.en", item 2, holds control character U+001B`},
		{"content/notices/website.toml", "title = \"W\"\nsections = [\"general\"]\nautomatedDecisions = \"N" + esc + "\"\n", `:3:1: error: key "automatedDecisions" holds control character U+001B`},
		{"content/sections/general.en.md", "+++\ntitle = \"G\"\nmeasures = [\"TLS" + esc + "\"]\n+++\n", `:3:1: error: key "measures", item 1, holds control character U+001B`},
		{"site.toml", site + "[[acknowledge]]\nrule = \"x\"\nreason = \"R" + esc + "\"\n", `:6:1: error: key "acknowledge.reason", item 1, holds control character U+001B`},
		{"site.toml", site + "consentBases = [\"c" + esc + "\"]\n", `:4:1: error: key "consentBases", item 1, holds control character U+001B`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, got := loadDiags(t, map[string]string{tt.file: tt.text})
			if len(got) != 1 || !strings.HasPrefix(got[0], tt.file+tt.want) {
				t.Errorf("got %q, want one error starting %q", got, tt.file+tt.want)
			}
		})
	}
}
