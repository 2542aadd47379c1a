// Package locale gives every word a page prints in a language: the UI
// messages (go-i18n, built-in files merged with the site's own), legal-basis
// labels, dates, language names and country names (CLDR through
// golang.org/x/text and go-playground/locales).
package locale

import (
	"cmp"
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
	"github.com/noticegen/noticegen/generator/vocab"
)

// lastResort is the language whose built-in messages fill any gap.
const lastResort = "en"

// LegalBasisPrefix starts the message id of a legal-basis label:
// legalBasis.gdpr-6-1-f. A site defines a new code by adding that message.
const LegalBasisPrefix = vocab.LegalBasisPrefix

// SafeguardPrefix starts the message id of a safeguard's label:
// safeguard.scc.
const SafeguardPrefix = vocab.SafeguardPrefix

// Catalog holds the messages of every language of a site.
type Catalog struct {
	defaultLang string
	msgs        map[string]map[string]*message // lang → message id → message
	builtinIDs  map[string]bool                // ids the built-in files define
	own         []*message                     // the site's own messages, as its files list them
	missing     []missingMessages              // by language, for Warnings
	// plain holds each message as T returned it without data, by
	// lang+"\x00"+id: layouts ask for the same labels on every page, and
	// executing them each time was a twentieth of a large build's render
	// time. It fills as messages are asked for, so a message file with a
	// million entries costs nothing until a layout prints them.
	plain sync.Map
	// broken holds the languages whose message file failed to load: what
	// it would have defined is unknown, so its absence is no finding.
	broken map[string]bool
}

// missingMessages are the ids a language has no message for, shown in
// the reference language instead.
type missingMessages struct {
	lang, file, reference string
	ids                   []string
}

// plainResult is one entry of Catalog.plain.
type plainResult struct {
	s   string
	err error
}

// Load builds the catalog from the built-in message files in builtin (files
// named <lang>.toml) and the site's own, which override them message by
// message. A message that a language lacks falls back to the default
// language's (Warnings reports it, once per language). Every message
// is parsed here as the template it is, so one that does not parse is an
// error at its line, not an id printed on pages.
func Load(builtin fs.FS, own map[string]site.File, langs []string, defaultLang string) (*Catalog, diag.List) {
	c := &Catalog{defaultLang: defaultLang, msgs: map[string]map[string]*message{}, builtinIDs: map[string]bool{}, broken: map[string]bool{}}
	files, diags := messageFiles(builtin, own, langs)
	for _, f := range files {
		diags.Add(c.addFile(f)...)
	}
	// Messages missing in a language come from the default language, and
	// from English when even the default language lacks them.
	reference := defaultLang
	if len(c.msgs[defaultLang]) == 0 {
		reference = lastResort
	}
	// A broken site.toml (no default language, or one not among the
	// languages) is reported by the loader; no second warning here.
	if len(c.msgs[defaultLang]) == 0 && slices.Contains(langs, defaultLang) && !c.broken[defaultLang] {
		file := "i18n/" + defaultLang + ".toml"
		if _, ok := own[defaultLang]; !ok {
			file = "site.toml"
		}
		diags.Add(diag.Diagnostic{File: file, Line: 1, Severity: diag.Warning, Rule: vocab.RuleTranslationMissing, Lang: defaultLang,
			Message: fmt.Sprintf("the default language %s has no UI messages; pages show English labels until i18n/%s.toml translates them", defaultLang, defaultLang),
			// Under --strict nothing is published, so no page shows any label.
			StrictMessage: fmt.Sprintf("the default language %s has no UI messages; expected i18n/%s.toml with them, since under --strict a missing translation is an error", defaultLang, defaultLang)})
	}
	c.findMissing(own, langs, reference)
	return c, diags
}

// messageFiles lists the built-in message files of langs (and English,
// always: it is the last fallback for a site whose default language has no
// messages of its own), then the site's own, by language.
func messageFiles(builtin fs.FS, own map[string]site.File, langs []string) ([]site.File, diag.List) {
	var diags diag.List
	var files []site.File
	entries, _ := fs.ReadDir(builtin, ".")
	for _, e := range entries {
		if lang, ok := strings.CutSuffix(e.Name(), ".toml"); ok && (slices.Contains(langs, lang) || lang == lastResort) {
			b, err := fs.ReadFile(builtin, e.Name())
			if err != nil {
				diags.Errorf(builtinPrefix+e.Name(), 1, 0, "cannot read: %v", err)
				continue
			}
			files = append(files, site.File{Path: builtinPrefix + e.Name(), Data: b})
		}
	}
	for _, lang := range slices.Sorted(maps.Keys(own)) {
		files = append(files, own[lang])
	}
	return files, diags
}

