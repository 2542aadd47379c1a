// Package twin makes the machine-readable twin of every notice page,
// notice.jsonld: the page's facts as JSON-LD in terms of the W3C Data
// Privacy Vocabulary 2.2 (dpv, eu-gdpr, loc), with schema.org and Dublin
// Core for names, addresses, URLs and dates. Its facts come only from the
// composed page and from activity.Resolver.Of, as the page's do, so the
// twin cannot say what the page does not (docs/jsonld.md).
package twin

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"sync"

	"github.com/noticegen/noticegen/generator/activity"
	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
)

// FileName is the twin's name beside the page's index.html; the page's head
// links to it by this relative name.
const FileName = "notice.jsonld"

// Path is the output path of page p's twin below the site root.
func Path(p *compose.Page) string { return p.Path() + FileName }

// Namespaces of the terms a twin uses, as its inline @context states them.
const (
	NSDPV    = "https://w3id.org/dpv#"
	NSEUGDPR = "https://w3id.org/dpv/legal/eu/gdpr#"
	NSLoc    = "https://w3id.org/dpv/loc#"
	NSSchema = "https://schema.org/"
	NSDCT    = "http://purl.org/dc/terms/"
	NSXSD    = "http://www.w3.org/2001/XMLSchema#"
)

// LegalBasisPath is the folder below the site's baseURL that names a legal
// basis DPV has no term for (§ 26 BDSG, a site's own code).
const LegalBasisPath = "legal-basis/"

// Context is the inline @context of every twin: prefixes only, so that
// no processor ever fetches a remote context.
type Context struct {
	DPV    string `json:"dpv"`
	EUGDPR string `json:"eu-gdpr"`
	Loc    string `json:"loc"`
	Schema string `json:"schema"`
	DCT    string `json:"dct"`
	XSD    string `json:"xsd"`
}

// Notice is the twin of one notice page: a dpv:PrivacyNotice whose @id is
// the page's URL. Fields are in the order they are written.
type Notice struct {
	Context    *Context   `json:"@context,omitempty"`
	ID         string     `json:"@id"`
	Type       string     `json:"@type"`
	Title      Text       `json:"dct:title"`
	Language   string     `json:"dct:language"`
	Modified   *Date      `json:"dct:modified,omitempty"`
	Controller Controller `json:"dpv:hasDataController"`
	DPO        *Party     `json:"dpv:hasDataProtectionOfficer,omitempty"`
	Rights     []Ref      `json:"dpv:hasRight,omitempty"`
	Handlings  []Handling `json:"dpv:hasPersonalDataHandling,omitempty"`
}

// Controller is the entity the notice is from, a dpv:DataController.
type Controller struct {
	ID        string `json:"@id"`
	Type      string `json:"@type"`
	Name      string `json:"schema:name"`
	Address   string `json:"schema:address,omitempty"`
	Email     string `json:"schema:email,omitempty"`
	Telephone string `json:"schema:telephone,omitempty"`
	URL       *Ref   `json:"schema:url,omitempty"`
}

// Party is a DPO, a processor or a joint controller.
type Party struct {
	ID      string `json:"@id,omitempty"`
	Type    string `json:"@type"`
	Name    string `json:"schema:name,omitempty"`
	Email   string `json:"schema:email,omitempty"`
	URL     *Ref   `json:"schema:url,omitempty"`
	Country *Ref   `json:"dpv:hasCountry,omitempty"`
}

// Handling is one processing section of the page (one with legal bases),
// a dpv:PersonalDataHandling whose @id is the section's place on the page.
type Handling struct {
	ID               string       `json:"@id"`
	Type             string       `json:"@type"`
	Name             Text         `json:"schema:name"`
	Purposes         []Described  `json:"dpv:hasPurpose,omitempty"`
	LegalBases       []LegalBasis `json:"dpv:hasLegalBasis,omitempty"`
	PersonalData     []Described  `json:"dpv:hasPersonalData,omitempty"`
	DataSubjects     []Described  `json:"dpv:hasDataSubject,omitempty"`
	Recipients       []Party      `json:"dpv:hasRecipient,omitempty"`
	Processors       []Party      `json:"dpv:hasDataProcessor,omitempty"`
	JointControllers []Party      `json:"dpv:hasJointDataControllers,omitempty"`
	ThirdCountries   []Ref        `json:"dpv:hasThirdCountry,omitempty"`
	Safeguards       []Ref        `json:"dpv:hasTechnicalOrganisationalMeasure,omitempty"`
	Storage          *Described   `json:"dpv:hasStorageCondition,omitempty"`
}

