package locale

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
)

// builtin is the real built-in message folder of the repository.
var builtin = os.DirFS("../../i18n")

func mustLoad(t *testing.T, own map[string]site.File, langs []string, def string) (*Catalog, diag.List) {
	t.Helper()
	c, diags := Load(builtin, own, langs, def)
	if c == nil {
		t.Fatal("Load returned a nil catalog")
	}
	return c, diags
}

func TestLegalBasisBuiltin(t *testing.T) {
	c, diags := mustLoad(t, nil, []string{"en", "de"}, "en")
	if len(diags) != 0 {
		t.Fatalf("built-in en and de messages are incomplete:\n%v", diags)
	}
	tests := []struct {
		lang, code, want string
	}{
		{"en", "gdpr-6-1-a", "Art. 6(1)(a) GDPR"},
		{"en", "gdpr-6-1-f", "Art. 6(1)(f) GDPR"},
		{"en", "gdpr-9-2-a", "Art. 9(2)(a) GDPR"},
		{"en", "bdsg-26", "§ 26 BDSG"},
		{"de", "gdpr-6-1-b", "Art. 6 Abs. 1 lit. b DSGVO"},
		{"de", "gdpr-6-1-f", "Art. 6 Abs. 1 lit. f DSGVO"},
		{"de", "gdpr-9-2-a", "Art. 9 Abs. 2 lit. a DSGVO"},
		{"de", "bdsg-26", "§ 26 BDSG"},
		// a language the catalog does not know reads the default language
		{"fr", "gdpr-6-1-f", "Art. 6(1)(f) GDPR"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.code, func(t *testing.T) {
			if got := c.LegalBasis(tt.lang, tt.code); got != tt.want {
				t.Errorf("LegalBasis(%q, %q) = %q, want %q", tt.lang, tt.code, got, tt.want)
			}
		})
	}
	for _, code := range []string{"gdpr-6-1-a", "gdpr-6-1-b", "gdpr-6-1-c", "gdpr-6-1-d", "gdpr-6-1-e", "gdpr-6-1-f", "gdpr-9-2-a", "bdsg-26"} {
		for _, lang := range []string{"en", "de"} {
			if got := c.LegalBasis(lang, code); got == LegalBasisPrefix+code || got == "" {
				t.Errorf("LegalBasis(%q, %q) = %q: no built-in label", lang, code, got)
			}
		}
	}
}

func TestSiteMessagesOverride(t *testing.T) {
	own := map[string]site.File{
		"de": {Path: "i18n/de.toml", Data: []byte("none = \"Keine Übermittlung\"\n\n[legalBasis]\ngdpr-6-1-f = \"Art. 6 I lit. f DSGVO\"\n")},
	}
	c, diags := mustLoad(t, own, []string{"en", "de"}, "en")
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics:\n%v", diags)
	}
	tests := []struct {
		lang, id, want string
	}{
		{"de", "legalBasis.gdpr-6-1-f", "Art. 6 I lit. f DSGVO"},
		{"de", "none", "Keine Übermittlung"},
		{"de", "legalBasis.gdpr-6-1-a", "Art. 6 Abs. 1 lit. a DSGVO"}, // not overridden
		{"de", "contents", "Inhalt"},                                  // not overridden
		{"en", "legalBasis.gdpr-6-1-f", "Art. 6(1)(f) GDPR"},          // other language untouched
		{"en", "none", "None"},
	}
	for _, tt := range tests {
		if got := c.T(tt.lang, tt.id, nil); got != tt.want {
			t.Errorf("T(%q, %q) = %q, want %q", tt.lang, tt.id, got, tt.want)
		}
	}
}

