package vocab

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestLoadLists checks the lists of issue 16's loading (i16-load): no word
// twice, a fresh copy per call, and each word written in
// docs/site-format.md, where authors look the values up.
func TestLoadLists(t *testing.T) {
	doc, err := os.ReadFile("../../docs/site-format.md")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		list func() []string
		n    int
	}{
		{"Roles", Roles, 3},
		{"CookieCategories", CookieCategories, 4},
		{"CookieParties", CookieParties, 2},
		{"ObtainedValues", ObtainedValues, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			xs := tt.list()
			if len(xs) != tt.n {
				t.Errorf("%s() has %d words, want %d: %q", tt.name, len(xs), tt.n, xs)
			}
			seen := map[string]bool{}
			for _, x := range xs {
				if x == "" || seen[x] {
					t.Errorf("%s() lists %q twice or empty", tt.name, x)
				}
				seen[x] = true
				if !strings.Contains(string(doc), "`"+x+"`") {
					t.Errorf("docs/site-format.md does not name %s value `%s`", tt.name, x)
				}
			}
			want := slices.Clone(xs)
			xs[0] = "changed"
			if got := tt.list(); !slices.Equal(got, want) {
				t.Errorf("%s() after a caller changed its result = %q, want %q", tt.name, got, want)
			}
		})
	}
}
