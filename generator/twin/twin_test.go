package twin

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
)

// dpvTerms reads the DPV 2.2 term list: every IRI of dpv, eu-gdpr, loc and pd.
func dpvTerms(t *testing.T) map[string]bool {
	t.Helper()
	f, err := os.Open("../../testdata/dpv/terms-2.2.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	terms := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		iri, _, _ := strings.Cut(sc.Text(), "\t")
		terms[iri] = true
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(terms) < 6000 || !terms[NSDPV+"PrivacyNotice"] {
		t.Fatalf("the term list has %d terms and no dpv:PrivacyNotice; expected DPV 2.2's ~6,800", len(terms))
	}
	return terms
}

func TestTerms(t *testing.T) {
	tests := []struct {
		name string
		term func(string) string
		code string
		want string
	}{
		{"consent", LegalBasisTerm, "gdpr-6-1-a", "eu-gdpr:A6-1-a"},
		{"contract", LegalBasisTerm, "gdpr-6-1-b", "eu-gdpr:A6-1-b"},
		{"legal obligation", LegalBasisTerm, "gdpr-6-1-c", "eu-gdpr:A6-1-c"},
		{"vital interests", LegalBasisTerm, "gdpr-6-1-d", "eu-gdpr:A6-1-d"},
		{"public task", LegalBasisTerm, "gdpr-6-1-e", "eu-gdpr:A6-1-e"},
		{"legitimate interest", LegalBasisTerm, "gdpr-6-1-f", "eu-gdpr:A6-1-f"},
		{"explicit consent", LegalBasisTerm, "gdpr-9-2-a", "eu-gdpr:A9-2-a"},
		{"TDDDG consent is Art. 6(1)(a)", LegalBasisTerm, "tdddg-25-1", "eu-gdpr:A6-1-a"},
		{"BDSG has no DPV term", LegalBasisTerm, "bdsg-26", ""},
		{"a site's own code has none", LegalBasisTerm, "hr-agreement", ""},
		{"scc", SafeguardTerm, "scc", "eu-gdpr:A46-2-c"},
		{"dpf is an adequacy decision", SafeguardTerm, "dpf", "eu-gdpr:A45-3"},
		{"adequacy", SafeguardTerm, "adequacy", "eu-gdpr:A45-3"},
		{"bcr", SafeguardTerm, "bcr", "eu-gdpr:BindingCorporateRules"},
		{"consent to a transfer", SafeguardTerm, "consent", "eu-gdpr:A49-1-a"},
		{"unknown safeguard", SafeguardTerm, "trust-us", ""},
		{"access", RightTerm, "access", "eu-gdpr:A15"},
		{"rectification", RightTerm, "rectification", "eu-gdpr:A16"},
		{"erasure", RightTerm, "erasure", "eu-gdpr:A17"},
		{"restriction", RightTerm, "restriction", "eu-gdpr:A18"},
		{"portability", RightTerm, "portability", "eu-gdpr:A20"},
		{"objection", RightTerm, "objection", "eu-gdpr:A21"},
		{"withdraw consent", RightTerm, "withdraw-consent", "eu-gdpr:A7-3"},
		{"complaint", RightTerm, "complaint", "eu-gdpr:A77"},
		{"unknown right", RightTerm, "be-forgotten-twice", ""},
		{"country", CountryTerm, "US", "loc:US"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.term(tt.code); got != tt.want {
				t.Errorf("term(%q) = %q, want %q", tt.code, got, tt.want)
			}
		})
	}
}

// TestEveryCodeHasATerm ties the mappings to vocab: every safeguard and
// right has a term, every legal-basis code a term or the site's IRI, and
// every term is in DPV 2.2.
func TestEveryCodeHasATerm(t *testing.T) {
	terms := dpvTerms(t)
	check := func(kind, code, compact string) {
		if compact == "" {
			t.Errorf("%s %q has no term", kind, code)
			return
		}
		if iri := expand(compact); !terms[iri] {
			t.Errorf("%s %q maps to %s (%s), which DPV 2.2 does not have", kind, code, compact, iri)
		}
	}
	for _, c := range vocab.Safeguards() {
		check("safeguard", c, SafeguardTerm(c))
	}
	for _, c := range vocab.Rights() {
		check("right", c, RightTerm(c))
	}
	for _, c := range vocab.LegalBases() {
		if c == vocab.LegalBasisEmployment {
			continue // under the site's baseURL, with its label
		}
		check("legal basis", c, LegalBasisTerm(c))
	}
}

