// Package view is the page model a layout sees: a page (PageData), one
// section (SectionData) and the views inside them, every text already
// resolved to the page's language, so that layouts only arrange it. The
// fields are the layout contract documented in docs/output.md; nothing in
// them is state of the renderer. Entity projects a site entity once, for
// the controller block of a notice and the overview.
package view

import (
	"html/template"
	"strings"

	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/site"
)

// PageData is what a layout sees: everything already resolved to the page's
// language, so layouts only arrange it. Its fields are documented in
// docs/output.md.
type PageData struct {
	Kind      string // "chooser", "overview", "notice" or "changes": which layout renders it
	Lang      string // the page's language code, for <html lang>
	Dir       string // "ltr" or "rtl"
	Title     string // the page's <h1>
	SiteTitle string
	Canonical string     // absolute URL of this page
	Root      string     // relative path from this page to the site root: "" or "../../../"
	Languages []LangLink // the same page in every language, in site order
	XDefault  string     // absolute URL of the default language's version
	Updated   Date       // latest change of anything on the page
	Feed      string     // relative URL of the language's Atom feed; "" until the site releases a version

	Entities []EntityView // overview: every entity
	Entity   *EntityView  // notice: the controller
	// ContactsHTML is the notice's controller and DPO block, as the
	// template "contacts" of notice.html rendered it for the entity and
	// language; empty when the notice layouts define no "contacts".
	ContactsHTML template.HTML
	// AuthorityHTML is the notice's supervisory-authority section, as the
	// template "authority" of notice.html rendered it for the entity and
	// language; empty when the entity names no authority or the notice
	// layouts define no "authority".
	AuthorityHTML template.HTML
	Notice        NoticeView  // notice
	Glance        []GlanceRow // notice: one row per processing section
	Sections      []SectionView
	Versions      []VersionView // changes: every released version, newest first
	Version       *VersionNote  // notice: its released version, nil before the first release

	cat *locale.Catalog
}

// NewPage returns the data of a page whose messages come from cat.
func NewPage(cat *locale.Catalog) *PageData { return &PageData{cat: cat} }

// NewContacts returns what the template "contacts" sees: a page with the
// entity, its language and the messages, nothing of a notice, since the
// block it renders is shared by all the entity's notices in lang.
func NewContacts(cat *locale.Catalog, lang string, e *EntityView) *PageData {
	return &PageData{Lang: lang, Dir: locale.Direction(lang), Entity: e, cat: cat}
}

// T returns the UI message id in the page's language. Arguments are pairs
// of template data, e.g. {{ .T "updated" "Date" .Updated.Text }}. Its
// error, a *locale.MessageError, ends the layout and is reported at the
// message's line.
func (p *PageData) T(id string, pairs ...any) (string, error) {
	var data map[string]any
	if len(pairs) > 1 {
		data = make(map[string]any, len(pairs)/2)
		for i := 0; i+1 < len(pairs); i += 2 {
			if k, ok := pairs[i].(string); ok {
				data[k] = pairs[i+1]
			}
		}
	}
	return p.cat.T(p.Lang, id, data)
}

// AndList joins items as a list in the page's language, with CLDR's
// "and" pattern ("A, B and C", "A, B und C", "A, B et C") or the site's
// listAnd message: {{ .AndList .Purposes }}.
func (p *PageData) AndList(items []string) (string, error) { return p.cat.List(p.Lang, items) }

// Quote puts text in the page language's quotation marks (CLDR's
// delimiters: “…”, „…“, « … ») or the site's quote message:
// {{ .Quote .Entity.DPONone }}.
func (p *PageData) Quote(text string) (string, error) { return p.cat.Quote(p.Lang, text) }

// SectionsHTML prints every section's .HTML, each on a line of its own, in
// one action: what {{range .Sections}}{{"\n"}}{{.HTML}}{{end}} prints. A
// page shows dozens of sections, rows and entries, and every action costs
// the template engine more than the text it prints.
func (p *PageData) SectionsHTML() template.HTML {
	return eachOnALine(p.Sections, func(s *SectionView) template.HTML { return s.HTML })
}

// TOCEntriesHTML prints every section's .TOCHTML, each on a line of its
// own, as SectionsHTML prints the sections.
func (p *PageData) TOCEntriesHTML() template.HTML {
	return eachOnALine(p.Sections, func(s *SectionView) template.HTML { return s.TOCHTML })
}

// GlanceRowsHTML prints every row's .HTML of the at-a-glance table, each
// on a line of its own, as SectionsHTML prints the sections.
func (p *PageData) GlanceRowsHTML() template.HTML {
	return eachOnALine(p.Glance, func(r *GlanceRow) template.HTML { return r.HTML })
}

// eachOnALine joins html of every item, each after a newline.
func eachOnALine[T any](items []T, html func(*T) template.HTML) template.HTML {
	n := 0
	for i := range items {
		n += 1 + len(html(&items[i]))
	}
	var b strings.Builder
	b.Grow(n)
	for i := range items {
		b.WriteByte('\n')
		b.WriteString(string(html(&items[i])))
	}
	return template.HTML(b.String()) // #nosec: joins HTML the layouts rendered
}