// addFile parses one message file into the catalog; a site's message
// replaces the built-in one of its id.
func (c *Catalog) addFile(f site.File) diag.List {
	var diags diag.List
	lang := strings.TrimSuffix(path.Base(f.Path), ".toml")
	src := site.Source{Path: f.Path, Text: f.Data}
	// go-i18n decodes the file once; its TOML error, kept here, is
	// placed at its line.
	var tomlErr error
	unmarshal := map[string]i18n.UnmarshalFunc{"toml": func(data []byte, v any) error {
		tomlErr = toml.Unmarshal(data, v)
		return tomlErr
	}}
	// The package-level parser, not a Bundle's: a Bundle refuses a
	// language without CLDR plural rules (aa, dv, und), and the
	// catalog executes the messages itself.
	mf, err := i18n.ParseMessageFileBytes(f.Data, lang+".toml", unmarshal)
	if tomlErr != nil {
		c.broken[lang] = true
		return diag.List{site.TOMLError(src, tomlErr)}
	}
	if err != nil {
		c.broken[lang] = true
		diags.Errorf(f.Path, 1, 0, "not a go-i18n message file: %v; expected id = \"text\" or [id] with one = \"…\" and other = \"…\"", err)
		return diags
	}
	if c.msgs[lang] == nil {
		c.msgs[lang] = map[string]*message{}
	}
	builtin := strings.HasPrefix(f.Path, builtinPrefix)
	var parsed []*message
	file := newMessageFile(src)
	for _, im := range mf.Messages {
		m, ds := parseMessage(file, im)
		diags.Add(ds...)
		parsed = append(parsed, m)
	}
	// go-i18n returns a file's messages in map order.
	slices.SortFunc(parsed, func(a, b *message) int { return cmp.Or(cmp.Compare(a.line, b.line), strings.Compare(a.id, b.id)) })
	for _, m := range parsed {
		// A message without a form pages show (none written, or
		// one in error) leaves the built-in one in place.
		if m.other != nil || c.msgs[lang][m.id] == nil {
			c.msgs[lang][m.id] = m
		}
		if builtin {
			c.builtinIDs[m.id] = true
		} else {
			c.own = append(c.own, m)
		}
	}
	return diags
}

// findMissing notes the ids each language lacks against reference. They
// are reported by Warnings, which knows the ids the layouts use: a site's
// message that nothing prints (a typo) is one warning there, not also a
// missing translation everywhere.
func (c *Catalog) findMissing(own map[string]site.File, langs []string, reference string) {
	for _, lang := range langs {
		if lang == reference || len(c.msgs[reference]) == 0 || lang == c.defaultLang && reference == lastResort || c.broken[lang] {
			continue
		}
		var missing []string
		for id := range c.msgs[reference] {
			// listAnd is a language's own way to join a list, never one
			// to take from another language (List falls back to CLDR).
			// The record's headings are internal: no reader of a page
			// sees them, so their absence is no missing translation.
			if c.msgs[lang][id] == nil && id != ListAndID && id != QuoteID && !strings.HasPrefix(id, RecordsPrefix) {
				missing = append(missing, id)
			}
		}
		if len(missing) > 0 {
			slices.Sort(missing)
			file := "i18n/" + lang + ".toml"
			if _, ok := own[lang]; !ok {
				file = "site.toml"
			}
			c.missing = append(c.missing, missingMessages{lang: lang, file: file, reference: reference, ids: missing})
		}
	}
}

// builtinPrefix starts the path of a built-in message file in diagnostics.
const builtinPrefix = "(built-in) i18n/"

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
	for _, ids := range c.msgs {
		if ids[id] != nil {
			return true
		}
	}
	return false
}

