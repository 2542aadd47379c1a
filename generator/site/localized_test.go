package site

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestLocalizedUnmarshalTOML(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Localized
		wantErr string
	}{
		{"string", `title = "Nordlicht AG"`, Localized{"": "Nordlicht AG"}, ""},
		{"empty string", `title = ""`, Localized{"": ""}, ""},
		{"inline table", `title = { en = "Privacy", de = "Datenschutz" }`, Localized{"en": "Privacy", "de": "Datenschutz"}, ""},
		{"table", "[title]\nen = \"Privacy\"\npt-br = \"Privacidade\"\n", Localized{"en": "Privacy", "pt-br": "Privacidade"}, ""},
		{"multi-line string keeps lines", "title = \"\"\"\nLichtweg 1\n07743 Jena\"\"\"", Localized{"": "Lichtweg 1\n07743 Jena"}, ""},
		{"non-string value in table", `title = { en = "x", de = 1 }`, nil, `value for language "de" has type integer; expected a string`},
		{"boolean value in table", `title = { en = true }`, nil, `language "en" has type boolean`},
		{"nested table", `title = { en = { x = "y" } }`, nil, `language "en" has type table`},
		{"number", `title = 5`, nil, "value has type integer; expected a string or a table"},
		{"float", `title = 1.5`, nil, "value has type float"},
		{"array", `title = ["a"]`, nil, "value has type array"},
		{"date", `title = 2025-03-01`, nil, "value has type date or time"},
		{"empty key", `title = { "" = "x" }`, nil, "empty language code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v struct {
				Title Localized `toml:"title"`
			}
			_, err := toml.Decode(tt.in, &v)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Decode(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decode(%q): %v", tt.in, err)
			}
			if !maps.Equal(v.Title, tt.want) {
				t.Errorf("Decode(%q) = %#v, want %#v", tt.in, v.Title, tt.want)
			}
		})
	}
}

func TestLocalizedGet(t *testing.T) {
	both := Localized{"en": "E", "de": "D"}
	tests := []struct {
		name           string
		l              Localized
		lang, fallback string
		want           string
	}{
		{"own language", both, "de", "en", "D"},
		{"own language is default", both, "en", "de", "E"},
		{"falls back to default", both, "fr", "en", "E"},
		{"falls back to other default", both, "fr", "de", "D"},
		{"plain string for every language", Localized{"": "P"}, "de", "en", "P"},
		{"language before plain", Localized{"": "P", "de": "D"}, "de", "en", "D"},
		{"fallback before plain", Localized{"": "P", "en": "E"}, "de", "en", "E"},
		{"nothing matches", Localized{"fr": "F"}, "de", "en", ""},
		{"nil", nil, "de", "en", ""},
		{"empty translation is still a translation", Localized{"de": "", "en": "E"}, "de", "en", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.Get(tt.lang, tt.fallback); got != tt.want {
				t.Errorf("%v.Get(%q, %q) = %q, want %q", tt.l, tt.lang, tt.fallback, got, tt.want)
			}
		})
	}
}

func TestLocalizedHasIsZeroLangs(t *testing.T) {
	tests := []struct {
		name   string
		l      Localized
		hasDE  bool
		isZero bool
		langs  []string
	}{
		{"plain", Localized{"": "x"}, true, false, nil},
		{"table with de", Localized{"en": "a", "de": "b"}, true, false, []string{"de", "en"}},
		{"table without de", Localized{"fr": "a", "en": "b"}, false, false, []string{"en", "fr"}},
		{"empty strings", Localized{"": "", "en": ""}, true, true, []string{"en"}},
		{"nil", nil, false, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.Has("de"); got != tt.hasDE {
				t.Errorf("Has(de) = %v, want %v", got, tt.hasDE)
			}
			if got := tt.l.IsZero(); got != tt.isZero {
				t.Errorf("IsZero() = %v, want %v", got, tt.isZero)
			}
			if got := tt.l.Langs(); !slices.Equal(got, tt.langs) {
				t.Errorf("Langs() = %q, want %q", got, tt.langs)
			}
		})
	}
}
