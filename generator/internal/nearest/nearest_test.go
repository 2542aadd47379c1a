package nearest

import "testing"

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"", "abc", 3}, {"glance", "glanse", 1},
		{"zoom", "zom", 1}, {"mailtol", "mailtool", 1}, {"kitten", "sitting", 3}, {"same", "same", 0},
		{"galnce", "glance", 2}, {"zoom", "mooz", 2}, {"brevo", "breve", 1}, {"glnce", "glance", 1},
	} {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
