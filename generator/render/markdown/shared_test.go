package markdown

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/noticegen/noticegen/generator/internal/token"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/output"
	"github.com/noticegen/noticegen/generator/render/sandbox"
	"github.com/noticegen/noticegen/generator/render/view"
	"github.com/noticegen/noticegen/generator/site"
)

// converters are a Shared converter, the Direct one it falls back to, and
// the output stage that minifies sections (nil: nothing is minified).
type converters struct {
	shared *Shared
	out    *output.Finisher
}

func newConverters(unsafeHTML, minify bool) *converters {
	c := &converters{shared: NewShared(NewDirect(unsafeHTML))}
	if minify {
		c.out = output.New(true)
	}
	return c
}

// pageDate formats a date of [params] as the renderer does.
func pageDate(lang string, t time.Time) view.Date {
	return view.Date{Text: locale.Date(lang, t), ISO: t.Format("2006-01-02")}
}

// paramDate is date as a body in lang sees it in [params].
func paramDate(date time.Time, lang string) any {
	return sandbox.Params(site.Params{"d": date}, lang, "en", pageDate)["d"]
}

// sharedPair renders body for a page whose name is name and whose e-mail
// is email, both ways: converting the page's own Markdown (Direct), and
// through the shared conversion (Shared). ok says whether the shared
// conversion was used.
func sharedPair(t *testing.T, c *converters, body, name, email string) (direct, shared string, ok bool) {
	t.Helper()
	data := fuzzData("Acme")
	data.Entity.Name, data.Entity.Email = name, email
	return sharedPairData(t, c, body, data)
}

// sharedPairData is sharedPair for a page with the values data.
func sharedPairData(t *testing.T, c *converters, body string, data *sandbox.Data) (direct, shared string, ok bool) {
	t.Helper()
	name, email := data.Entity.Name, data.Entity.Email
	tmpl, d := sandbox.Parse(sectionFile(body))
	if d != nil {
		t.Skip("body does not parse")
	}
	a, da := c.shared.direct.Convert(&Buffers{}, tmpl.With(data))
	b, db := c.shared.Convert(&Buffers{}, tmpl.With(data))
	if (da == nil) != (db == nil) || da != nil && da.String() != db.String() {
		t.Fatalf("body %q, name %q, email %q: errors differ:\ndirect: %v\nshared: %v", body, name, email, da, db)
	}
	ok = b.Shared != nil
	if ok && c.out != nil {
		// Minified once with tokens and the values put in, the section
		// is the section minified with its values.
		before, after := `<section id="x"><h2>X</h2>`, `<p class="more">…</p></section>`
		want, err := c.out.File("x.html", []byte(before+string(a.Bytes)+after))
		if err != nil {
			t.Fatal(err)
		}
		if got, same := minifiedSection(t, c.out, before, after, b); same && got != string(want) {
			t.Fatalf("body %q, name %q, email %q: minified sections differ:\nwhole:  %s\nshared: %s", body, name, email, want, got)
		}
	}
	return string(a.Bytes), string(b.Bytes), ok
}

// minifiedSection finishes a page that is nothing but the section before,
// html and after, laid out as the renderer lays out a shared section: a
// fragment whose conversion is html.Shared, standing alone in the page's
// frame. same is false when the section cannot stand alone (it is not one
// element), and the renderer then minifies the page whole.
func minifiedSection(t *testing.T, out *output.Finisher, before, after string, html HTML) (got string, same bool) {
	t.Helper()
	section := before + string(html.Bytes) + after
	s := html.Shared
	fr := out.Fragment("section", section, &output.Shared{Before: before, After: after, Body: s.Template, Tokens: s.Tokens, Values: s.Values, Key: s.Key})
	page := out.NewPage()
	mark, ok := page.Stand(fr, 0, true)
	if !ok {
		return "", false
	}
	page.Whole = func(w *bytes.Buffer) error { w.WriteString(section); return nil }
	b, err := out.Finish("x.html", []byte(mark), page)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), true
}

