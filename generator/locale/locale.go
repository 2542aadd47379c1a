// Package locale gives every word a page prints in a language: the UI
// messages (go-i18n, built-in files merged with the site's own), legal-basis
// labels, dates, language names and country names (CLDR through
// golang.org/x/text and go-playground/locales).
package locale

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
)

// lastResort is the language whose built-in messages fill any gap.
const lastResort = "en"

// LegalBasisPrefix starts the message id of a legal-basis label:
// legalBasis.gdpr-6-1-f. A site defines a new code by adding that message.
const LegalBasisPrefix = "legalBasis."

// Catalog holds the messages of every language of a site.
type Catalog struct {
	defaultLang string
	localizers  map[string]*i18n.Localizer
	defined     map[string]map[string]bool // lang → message id → defined
	// plain holds each message as T returned it without data, by
	// lang+"\x00"+id: layouts ask for the same labels on every page, and
	// asking go-i18n each time was a twentieth of a large build's render
	// time. It fills as messages are asked for, so a message file with a
	// million entries costs nothing until a layout prints them.
	plain sync.Map
	// broken holds the languages whose message file failed to load: what
	// it would have defined is unknown, so its absence is no finding.
	broken map[string]bool
}

// Load builds the catalog from the built-in message files in builtin (files
// named <lang>.toml) and the site's own, which override them message by
// message. A message that a language lacks falls back to the default
// language's and is reported once per language as a warning.
func Load(builtin fs.FS, own map[string]site.File, langs []string, defaultLang string) (*Catalog, diag.List) {
	var diags diag.List
	bundle := i18n.NewBundle(language.Make(defaultLang))
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	c := &Catalog{defaultLang: defaultLang, localizers: map[string]*i18n.Localizer{}, defined: map[string]map[string]bool{}, broken: map[string]bool{}}

	var files []site.File
	entries, _ := fs.ReadDir(builtin, ".")
	for _, e := range entries {
		// English is always loaded: it is the last fallback for a site
		// whose default language has no messages of its own.
		if lang, ok := strings.CutSuffix(e.Name(), ".toml"); ok && (slices.Contains(langs, lang) || lang == lastResort) {
			b, err := fs.ReadFile(builtin, e.Name())
			if err != nil {
				diags.Errorf("(built-in) i18n/"+e.Name(), 0, 0, "cannot read: %v", err)
				continue
			}
			files = append(files, site.File{Path: "(built-in) i18n/" + e.Name(), Data: b})
		}
	}
	for _, lang := range slices.Sorted(maps.Keys(own)) {
		files = append(files, own[lang])
	}
	for _, f := range files {
		lang := strings.TrimSuffix(path.Base(f.Path), ".toml")
		var probe map[string]any
		if _, err := toml.Decode(string(f.Data), &probe); err != nil {
			diags.Add(site.TOMLError(site.Source{Path: f.Path, Text: f.Data}, err))
			c.broken[lang] = true
			continue
		}
		mf, err := bundle.ParseMessageFileBytes(f.Data, lang+".toml")
		if err != nil {
			diags.Errorf(f.Path, 1, 0, "not a go-i18n message file: %v; expected id = \"text\" or [id] with one = \"…\" and other = \"…\"", err)
			c.broken[lang] = true
			continue
		}
		if c.defined[lang] == nil {
			c.defined[lang] = map[string]bool{}
		}
		for _, m := range mf.Messages {
			c.defined[lang][m.ID] = true
		}
	}
	// Messages missing in a language come from the default language, and
	// from English when even the default language lacks them.
	reference := defaultLang
	if len(c.defined[defaultLang]) == 0 {
		reference = lastResort
	}
	// A broken site.toml (no default language, or one not among the
	// languages) is reported by the loader; no second warning here.
	if len(c.defined[defaultLang]) == 0 && slices.Contains(langs, defaultLang) && !c.broken[defaultLang] {
		file := "i18n/" + defaultLang + ".toml"
		if _, ok := own[defaultLang]; !ok {
			file = "site.toml"
		}
		diags.Warnf(file, 0, 0, "the default language %s has no UI messages; pages show English labels until i18n/%s.toml translates them", defaultLang, defaultLang)
	}
	for lang := range c.defined {
		c.localizers[lang] = i18n.NewLocalizer(bundle, lang)
	}
	for _, lang := range langs {
		if lang == reference || len(c.defined[reference]) == 0 || c.broken[lang] {
			continue
		}
		var missing []string
		for id := range c.defined[reference] {
			if !c.defined[lang][id] {
				missing = append(missing, id)
			}
		}
		if len(missing) > 0 && !(lang == defaultLang && reference == lastResort) {
			slices.Sort(missing)
			file := "i18n/" + lang + ".toml"
			if _, ok := own[lang]; !ok {
				file = "site.toml"
			}
			diags.Add(diag.Diagnostic{File: file, Severity: diag.Warning,
				Message:       fmt.Sprintf("%d UI messages have no %s translation and are shown in %s: %s", len(missing), lang, reference, abbreviate(missing, 5)),
				StrictMessage: fmt.Sprintf("%d UI messages have no %s translation: %s; expected them in i18n/%s.toml, since under --strict a missing translation is an error", len(missing), lang, abbreviate(missing, 5), lang)})
		}
	}
	return c, diags
}

