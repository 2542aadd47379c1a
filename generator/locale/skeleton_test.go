package locale

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
)

func TestSkeleton(t *testing.T) {
	builtin := fstest.MapFS{
		"en.toml": {Data: []byte("zeta = \"Z\"\nalpha = \"Say \\\"hi\\\"\"\n[items]\none = \"{{.Count}} item\"\nother = \"{{.Count}} items\"\n[legalBasis]\nx = \"X\"\n")},
		"de.toml": {Data: []byte("zeta = \"Z de\"\n")},
	}
	tests := []struct {
		name, guide string
		own         string
		want        []string // lines in this order
		not         []string
	}{
		{"english guide", "en", "", []string{
			`# en: "Say \"hi\""`, `alpha = "Say \"hi\""`, `# en: "Z"`, `zeta = "Z"`,
			"# A message with plural forms: give the forms fr's plural rules need",
			"[items]", `# en: "{{.Count}} item"`, `one = "{{.Count}} item"`, `other = "{{.Count}} items"`,
			"[legalBasis]", `x = "X"`,
		}, nil},
		{"german guide falls back to English per message", "de", "", []string{
			`# en: "Say \"hi\""`, `# de: "Z de"`, `zeta = "Z de"`,
		}, []string{`zeta = "Z"`}},
		{"the site's own texts and ids first", "de", "zeta = \"Eigen\"\nmine = \"M\"\n", []string{
			`# de: "M"`, `mine = "M"`, `# de: "Eigen"`,
		}, []string{`zeta = "Z de"`}},
		{"a language without built-in messages", "pt-br", "", []string{`# en: "Z"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var own []byte
			if tt.own != "" {
				own = []byte(tt.own)
			}
			b, err := Skeleton(builtin, own, "fr", tt.guide)
			if err != nil {
				t.Fatal(err)
			}
			got := string(b)
			rest := got
			for _, w := range tt.want {
				i := strings.Index(rest, w+"\n")
				if i < 0 {
					t.Fatalf("missing or out of order: %q in\n%s", w, got)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("has %q:\n%s", n, got)
				}
			}
			// The file loads as a go-i18n file with every id.
			mf, err := i18n.ParseMessageFileBytes(b, "fr.toml", map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal})
			if err != nil {
				t.Fatalf("does not parse: %v\n%s", err, got)
			}
			if len(mf.Messages) < 4 {
				t.Errorf("%d messages, expected at least 4", len(mf.Messages))
			}
		})
	}
}