// expand turns a compact IRI of the default context into an absolute one.
func expand(compact string) string {
	prefixes := map[string]string{"dpv": NSDPV, "eu-gdpr": NSEUGDPR, "loc": NSLoc, "schema": NSSchema, "dct": NSDCT, "xsd": NSXSD}
	if p, rest, ok := strings.Cut(compact, ":"); ok && prefixes[p] != "" {
		return prefixes[p] + rest
	}
	return compact
}

// testSite is a site with one entity, one notice and every kind of fact.
func testSite(t *testing.T) (*site.Site, *locale.Catalog, *compose.Page) {
	t.Helper()
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	s := &site.Site{Config: site.Config{BaseURL: "https://privacy.example/", DefaultLanguage: "en", Languages: []string{"en", "de"}},
		I18n: map[string]site.File{"en": {Path: "i18n/en.toml", Data: []byte("[legalBasis]\nworks-agreement = \"Works agreement on video calls\"\n")}},
		Providers: []*site.Provider{
			{ID: "callco", Name: site.Localized{"en": "CallCo Inc."}, Role: vocab.RoleProcessor, Country: "US", Website: "https://callco.example", Safeguards: []string{"dpf", "scc"}},
			{ID: "partner", Name: site.Localized{"en": "Partner SE"}, Role: vocab.RoleJointController, Country: "FR"},
			{ID: "bank", Name: site.Localized{"en": "Bank AG"}, Role: vocab.RoleController, Country: "DE"},
		}}
	cat, diags := locale.Load(os.DirFS("../../i18n"), s.I18n, s.Config.Languages, s.Config.DefaultLanguage)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	e := &site.Entity{ID: "acme", Name: site.Localized{"en": "Acme Ltd"}, Address: site.Localized{"en": "1 Road\nTown"},
		Email: "privacy@acme.example", Phone: "+1 555", Website: "https://acme.example", Updated: day(2),
		DPO: &site.DPO{Name: site.Localized{"en": "Dana Officer"}, Email: "dpo@acme.example"}}
	n := &site.Notice{ID: "calls", Title: site.Localized{"en": "Calls notice"}}
	part := func(id string, m site.FrontMatter) compose.Part {
		return compose.Part{Section: &site.Section{ID: id}, File: &site.SectionFile{Path: "content/sections/" + id + ".en.md", Lang: "en", Meta: m}, Facts: &m}
	}
	p := &compose.Page{Entity: e, Notice: n, Lang: "en", Parts: []compose.Part{
		part("intro", site.FrontMatter{Title: "Intro", Covers: []string{"access", "complaint", "nonsense"}}),
		part("video/calls", site.FrontMatter{Title: "Video calls", Updated: day(9),
			Purposes: []string{"Holding calls <&>"}, LegalBases: []string{"gdpr-6-1-a", "tdddg-25-1", "gdpr-6-1-f", "bdsg-26", "works-agreement"},
			DataCategories: []string{"Voice"}, DataSubjects: []string{"Callers"}, Recipients: []string{"IT team"},
			Providers: []string{"callco", "partner", "bank"}, Safeguards: []string{"adequacy", "bcr"},
			Retention: "Deleted after 30 days", Covers: []string{"objection", "access"}}),
	}}
	return s, cat, p
}