func abbreviate(xs []string, n int) string {
	if len(xs) <= n {
		return strings.Join(xs, ", ")
	}
	return strings.Join(xs[:n], ", ") + fmt.Sprintf(" and %d more", len(xs)-n)
}

// Complete reports whether every message file loaded. When one did not,
// a message that seems missing may be in it, and is no finding of its own.
func (c *Catalog) Complete() bool { return len(c.broken) == 0 }

// Has reports whether a message with this id exists in any language.
func (c *Catalog) Has(id string) bool {
	for _, ids := range c.defined {
		if ids[id] {
			return true
		}
	}
	return false
}

// T returns the message id in lang with data filled in. An unknown id is
// returned as it is, so a layout typo shows on the page instead of failing
// silently; callers that need to know use Has.
func (c *Catalog) T(lang, id string, data map[string]any) string {
	if data != nil {
		return c.localize(lang, id, data)
	}
	key := lang + "\x00" + id
	if s, ok := c.plain.Load(key); ok {
		return s.(string)
	}
	s := c.localize(lang, id, nil)
	c.plain.Store(key, s)
	return s
}

func (c *Catalog) localize(lang, id string, data map[string]any) string {
	// Each language's own localizer is asked only for messages that
	// language defines, so the fallback order is ours: the page's language,
	// the site's default, then English.
	for _, l := range []string{lang, c.defaultLang, lastResort} {
		if !c.defined[l][id] {
			continue
		}
		if s, err := c.localizers[l].Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data}); err == nil {
			return s
		}
	}
	return id
}

// LegalBasis returns the label of a legal-basis code, e.g. "Art. 6(1)(f)
// GDPR" in English and "Art. 6 Abs. 1 lit. f DSGVO" in German.
func (c *Catalog) LegalBasis(lang, code string) string {
	return c.T(lang, LegalBasisPrefix+code, nil)
}

// Date formats a date in the long CLDR form of lang ("March 1, 2025",
// "1. März 2025"), falling back to ISO 8601 for a language without data.
func Date(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	tag, err := language.Parse(lang)
	if err == nil {
		base, _ := tag.Base()
		if tr := calendar(base.String()); tr != nil {
			return tr.FmtDateLong(t)
		}
	}
	return t.Format("2006-01-02")
}

// LanguageName returns a language's name in that language ("Deutsch"),
// capitalised as a label in a language switcher starts.
func LanguageName(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	name := display.Self.Name(tag)
	if name == "" {
		return code
	}
	r := []rune(name)
	first := cases.Title(tag).String(string(r[0]))
	return first + string(r[1:])
}

// CountryName returns the name of an ISO 3166-1 alpha-2 region in lang
// ("United States", "Vereinigte Staaten"), or the code when it is unknown.
func CountryName(lang, code string) string {
	region, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	if n := display.Regions(tag).Name(region); n != "" {
		return n
	}
	return code
}

// IsCountry reports whether code is an ISO 3166-1 alpha-2 country code.
func IsCountry(code string) bool {
	if len(code) != 2 || strings.ToUpper(code) != code {
		return false
	}
	r, err := language.ParseRegion(code)
	return err == nil && r.IsCountry() && r.String() == code // "UK" is an alias, not the ISO code GB
}

// Direction returns "rtl" for languages whose usual script is written
// right to left (Arabic, Hebrew, Thaana, …), else "ltr".
func Direction(lang string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		return "ltr"
	}
	script, _ := tag.Script()
	switch script.String() {
	case "Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr":
		return "rtl"
	}
	return "ltr"
}

// LanguageNameIn returns the name of language code as written in lang
// ("Englisch" for en in de), for notes such as "shown in English".
func LanguageNameIn(lang, code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	in, err := language.Parse(lang)
	if err != nil {
		in = language.English
	}
	if n := display.Languages(in).Name(tag); n != "" {
		return n
	}
	return LanguageName(code)
}