// T returns the message id in lang with data filled in. An unknown id is
// returned as it is, so a layout typo shows on the page instead of failing
// silently; callers that need to know use Has. The error, a *MessageError,
// is a message that broke its bounds or failed to execute, at its line.
func (c *Catalog) T(lang, id string, data map[string]any) (string, error) {
	if data != nil {
		return c.localize(lang, id, data)
	}
	key := lang + "\x00" + id
	if r, ok := c.plain.Load(key); ok {
		r := r.(plainResult)
		return r.s, r.err
	}
	s, err := c.localize(lang, id, nil)
	c.plain.Store(key, plainResult{s, err})
	return s, err
}

func (c *Catalog) localize(lang, id string, data map[string]any) (string, error) {
	// The fallback order is ours: the page's language, the site's
	// default, then English. A message without an "other" form (the one
	// shown, as no layout counts) counts as absent, as go-i18n has it.
	for _, l := range []string{lang, c.defaultLang, lastResort} {
		if m := c.msgs[l][id]; m != nil && m.other != nil {
			return m.other.execute(m, data)
		}
	}
	return id, nil
}

// LegalBasis returns the label of a legal-basis code, e.g. "Art. 6(1)(f)
// GDPR" in English and "Art. 6 Abs. 1 lit. f DSGVO" in German.
func (c *Catalog) LegalBasis(lang, code string) (string, error) {
	return c.T(lang, LegalBasisPrefix+code, nil)
}

// Date formats a date in the long CLDR form of lang ("March 1, 2025",
// "1. März 2025"), falling back to ISO 8601 for a language without data.
func Date(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	tag, err := parseTag(lang)
	// The base language as written: Base would guess English for one
	// that names none (und, x-private, an unregistered xyz).
	if base, _, _ := tag.Raw(); err == nil && base != undBase {
		if tr := calendar(base.String()); tr != nil {
			// Some languages' data has no long date pattern (ce, ku,
			// mzn) and formats every date as "".
			if s := tr.FmtDateLong(t); strings.TrimSpace(s) != "" {
				return s
			}
		}
	}
	return t.Format("2006-01-02")
}

// Names of languages and countries come from CLDR (x/text/language/display),
// which names them in about 260 languages and names only some languages in
// themselves. Any BCP 47 code a site may use must get a name everywhere one
// is printed, so every function here falls back: to the same language's
// CLDR names of a broader tag, to the language's own name, to English, and
// at last to the code itself. None of them fails or returns "".

// parseTag parses a language code as the loader accepts it: a subtag
// that is well-formed but not registered (en-abcdefgh, xyz) is dropped, so
// that the code is named, dated and given a direction by the rest of it.
func parseTag(code string) (language.Tag, error) {
	tag, err := language.Parse(code)
	if _, ok := err.(language.ValueError); ok {
		return tag, nil
	}
	return tag, err
}

// undBase is the base language of a tag that names none (und, x-private),
// as Raw gives it: Base would guess one (en).
var undBase, _, _ = language.Und.Raw()

// namesMatcher finds the CLDR display names of a language. It is built
// once, on first use, and only read after that.
var namesMatcher = sync.OnceValue(func() language.Matcher {
	return language.NewMatcher(display.Supported.Tags())
})

// namesIn returns the tag whose CLDR display names are written in lang's
// language, and false when CLDR has none in it. display.Languages alone
// would take the closest language it has names for, which for one it has
// none for is another language altogether (ku gets Turkish, nb Danish),
// and nil for one too far from any: a panic for aa, dv or und.
func namesIn(lang language.Tag) (language.Tag, bool) {
	c, err := language.All.Canonicalize(lang) // nb → no, iw → he
	if err != nil {
		c = lang
	}
	m, _, conf := namesMatcher().Match(c)
	if conf == language.No {
		return language.Tag{}, false
	}
	want, _, _ := c.Raw()
	got, _, _ := m.Raw()
	if want != got || want == undBase {
		return language.Tag{}, false
	}
	return c, true
}