func TestSiteDefinesLegalBasis(t *testing.T) {
	own := map[string]site.File{
		"en": {Path: "i18n/en.toml", Data: []byte("[legalBasis]\ngdpr-9-2-h = \"Art. 9(2)(h) GDPR\"\n")},
		"de": {Path: "i18n/de.toml", Data: []byte("[legalBasis]\ngdpr-9-2-h = \"Art. 9 Abs. 2 lit. h DSGVO\"\n")},
	}
	c, diags := mustLoad(t, own, []string{"en", "de"}, "en")
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics:\n%v", diags)
	}
	if got := c.LegalBasis("de", "gdpr-9-2-h"); got != "Art. 9 Abs. 2 lit. h DSGVO" {
		t.Errorf("LegalBasis(de, gdpr-9-2-h) = %q", got)
	}
	if !c.Has(LegalBasisPrefix + "gdpr-9-2-h") {
		t.Errorf("Has(%q) = false for a site-defined code", LegalBasisPrefix+"gdpr-9-2-h")
	}
}

func TestMissingLanguageFallsBack(t *testing.T) {
	c, diags := mustLoad(t, nil, []string{"en", "de", "fr"}, "en")
	if len(diags) != 1 {
		t.Fatalf("want one warning for fr, got %d:\n%v", len(diags), diags)
	}
	d := diags[0]
	if d.Severity != diag.Warning || !strings.Contains(d.Message, "fr") || !strings.Contains(d.Message, "en") {
		t.Errorf("diagnostic = %v, want a warning naming fr and the fallback en", d)
	}
	if got := c.LegalBasis("fr", "gdpr-6-1-f"); got != "Art. 6(1)(f) GDPR" {
		t.Errorf("LegalBasis(fr) = %q, want the en label", got)
	}
	if got := c.T("fr", "contents", nil); got != "Contents" {
		t.Errorf("T(fr, contents) = %q, want the en text", got)
	}
}

func TestPartialTranslationWarnsInItsFile(t *testing.T) {
	own := map[string]site.File{"fr": {Path: "i18n/fr.toml", Data: []byte("contents = \"Sommaire\"\n")}}
	c, diags := mustLoad(t, own, []string{"en", "fr"}, "en")
	if len(diags) != 1 || diags[0].Severity != diag.Warning || diags[0].File != "i18n/fr.toml" {
		t.Fatalf("want one warning in i18n/fr.toml, got:\n%v", diags)
	}
	if got := c.T("fr", "contents", nil); got != "Sommaire" {
		t.Errorf("T(fr, contents) = %q", got)
	}
	// Under --strict nothing is shown, so the message does not say so.
	if m := diags.Strict()[0].Message; strings.Contains(m, "shown in") || !strings.Contains(m, "expected them in i18n/fr.toml, since under --strict a missing translation is an error") {
		t.Errorf("under --strict: %q", m)
	}
}

// A message that a language's file lacks is shown in the default language
// (SPEC: "A message missing for a language falls back to defaultLanguage's
// and warns").
func TestMissingMessageFallsBackToDefault(t *testing.T) {
	tests := []struct {
		name           string
		own            map[string]site.File
		langs          []string
		lang, id, want string
	}{
		{
			name:  "partial site translation",
			own:   map[string]site.File{"fr": {Path: "i18n/fr.toml", Data: []byte("contents = \"Sommaire\"\n")}},
			langs: []string{"en", "fr"},
			lang:  "fr", id: "none", want: "None",
		},
		{
			name:  "site-defined legal basis only in the default language",
			own:   map[string]site.File{"en": {Path: "i18n/en.toml", Data: []byte("[legalBasis]\ngdpr-9-2-h = \"Art. 9(2)(h) GDPR\"\n")}},
			langs: []string{"en", "de"},
			lang:  "de", id: LegalBasisPrefix + "gdpr-9-2-h", want: "Art. 9(2)(h) GDPR",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, diags := mustLoad(t, tt.own, tt.langs, "en")
			if diags.Count(diag.Warning) != 1 {
				t.Errorf("want one warning about the missing message, got:\n%v", diags)
			}
			if got := c.T(tt.lang, tt.id, nil); got != tt.want {
				t.Errorf("T(%q, %q) = %q, want the default language's %q", tt.lang, tt.id, got, tt.want)
			}
		})
	}
}

