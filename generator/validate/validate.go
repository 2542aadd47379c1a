// Package validate checks what no single file can tell: references between
// entities, notices and sections, legal-basis codes against the message
// catalog, and agreement between the translations of a section.
package validate

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
)

// Site returns the diagnostics of s as a whole; cat tells which legal-basis
// codes exist.
func Site(s *site.Site, cat *locale.Catalog) diag.List {
	v := &validator{s: s, cat: cat}
	v.notices()
	v.entities()
	v.sections()
	v.providers()
	v.consentBases()
	v.versions()
	return v.diags
}

type validator struct {
	s     *site.Site
	cat   *locale.Catalog
	diags diag.List
}

// errAt returns a function that reports an error at value in the list
// under key, such as one id in uses = [...].
func (v *validator) errAt(src site.Source, value string, key ...string) func(format string, args ...any) {
	return v.at("", src, value, key...)
}

// refAt is errAt for a name that refers to nothing, under the rule id that
// check's output and docs use for it.
func (v *validator) refAt(src site.Source, value string, key ...string) func(format string, args ...any) {
	return v.at(vocab.RuleUnknownRef, src, value, key...)
}

func (v *validator) at(rule string, src site.Source, value string, key ...string) func(format string, args ...any) {
	return func(format string, args ...any) {
		line, col := src.ValuePos(value, key...)
		v.diags.Add(diag.Diagnostic{File: src.Path, Line: line, Col: col, Severity: diag.Error, Rule: rule, Message: fmt.Sprintf(format, args...)})
	}
}

func (v *validator) sectionsIn(dir string) []string {
	var ids []string
	for _, sec := range v.s.Sections {
		if sec.Dir == dir && !sec.Index {
			ids = append(ids, sec.ID)
		}
	}
	return ids
}

func (v *validator) notices() {
	for _, n := range v.s.Notices {
		for _, ref := range n.Sections {
			if site.CheckID(strings.TrimSuffix(ref, "/*")) != nil {
				continue // reported by the loader
			}
			if dir, ok := strings.CutSuffix(ref, "/*"); ok {
				if len(v.sectionsIn(dir)) == 0 && !v.brokenIn(dir) {
					v.refAt(n.Source, ref, "sections")("slot %q: no sections in content/sections/%s/; expected at least one file there", ref, dir)
				}
				continue
			}
			if v.s.Section(ref) == nil && !v.s.IsBroken(site.SectionsDir, ref) {
				v.refAt(n.Source, ref, "sections")("unknown section %q; expected a file content/sections/%s.%s.md%s", ref, ref, v.s.Config.DefaultLanguage, v.suggest(ref))
			}
		}
	}
}

// brokenIn reports whether a section file directly in folder dir failed
// to load, and was reported as such.
func (v *validator) brokenIn(dir string) bool {
	for p := range v.s.Broken {
		if path.Dir(p) == site.SectionsDir+"/"+dir && !strings.HasPrefix(path.Base(p), "_index.") {
			return true
		}
	}
	return false
}

// suggest names a slot when the unknown id is a folder of sections, the
// most common slip ("conferencing" for "conferencing/*").
func (v *validator) suggest(id string) string {
	if len(v.sectionsIn(id)) > 0 {
		return fmt.Sprintf(", or the slot %q", id+"/*")
	}
	return ""
}

func (v *validator) entities() {
	for _, e := range v.s.Entities {
		v.entityFacts(e)
		slots := map[string]bool{}
		// Whether every notice of e loaded: the slots of one that did not
		// are unknown, and its error is reported already, once.
		slotsKnown := true
		for _, nid := range e.Notices {
			n := v.s.Notice(nid)
			if n == nil {
				slotsKnown = false
				if site.CheckID(nid) != nil || v.s.IsBroken(site.NoticesDir, nid) {
					continue // reported by the loader
				}
				v.refAt(e.Source, nid, "notices")("unknown notice %q; expected a file content/notices/%s.toml", nid, nid)
				continue
			}
			for _, ref := range n.Sections {
				if dir, ok := strings.CutSuffix(ref, "/*"); ok {
					slots[dir] = true
				}
			}
		}
		if len(e.Notices) == 0 {
			line, col := e.Source.KeyPos("notices")
			v.diags.Warnf(e.Source.Path, line, col, "entity publishes no notice; expected notices = [\"…\"] naming files in content/notices/")
		}
		for _, id := range e.Uses {
			sec := v.s.Section(id)
			switch {
			case sec == nil && (site.CheckID(id) != nil || v.s.IsBroken(site.SectionsDir, id)):
				// reported by the loader
			case sec == nil:
				v.refAt(e.Source, id, "uses")("unknown section %q; expected a file content/sections/%s.%s.md", id, id, v.s.Config.DefaultLanguage)
			case sec.Index:
				v.errAt(e.Source, id, "uses")("%q is a folder's intro; it is shown with the slot, so list the sections of %s/ instead", id, sec.Dir)
			case sec.Dir != "" && !slots[sec.Dir] && !slotsKnown:
				// perhaps a slot of the notice that failed to load
			case sec.Dir == "" || !slots[sec.Dir]:
				line, col := e.Source.ValuePos(id, "uses")
				if sec.Dir == "" {
					v.diags.Warnf(e.Source.Path, line, col, "section %q is not in a folder, so no slot can show it; uses lists sections for slots such as \"conferencing/*\" (list plain sections in the notice instead)", id)
				} else {
					v.diags.Warnf(e.Source.Path, line, col, "section %q is used, but none of this entity's notices has the slot \"%s/*\"; it appears nowhere", id, path.Dir(id))
				}
			}
		}
		for _, id := range e.Omit {
			if v.s.Section(id) == nil && site.CheckID(id) == nil && !v.s.IsBroken(site.SectionsDir, id) {
				v.refAt(e.Source, id, "omit")("unknown section %q; expected the id of a section in content/sections/", id)
			}
		}
	}
}