// LanguageName returns a language's name in that language ("Deutsch"),
// capitalised as a label in a language switcher starts. A tag CLDR has no
// name for in itself is named as its base language ("ff-adlm" as Pulaar),
// and one whose base language has none either by its code ("aa", "dv").
func LanguageName(code string) string {
	tag, err := parseTag(code)
	if err != nil {
		return code
	}
	name := ""
	if base, _, _ := tag.Raw(); base != undBase {
		name = display.Self.Name(tag)
		if name == "" {
			name = display.Self.Name(base)
		}
	}
	if name == "" {
		return code
	}
	first, rest := name, ""
	for i := range name {
		if i > 0 {
			first, rest = name[:i], name[i:]
			break
		}
	}
	return cases.Title(tag).String(first) + rest
}

// CountryName returns the name of an ISO 3166-1 alpha-2 region in lang
// ("United States", "Vereinigte Staaten"); in English when CLDR does not
// name regions in lang, and the code when it is unknown.
func CountryName(lang, code string) string {
	region, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if in, err := parseTag(lang); err == nil {
		if in, ok := namesIn(in); ok {
			if n := display.Regions(in); n != nil {
				if name := n.Name(region); name != "" {
					return name
				}
			}
		}
	}
	if name := display.Regions(language.English).Name(region); name != "" {
		return name
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

// Direction returns "rtl" for a language whose script is written right
// to left, else "ltr": the script the code names (az-arab, qaa-hebr), or
// else the one CLDR's likely subtags give its language (ar, dv, syr, otk).
// A language CLDR knows no script for (x-private, sog) is "ltr".
func Direction(lang string) string {
	tag, err := parseTag(lang)
	if err != nil {
		return "ltr"
	}
	script, _ := tag.Script()
	if _, ok := rtlScripts[script.String()]; ok {
		return "rtl"
	}
	return "ltr"
}

// rtlScripts are the ISO 15924 codes of the scripts written right to left,
// each with its name in Unicode's Scripts.txt (as Go's unicode.Scripts
// names it), whose letters' bidi class TestRTLScripts checks, or "" for a
// variant of one (Aran, a style of Arabic) that Unicode does not encode.
// A short list of the well-known ones missed Phoenician, Old Turkic,
// Avestan and a dozen more, whose pages then ran left to right.
var rtlScripts = map[string]string{
	"Adlm": "Adlam", "Arab": "Arabic", "Aran": "", "Armi": "Imperial_Aramaic",
	"Avst": "Avestan", "Chrs": "Chorasmian", "Cprt": "Cypriot", "Elym": "Elymaic",
	"Gara": "Garay", "Hatr": "Hatran", "Hebr": "Hebrew", "Hung": "Old_Hungarian",
	"Khar": "Kharoshthi", "Lydi": "Lydian", "Mand": "Mandaic", "Mani": "Manichaean",
	"Mend": "Mende_Kikakui", "Merc": "Meroitic_Cursive", "Mero": "Meroitic_Hieroglyphs",
	"Narb": "Old_North_Arabian", "Nbat": "Nabataean", "Nkoo": "Nko", "Orkh": "Old_Turkic",
	"Ougr": "Old_Uyghur", "Palm": "Palmyrene", "Phli": "Inscriptional_Pahlavi",
	"Phlp": "Psalter_Pahlavi", "Phlv": "", "Phnx": "Phoenician", "Prti": "Inscriptional_Parthian",
	"Rohg": "Hanifi_Rohingya", "Samr": "Samaritan", "Sarb": "Old_South_Arabian",
	"Sogd": "Sogdian", "Sogo": "Old_Sogdian", "Syrc": "Syriac", "Syre": "", "Syrj": "",
	"Syrn": "", "Thaa": "Thaana", "Yezi": "Yezidi",
}

// LanguageNameIn returns the name of language code as written in lang
// ("Englisch" for en in de), for notes such as "shown in English". When
// CLDR does not name languages in lang, the better-known name is the
// language's own ("English", "Deutsch"), which is what the reader sees the
// text in; then the code.
func LanguageNameIn(lang, code string) string {
	tag, err := parseTag(code)
	if err != nil {
		return code
	}
	if base, _, _ := tag.Raw(); base == undBase && code != "und" {
		return code // x-private: "Unknown language" would say less than the code
	}
	if in, err := parseTag(lang); err == nil {
		if in, ok := namesIn(in); ok {
			if n := display.Languages(in); n != nil {
				if name := n.Name(tag); name != "" {
					return name
				}
			}
		}
	}
	return LanguageName(code)
}