func TestNotice(t *testing.T) {
	s, cat, p := testSite(t)
	n, diags := New(s, cat).Notice(p)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	url := "https://privacy.example/en/acme/calls/"
	if n.ID != url || n.Type != "dpv:PrivacyNotice" || n.Language != "en" || n.Title != (Text{"Calls notice", "en"}) {
		t.Errorf("notice = %q %q %q %v", n.ID, n.Type, n.Language, n.Title)
	}
	if want := p.Updated().Format("2006-01-02"); n.Modified == nil || n.Modified.Value != want || n.Modified.Type != "xsd:date" {
		t.Errorf("modified = %v, want %s as xsd:date", n.Modified, want)
	}
	c := n.Controller
	if c.ID != url+"#controller" || c.Name != "Acme Ltd" || c.Email != "privacy@acme.example" || c.Telephone != "+1 555" || c.URL == nil || c.URL.ID != "https://acme.example" {
		t.Errorf("controller = %+v", c)
	}
	if n.DPO == nil || n.DPO.Name != "Dana Officer" || n.DPO.ID != url+"#data-protection-officer" {
		t.Errorf("dpo = %+v", n.DPO)
	}
	if got, want := ids(n.Rights), []string{"eu-gdpr:A15", "eu-gdpr:A77", "eu-gdpr:A21"}; !slices.Equal(got, want) {
		t.Errorf("rights = %q, want %q (every part's covers, each once, unknown left out)", got, want)
	}
	if len(n.Handlings) != 1 {
		t.Fatalf("%d handlings, want 1: a section without legal bases is none", len(n.Handlings))
	}
	h := n.Handlings[0]
	var bases []string
	for _, lb := range h.LegalBases {
		bases = append(bases, lb.ID)
	}
	tests := []struct {
		what      string
		got, want []string
	}{
		{"legal bases", bases, []string{"eu-gdpr:A6-1-a", "eu-gdpr:A6-1-f", "https://privacy.example/legal-basis/bdsg-26", "https://privacy.example/legal-basis/works-agreement"}},
		{"processors", names(h.Processors), []string{"CallCo Inc."}},
		{"joint controllers", names(h.JointControllers), []string{"Partner SE"}},
		{"recipients", names(h.Recipients), []string{"IT team", "CallCo Inc.", "Partner SE", "Bank AG"}},
		{"third countries", ids(h.ThirdCountries), []string{"loc:US"}},
		{"safeguards", ids(h.Safeguards), []string{"eu-gdpr:A45-3", "eu-gdpr:BindingCorporateRules", "eu-gdpr:A46-2-c"}},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("%s = %q, want %q", tt.what, tt.got, tt.want)
		}
	}
	if h.ID != url+"#video_calls" || h.Type != "dpv:PersonalDataHandling" {
		t.Errorf("handling = %q %q", h.ID, h.Type)
	}
	if lb := h.LegalBases[3]; lb.Type != "dpv:LegalBasis" || lb.Name == nil || *lb.Name != (Text{"Works agreement on video calls", "en"}) {
		t.Errorf("site's own legal basis = %+v, want its label", lb)
	}
	if got := h.Processors[0]; got.Type != "dpv:DataProcessor" || got.Country == nil || got.Country.ID != "loc:US" || got.URL == nil {
		t.Errorf("processor = %+v", got)
	}
	if h.Storage == nil || h.Storage.Type != "dpv:StorageDuration" || h.Storage.Description != (Text{"Deleted after 30 days", "en"}) {
		t.Errorf("storage = %+v", h.Storage)
	}
	if len(h.Purposes) != 1 || h.Purposes[0] != (Described{"dpv:Purpose", Text{"Holding calls <&>", "en"}}) {
		t.Errorf("purposes = %+v", h.Purposes)
	}
}

func TestNoDPO(t *testing.T) {
	s, cat, p := testSite(t)
	for _, d := range []*site.DPO{nil, {None: site.Localized{"en": "We have none."}}} {
		p.Entity.DPO = d
		n, _ := New(s, cat).Notice(p)
		if n.DPO != nil {
			t.Errorf("DPO %+v gives %+v, want none", d, n.DPO)
		}
	}
}

// TestMarshal checks the bytes: compact, on one line, HTML characters as
// they are, a final newline, the same bytes every time, and every term in the output
// (keys, @type values, vocabulary @ids) in DPV 2.2 or the named schema.org
// and Dublin Core terms.
func TestMarshal(t *testing.T) {
	s, cat, p := testSite(t)
	m := New(s, cat)
	var a, b bytes.Buffer
	if d := m.Write(&a, p); len(d) > 0 {
		t.Fatal(d)
	}
	m.Write(&b, p)
	out := a.String()
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of one page differ")
	}
	if !strings.HasPrefix(out, `{"@context":{"dpv":`) || !strings.HasSuffix(out, "}\n") || strings.Count(out, "\n") != 1 {
		t.Errorf("not compact JSON on one line with a final newline:\n%s", out)
	}
	if !strings.Contains(out, `"Holding calls <&>"`) {
		t.Error("HTML characters escaped; expected them as written")
	}
	var doc any
	if err := json.Unmarshal(a.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	terms := dpvTerms(t)
	for _, term := range compactTerms(doc) {
		iri := expand(term)
		if !terms[iri] && !slices.Contains(Allowed(), iri) {
			t.Errorf("%s (%s) is neither in DPV 2.2 nor an allowed schema.org, Dublin Core or XSD term", term, iri)
		}
	}
}

// compactTerms lists the prefixed names in doc: keys, @type values and
// @ids, outside the @context.
func compactTerms(v any) []string {
	var out []string
	prefixed := func(s string) bool {
		p, _, ok := strings.Cut(s, ":")
		return ok && !strings.HasPrefix(s, "http") && p != ""
	}
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			switch {
			case k == "@context":
				continue
			case (k == "@type" || k == "@id") && prefixed(x.(string)):
				out = append(out, x.(string))
			case prefixed(k):
				out = append(out, k)
			}
			out = append(out, compactTerms(x)...)
		}
	case []any:
		for _, x := range v {
			out = append(out, compactTerms(x)...)
		}
	}
	return out
}

func ids(refs []Ref) []string {
	var out []string
	for _, r := range refs {
		out = append(out, r.ID)
	}
	return out
}

func names(ps []Party) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}
