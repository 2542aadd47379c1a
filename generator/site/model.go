// Package site is the model of a noticegen site and its loader. Load reads
// site.toml, content/ and i18n/ through an fs.FS and returns plain data plus
// every problem it found, each with file and line. It checks what one file
// can tell on its own (syntax, types, unknown keys, ids); references between
// files are checked by package validate.
package site

import (
	"strings"
	"time"
)

// Site is everything read from a site's sources.
type Site struct {
	Config    Config
	Source    Source      // site.toml
	Entities  []*Entity   // sorted by ID
	Notices   []*Notice   // sorted by ID
	Sections  []*Section  // sorted by ID
	Providers []*Provider // sorted by ID
	// Versions are the released versions of every notice page, sorted by
	// entity, notice, language and date (content/versions/).
	Versions []*Version
	// I18n holds the site's own message files by language code, merged over
	// the built-in ones by package locale.
	I18n map[string]File
	// Static lists the files under static/, copied as they are.
	Static []string
	// Broken holds the paths of content files that exist but could not be
	// loaded. Their errors are reported once, by the loader; references to
	// them are not reported again as unknown.
	Broken map[string]bool
}

// File is a file read verbatim.
type File struct {
	Path string
	Data []byte
}

// Config is site.toml.
type Config struct {
	Title           Localized `toml:"title"`
	BaseURL         string    `toml:"baseURL"`
	DefaultLanguage string    `toml:"defaultLanguage"`
	Languages       []string  `toml:"languages"`
	PublishDir      string    `toml:"publishDir"`
	Minify          *bool     `toml:"minify"`
	UnsafeHTML      bool      `toml:"unsafeHTML"`
	// Keep names top-level entries of the destination that every build
	// carries over instead of replacing; [".git"] when site.toml has no
	// keep, so a public/ that is a git worktree keeps its repository.
	Keep []string `toml:"keep"`
	// ConsentBases are the site's own legal-basis codes that mean
	// consent (besides gdpr-6-1-a), such as "tdddg-25-1".
	ConsentBases []string `toml:"consentBases"`
	// Acknowledge lists the findings of check that the site accepts.
	Acknowledge []Acknowledgement `toml:"acknowledge"`
}

// Entity is one subsidiary: a data controller with its own notices.
type Entity struct {
	ID     string `toml:"-"`
	Source Source `toml:"-"`

	Name          Localized  `toml:"name"`
	Address       Localized  `toml:"address"`
	Email         string     `toml:"email"`
	Phone         string     `toml:"phone"`
	Website       string     `toml:"website"`
	Register      Localized  `toml:"register"`
	VATID         string     `toml:"vatID"`
	RepresentedBy Localized  `toml:"representedBy"`
	Updated       time.Time  `toml:"updated"`
	Notices       []string   `toml:"notices"`
	Uses          []string   `toml:"uses"`
	Omit          []string   `toml:"omit"`
	DPO           *DPO       `toml:"dpo"`
	Authority     *Authority `toml:"authority"`
	Params        Params     `toml:"params"`

	Country          string            `toml:"country"` // ISO 3166-1 alpha-2
	Representative   *Representative   `toml:"representative"`
	JointControllers []JointController `toml:"jointControllers"`
	// Sections holds the entity's own facts by section id.
	Sections map[string]*Facts `toml:"sections"`
}

// FactsFor returns the entity's own facts for section id, or nil.
func (e *Entity) FactsFor(id string) *Facts { return e.Sections[id] }

// DPO is an entity's data protection officer.
type DPO struct {
	Name    Localized `toml:"name"`
	Email   string    `toml:"email"`
	Phone   string    `toml:"phone"`
	Address Localized `toml:"address"`
	// None, instead of a DPO's contact, states why the entity has none.
	None Localized `toml:"none"`
}

