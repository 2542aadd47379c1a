package locale

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/noticegen/noticegen/generator/site"
)

func TestList(t *testing.T) {
	abc := []string{"A", "B", "C"}
	tests := []struct {
		lang  string
		items []string
		want  string
	}{
		{"en", abc, "A, B, and C"},
		{"en-us", abc, "A, B, and C"},
		{"en-gb", abc, "A, B and C"},
		{"en", []string{"A", "B"}, "A and B"},
		{"de", abc, "A, B und C"},
		{"de-at", []string{"A", "B", "C", "D"}, "A, B, C und D"},
		{"de", []string{"A", "B"}, "A und B"},
		{"fr", abc, "A, B et C"},
		{"fr-ca", []string{"A", "B"}, "A et B"},
		{"fr", []string{"A"}, "A"},
		{"fr", nil, ""},
		{"aa", abc, "A, B, C"}, // no pattern: CLDR root
		{"und", abc, "A, B, C"},
	}
	for _, tt := range tests {
		if got := List(tt.lang, tt.items); got != tt.want {
			t.Errorf("List(%q, %q) = %q, expected %q", tt.lang, tt.items, got, tt.want)
		}
	}
}

func TestCatalogListMessage(t *testing.T) {
	own := map[string]site.File{"sw": {Path: "i18n/sw.toml", Data: []byte(`listAnd = "{{.Head}} na {{.Last}}"` + "\nglance = \"Kwa ufupi\"\n")}}
	cat, diags := Load(fstest.MapFS{"en.toml": {Data: []byte("glance = \"At a glance\"\n")}}, own, []string{"en", "sw"}, "en")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, tt := range []struct{ lang, want string }{
		{"sw", "A, B na C"}, // the site's message
		{"en", "A, B, and C"},
	} {
		got, err := cat.List(tt.lang, []string{"A", "B", "C"})
		if err != nil || got != tt.want {
			t.Errorf("List(%q) = %q, %v; expected %q", tt.lang, got, err, tt.want)
		}
	}
	// Defined in one language, listAnd is neither missing in another nor unused.
	if ws := cat.Warnings(map[string]bool{"glance": true}); len(ws) != 0 {
		t.Errorf("warnings: %v", ws)
	}
}

func TestCompare(t *testing.T) {
	names := []string{"Zeta AG", "Éclair SAS", "Alpha SARL", "Ärzte GmbH", "Beta", "eclair sas"}
	tests := []struct {
		lang string
		want []string
	}{
		{"en", []string{"Alpha SARL", "Ärzte GmbH", "Beta", "eclair sas", "Éclair SAS", "Zeta AG"}},
		{"de", []string{"Alpha SARL", "Ärzte GmbH", "Beta", "eclair sas", "Éclair SAS", "Zeta AG"}},
		{"fr", []string{"Alpha SARL", "Ärzte GmbH", "Beta", "eclair sas", "Éclair SAS", "Zeta AG"}},
		{"sv", []string{"Alpha SARL", "Beta", "eclair sas", "Éclair SAS", "Zeta AG", "Ärzte GmbH"}},        // Swedish: Ä after Z
		{"und", []string{"Alpha SARL", "Ärzte GmbH", "Beta", "eclair sas", "Éclair SAS", "Zeta AG"}},       // root collation
		{"x-private", []string{"Alpha SARL", "Ärzte GmbH", "Beta", "eclair sas", "Éclair SAS", "Zeta AG"}}, // no tag collate knows: root
	}
	for _, tt := range tests {
		got := slices.Clone(names)
		slices.SortFunc(got, Compare(tt.lang))
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, expected %q", tt.lang, got, tt.want)
		}
	}
}
