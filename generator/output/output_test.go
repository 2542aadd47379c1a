package output

import (
	"strings"
	"testing"
)

func TestMinifier(t *testing.T) {
	m := New(true)
	html := "<!DOCTYPE html>\n<html lang=\"en\">\n <head>\n  <title> T </title>\n </head>\n <body>\n  <p class=\"x\">  a   b  </p>\n  <p>c</p>\n </body>\n</html>\n"
	tests := []struct {
		name, in string
		want     []string // substrings of the output
		absent   []string
		same     bool // output must equal input
	}{
		{"index.html", html, []string{`<html lang="en">`, "<head>", "</head>", "<body>", "</body>", "</html>", `<p class="x">a b</p>`, "</p><p>c</p>"}, []string{"\n", "  "}, false},
		{"assets/style.css", "p {\n  color : red ;\n}\n\n/* comment */\n", []string{"p{color:red}"}, []string{"\n", "comment"}, false},
		{"sitemap.xml", "<?xml version=\"1.0\"?>\n<urlset>\n  <url> <loc>https://x.example/</loc> </url>\n</urlset>\n", []string{"<urlset><url><loc>https://x.example/</loc></url></urlset>"}, []string{"\n"}, false},
		{"robots.txt", "User-agent: *\n\n\nDisallow:   \n", nil, nil, true},
		{"assets/app.js", "var  x = 1 ;\n", nil, nil, true},
		{"logo.svg", "<svg>\n  <g/>\n</svg>\n", nil, nil, true},
		{"noext", "  a  ", nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := m.File(tt.name, []byte(tt.in))
			if err != nil {
				t.Fatalf("Minify: %v", err)
			}
			got := string(out)
			if tt.same {
				if got != tt.in {
					t.Errorf("Minify(%s) = %q, want the input unchanged", tt.name, got)
				}
				return
			}
			if len(got) >= len(tt.in) {
				t.Errorf("Minify(%s) did not shrink: %q", tt.name, got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Minify(%s) = %q, want it to contain %q", tt.name, got, w)
				}
			}
			for _, w := range tt.absent {
				if strings.Contains(got, w) {
					t.Errorf("Minify(%s) = %q, want no %q", tt.name, got, w)
				}
			}
		})
	}
}

// TestStageLinksUnchanged: a rebuild links the files whose bytes did not
// change to the previous build's copies and writes the others; either way
// the new folder holds the new bytes and the old one is gone.
func TestFileWithoutMinifying(t *testing.T) {
	in := []byte("<p>  a  </p>\n")
	out, err := New(false).File("index.html", in)
	if err != nil || string(out) != string(in) {
		t.Fatalf("File = %q, %v; want the input unchanged", out, err)
	}
	in[0] = 'X'
	if out[0] == 'X' {
		t.Errorf("File's result shares the input's memory")
	}
}