// Authority is the supervisory authority competent for an entity.
type Authority struct {
	Name    Localized `toml:"name"`
	URL     string    `toml:"url"`
	Address Localized `toml:"address"`
	Email   string    `toml:"email"`
	Phone   string    `toml:"phone"`
}

// Notice is one kind of notice, such as the website notice.
type Notice struct {
	ID     string `toml:"-"`
	Source Source `toml:"-"`

	Title    Localized `toml:"title"`
	Sections []string  `toml:"sections"`
	// Obtained says where the notice's data comes from: from-subject
	// (Art. 13, the default), from-others (Art. 14) or both.
	Obtained string `toml:"obtained"`
	// AutomatedDecisions states whether decisions are made solely by
	// automated means (Art. 13(2)(f)).
	AutomatedDecisions Localized `toml:"automatedDecisions"`
}

// Section is one reusable module of text in all its languages.
type Section struct {
	ID string
	// Dir is the folder part of the id ("conferencing" for
	// "conferencing/teams"), which slots select on.
	Dir string
	// Index marks a folder's intro, content/sections/<dir>/_index.<lang>.md.
	Index        bool
	Translations map[string]*SectionFile
}

// SectionFile is one language of a section.
type SectionFile struct {
	ID       string
	Lang     string
	Path     string
	Front    Source // the front matter, positioned in the file
	Meta     FrontMatter
	Body     string
	BodyLine int // file line on which Body starts
}

// FrontMatter is the TOML between the +++ lines of a section file.
type FrontMatter struct {
	Title              string    `toml:"title"`
	Purposes           []string  `toml:"purposes"`
	LegalBases         []string  `toml:"legalBases"`
	LegitimateInterest string    `toml:"legitimateInterest"`
	DataCategories     []string  `toml:"dataCategories"`
	Retention          string    `toml:"retention"`
	Recipients         []string  `toml:"recipients"`
	ThirdCountries     []string  `toml:"thirdCountries"`
	Safeguards         []string  `toml:"safeguards"`
	Covers             []string  `toml:"covers"`
	Updated            time.Time `toml:"updated"`
	DataSubjects       []string  `toml:"dataSubjects"` // Art. 30(1)(c)
	Requirement        string    `toml:"requirement"`  // Art. 13(2)(e)
	SourceOfData       string    `toml:"source"`       // Art. 14(2)(f)
	Providers          []string  `toml:"providers"`    // ids of content/providers/
	Cookies            []Cookie  `toml:"cookies"`      // first-party
	// Measures are the technical and organisational measures (Art.
	// 30(1)(g)): for records only, never published.
	Measures []string `toml:"measures"`
}

// Processing reports whether the section describes a processing activity
// (it names a legal basis) rather than giving information only.
func (m FrontMatter) Processing() bool { return len(m.LegalBases) > 0 }

// IsBroken reports whether a file of the content under dir with the given
// id exists but could not be loaded: for sections, in any language.
func (s *Site) IsBroken(dir, id string) bool {
	for p := range s.Broken {
		if rest, ok := strings.CutPrefix(p, dir+"/"+id+"."); ok && !strings.Contains(rest, "/") {
			return true
		}
	}
	return false
}

// Entity returns the entity with the given id, or nil.
func (s *Site) Entity(id string) *Entity {
	return find(s.Entities, id, func(e *Entity) string { return e.ID })
}

// Notice returns the notice with the given id, or nil.
func (s *Site) Notice(id string) *Notice {
	return find(s.Notices, id, func(n *Notice) string { return n.ID })
}

// Section returns the section with the given id, or nil.
func (s *Site) Section(id string) *Section {
	return find(s.Sections, id, func(x *Section) string { return x.ID })
}

// Provider returns the provider with the given id, or nil.
func (s *Site) Provider(id string) *Provider {
	return find(s.Providers, id, func(p *Provider) string { return p.ID })
}

func find[T any](xs []T, id string, key func(T) string) T {
	for _, x := range xs {
		if key(x) == id {
			return x
		}
	}
	var zero T
	return zero
}