// Described is a node known by its text in one language: a purpose, a
// category of data, a group of data subjects, a retention.
type Described struct {
	Type        string `json:"@type"`
	Description Text   `json:"schema:description"`
}

// LegalBasis is a legal basis: an eu-gdpr term by @id alone, or a node of
// the site's own under its baseURL with its label.
type LegalBasis struct {
	ID   string `json:"@id"`
	Type string `json:"@type,omitempty"`
	Name *Text  `json:"schema:name,omitempty"`
}

// Ref is a node by its IRI, compact (eu-gdpr:A15) or absolute.
type Ref struct {
	ID string `json:"@id"`
}

// Text is a string in a language.
type Text struct {
	Value    string `json:"@value"`
	Language string `json:"@language,omitempty"`
}

// Date is an xsd:date.
type Date struct {
	Value string `json:"@value"`
	Type  string `json:"@type"`
}

// Allowed lists the absolute IRIs of the terms a twin uses from outside
// DPV: schema.org for names, addresses, contacts, URLs and texts, Dublin
// Core for the notice's title, language and date, xsd:date for that date.
func Allowed() []string {
	return []string{
		NSSchema + "name", NSSchema + "address", NSSchema + "email", NSSchema + "telephone",
		NSSchema + "url", NSSchema + "description",
		NSDCT + "title", NSDCT + "language", NSDCT + "modified",
		NSXSD + "date",
	}
}

// DefaultContext is the @context every twin carries.
func DefaultContext() *Context {
	return &Context{DPV: NSDPV, EUGDPR: NSEUGDPR, Loc: NSLoc, Schema: NSSchema, DCT: NSDCT, XSD: NSXSD}
}

// gdprBases maps legal-basis codes to the eu-gdpr term that is the same
// basis. TDDDG § 25(1) is consent to storing on or reading from a device;
// its consent is that of Art. 6(1)(a) GDPR, which is what DPV can say.
var gdprBases = map[string]string{
	vocab.LegalBasisConsent:            "A6-1-a",
	vocab.LegalBasisContract:           "A6-1-b",
	vocab.LegalBasisLegalObligation:    "A6-1-c",
	vocab.LegalBasisVitalInterests:     "A6-1-d",
	vocab.LegalBasisPublicTask:         "A6-1-e",
	vocab.LegalBasisLegitimateInterest: "A6-1-f",
	vocab.LegalBasisExplicitConsent:    "A9-2-a",
	vocab.LegalBasisTerminalConsent:    "A6-1-a",
}

// LegalBasisTerm returns the compact eu-gdpr IRI of a legal-basis code, or
// "" for a code DPV has no term for (bdsg-26, a site's own).
func LegalBasisTerm(code string) string { return gdprTerm(gdprBases, code) }

// gdprSafeguards maps safeguard codes to their eu-gdpr term. DPV 2.2 has
// no term for the EU-U.S. Data Privacy Framework; it is an adequacy
// decision under Art. 45(3), as adequacy is.
var gdprSafeguards = map[string]string{
	vocab.SafeguardSCC:      "A46-2-c",
	vocab.SafeguardDPF:      "A45-3",
	vocab.SafeguardAdequacy: "A45-3",
	vocab.SafeguardBCR:      "BindingCorporateRules",
	vocab.SafeguardConsent:  "A49-1-a",
}

// SafeguardTerm returns the compact eu-gdpr IRI of a safeguard code, "" for
// an unknown one.
func SafeguardTerm(code string) string { return gdprTerm(gdprSafeguards, code) }

// gdprRights maps data-subject rights to the article granting them.
var gdprRights = map[string]string{
	vocab.RightAccess:          "A15",
	vocab.RightRectification:   "A16",
	vocab.RightErasure:         "A17",
	vocab.RightRestriction:     "A18",
	vocab.RightPortability:     "A20",
	vocab.RightObjection:       "A21",
	vocab.RightWithdrawConsent: "A7-3",
	vocab.RightComplaint:       "A77",
}

// RightTerm returns the compact eu-gdpr IRI of a data-subject right, "" for
// an unknown one.
func RightTerm(code string) string { return gdprTerm(gdprRights, code) }

// gdprTerm looks code up in one of the tables above; the tables are read,
// never written.
func gdprTerm(table map[string]string, code string) string {
	if t, ok := table[code]; ok {
		return "eu-gdpr:" + t
	}
	return ""
}

// CountryTerm returns the loc IRI of an ISO 3166-1 alpha-2 code.
func CountryTerm(code string) string { return "loc:" + code }