func TestSharedBodyMatchesDirect(t *testing.T) {
	tests := []struct {
		body, name, email string
		shared            bool // the shared conversion is expected to be used
	}{
		{"Operated by {{ .Entity.Name }}.", "Acme Logistics GmbH", "", true},
		{"Write to {{ .Entity.Email }}.", "", "privacy@acme.example", true},
		{"Write to ({{ .Entity.Email }}) or {{ .Entity.Name }}", "Acme", "privacy@acme.example", true},
		{"# {{ .Entity.Name }}\n\n| a | {{ .Entity.Name }} |\n|---|---|\n| {{ .Entity.Email }} | x |", "Müller & Söhne", "a.b+c@x-y.example", true},
		{"[{{ .Entity.Name }}](https://x.example) **{{ .Entity.Name }}**", "Acme", "", true},
		// Where the value would not read as the token does, the page's
		// own Markdown is converted.
		{"`{{ .Entity.Name }}`", "1 Acme", "", false},
		{"[x]({{ .Entity.Email }})", "", "a@b.example", false},
		{"![{{ .Entity.Name }}](x.png)", "Acme", "", false},
		{"see www.{{ .Entity.Name }}", "acme.example", "", false},
		{"x@{{ .Entity.Name }}", "acme.example", "", false},
		{"{{ .Entity.Name }}@acme.example", "info", "", false},
		{"&{{ .Entity.Name }};", "amp", "", false},
		{"a*{{ .Entity.Name }} b*", "+49 30", "", false},
		{"a {{ .Entity.Name }}w.acme.example", "x ww", "", false},
		{"a {{ .Entity.Name }}w.example", "x ww", "", true}, // www.example is no link
		{"a {{ .Entity.Name }}tp://x.example", "x ht", "", false},
		{"<{{ .Entity.Name }}>", "https://acme.example", "", true},
		{"<{{ .Entity.Name }}>", "acme example", "", false},
		// Values that cannot be shared are escaped in place as always.
		{"Hi {{ .Entity.Name }}", "*bold*", "", false},
		{"Hi {{ .Entity.Name }}", "a  b", "", false},
		{"{{ .Entity.Name }}\n===", "Acme", "", true},
		{"1. {{ .Entity.Name }}\n{{ .Entity.Name }}", "2. Acme", "", true},
		{"{{ .Entity.Name }}", "2024", "", true},
		{"x {{ .Entity.Email }}. y {{ .Entity.Email }}-z", "", "a@b.example", false},
		{"{{ .Entity.Name }} at https://x.example/{{ .Entity.Name }}", "acme", "", false},
		// A value must not finish a block marker the body's text began
		// ("0" and "." would be a list item; "|" and ":--" a delimiter
		// row); escaped, it reads as text both ways.
		{"0{{ .Entity.Name }}", ".", "", false},
		{"| a |\n|{{ .Entity.Name }}|", ":--", "", false},
		{"| a |\n|{{ .Entity.Name }}|", "---", "", false},
		// The token mark in the body's own text or in a value escaped in
		// place: the body runs again with every value escaped in place.
		{"NgTk0000Z and {{ .Entity.Name }}", "Acme", "", false},
		{"{{ .Entity.Email }} and {{ .Entity.Name }}", "Acme", "*NgTk0000Z*", false},
	}
	for _, tc := range tests {
		c := newConverters(false, true)
		direct, shared, ok := sharedPair(t, c, tc.body, tc.name, tc.email)
		if direct != shared {
			t.Errorf("body %q with %q, %q:\ndirect: %s\nshared: %s", tc.body, tc.name, tc.email, direct, shared)
		}
		if ok != tc.shared {
			t.Errorf("body %q with %q, %q: shared conversion used = %v, want %v\nHTML: %s", tc.body, tc.name, tc.email, ok, tc.shared, direct)
		}
	}
}