func (v *validator) sections() {
	def := v.s.Config.DefaultLanguage
	used := v.used()
	for _, sec := range v.s.Sections {
		if a := vocab.Anchor(sec.ID); slices.Contains(vocab.ReservedAnchors(), a) {
			for _, lang := range slices.Sorted(maps.Keys(sec.Translations)) {
				v.diags.Errorf(sec.Translations[lang].Path, 1, 0, "section id %q is taken by the notice page's own %q part (its #%s anchor); expected another file name", sec.ID, a, a)
			}
			continue
		}
		orig := sec.Translations[def]
		for _, lang := range v.s.Config.Languages {
			f := sec.Translations[lang]
			if f != nil {
				v.frontMatter(f)
				if orig != nil && f != orig {
					v.agree(orig, f)
				}
				continue
			}
			if v.s.Broken[fmt.Sprintf("%s/%s.%s.md", site.SectionsDir, sec.ID, lang)] {
				continue // the file is there but broken, and reported
			}
			if lang == def {
				some := sec.Translations[slices.Sorted(maps.Keys(sec.Translations))[0]]
				v.diags.Errorf(some.Path, 1, 0, "section %q has no %s file; expected content/sections/%s.%s.md in the default language, which other languages fall back to", sec.ID, def, sec.ID, def)
				continue
			}
			if used[sec.ID] && orig != nil {
				v.diags.Add(diag.Diagnostic{
					File: orig.Path, Line: 1, Col: 1, Severity: diag.Warning, Rule: vocab.RuleTranslationMissing, Lang: lang,
					Message: fmt.Sprintf("section %q has no %s translation (content/sections/%s.%s.md); %s pages show the %s text, marked as not yet translated", sec.ID, lang, sec.ID, lang, lang, def),
					// Under --strict nothing is published, so no page shows anything.
					StrictMessage: fmt.Sprintf("section %q has no %s translation; expected content/sections/%s.%s.md, since under --strict a missing translation is an error", sec.ID, lang, sec.ID, lang),
				})
			}
		}
	}
}

// used returns the ids of the sections that appear on some page.
func (v *validator) used() map[string]bool {
	used := map[string]bool{}
	for _, e := range v.s.Entities {
		for _, nid := range e.Notices {
			if n := v.s.Notice(nid); n != nil {
				for _, p := range compose.Parts(v.s, e, n, v.s.Config.DefaultLanguage) {
					used[p.Section.ID] = true
				}
			}
		}
	}
	return used
}

func (v *validator) frontMatter(f *site.SectionFile) {
	m := f.Meta
	v.facts(facts{src: f.Front, legalBases: m.LegalBases, thirdCountries: m.ThirdCountries, safeguards: m.Safeguards, covers: m.Covers, provs: m.Providers})
}

// agree reports language-neutral fields of a translation that differ from
// the default-language original: the legal substance must be the same in
// every language, only the words may differ.
func (v *validator) agree(orig, tr *site.SectionFile) {
	fields := []struct {
		key, name string // name: what the message calls it ("… are"), if not key ("… is")
		a, b      []string
	}{
		{"legalBases", "", orig.Meta.LegalBases, tr.Meta.LegalBases},
		{"thirdCountries", "", orig.Meta.ThirdCountries, tr.Meta.ThirdCountries},
		{"safeguards", "", orig.Meta.Safeguards, tr.Meta.Safeguards},
		{"covers", "", orig.Meta.Covers, tr.Meta.Covers},
		{"providers", "", orig.Meta.Providers, tr.Meta.Providers},
		{"cookies", "the cookie names", cookieNames(orig.Meta.Cookies), cookieNames(tr.Meta.Cookies)},
		{"cookies", "the cookie categories", cookieCategories(orig.Meta.Cookies), cookieCategories(tr.Meta.Cookies)},
	}
	for _, f := range fields {
		if slices.Equal(f.a, f.b) {
			continue
		}
		line, col := tr.Front.KeyPos(f.key)
		if !strings.Contains(string(tr.Front.Text), f.key) {
			line, col = tr.Front.LineOffset, 1
		}
		oline, _ := orig.Front.KeyPos(f.key)
		v.diags.Add(diag.Diagnostic{
			File: tr.Path, Line: line, Col: col, Severity: diag.Error, Rule: vocab.RuleTranslationMismatch,
			Message: fmt.Sprintf("%s %s here but %s in %s:%d; language-neutral fields must agree across translations", subject(f.name, f.key), list(f.b), list(f.a), orig.Path, oline),
		})
	}
}

