package site

import (
	"strings"
	"testing"
)

func TestCheckID(t *testing.T) {
	tests := []struct {
		id      string
		wantErr string // substring of the error; "" means valid
	}{
		{"a", ""},
		{"a-b/c1", ""},
		{"conferencing/teams", ""},
		{"0-9/x/y-z", ""},
		{"../x", `contains '.'`},
		{"./x", `contains '.'`},
		{"Bad Name", `contains 'B'`},
		{"bad name", `contains ' '`},
		{"Upper", `contains 'U'`},
		{"a//b", "empty segment"},
		{"/abs", "empty segment"},
		{"a/", "empty segment"},
		{"", "empty id"},
		{"a_b", `contains '_'`},
		{"ä", `contains 'ä'`},
		{`a\b`, `contains '\\'`},
		{"a.b", `contains '.'`},
		{"a/*", `contains '*'`},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			err := CheckID(tt.id)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("CheckID(%q) = %v, want nil", tt.id, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("CheckID(%q) = nil, want an error containing %q", tt.id, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "expected") {
				t.Errorf("CheckID(%q) = %q, want it to contain %q and say what is expected", tt.id, err, tt.wantErr)
			}
		})
	}
}

func TestCheckLang(t *testing.T) {
	tests := []struct {
		code    string
		wantErr string
	}{
		{"en", ""},
		{"de", ""},
		{"pt-br", ""},
		{"zh-hant", ""},
		{"", "empty language code"},
		{"EN", "lower case"},
		{"pt-BR", "lower case"},
		// parses as BCP 47, but "_" cannot be part of newsletter.en_us.md
		{"en_us", `contains '_'`},
		{"e", "not a well-formed BCP 47"},
		{"en us", "not a well-formed BCP 47"},
		{"../de", "not a well-formed BCP 47"},
		{"de/x", "not a well-formed BCP 47"},
		{"english", "not a well-formed BCP 47"},
		{"en-abcdefghi", "not a well-formed BCP 47"}, // a subtag of 9
		// Well-formed, but too long for a folder name: mkdir failed as the
		// site was written, with an error of the file system.
		{"en-x" + strings.Repeat("-abcdefgh", 40), "is 364 characters long; expected at most 64"},
		{"en-x" + strings.Repeat("-abcdefgh", 6) + "-abcde", ""}, // 64
		// Well-formed, with subtags the IANA registry does not (yet) have:
		// BCP 47 allows them, and so does the loader.
		{"en-abcdefgh", ""},
		{"xyz", ""},
		{"de-1abc", ""},
		{"zh-xyz-cn", ""},
		// grandfathered, private use, extensions
		{"i-klingon", ""},
		{"zh-min-nan", ""},
		{"x-foo", ""},
		{"en-x-internal", ""},
		{"en-u-ca-buddhist", ""},
		{"de-t-en", ""},
		{"qaa", ""},
		{"und", ""},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			err := CheckLang(tt.code)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("CheckLang(%q) = %v, want nil", tt.code, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("CheckLang(%q) = %v, want an error containing %q", tt.code, err, tt.wantErr)
			}
		})
	}
}

func TestSplitSectionName(t *testing.T) {
	tests := []struct {
		rel, id, lang string
		wantErr       string
	}{
		{"newsletter.en.md", "newsletter", "en", ""},
		{"conferencing/teams.de.md", "conferencing/teams", "de", ""},
		{"conferencing/_index.de.md", "conferencing/_index", "de", ""},
		{"a/b/c.pt-br.md", "a/b/c", "pt-br", ""},
		{"a.b.en.md", "a.b", "en", ""},
		{"newsletter.md", "", "", "no language"},
		{"dir.x/teams.md", "", "", "no language"},
		{"newsletter.en.txt", "", "", "not a Markdown file"},
		{"newsletter.en", "", "", "not a Markdown file"},
		{"README", "", "", "not a Markdown file"},
	}
	for _, tt := range tests {
		t.Run(tt.rel, func(t *testing.T) {
			id, lang, err := splitSectionName(tt.rel)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("splitSectionName(%q) error = %v, want one containing %q", tt.rel, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("splitSectionName(%q) error = %v", tt.rel, err)
			}
			if id != tt.id || lang != tt.lang {
				t.Errorf("splitSectionName(%q) = %q, %q; want %q, %q", tt.rel, id, lang, tt.id, tt.lang)
			}
		})
	}
}