// TestValueFinishesNoBlock: a value never finishes a list marker or a
// table's delimiter row that the body's text before it began.
func TestValueFinishesNoBlock(t *testing.T) {
	for _, tc := range []struct{ body, name string }{
		{"0{{ .Entity.Name }}", "."},
		{"12{{ .Entity.Name }} x", "."},
		{"| a |\n|{{ .Entity.Name }}|", ":--"},
		{"| a |\n|{{ .Entity.Name }}|", "---"},
		{"a\n{{ .Entity.Name }}", "==="},
	} {
		c := newConverters(false, false)
		direct, _, _ := sharedPair(t, c, tc.body, tc.name, "")
		for _, tag := range []string{"<ol", "<ul", "<table", "<h3", "<h4", "<hr"} {
			if strings.Contains(direct, tag) {
				t.Errorf("body %q, value %q: %s made by the value: %s", tc.body, tc.name, tag, direct)
			}
		}
	}
}

// TestSharedBodyOnce checks that the pages of many entities share one
// conversion of a body that prints their names and addresses.
func TestSharedBodyOnce(t *testing.T) {
	c := newConverters(false, false)
	body := "We, {{ .Entity.Name }}, answer at {{ .Entity.Email }}.\n\n| Tool | Who |\n|---|---|\n| x | {{ .Entity.Name }} |"
	for _, name := range []string{"Acme GmbH", "Beta Ltd", "Gamma & Co", "Delta S.A."} {
		email := "privacy@" + strings.ToLower(strings.Fields(name)[0]) + ".example"
		direct, shared, ok := sharedPair(t, c, body, name, email)
		if direct != shared || !ok {
			t.Fatalf("%s: shared=%v\ndirect: %s\nshared: %s", name, ok, direct, shared)
		}
	}
	if n := len(c.shared.cache.bodies); n != 1 {
		t.Errorf("%d conversions kept, want 1", n)
	}
}

// FuzzSharedBody checks that the shared conversion gives the HTML of the
// page's own Markdown for any body and values: \x01 in the body stands
// for the entity's name, \x02 for its e-mail address, and \x03 to \x07
// for params that are not strings: an integer, a float, a boolean, a
// date (in German, "1. März 2025") and an array of all of them.
//
//	go test ./generator/render/markdown -run '^$' -fuzz '^FuzzSharedBody$' -fuzztime 5m
func FuzzSharedBody(f *testing.F) {
	names := []string{"Acme GmbH", "Müller & Co. KG", "+49 30 1234", "acme.example", "www", "x ht", "1. a", "a/b:c", "amp"}
	emails := []string{"privacy@acme.example", "a.b+c@x-y.example", "a@b", "https://acme.example/x", "www.acme.example"}
	nums := []int64{90, 0, -5, 1, 2025, 1 << 62}
	floats := []float64{0.5, 1e6, -2.25, 0, 1e-9, 1e21}
	for i, b := range fuzzBodySeeds(f) {
		b = strings.ReplaceAll(b, "{{ .Entity.Name }}", "\x01")
		b = strings.ReplaceAll(b, "{{ .Entity.Email }}", "\x02")
		f.Add(b, names[i%len(names)], emails[i%len(emails)], false, nums[i%len(nums)], floats[i%len(floats)])
	}
	for _, b := range []string{"*\x01* _\x02_ ~\x01~", "(\x02) <\x02> [\x01](\x02)", "&\x01; \x01@x.y www.\x01", "`\x01` ![\x01](\x02)", "<a title=\"\x01\">\x02</a>",
		"\x03 days, \x04 of \x05 on \x06: \x07", "\x03. \x04) *\x03* `\x04` [\x06](\x03)", "| \x03 | \x07 |\n|---|---|\n| \x04 | \x06 |", "\x03\n\x04\n\n- \x07"} {
		for i := range names {
			f.Add(b, names[i], emails[i%len(emails)], i%2 == 0, nums[i%len(nums)], floats[i%len(floats)])
		}
	}
	convs := map[bool]*converters{false: newConverters(false, true), true: newConverters(true, true)}
	f.Fuzz(func(t *testing.T, body, name, email string, unsafeHTML bool, num int64, flt float64) {
		if strings.Contains(body, "{{") || strings.Contains(body, "}}") {
			return // only the values are actions
		}
		body = strings.NewReplacer("\x01", "{{ .Entity.Name }}", "\x02", "{{ .Entity.Email }}", "\x03", "{{ .Params.n }}",
			"\x04", "{{ .Params.f }}", "\x05", "{{ .Params.b }}", "\x06", "{{ .Params.d }}", "\x07", "{{ .Params.list }}").Replace(body)
		c := convs[unsafeHTML]
		date := time.Date(2000+int(uint64(num)%100), time.Month(1+uint64(num)%12), 1+int(uint64(num)%28), 0, 0, 0, 0, time.FixedZone("date-local", 0))
		// Two pages: the second may take the first one's conversion.
		for _, v := range [][2]string{{name, email}, {email, name}} {
			data := fuzzData("Acme")
			data.Entity.Name, data.Entity.Email = v[0], v[1]
			data.Params["n"], data.Params["f"], data.Params["b"] = num, flt, num%2 == 0
			data.Params["d"] = paramDate(date, "de")
			data.Params["list"] = []any{v[0], num, flt, num%3 == 0, data.Params["d"]}
			direct, shared, _ := sharedPairData(t, c, body, data)
			if direct != shared {
				t.Fatalf("body %q, name %q, email %q, %d, %v:\ndirect: %s\nshared: %s", body, v[0], v[1], num, flt, direct, shared)
			}
		}
	})
}

