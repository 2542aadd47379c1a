package site

import (
	"slices"
	"strings"
	"testing"
)

// TestLoadKeep: keep defaults to [".git"], may be emptied, and refuses
// anything but plain top-level names, at the entry's position.
func TestLoadKeep(t *testing.T) {
	tests := []struct {
		keep string // the keep line of site.toml; "" leaves it out
		want []string
		errs []string
	}{
		{"", []string{".git"}, nil},
		{"keep = []", []string{}, nil},
		{`keep = [".git", "CNAME", ".well-known", "a b"]`, []string{".git", "CNAME", ".well-known", "a b"}, nil},
		{`keep = ["a/b"]`, nil, []string{`site.toml:5:9: error: keep entry "a/b" is not a plain name`}},
		{`keep = ["a\\b"]`, nil, []string{`site.toml:5:1: error: keep entry "a\\b" is not a plain name`}},
		{`keep = [".", ".."]`, nil, []string{`site.toml:5:9: error: keep entry "." is not a plain name`, `site.toml:5:14: error: keep entry ".." is not a plain name`}},
		{`keep = [""]`, nil, []string{`site.toml:5:9: error: keep entry "" is not a plain name`}},
		{`keep = ["/etc"]`, nil, []string{`keep entry "/etc" is not a plain name`}},
		{`keep = ["a\u001bb"]`, nil, []string{`key "keep", item 1, holds control character U+001B`}}, // one error: the value check, not also the name check
		{`keep = [".git", ".git"]`, nil, []string{`site.toml:5:17: error: keep entry ".git" is listed twice`}},
		{`keep = ".git"`, nil, []string{`site.toml:5`}},
	}
	for _, tt := range tests {
		t.Run(tt.keep, func(t *testing.T) {
			fsys := minimalSite()
			if tt.keep != "" {
				fsys["site.toml"].Data = append(fsys["site.toml"].Data, tt.keep+"\n"...)
			}
			s, diags := load(t, fsys)
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			for _, e := range tt.errs {
				if !slices.ContainsFunc(got, func(g string) bool { return strings.Contains(g, e) }) {
					t.Errorf("diagnostics %q; want one containing %q", got, e)
				}
			}
			if len(tt.errs) == 0 {
				if len(got) != 0 {
					t.Errorf("diagnostics %q; want none", got)
				}
				if !slices.Equal(s.Config.Keep, tt.want) || (s.Config.Keep == nil) != (tt.want == nil) {
					t.Errorf("Keep = %#v; want %#v", s.Config.Keep, tt.want)
				}
			}
		})
	}
}
