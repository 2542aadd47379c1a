package token

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestMake: a token is its index between Core and End, in the shape of
// an e-mail address or URL where the value has one, so that linkify
// treats both alike.
func TestMake(t *testing.T) {
	tests := []struct {
		i       int
		v, want string
	}{
		{0, "Acme GmbH", "NgTk0000Z"},
		{0, "", "NgTk0000Z"},
		{42, "privacy@acme.example", "NgTk0042Z@ngtk.example"},
		{7, "https://acme.example/privacy", "https://NgTk0007Z.example"},
		{7, "http://acme.example", "http://NgTk0007Z.example"},
		{9999, "www.acme.example", "www.NgTk9999Z.example"},
		{1, "see https://x.example", "NgTk0001Z"}, // a URL only at the start
	}
	for _, tt := range tests {
		got := Make(tt.i, tt.v)
		if got != tt.want {
			t.Errorf("Make(%d, %q) = %q, want %q", tt.i, tt.v, got, tt.want)
		}
		core := got[strings.Index(got, Core):]
		if i, ok := Index([]byte(core), tt.i+1); !ok || i != tt.i {
			t.Errorf("Index(%q) = %d, %v; want %d, true", core, i, ok, tt.i)
		}
	}
}

func TestIndex(t *testing.T) {
	tests := []struct {
		b    string
		n    int
		want int
		ok   bool
	}{
		{"NgTk0042Z and more", 43, 42, true},
		{"NgTk0042Z", 42, 0, false}, // not among the first 42
		{"NgTk0042", 43, 0, false},  // too short
		{"NgTk0042X", 43, 0, false}, // no End
		{"NgTk00a2Z", 43, 0, false}, // not digits
		{"NgTk0000Z", 1, 0, true},
	}
	for _, tt := range tests {
		if got, ok := Index([]byte(tt.b), tt.n); ok != tt.ok || ok && got != tt.want {
			t.Errorf("Index(%q, %d) = %d, %v; want %d, %v", tt.b, tt.n, got, ok, tt.want, tt.ok)
		}
	}
}

// TestEach: Each finds the whole tokens of toks, in order, and skips a
// mark that is no token of them: a bare core where a shaped token is
// expected, an index out of range, a broken mark.
func TestEach(t *testing.T) {
	toks := []string{Make(0, "Acme"), Make(1, "a@b.example"), Make(2, "https://x.example")}
	b := "x " + toks[1] + " " + toks[0] + toks[0] + " NgTk0001Z " + "NgTk0003Z NgTk00" + toks[2] + "."
	var got []string
	Each([]byte(b), toks, func(i, start int) {
		if !strings.HasPrefix(b[start:], toks[i]) {
			t.Errorf("token %d reported at %d, where %q stands", i, start, b[start:])
		}
		got = append(got, fmt.Sprint(i, "@", start))
	})
	want := []string{
		fmt.Sprint(1, "@", 2),
		fmt.Sprint(0, "@", 2+len(toks[1])+1),
		fmt.Sprint(0, "@", 2+len(toks[1])+1+len(toks[0])),
		fmt.Sprint(2, "@", strings.Index(b, toks[2])),
	}
	if !slices.Equal(got, want) {
		t.Errorf("Each visited %v, want %v", got, want)
	}
	counts := make([]int, len(toks))
	Count([]byte(b), toks, counts)
	if !slices.Equal(counts, []int{2, 1, 1}) {
		t.Errorf("Count = %v, want [2 1 1]", counts)
	}
}

// TestReplace: every token is replaced by its value; attr says whether it
// stands inside a tag.
func TestReplace(t *testing.T) {
	toks := []string{Make(0, "Acme"), Make(1, "a@b.example")}
	b := `<p>` + toks[0] + ` <a href="mailto:` + toks[1] + `">` + toks[1] + `</a></p>`
	var out bytes.Buffer
	var attrs []bool
	Replace(&out, []byte(b), toks, func(i, start int, attr bool) []byte {
		attrs = append(attrs, attr)
		return []byte([]string{"Acme & Co", "x@y.example"}[i])
	})
	want := `<p>Acme & Co <a href="mailto:x@y.example">x@y.example</a></p>`
	if out.String() != want {
		t.Errorf("Replace = %q, want %q", out.String(), want)
	}
	if !slices.Equal(attrs, []bool{false, true, false}) {
		t.Errorf("attr = %v, want [false true false]", attrs)
	}
	out.Reset()
	Replace(&out, []byte("no tokens"), toks, func(int, int, bool) []byte { return []byte("!") })
	if out.String() != "no tokens" {
		t.Errorf("Replace without tokens = %q", out.String())
	}
}

func TestOnly(t *testing.T) {
	toks := []string{Make(0, "Acme"), Make(1, "a@b.example")}
	tests := []struct {
		b    string
		want bool
	}{
		{"nothing", true},
		{toks[0] + " " + toks[1] + " " + toks[0], true},
		{toks[0] + " NgTk0007Z", false},    // no token of toks
		{toks[0] + " NgTk0001Z", false},    // the core of a shaped token alone
		{toks[0] + " NgTk", false},         // a broken mark
		{strings.Repeat(toks[1], 3), true}, // tokens next to each other
	}
	for _, tt := range tests {
		if got := Only([]byte(tt.b), toks); got != tt.want {
			t.Errorf("Only(%q) = %v, want %v", tt.b, got, tt.want)
		}
	}
}