// TestSharedParams: numbers, dates and lists of [params] take the shared
// conversion as the strings do, and read as their own Markdown does.
func TestSharedParams(t *testing.T) {
	c := newConverters(false, true)
	body := "Kept {{ .Params.n }} days; {{ .Params.f }} of visits; since {{ .Params.d }}; tools {{ .Params.list }}."
	for _, n := range []int64{90, 30, 365} {
		data := fuzzData("Acme")
		data.Params["n"], data.Params["f"] = n, float64(n)/1000
		data.Params["d"] = paramDate(time.Date(2025, 3, int(n%28)+1, 0, 0, 0, 0, time.FixedZone("date-local", 0)), "de")
		data.Params["list"] = []any{"Matomo", n, true}
		direct, shared, ok := sharedPairData(t, c, body, data)
		if direct != shared || !ok {
			t.Errorf("%d: shared=%v\ndirect: %s\nshared: %s", n, ok, direct, shared)
		}
	}
}

func TestSubstituteEscapes(t *testing.T) {
	toks := []string{token.Make(0, "a&b"), token.Make(1, "x y@z.example")}
	html := []byte(`<p>` + toks[0] + ` <a href="mailto:` + toks[1] + `">` + toks[1] + `</a></p>`)
	var out bytes.Buffer
	substitute(&out, html, toks, []string{"a&b", "x y@z.example"})
	want := `<p>a&amp;b <a href="mailto:x%20y@z.example">x y@z.example</a></p>`
	if out.String() != want {
		t.Errorf("got  %s\nwant %s", out.String(), want)
	}
}

// BenchmarkSharedManyValues: a body that prints values a thousand times
// (the most a loop may run) in one long word and in many short ones takes
// time linear in its size, not in the square of its values.
//
//	go test ./generator/render/markdown -run '^$' -bench SharedManyValues -benchtime 3x
func BenchmarkSharedManyValues(b *testing.B) {
	for name, tc := range map[string]struct{ body, entity string }{
		"one-word":   {"{{ range 999 }}{{ $.Entity.Name }}-{{ $.Entity.Email }}{{ end }}", "AcmeGmbH"},
		"many-words": {"{{ range 999 }}{{ $.Entity.Name }} at {{ $.Entity.Email }}, {{ end }}", "Acme GmbH"},
	} {
		b.Run(name, func(b *testing.B) {
			tmpl := parseBody(b, tc.body)
			data := fuzzData("Acme")
			data.Entity.Name, data.Entity.Email = tc.entity, "privacy@acme.example"
			for b.Loop() {
				if _, d := convert(NewShared(NewDirect(false)), tmpl, data); d != nil {
					b.Fatal(d)
				}
			}
		})
	}
}