// Tel returns a tel: link for a phone number as people write it
// ("+49 30 000000"), keeping only what a dialler reads.
func (p *PageData) Tel(phone string) template.URL {
	var b strings.Builder
	b.WriteString("tel:")
	// "+49 (0)30 …": the (0) is dialled only from inside the country.
	if strings.HasPrefix(strings.TrimSpace(phone), "+") {
		phone = strings.ReplaceAll(phone, "(0)", "")
	}
	for _, r := range phone {
		if r >= '0' && r <= '9' || r == '+' && b.Len() == len("tel:") {
			b.WriteRune(r)
		}
	}
	return template.URL(b.String()) // #nosec: digits and a leading + only
}

// SectionData is what partials/section.html sees: one section and the
// page's language, nothing else of the page, because the rendered section
// is reused on every page that shows the same content in the same language.
type SectionData struct {
	SectionView
	PageLang string // the page's language, for lang attributes and labels
	cat      *locale.Catalog
}

// NewSection returns the data of section sv on a page in lang whose
// messages come from cat.
func NewSection(sv SectionView, lang string, cat *locale.Catalog) *SectionData {
	return &SectionData{SectionView: sv, PageLang: lang, cat: cat}
}

// T returns the UI message id in the page's language, as PageData.T does.
func (d *SectionData) T(id string, pairs ...any) (string, error) {
	p := PageData{Lang: d.PageLang, cat: d.cat}
	return p.T(id, pairs...)
}

// AndList joins items as a list in the page's language, as
// PageData.AndList does: {{ .AndList .DataCategories }}.
func (d *SectionData) AndList(items []string) (string, error) { return d.cat.List(d.PageLang, items) }

// Quote puts text in the page language's quotation marks, as
// PageData.Quote does.
func (d *SectionData) Quote(text string) (string, error) { return d.cat.Quote(d.PageLang, text) }

// LangLink is one language version of a page.
type LangLink struct {
	Lang    string // code, for hreflang
	Name    string // the language's name in itself: "Deutsch"
	URL     string // absolute, for <link rel=alternate>
	Href    string // relative, for links on the page
	Current bool
}

// Date is a date as readers see it and as machines read it.
type Date struct {
	Text string // "1. März 2025"
	ISO  string // "2025-03-01"
}

// Link is a titled relative link.
type Link struct {
	Title, Href string
}

// EntityView is a data controller as shown on a page.
type EntityView struct {
	ID            string
	Name          string
	Address       []string // lines
	Email         string
	Phone         string
	Website       string
	Register      string
	VATID         string
	RepresentedBy string
	Country       string // the country's name in the page's language; "" when not given
	DPO           *DPOView
	// DPONone is the reason the entity gives for having no DPO ([dpo]
	// none); DPO is nil then.
	DPONone          string
	Authority        *AuthorityView
	Representative   *ContactView  // Art. 27: the representative in the Union
	JointControllers []ContactView // Art. 26, each with its Arrangement
	Notices          []Link        // overview: this entity's notices in the page's language
}

// ContactView is a representative or joint controller: who, where, and
// for a joint controller the essence of the arrangement.
type ContactView struct {
	Name        string
	Address     []string
	Email       string
	Arrangement string
}

// DPOView is a data protection officer's contact.
type DPOView struct {
	Name    string
	Address []string
	Email   string
	Phone   string
}

// AuthorityView is a supervisory authority.
type AuthorityView struct {
	Name, URL    string
	Address      []string
	Email, Phone string
}

// NoticeView names the notice a page shows.
type NoticeView struct {
	ID, Title string
	// AutomatedDecisions is the notice's statement on decisions made
	// solely by automated means (Art. 13(2)(f)); "" when it gives none.
	AutomatedDecisions string
}

// GlanceRow is one row of the "at a glance" table.
type GlanceRow struct {
	Anchor         string // id of the full section, for a link
	Title          string
	Lang           string // set when the row's text is a fallback language
	Purposes       []string
	LegalBases     []string // labels: "Art. 6(1)(f) GDPR"
	Retention      string
	ThirdCountries []string      // names in the page's language
	HTML           template.HTML // the row as the partial "glance-row" renders it
}

