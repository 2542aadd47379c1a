package site

import "time"

// Version is one released version of one notice page (entity × notice ×
// language), as `noticegen release` recorded it in
// content/versions/<entity>/<notice>/<YYYY-MM-DD>.<lang>.html: a TOML
// front matter between +++ lines with the facts and text as published and
// what changed against the version before, then the page exactly as it was
// published (not minified), so that it renders the same however sections,
// layouts and providers change later. The file is text, one per version,
// so a pull request shows what a release records.
type Version struct {
	// Source is the file and its front matter. A build's load keeps only
	// its path (see Page); serve's keeps the text too.
	Source Source `toml:"-"`
	// Entity, Notice and Lang come from the file's path.
	Entity, Notice, Lang string `toml:"-"`

	// Date is the release date: the day the version was published.
	Date time.Time `toml:"date"`
	// Effective is the day it applies; the release date unless a material
	// change was announced in advance (release --effective).
	Effective time.Time `toml:"effective"`
	// Class is "first" for a page's first version, else "material" or
	// "editorial" (vocab.VersionClasses).
	Class string `toml:"class"`
	// Changes name each fact and text that differ from the version before,
	// in section order; empty for the first version.
	Changes []Change `toml:"changes"`
	// Title is the notice page's title as published.
	Title string `toml:"title"`
	// Sections are the page's sections as published, in page order.
	Sections []VersionSection `toml:"sections"`
	// Page is the published page when the version was made in memory
	// (release) or loaded with a parse cache (serve), and nil when a build
	// loaded it from its file: Published reads the page, the file's body
	// after the front matter, when it is needed.
	Page []byte `toml:"-"`
	// reread reads a loaded version's page from its file again.
	reread func() ([]byte, error)
}

// Published returns the published page: Page, or the body of the
// version's file, read again now. A site keeps every page it ever
// published, and holding them all from load until the few that are being
// written are written gave a released site's build five times the memory
// of the same site unreleased.
func (v *Version) Published() ([]byte, error) {
	if v.Page != nil || v.reread == nil {
		return v.Page, nil
	}
	return v.reread()
}

// Change is one difference between a version and the one before it.
type Change struct {
	// Section is the section id, "" for the page as a whole (its title).
	Section string `toml:"section"`
	// Fact is a front-matter key (purposes, legalBases, dataCategories,
	// recipients, providers, thirdCountries, safeguards, retention …),
	// "section" when the section itself was added or removed, or "text"
	// for its wording.
	Fact string `toml:"fact"`
	// Added and Removed are the list items (codes as codes) that were added
	// and removed; Old and New the value before and after for a single
	// value (retention, title, text).
	Added   []string `toml:"added,omitempty"`
	Removed []string `toml:"removed,omitempty"`
	Old     string   `toml:"old,omitempty"`
	New     string   `toml:"new,omitempty"`
	// Material is true when the change alone makes the version material.
	Material bool `toml:"material"`
}

// VersionSection is one section of a released page: the facts the page
// stated (activity facts: codes as codes, texts as shown) and its text
// as plain paragraphs, which is what the next release compares with.
type VersionSection struct {
	ID                 string   `toml:"id"`
	Title              string   `toml:"title"`
	Purposes           []string `toml:"purposes,omitempty"`
	LegalBases         []string `toml:"legalBases,omitempty"`
	LegitimateInterest string   `toml:"legitimateInterest,omitempty"`
	DataCategories     []string `toml:"dataCategories,omitempty"`
	DataSubjects       []string `toml:"dataSubjects,omitempty"`
	Recipients         []string `toml:"recipients,omitempty"`
	Providers          []string `toml:"providers,omitempty"` // provider ids
	ThirdCountries     []string `toml:"thirdCountries,omitempty"`
	Safeguards         []string `toml:"safeguards,omitempty"`
	Retention          string   `toml:"retention,omitempty"`
	Source             string   `toml:"source,omitempty"`
	// Text is the section's rendered text, one paragraph per line.
	Text string `toml:"text"`
}
