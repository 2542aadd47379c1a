package vocab

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestAnchor(t *testing.T) {
	tests := []struct{ id, want string }{
		{"general", "general"},
		{"conferencing/teams", "conferencing_teams"},
		{"a/b/c", "a_b_c"},
		{"conferencing/_index", "conferencing__index"},
		{"a/b/_index", "a_b__index"},
		{"server-logs", "server-logs"},
		{"a-b", "a-b"}, // and "a/b" is a_b: the two never share an anchor
		{"", ""},
	}
	for _, tt := range tests {
		if got := Anchor(tt.id); got != tt.want {
			t.Errorf("Anchor(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
}

// TestListsDistinct checks that no list names a word twice, and that
// each call returns a copy a caller may change.
func TestListsDistinct(t *testing.T) {
	tests := []struct {
		name string
		list func() []string
		n    int
	}{
		{"LegalBases", LegalBases, 9},
		{"Safeguards", Safeguards, 5},
		{"Rights", Rights, 8},
		{"ReservedAnchors", ReservedAnchors, 7},
		{"RuleIDs", RuleIDs, 25},
		{"EEACountries", EEACountries, 30},
		{"AdequacyCountries", AdequacyCountries, 15},
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
			}
			want := slices.Clone(xs)
			xs[0] = "changed"
			if got := tt.list(); !slices.Equal(got, want) {
				t.Errorf("%s() after a caller changed its result = %q, want %q", tt.name, got, want)
			}
		})
	}
}

// TestReservedAnchorsInLayouts checks that the reserved anchors are the
// literal ids the built-in layouts give their parts, no more and no less:
// a part's id not reserved would let a section take it.
func TestReservedAnchorsInLayouts(t *testing.T) {
	files, err := filepath.Glob("../../layouts/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no built-in layouts in ../../layouts: %v", err)
	}
	var ids []string
	re := regexp.MustCompile(` id="([^"{}]*)"`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			if !strings.Contains(m[1], "__") && !slices.Contains(ids, m[1]) {
				ids = append(ids, m[1]) // x__title belongs to part x
			}
		}
	}
	slices.Sort(ids)
	want := slices.Sorted(slices.Values(ReservedAnchors()))
	if !slices.Equal(ids, want) {
		t.Errorf("ids in layouts = %q, ReservedAnchors() = %q", ids, want)
	}
}