// Maker makes the twins of one site's pages.
type Maker struct {
	site *site.Site
	cat  *locale.Catalog
	act  *activity.Resolver
	// parts holds each part's rights and handling by what they are made
	// of, for the pages that show the same section: made once, and
	// encoded once for every page's notice.jsonld.
	parts sync.Map // partKey → *partTwin
}

// partKey names what a part's twin is made of: the facts (the file's, or
// the entity's own), the file shown and the page's language.
type partKey struct {
	facts *site.FrontMatter
	file  *site.SectionFile
	lang  string
}

// partTwin is the twin of one part, the same on every page that shows it
// but for the handling's @id, which starts with the page's URL.
type partTwin struct {
	rights     []string
	processing bool
	handling   Handling // its ID is the anchor alone: "#hosting"
	diags      diag.List
	// rest is the handling encoded after its @id: `,"@type":…}`; err
	// is why it could not be encoded.
	rest []byte
	err  error
}

// New returns a maker for the pages of s, labelling legal bases of the
// site's own from cat.
func New(s *site.Site, cat *locale.Catalog) *Maker {
	return &Maker{site: s, cat: cat, act: activity.NewResolver(s)}
}

// URL is page p's URL, as its canonical link states it.
func (m *Maker) URL(p *compose.Page) string { return m.site.Config.BaseURL + p.Path() }

// Notice returns the twin of page p. Labels the catalog cannot give are
// reported.
func (m *Maker) Notice(p *compose.Page) (*Notice, diag.List) {
	n, parts, diags := m.notice(p)
	url := n.ID
	for _, pt := range parts {
		if pt.processing {
			h := pt.handling
			h.ID = url + h.ID
			n.Handlings = append(n.Handlings, h)
		}
	}
	return n, diags
}

// notice returns the twin of page p without its handlings, and the twins
// of its parts.
func (m *Maker) notice(p *compose.Page) (*Notice, []*partTwin, diag.List) {
	var diags diag.List
	lang, def := p.Lang, m.site.Config.DefaultLanguage
	e, url := p.Entity, m.URL(p)
	n := &Notice{Context: DefaultContext(), ID: url, Type: "dpv:PrivacyNotice",
		Title: Text{p.Notice.Title.Get(lang, def), lang}, Language: lang}
	if u := p.Updated(); !u.IsZero() {
		n.Modified = &Date{Value: u.Format("2006-01-02"), Type: "xsd:date"}
	}
	n.Controller = Controller{ID: url + "#" + vocab.AnchorController, Type: "dpv:DataController",
		Name: e.Name.Get(lang, def), Address: e.Address.Get(lang, def), Email: e.Email, Telephone: e.Phone, URL: ref(e.Website)}
	if d := e.DPO; d != nil && (d.Name.Get(lang, def) != "" || d.Email != "") {
		n.DPO = &Party{ID: url + "#" + vocab.AnchorDataProtectionOfficer, Type: "dpv:DataProtectionOfficer",
			Name: d.Name.Get(lang, def), Email: d.Email}
	}
	var rights []string
	parts := make([]*partTwin, 0, len(p.Parts))
	for _, part := range p.Parts {
		pt := m.part(part, lang)
		parts = append(parts, pt)
		diags.Add(pt.diags...)
		for _, t := range pt.rights {
			if !slices.Contains(rights, t) {
				rights = append(rights, t)
			}
		}
	}
	for _, t := range rights {
		n.Rights = append(n.Rights, Ref{t})
	}
	return n, parts, diags
}

// part returns the twin of one part of a page in lang, made once.
func (m *Maker) part(part compose.Part, lang string) *partTwin {
	key := partKey{part.Facts, part.File, lang}
	if pt, ok := m.parts.Load(key); ok {
		return pt.(*partTwin)
	}
	a := m.act.Of(part, lang)
	pt := &partTwin{processing: a.Processing}
	for _, r := range a.Covers {
		if t := RightTerm(r); t != "" && !slices.Contains(pt.rights, t) {
			pt.rights = append(pt.rights, t)
		}
	}
	if a.Processing {
		pt.handling, pt.diags = m.handling("", a, lang)
		b, err := encode(pt.handling)
		pt.rest, pt.err = bytes.TrimPrefix(b, []byte(`{"@id":`+quoted(pt.handling.ID))), err
	}
	m.parts.Store(key, pt)
	return pt
}

