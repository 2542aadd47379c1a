package site

import "time"

// Provider is a service provider, joint controller or independent
// recipient, described once in content/providers/<id>.toml and named by
// the sections (and entities' own facts) that use it.
type Provider struct {
	ID     string `toml:"-"`
	Source Source `toml:"-"`

	Name          Localized `toml:"name"`
	Role          string    `toml:"role"` // vocab.Roles(): processor | joint-controller | controller
	Address       Localized `toml:"address"`
	Country       string    `toml:"country"` // ISO 3166-1 alpha-2 of where it processes the data
	Website       string    `toml:"website"`
	PrivacyPolicy Localized `toml:"privacyPolicy"`
	Safeguards    []string  `toml:"safeguards"`
	DPF           *DPF      `toml:"dpf"`
	Cookies       []Cookie  `toml:"cookies"`
}

// DPF is a provider's entry in the EU-U.S. Data Privacy Framework list,
// with the date someone last checked that it is still active.
type DPF struct {
	URL     string    `toml:"url"`
	Checked time.Time `toml:"checked"`
}

// Cookie is a cookie or similar storage a section's processing sets: a
// section's own (first-party, in its front matter) or a provider's. Name
// and Category are language-neutral; Purpose and Duration are localized
// strings in a provider's file or an entity's own facts, and plain text in
// a section file, which is one language.
type Cookie struct {
	Name     string    `toml:"name"`
	Purpose  Localized `toml:"purpose"`
	Duration Localized `toml:"duration"`
	Category string    `toml:"category"` // vocab.CookieCategories()
	Party    string    `toml:"party"`    // first | third; "" is first for a section's, third for a provider's
}

// Representative is a controller's representative in the Union (Art. 27
// GDPR), for a controller established outside it.
type Representative struct {
	Name    Localized `toml:"name"`
	Address Localized `toml:"address"`
	Email   string    `toml:"email"`
}

// JointController is a controller an entity determines purposes and means
// with (Art. 26 GDPR), with the essence of their arrangement.
type JointController struct {
	Name        Localized `toml:"name"`
	Address     Localized `toml:"address"`
	Email       string    `toml:"email"`
	Arrangement Localized `toml:"arrangement"`
}

// Facts are an entity's own facts for one section ([sections."<id>"] in
// its file): each key given replaces the section's front-matter fact of
// that name on the entity's pages only; the section's text stays shared.
// Text facts are localized strings, resolved in the language of the
// section file shown. Given lists the keys the file sets, since an empty
// list given ("providers = []") replaces as well.
type Facts struct {
	Purposes           []Localized `toml:"purposes"`
	LegalBases         []string    `toml:"legalBases"`
	LegitimateInterest Localized   `toml:"legitimateInterest"`
	DataCategories     []Localized `toml:"dataCategories"`
	DataSubjects       []Localized `toml:"dataSubjects"`
	Retention          Localized   `toml:"retention"`
	Recipients         []Localized `toml:"recipients"`
	ThirdCountries     []string    `toml:"thirdCountries"`
	Safeguards         []string    `toml:"safeguards"`
	Covers             []string    `toml:"covers"`
	Requirement        Localized   `toml:"requirement"`
	Source             Localized   `toml:"source"`
	Providers          []string    `toml:"providers"`
	Cookies            []Cookie    `toml:"cookies"`
	Measures           []Localized `toml:"measures"`

	Given map[string]bool `toml:"-"`
}

// Acknowledgement is a reviewed finding of check that a site accepts, with
// why ([[acknowledge]] in site.toml): rule, optionally limited to one file.
type Acknowledgement struct {
	Rule   string `toml:"rule"`
	File   string `toml:"file"`
	Reason string `toml:"reason"`
}

// Merge returns the front matter m as entity facts f change it for a
// section file in language lang (def filling in what lang lacks): every
// key f gives replaces m's.
func (f *Facts) Merge(m FrontMatter, lang, def string) FrontMatter {
	if f == nil {
		return m
	}
	texts := func(ls []Localized) []string {
		out := make([]string, len(ls))
		for i, l := range ls {
			out[i] = l.Get(lang, def)
		}
		return out
	}
	g := f.Given
	set := func(key string, apply func()) {
		if g[key] {
			apply()
		}
	}
	set("purposes", func() { m.Purposes = texts(f.Purposes) })
	set("legalBases", func() { m.LegalBases = f.LegalBases })
	set("legitimateInterest", func() { m.LegitimateInterest = f.LegitimateInterest.Get(lang, def) })
	set("dataCategories", func() { m.DataCategories = texts(f.DataCategories) })
	set("dataSubjects", func() { m.DataSubjects = texts(f.DataSubjects) })
	set("retention", func() { m.Retention = f.Retention.Get(lang, def) })
	set("recipients", func() { m.Recipients = texts(f.Recipients) })
	set("thirdCountries", func() { m.ThirdCountries = f.ThirdCountries })
	set("safeguards", func() { m.Safeguards = f.Safeguards })
	set("covers", func() { m.Covers = f.Covers })
	set("requirement", func() { m.Requirement = f.Requirement.Get(lang, def) })
	set("source", func() { m.SourceOfData = f.Source.Get(lang, def) })
	set("providers", func() { m.Providers = f.Providers })
	set("cookies", func() { m.Cookies = f.Cookies })
	set("measures", func() { m.Measures = texts(f.Measures) })
	return m
}