// subject is the start of agree's message: "legalBases is", or "the
// cookie names are" for a field the message names otherwise.
func subject(name, key string) string {
	if name != "" {
		return name + " are"
	}
	return key + " is"
}

// list writes xs as a TOML array, each value quoted (and so escaped).
func list(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = diag.Quote(x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// notCountries are the two-letter codes that the CLDR data behind
// locale.IsCountry knows but ISO 3166-1 does not assign to a country, each
// with what to write instead: codes reserved for other uses (UK, EU, EL),
// and codes withdrawn from the standard, which a list copied from an old
// source still has. XK, which the EU and CLDR use for Kosovo while ISO has
// no code for it, stays accepted.
var notCountries = map[string]string{
	"UK": `"GB" for the United Kingdom`,
	"EL": `"GR" for Greece (EL is the EU's own abbreviation)`,
	"EU": `the codes of the countries outside the EU/EEA the data goes to, such as "US"; the EU itself is no third country`,
	"EZ": `the codes of the countries outside the EU/EEA the data goes to, such as "US"; the eurozone is no country`,
	"UN": `the codes of the countries the data goes to, such as "US"; the United Nations is not a country`,
	"AC": `"SH" for Ascension Island (Saint Helena, Ascension and Tristan da Cunha)`,
	"TA": `"SH" for Tristan da Cunha (Saint Helena, Ascension and Tristan da Cunha)`,
	"CP": `"FR" for Clipperton Island (France)`,
	"FX": `"FR" for France`,
	"DG": `"IO" for Diego Garcia (British Indian Ocean Territory)`,
	"EA": `"ES" for Ceuta and Melilla (Spain)`,
	"IC": `"ES" for the Canary Islands (Spain)`,
	"CQ": `"GG" for Sark (Guernsey)`,
	"AN": `"CW", "SX" or "BQ" for the former Netherlands Antilles`,
	"BU": `"MM" for Myanmar`,
	"CS": `"RS" or "ME" for the former Serbia and Montenegro`,
	"CT": `"KI" for Kiribati`,
	"DD": `"DE" for Germany`,
	"DY": `"BJ" for Benin`,
	"FQ": `"AQ" or "TF" for the former French Southern and Antarctic Territories`,
	"HV": `"BF" for Burkina Faso`,
	"JT": `"UM" for the United States Minor Outlying Islands`,
	"MI": `"UM" for the United States Minor Outlying Islands`,
	"NH": `"VU" for Vanuatu`,
	"NQ": `"AQ" for Antarctica`,
	"NT": `"SA" or "IQ" for the former Neutral Zone`,
	"PC": `"FM", "MH", "MP" or "PW" for the former Pacific Islands Trust Territory`,
	"PU": `"UM" for the United States Minor Outlying Islands`,
	"PZ": `"PA" for Panama`,
	"RH": `"ZW" for Zimbabwe`,
	"SU": `the code of the successor state, such as "RU" for Russia`,
	"TP": `"TL" for Timor-Leste`,
	"VD": `"VN" for Viet Nam`,
	"WK": `"UM" for the United States Minor Outlying Islands`,
	"YD": `"YE" for Yemen`,
	"YU": `the code of the successor state, such as "RS" for Serbia`,
	"ZR": `"CD" for the Democratic Republic of the Congo`,
}

// checkCountry reports whether c is an ISO 3166-1 alpha-2 country code and,
// when it is not, what is expected instead.
func checkCountry(c string) (want string, ok bool) {
	if want, reserved := notCountries[c]; reserved {
		return want, false
	}
	if locale.IsCountry(c) {
		return "", true
	}
	if up := strings.ToUpper(c); up != c {
		if want, reserved := notCountries[up]; reserved {
			return want, false // "uk": the hint towards "GB", not towards "UK"
		}
		if locale.IsCountry(up) {
			return fmt.Sprintf("upper-case letters: %q", up), false
		}
	}
	return `two upper-case letters such as "US"`, false
}