func TestBrokenSiteMessageFile(t *testing.T) {
	own := map[string]site.File{"de": {Path: "i18n/de.toml", Data: []byte("none = \"Keine\"\ncontents = \n")}}
	_, diags := mustLoad(t, own, []string{"en", "de"}, "en")
	found := false
	for _, d := range diags {
		if d.File == "i18n/de.toml" && d.Severity == diag.Error && d.Line == 2 {
			found = true
		}
	}
	if !found {
		t.Errorf("no error at i18n/de.toml:2 for malformed TOML; got:\n%v", diags)
	}
}

// A message file that failed to load is one error: its messages are not
// also reported as missing, as a default language without messages, or
// (through Complete) as unknown legal-basis codes.
func TestBrokenMessageFileIsOneError(t *testing.T) {
	for _, tc := range []struct {
		name  string
		own   map[string]site.File
		langs []string
		def   string
	}{
		{"TOML syntax, a language without built-in messages", map[string]site.File{"fr": {Path: "i18n/fr.toml", Data: []byte("none = \"Aucun\"\ncontents = \n")}}, []string{"en", "fr"}, "en"},
		{"not a message file, the default language", map[string]site.File{"fr": {Path: "i18n/fr.toml", Data: []byte("none = 5\n")}}, []string{"fr", "en"}, "fr"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, diags := mustLoad(t, tc.own, tc.langs, tc.def)
			if len(diags) != 1 || diags[0].Severity != diag.Error || diags[0].File != "i18n/fr.toml" {
				t.Errorf("want one error in i18n/fr.toml, got:\n%v", diags)
			}
			if c.Complete() {
				t.Errorf("Complete() = true with a broken message file")
			}
		})
	}
	if c, _ := mustLoad(t, nil, []string{"en", "de"}, "en"); !c.Complete() {
		t.Errorf("Complete() = false with every file loaded")
	}
}

func TestDefaultLanguageWithoutMessages(t *testing.T) {
	c, diags := mustLoad(t, nil, []string{"fr", "en"}, "fr")
	if len(diags) == 0 {
		t.Errorf("no diagnostic although the default language fr has no messages")
	}
	if got := c.T("fr", "none", nil); got == "none" {
		t.Errorf("T(fr, none) = %q: the raw message id would be printed on pages", got)
	}
}