// handling is the twin of one processing section a on a page at url in lang.
func (m *Maker) handling(url string, a activity.Activity, lang string) (Handling, diag.List) {
	var diags diag.List
	text := func(s string) Text { return Text{s, a.Lang} }
	described := func(typ string, vs []string) []Described {
		var out []Described
		for _, v := range vs {
			out = append(out, Described{typ, text(v)})
		}
		return out
	}
	h := Handling{ID: url + "#" + vocab.Anchor(a.ID), Type: "dpv:PersonalDataHandling", Name: text(a.Title),
		Purposes:     described("dpv:Purpose", a.Purposes),
		PersonalData: described("dpv:PersonalData", a.DataCategories),
		DataSubjects: described("dpv:DataSubject", a.DataSubjects),
	}
	var seen []string
	for _, code := range a.LegalBases {
		lb := LegalBasis{ID: LegalBasisTerm(code)}
		if lb.ID == "" {
			label, err := m.cat.LegalBasis(lang, code)
			if err != nil {
				diags.Add(labelDiag(err))
			}
			lb = LegalBasis{ID: m.site.Config.BaseURL + LegalBasisPath + code, Type: "dpv:LegalBasis", Name: &Text{label, lang}}
		}
		if !slices.Contains(seen, lb.ID) {
			seen = append(seen, lb.ID)
			h.LegalBases = append(h.LegalBases, lb)
		}
	}
	for _, r := range a.Recipients {
		h.Recipients = append(h.Recipients, Party{Type: "dpv:Recipient", Name: r})
	}
	for _, p := range a.Providers {
		party := Party{Name: p.Name, URL: ref(p.Website)}
		if p.Country != "" {
			party.Country = &Ref{CountryTerm(p.Country)}
		}
		switch p.Role {
		case vocab.RoleProcessor:
			party.Type = "dpv:DataProcessor"
			h.Processors = append(h.Processors, party)
		case vocab.RoleJointController:
			party.Type = "dpv:JointDataControllers"
			h.JointControllers = append(h.JointControllers, party)
		}
	}
	for _, c := range a.ThirdCountries {
		h.ThirdCountries = append(h.ThirdCountries, Ref{CountryTerm(c)})
	}
	seen = nil
	for _, s := range a.Safeguards {
		if t := SafeguardTerm(s); t != "" && !slices.Contains(seen, t) {
			seen = append(seen, t)
			h.Safeguards = append(h.Safeguards, Ref{t})
		}
	}
	if a.Retention != "" {
		h.Storage = &Described{"dpv:StorageDuration", text(a.Retention)}
	}
	return h, diags
}

// labelDiag is a catalog error as a diagnostic: at the message's line when
// the catalog knows it.
func labelDiag(err error) diag.Diagnostic {
	if me, ok := errors.AsType[*locale.MessageError](err); ok {
		return me.Diag
	}
	return diag.Diagnostic{Severity: diag.Error, Message: err.Error()}
}

func ref(iri string) *Ref {
	if iri == "" {
		return nil
	}
	return &Ref{iri}
}

// Marshal writes n as the bytes of notice.jsonld: encoding/json over the
// ordered structs above, compact, HTML characters kept as they are, one
// newline at the end. The same twin gives the same bytes.
func Marshal(n *Notice) ([]byte, error) {
	b, err := encode(n)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// encode is v as Marshal encodes it, without the newline.
func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// quoted is s as encode writes a string.
func quoted(s string) string {
	b, _ := encode(s) // a string always encodes
	return string(b)
}

// Write writes the twin of page p to w: the bytes Marshal gives for
// Notice(p), with each handling as its part encoded it once.
func (m *Maker) Write(w *bytes.Buffer, p *compose.Page) diag.List {
	n, parts, diags := m.notice(p)
	if diags.HasErrors() {
		return diags
	}
	fail := func(err error) diag.List {
		return append(diags, diag.Diagnostic{File: p.Entity.Source.Path, Severity: diag.Error, Message: "writing " + Path(p) + ": " + err.Error()})
	}
	head, err := encode(n)
	if err != nil {
		return fail(err)
	}
	// Handlings is the last field of a Notice: the handlings go before its
	// closing brace.
	w.Write(head[:len(head)-1])
	first := true
	for _, pt := range parts {
		if !pt.processing {
			continue
		}
		if pt.err != nil {
			return fail(pt.err)
		}
		if first {
			w.WriteString(`,"dpv:hasPersonalDataHandling":[`)
		} else {
			w.WriteByte(',')
		}
		first = false
		w.WriteString(`{"@id":`)
		w.WriteString(quoted(n.ID + pt.handling.ID))
		w.Write(pt.rest)
	}
	if !first {
		w.WriteByte(']')
	}
	w.WriteString("}\n")
	return diags
}
