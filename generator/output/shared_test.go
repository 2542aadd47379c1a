package output

import (
	"bytes"
	"testing"

	"github.com/noticegen/noticegen/generator/internal/token"
)

// TestSubstituteMinified: values go in place of the tokens of minified
// HTML only where the minifier would have left them as they are.
func TestSubstituteMinified(t *testing.T) {
	t0, t1 := token.Make(0, "Acme"), token.Make(1, "a@b.example")
	tests := []struct {
		name, html string
		vals       []string
		want       string // "" with ok false
	}{
		{"text", "<p>By " + t0 + ".</p>", []string{"Acme GmbH", ""}, "<p>By Acme GmbH.</p>"},
		{"two values", "<p>" + t0 + " at " + t1 + "</p>", []string{"Acme", "x y"}, "<p>Acme at x y</p>"},
		{"address in an attribute", `<a href="mailto:` + t1 + `">` + t1 + "</a>", []string{"", "a+b@c.example"}, `<a href="mailto:a+b@c.example">a+b@c.example</a>`},
		{"space in an attribute is escaped", `<a href=https://` + t0 + `>x</a>`, []string{"a b", ""}, `<a href=https://a%20b>x</a>`},
		{"reference in text", "<p>" + t0 + "</p>", []string{"a&b", ""}, ""},
		{"tag in text", "<p>" + t0 + "</p>", []string{"<b>", ""}, ""},
		{"quote in text", "<p>" + t0 + "</p>", []string{`a"b`, ""}, ""},
		{"quote in an attribute", `<a title=` + t0 + `>x</a>`, []string{"a'b", ""}, ""},
		{"after a reference", "<p>&amp;" + t0 + "</p>", []string{"x", ""}, ""},
		{"a mark of no token", "<p>" + t0 + " NgTk0005Z</p>", []string{"Acme", ""}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			ok := substituteMinified(&out, []byte(tt.html), []string{t0, t1}, tt.vals)
			if ok != (tt.want != "") || ok && out.String() != tt.want {
				t.Errorf("substituteMinified(%q, %q) = %q, %v; want %q, %v", tt.html, tt.vals, out.String(), ok, tt.want, tt.want != "")
			}
		})
	}
}

// TestSharedMinified: a shared section is minified once with its tokens,
// for every page that shares its body, and gives each page's section as
// the section minified with its values does.
func TestSharedMinified(t *testing.T) {
	f := New(true)
	tok := token.Make(0, "Acme")
	body := []byte("<p>Run   by " + tok + ".</p>\n")
	key := new(int)
	for _, v := range []string{"Acme GmbH", "Beta", "Gamma & Co"} {
		s := &Shared{Before: "<section>\n <h2>T</h2>\n", After: "</section>\n", Body: body, Tokens: []string{tok}, Values: []string{v}, Key: key}
		got, ok := f.sharedMinified(s)
		want, err := f.File("index.html", []byte(s.Before+string(bytes.ReplaceAll(body, []byte(tok), []byte(v)))+s.After))
		if err != nil {
			t.Fatal(err)
		}
		if v == "Gamma & Co" {
			if ok {
				t.Errorf("%q: shared minification used for a value with a reference in it: %q", v, got)
			}
			continue
		}
		if !ok || got != string(want) {
			t.Errorf("%q: sharedMinified = %q, %v; want %q", v, got, ok, want)
		}
	}
	if len(f.templates) != 1 {
		t.Errorf("%d minified templates kept, want 1", len(f.templates))
	}
	if _, ok := f.sharedMinified(&Shared{Body: body, Tokens: []string{tok}, Values: []string{"x"}}); ok {
		t.Errorf("a section without a key was shared")
	}
}
