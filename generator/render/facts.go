package render

import (
	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/render/sandbox"
	"github.com/noticegen/noticegen/generator/render/view"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
)

// facts is the merged front matter of a section (compose.Part.Facts) as
// its view shows it, in the page's language: its recipients, third
// countries and safeguards are its own, then its providers' in their
// order, each once. Measures are for records only and never reach a view.
func (r *Renderer) facts(part compose.Part, lang string) (view.SectionView, diag.List) {
	var diags diag.List
	label := func(id string) string {
		l, err := r.cat.T(lang, id, nil)
		diags.Add(messageDiags(err)...)
		return l
	}
	f, a := part.File, r.act.Of(part, lang)
	sv := view.SectionView{
		Anchor: vocab.Anchor(a.ID), Title: a.Title, Fallback: part.Fallback, Intro: part.Section.Index,
		Processing: a.Processing, Purposes: a.Purposes, LegitimateInterest: a.LegitimateInterest,
		DataCategories: a.DataCategories, Retention: a.Retention,
		DataSubjects: a.DataSubjects, Requirement: a.Requirement, Source: a.Source,
		Recipients: a.Recipients,
	}
	if part.Fallback {
		sv.Lang, sv.LangName = f.Lang, locale.LanguageNameIn(lang, f.Lang)
	}
	for _, code := range a.LegalBases {
		l, err := r.cat.LegalBasis(lang, code)
		diags.Add(messageDiags(err)...)
		sv.LegalBases = append(sv.LegalBases, l)
	}
	providers := make([]*site.Provider, 0, len(a.Providers))
	for _, p := range a.Providers {
		providers = append(providers, p.Site)
		pv := view.ProviderView{ID: p.ID, Name: p.Name, Website: p.Website, PrivacyPolicy: p.PrivacyPolicy}
		if p.Role != "" {
			pv.Role = label(vocab.RolePrefix + p.Role)
		}
		if p.Country != "" {
			pv.Country = locale.CountryName(lang, p.Country)
		}
		for _, s := range p.Safeguards {
			pv.Safeguards = append(pv.Safeguards, label(vocab.SafeguardPrefix+s))
		}
		sv.Providers = append(sv.Providers, pv)
	}
	for _, c := range a.ThirdCountries {
		sv.ThirdCountries = append(sv.ThirdCountries, locale.CountryName(lang, c))
	}
	for _, s := range a.Safeguards {
		sv.Safeguards = append(sv.Safeguards, label(vocab.SafeguardPrefix+s))
	}
	sv.Cookies = r.cookies(part.Facts.Cookies, providers, f.Lang, lang, label)
	if len(sv.Cookies) > 0 {
		sv.CookiesAnchor = sv.Anchor + vocab.CookiesAnchorSuffix
	}
	return sv, diags
}

// cookies are the rows of a section's cookie table: its own cookies, whose
// texts are in the language of the section file shown (fileLang), then
// those of its providers, in the page's language where they have it.
func (r *Renderer) cookies(own []site.Cookie, providers []*site.Provider, fileLang, lang string, label func(string) string) []view.CookieView {
	def := r.site.Config.DefaultLanguage
	var rows []view.CookieView
	row := func(c site.Cookie, provider, want string) {
		v := view.CookieView{Name: c.Name, Provider: provider, Purpose: c.Purpose.Get(want, def), Duration: c.Duration.Get(want, def)}
		if c.Category != "" {
			v.Category = label(vocab.CookieCategoryPrefix + c.Category)
		}
		in := textLang(c.Purpose, want, def)
		if in == "" {
			in = want // a plain text: a section file's is in the file's language
		}
		if in != lang {
			v.Lang = in
		}
		rows = append(rows, v)
	}
	if len(own) > 0 {
		first := label("cookieFirstParty")
		for _, c := range own {
			row(c, first, fileLang)
		}
	}
	for _, p := range providers {
		for _, c := range p.Cookies {
			row(c, p.Name.Get(lang, def), lang)
		}
	}
	return rows
}

// textLang is the language l.Get(lang, def) takes its text from, "" for a
// plain string.
func textLang(l site.Localized, lang, def string) string {
	if _, ok := l[lang]; ok {
		return lang
	}
	if _, ok := l[def]; ok {
		return def
	}
	return ""
}

// bodyProviders is what section bodies in lang see as .Providers, resolved
// once per language: it is the same on every page.
func (r *Renderer) bodyProviders(lang string) map[string]*sandbox.Provider {
	if m, ok := r.provData.Load(lang); ok {
		return m.(map[string]*sandbox.Provider)
	}
	m := sandbox.Providers(r.site, lang, func(code string) string {
		l, _ := r.cat.T(lang, vocab.RolePrefix+code, nil) // a broken label is reported by the key facts
		return l
	})
	r.provData.Store(lang, m)
	return m
}
