package locale

import (
	"testing"
	"testing/fstest"

	"github.com/noticegen/noticegen/generator/site"
)

func TestQuote(t *testing.T) {
	tests := []struct {
		lang, want string
	}{
		{"en", "“Text”"},
		{"en-gb", "“Text”"},
		{"de", "„Text“"},
		{"de-at", "„Text“"},
		{"de-ch", "«Text»"},
		{"fr", "«\u202fText\u202f»"},
		{"fr-ca", "«\u202fText\u202f»"},
		{"es", "«Text»"},
		{"it", "«Text»"},
		{"nl", "‘Text’"},
		{"pl", "„Text”"},
		{"sv", "”Text”"},
		{"da", "“Text”"},
		{"pt-br", "“Text”"},
		{"pt-pt", "«Text»"},
		{"sw", "“Text”"},  // no marks: CLDR root
		{"und", "“Text”"}, // no language at all
		{"not a tag", "“Text”"},
	}
	for _, tt := range tests {
		if got := Quote(tt.lang, "Text"); got != tt.want {
			t.Errorf("Quote(%q, \"Text\") = %q, expected %q", tt.lang, got, tt.want)
		}
	}
}

func TestCatalogQuoteMessage(t *testing.T) {
	own := map[string]site.File{"sw": {Path: "i18n/sw.toml", Data: []byte(`quote = "‹{{.Text}}›"` + "\nglance = \"Kwa ufupi\"\n")}}
	cat, diags := Load(fstest.MapFS{"en.toml": {Data: []byte("glance = \"At a glance\"\n")}}, own, []string{"en", "sw"}, "en")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, tt := range []struct{ lang, want string }{
		{"sw", "‹Text›"}, // the site's message
		{"en", "“Text”"}, // built-in marks
	} {
		got, err := cat.Quote(tt.lang, "Text")
		if err != nil || got != tt.want {
			t.Errorf("Catalog.Quote(%q) = %q, %v; expected %q", tt.lang, got, err, tt.want)
		}
	}
	// Defined in one language, quote is neither missing in another nor unused.
	if ws := cat.Warnings(map[string]bool{"glance": true}); len(ws) != 0 {
		t.Errorf("warnings: %v", ws)
	}
}