// SectionView is one section of a notice.
type SectionView struct {
	Anchor   string // stable id: the section id with / as _ (vocab.Anchor)
	Title    string
	Lang     string // set when the text is in the fallback language
	LangName string // that language's name in the page's language: "Englisch"
	Fallback bool
	Intro    bool          // a folder's _index, introducing the sections after it
	Body     template.HTML // the Markdown body as HTML
	HTML     template.HTML // the whole section as partials/section.html renders it
	// GlanceHTML is the section's row of the at-a-glance table, rendered
	// by the partial "glance-row"; empty for an informational section.
	GlanceHTML template.HTML
	// TOCHTML is the section's entry in the table of contents, rendered
	// by the template "toc-entry" (in notice.html) once per section and
	// language; empty when the notice layout defines no such template.
	TOCHTML template.HTML

	// Facts from the front matter, shown after the body of a processing
	// section so a notice is complete even where the prose is short.
	Processing         bool
	Purposes           []string
	LegalBases         []string
	LegitimateInterest string
	DataCategories     []string
	Recipients         []string
	Retention          string
	ThirdCountries     []string // the section's own and its providers', by name
	Safeguards         []string // labels, the section's own and its providers'
	DataSubjects       []string
	Requirement        string // Art. 13(2)(e)
	Source             string // Art. 14(2)(f)
	Providers          []ProviderView
	// Cookies are the section's own (first-party) cookies, then its
	// providers'; CookiesAnchor is the id of their table, "" without any.
	Cookies       []CookieView
	CookiesAnchor string
}

// ProviderView is a provider a section names, as its key facts list it.
type ProviderView struct {
	ID            string
	Name          string
	Role          string   // label: "processor", "Auftragsverarbeiter"
	Country       string   // name in the page's language; "" when not given
	Safeguards    []string // labels
	Website       string
	PrivacyPolicy string // URL in the page's language
}

// CookieView is one row of a section's cookie table.
type CookieView struct {
	Name     string
	Provider string // the provider's name, or the first-party label
	Purpose  string
	Duration string
	Category string // label
	// Lang is set when Purpose and Duration are in another language
	// than the table around them.
	Lang string
}

// Entity is entity e as pages in lang show it, with def filling in what
// lang lacks. Section bodies see the entity through sandbox.Data, whose
// fields are the body contract (an address as one string, a DPO that is
// never nil), not this one.
func Entity(e *site.Entity, lang, def string) *EntityView {
	v := &EntityView{
		ID: e.ID, Name: e.Name.Get(lang, def), Address: lines(e.Address.Get(lang, def)),
		Email: e.Email, Phone: e.Phone, Website: e.Website, Register: e.Register.Get(lang, def),
		VATID: e.VATID, RepresentedBy: e.RepresentedBy.Get(lang, def),
	}
	if e.Country != "" {
		v.Country = locale.CountryName(lang, e.Country)
	}
	switch {
	case e.DPO != nil && !e.DPO.None.IsZero():
		v.DPONone = e.DPO.None.Get(lang, def)
	case e.DPO != nil:
		v.DPO = &DPOView{Name: e.DPO.Name.Get(lang, def), Address: lines(e.DPO.Address.Get(lang, def)), Email: e.DPO.Email, Phone: e.DPO.Phone}
	}
	if a := e.Authority; a != nil && !a.Name.IsZero() {
		v.Authority = &AuthorityView{Name: a.Name.Get(lang, def), URL: a.URL, Address: lines(a.Address.Get(lang, def)), Email: a.Email, Phone: a.Phone}
	}
	if r := e.Representative; r != nil {
		v.Representative = &ContactView{Name: r.Name.Get(lang, def), Address: lines(r.Address.Get(lang, def)), Email: r.Email}
	}
	for _, j := range e.JointControllers {
		v.JointControllers = append(v.JointControllers, ContactView{
			Name: j.Name.Get(lang, def), Address: lines(j.Address.Get(lang, def)), Email: j.Email, Arrangement: j.Arrangement.Get(lang, def),
		})
	}
	return v
}

// lines splits an address into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// VersionView is one released version of a notice page on its changes
// page.
type VersionView struct {
	Date, Effective Date
	// Class is "first", "material" or "editorial"; Material is true for
	// material ones, which the page says in words.
	Class    string
	Material bool
	// State is "current", "upcoming", "archived" or "never" (replaced
	// before it came into force).
	State string
	// Href links to the version's page from the changes page: its
	// archived page, the notice page for the current one, "" otherwise.
	Href    string
	Changes []ChangeView
	Diffs   []SectionDiff // the wording of each section whose text changed
}

// ChangeView is one changed fact of a version.
type ChangeView struct {
	Section string // the section's title, "" for the page as a whole
	Fact    string // the fact's label in the page's language
	Added   []string
	Removed []string
	Old     string
	New     string
}

// SectionDiff is the word-level change of one section's text between a
// version and the one before it.
type SectionDiff struct {
	Title string
	Ops   []DiffOp
}

// DiffOp is a run of words: Kind "equal", "insert" or "delete".
type DiffOp struct {
	Kind string
	Text string
}

// VersionNote is what a notice page says of its versions.
type VersionNote struct {
	// Current is false while the page's first version is still upcoming;
	// Date and Effective are then zero.
	Current         bool
	Date, Effective Date
	// Upcoming is the effective date of a version announced in advance,
	// zero when there is none.
	Upcoming Date
	Changes  string // relative link to the changes page: "changes/"
}
