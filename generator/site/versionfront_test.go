package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// versionFronts are the front matters of the version files of the example
// site and of the test sites, as release wrote them.
func versionFronts(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, root := range []string{"../..", "../../testdata"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "public" || d.Name() == "node_modules" || d.Name() == ".git") {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.Contains(filepath.ToSlash(p), "content/versions/") || !strings.HasSuffix(p, VersionExt) {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			l := &loader{}
			if front, _, _, ok := l.splitFront(p, b, ""); ok {
				out[p] = front.Text
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(out) < 10 {
		t.Fatalf("found %d version files; want the example's and the test sites'", len(out))
	}
	return out
}

// slowVersion decodes text the way every other file is decoded.
func slowVersion(text []byte) (*Version, *loader, bool) {
	l := &loader{}
	v := &Version{Source: Source{Path: "v.html", Text: text, LineOffset: 1}}
	ok := l.decode(v.Source, v)
	return v, l, ok
}

// The fast path gives what decode gives, for every file release wrote.
func TestReleasedFrontIsDecode(t *testing.T) {
	for p, text := range versionFronts(t) {
		src := Source{Path: "v.html", Text: text, LineOffset: 1}
		fast := &Version{Source: src}
		if !releasedFront(src, fast) {
			t.Errorf("%s: not taken by the fast path; release wrote it", p)
			continue
		}
		slow, l, ok := slowVersion(text)
		if !ok || len(l.diags) > 0 {
			t.Errorf("%s: decode reports %v", p, l.diags)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Errorf("%s: fast path gives\n%+v\ndecode gives\n%+v", p, fast, slow)
		}
		if fast.Date.Location() != slow.Date.Location() {
			t.Errorf("%s: date in %v, decode's in %v", p, fast.Date.Location(), slow.Date.Location())
		}
	}
}

// What the fast path leaves to decode: whatever decode has a finding
// about, and what the two libraries may read differently.
func TestReleasedFrontDeclines(t *testing.T) {
	const good = "date = 2026-03-01\nclass = \"first\"\ntitle = \"Website\"\n\n[[sections]]\nid = \"general\"\ntitle = \"General\"\ntext = \"\"\"\nHello.\"\"\"\n"
	if !releasedFront(Source{Text: []byte(good)}, &Version{}) {
		t.Fatal("the good front matter is not taken")
	}
	for _, tc := range []struct{ name, from, to string }{
		{"key in another case", "title = ", "Title = "},
		{"unknown key", "class = ", "klass = "},
		{"dotted key", "title = ", "title.x = "},
		{"plain table", "[[sections]]", "[sections]"},
		{"other array table", "[[sections]]", "[[parts]]"},
		{"carriage return", "Hello.", "Hello.\r\nAgain."},
		{"date with a time", "2026-03-01", "2026-03-01T10:00:00"},
		{"date with a zone", "2026-03-01", "2026-03-01T00:00:00Z"},
		{"time of day", "2026-03-01", "10:00:00"},
		{"early year", "2026-03-01", "0999-03-01"},
		{"date as a string", "2026-03-01", `"2026-03-01"`},
		{"control character", "Hello.", `Hello.\u0007`},
		{"noncharacter", "Hello.", `Hello.\uFFFE`},
		{"wrong type", `class = "first"`, "class = 1"},
		{"inline table", `class = "first"`, `class = { a = "b" }`},
		{"syntax error", `class = "first"`, `class = "first`},
		{"duplicate key", "title = \"Website\"\n", "title = \"Website\"\ntitle = \"Site\"\n"},
		{"duplicate key in a table", "id = \"general\"\n", "id = \"general\"\nid = \"other\"\n"},
		{"impossible date", "2026-03-01", "2026-02-30"},
		{"list of mixed values", "title = \"General\"\n", "title = \"General\"\npurposes = [\"a\", 1]\n"},
		{"list of lists", "title = \"General\"\n", "title = \"General\"\npurposes = [[\"a\"]]\n"},
		{"changes inline", `class = "first"`, "class = \"first\"\nchanges = []"},
	} {
		text := strings.Replace(good, tc.from, tc.to, 1)
		if text == good {
			t.Fatalf("%s: %q not in the front matter", tc.name, tc.from)
		}
		v := &Version{Title: "kept"}
		if releasedFront(Source{Text: []byte(text)}, v) {
			t.Errorf("%s: taken by the fast path:\n%s", tc.name, text)
		}
		if v.Title != "kept" {
			t.Errorf("%s: declined, but v was changed", tc.name)
		}
	}
}

// Whatever the fast path takes, decode takes too, without a finding and
// with the same result: checked on 6,000 random edits of release's
// files, which is where the two libraries could disagree.
func TestReleasedFrontOnEdits(t *testing.T) {
	var texts [][]byte
	for _, text := range versionFronts(t) {
		texts = append(texts, text)
	}
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"\"", "'", "\\", "\n", " ", "=", "[", "]", "{", "}", ",", "#", "\"\"\"", "'''", "\\n", "\\u00e9", "T", "Z", ":", "-", "0", "1", ".", "é", "x", "\t", "+"}
	taken := 0
	for range 6000 {
		b := bytes.Clone(texts[r.IntN(len(texts))])
		for range 1 + r.IntN(3) {
			at := r.IntN(len(b) + 1)
			cut := min(len(b)-at, r.IntN(3))
			b = append(b[:at], append([]byte(pieces[r.IntN(len(pieces))]), b[at+cut:]...)...)
		}
		src := Source{Path: "v.html", Text: b, LineOffset: 1}
		fast := &Version{Source: src}
		if !releasedFront(src, fast) {
			continue
		}
		taken++
		slow, l, ok := slowVersion(b)
		if !ok || len(l.diags) > 0 {
			t.Fatalf("the fast path takes what decode reports (%v):\n%s", l.diags, b)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("fast path and decode differ on\n%s\nfast %+v\nslow %+v", b, fast, slow)
		}
	}
	if taken < 500 {
		t.Errorf("the fast path took %d of 6,000 edits; the test should exercise it", taken)
	}
}

// The fast path sets every key a version file can have: a front matter
// with each of Version's, Change's and VersionSection's keys, made from
// their tags, is taken and gives what decode gives.
func TestReleasedFrontSetsEveryKey(t *testing.T) {
	var b strings.Builder
	n := 0
	keys := func(typ reflect.Type) {
		for i := range typ.NumField() {
			f := typ.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
			if name == "" || name == "-" || f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct {
				continue
			}
			n++
			switch {
			case f.Type == reflect.TypeFor[time.Time]():
				fmt.Fprintf(&b, "%s = 2026-03-%02d\n", name, n%28+1)
			case f.Type.Kind() == reflect.String:
				fmt.Fprintf(&b, "%s = \"value %d\"\n", name, n)
			case f.Type.Kind() == reflect.Slice:
				fmt.Fprintf(&b, "%s = [\"item %d\", \"item %d\"]\n", name, n, n+1)
			case f.Type.Kind() == reflect.Bool:
				fmt.Fprintf(&b, "%s = true\n", name)
			default:
				t.Fatalf("%s.%s has a type the test does not know: %v", typ.Name(), f.Name, f.Type)
			}
		}
	}
	keys(reflect.TypeFor[Version]())
	b.WriteString("\n[[changes]]\n")
	keys(reflect.TypeFor[Change]())
	b.WriteString("\n[[sections]]\n")
	keys(reflect.TypeFor[VersionSection]())
	b.WriteString("\n[[sections]]\npurposes = []\n")
	text := []byte(b.String())
	src := Source{Path: "v.html", Text: text, LineOffset: 1}
	fast := &Version{Source: src}
	if !releasedFront(src, fast) {
		t.Fatalf("not taken by the fast path:\n%s", text)
	}
	slow, l, ok := slowVersion(text)
	if !ok || len(l.diags) > 0 {
		t.Fatalf("decode reports %v on\n%s", l.diags, text)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Errorf("fast path gives\n%+v\ndecode gives\n%+v", fast, slow)
	}
}

// A front matter nested deeper than tooDeep allows is left to decode,
// which reports it, and neither library runs out of stack.
func TestReleasedFrontDeepNesting(t *testing.T) {
	for _, n := range []int{50, 20000} {
		text := "title = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n"
		if releasedFront(Source{Text: []byte(text)}, &Version{}) {
			t.Errorf("nesting %d: taken by the fast path", n)
		}
		if _, l, ok := slowVersion([]byte(text)); ok || len(l.diags) == 0 {
			t.Errorf("nesting %d: decode reports nothing", n)
		}
	}
}