func TestHas(t *testing.T) {
	c, _ := mustLoad(t, nil, []string{"en", "de"}, "en")
	tests := []struct {
		id   string
		want bool
	}{
		{"legalBasis.gdpr-6-1-a", true},
		{"legalBasis.bdsg-26", true},
		{"legalBasis.gdpr-6-1-g", false},
		{"legalBasis.", false},
		{"gdpr-6-1-a", false},
		{"safeguard.scc", true},
		{"contents", true},
		{"nope", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := c.Has(tt.id); got != tt.want {
			t.Errorf("Has(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

func TestT(t *testing.T) {
	c, _ := mustLoad(t, nil, []string{"en", "de"}, "en")
	tests := []struct {
		lang, id string
		data     map[string]any
		want     string
	}{
		{"de", "updated", map[string]any{"Date": "1. März 2025"}, "Stand: 1. März 2025"},
		{"en", "updated", map[string]any{"Date": "March 1, 2025"}, "Last updated: March 1, 2025"},
		{"de", "contents", nil, "Inhalt"},
		{"en", "updated", nil, "Last updated: <no value>"}, // as go-i18n fills a missing key
		{"en", "no.such.message", nil, "no.such.message"},
		{"xx", "contents", nil, "Contents"},
	}
	for _, tt := range tests {
		if got := c.T(tt.lang, tt.id, tt.data); got != tt.want {
			t.Errorf("T(%q, %q) = %q, want %q", tt.lang, tt.id, got, tt.want)
		}
	}
}

func TestDate(t *testing.T) {
	d := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		lang string
		t    time.Time
		want string
	}{
		{"en", d, "March 1, 2025"},
		{"de", d, "1. März 2025"},
		{"fr", d, "1 mars 2025"},
		{"de", time.Date(2024, 12, 24, 0, 0, 0, 0, time.UTC), "24. Dezember 2024"},
		{"en-gb", d, "March 1, 2025"}, // base language en; variants do not matter
		{"de-ch", d, "1. März 2025"},
		{"xx", d, "2025-03-01"},
		{"tlh", d, "2025-03-01"},
		{"not a tag", d, "2025-03-01"},
		{"en", time.Time{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			if got := Date(tt.lang, tt.t); got != tt.want {
				t.Errorf("Date(%q, %s) = %q, want %q", tt.lang, tt.t.Format("2006-01-02"), got, tt.want)
			}
		})
	}
}

func TestLanguageName(t *testing.T) {
	tests := []struct{ code, want string }{
		{"en", "English"},
		{"de", "Deutsch"},
		{"fr", "Français"},
		{"es", "Español"},
		{"it", "Italiano"},
		{"pl", "Polski"},
		{"ar", "العربية"},
		{"xx", "xx"},
	}
	for _, tt := range tests {
		if got := LanguageName(tt.code); got != tt.want {
			t.Errorf("LanguageName(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}

func TestLanguageNameIn(t *testing.T) {
	tests := []struct{ lang, code, want string }{
		{"de", "en", "Englisch"},
		{"en", "de", "German"},
		{"fr", "de", "allemand"},
		{"de", "de", "Deutsch"},
	}
	for _, tt := range tests {
		if got := LanguageNameIn(tt.lang, tt.code); got != tt.want {
			t.Errorf("LanguageNameIn(%q, %q) = %q, want %q", tt.lang, tt.code, got, tt.want)
		}
	}
}

func TestCountryName(t *testing.T) {
	tests := []struct{ lang, code, want string }{
		{"de", "US", "Vereinigte Staaten"},
		{"en", "US", "United States"},
		{"fr", "US", "États-Unis"},
		{"de", "CH", "Schweiz"},
		{"en", "QQQ", "QQQ"},
	}
	for _, tt := range tests {
		if got := CountryName(tt.lang, tt.code); got != tt.want {
			t.Errorf("CountryName(%q, %q) = %q, want %q", tt.lang, tt.code, got, tt.want)
		}
	}
}

func TestIsCountry(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"US", true},
		{"DE", true},
		{"CH", true},
		{"us", false},
		{"Us", false},
		{"USA", false},
		{"840", false},
		{"001", false},
		{"EU", false}, // a union, not a country
		{"ZZ", false}, // unknown region
		{"QO", false},
		{"", false},
		{"U", false},
	}
	for _, tt := range tests {
		if got := IsCountry(tt.code); got != tt.want {
			t.Errorf("IsCountry(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

func TestDirection(t *testing.T) {
	tests := []struct{ lang, want string }{
		{"ar", "rtl"},
		{"he", "rtl"},
		{"fa", "rtl"},
		{"ur", "rtl"},
		{"ar-eg", "rtl"},
		{"en", "ltr"},
		{"de", "ltr"},
		{"zh-hant", "ltr"},
		{"", "ltr"},
		{"not a tag", "ltr"},
	}
	for _, tt := range tests {
		if got := Direction(tt.lang); got != tt.want {
			t.Errorf("Direction(%q) = %q, want %q", tt.lang, got, tt.want)
		}
	}
}

// BenchmarkT asks for a label as a layout does on every page: without
// data, and again and again.
// Run: go test ./generator/locale -run '^$' -bench T -benchmem
func BenchmarkT(b *testing.B) {
	c, _ := Load(builtin, nil, []string{"en", "de"}, "en")
	for b.Loop() {
		if c.T("de", "contents", nil) != "Inhalt" {
			b.Fatal("wrong label")
		}
	}
}
