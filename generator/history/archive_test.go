package history

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

func TestArchive(t *testing.T) {
	const banner = `<p class="superseded">old</p>`
	for _, tc := range []struct {
		name, page, want, err string
	}{
		{"replaces robots and canonical, banner in main",
			`<html><head><meta charset="utf-8"><meta name="robots" content="index"><link rel="canonical" href="https://x/en/a/b/"></head><body><header></header><main id="m"><h1>T</h1></main></body></html>`,
			`<html><head><meta charset="utf-8"><meta name="robots" content="noindex"><link rel="canonical" href="https://x/en/a/b/versions/2026-01-10/"></head><body><header></header><main id="m"><p class="superseded">old</p><h1>T</h1></main></body></html>`, ""},
		{"inserts what is missing, banner in body",
			`<!doctype html><HTML><HEAD lang="en"><title>T</title></HEAD><BODY class="x"><h1>T</h1></BODY></HTML>`,
			`<!doctype html><HTML><HEAD lang="en"><link rel="canonical" href="https://x/en/a/b/versions/2026-01-10/"><meta name="robots" content="noindex"><title>T</title></HEAD><BODY class="x"><p class="superseded">old</p><h1>T</h1></BODY></HTML>`, ""},
		{"second canonical removed",
			`<head><link rel="canonical" href="a"><link href="b" rel=canonical></head><body></body>`,
			`<head><meta name="robots" content="noindex"><link rel="canonical" href="https://x/en/a/b/versions/2026-01-10/"></head><body><p class="superseded">old</p></body>`, ""},
		{"main before body match not confused by mainly", `<head></head><body><p>mainly</p><main></main></body>`,
			`<head><link rel="canonical" href="https://x/en/a/b/versions/2026-01-10/"><meta name="robots" content="noindex"></head><body><p>mainly</p><main><p class="superseded">old</p></main></body>`, ""},
		{"relative URLs rebased to the archive's folder, others kept",
			`<head><link rel="stylesheet" href="../../../assets/style.css"></head><body><main><a href="changes/">c</a><a href="#s">s</a><a href="mailto:a@b.example">m</a><a href="https://x/">x</a><a href="/r">r</a><img src="p.png" alt=""></main></body>`,
			`<head><link rel="canonical" href="https://x/en/a/b/versions/2026-01-10/"><meta name="robots" content="noindex"><link rel="stylesheet" href="../../../../../assets/style.css"></head><body><main><p class="superseded">old</p><a href="../../changes/">c</a><a href="#s">s</a><a href="mailto:a@b.example">m</a><a href="https://x/">x</a><a href="/r">r</a><img src="../../p.png" alt=""></main></body>`, ""},
		{"twin link of the page in force dropped",
			"<head><title>T</title>\n<link rel=\"alternate\" type=\"application/ld+json\" href=\"notice.jsonld\">\n<link rel=\"stylesheet\" href=\"s.css\"></head><body></body>",
			"<head><link rel=\"canonical\" href=\"https://x/en/a/b/versions/2026-01-10/\"><meta name=\"robots\" content=\"noindex\"><title>T</title>\n<link rel=\"stylesheet\" href=\"../../s.css\"></head><body><p class=\"superseded\">old</p></body>", ""},
		{"no head", `<body></body>`, "", "no <head>"},
		{"no body", `<head></head>`, "", "no <body>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := []byte(tc.page)
			got, err := Archive(page, "https://x/en/a/b/versions/2026-01-10/", []byte(banner))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
			if string(page) != tc.page {
				t.Errorf("page was changed")
			}
		})
	}
}

// rebaseByRegexp is rebase as it was first written, with the regular
// expression its doc comment names: the reference rebase must equal.
func rebaseByRegexp(page []byte) []byte {
	url := regexp.MustCompile(`(?i)\s(?:href|src)="([^"]*)"`)
	return url.ReplaceAllFunc(page, func(attr []byte) []byte {
		v := url.FindSubmatchIndex(attr)
		if !relative(attr[v[2]:v[3]]) {
			return attr
		}
		return append(append(append([]byte{}, attr[:v[2]]...), archiveDepth...), attr[v[2]:]...)
	})
}

func TestRebaseIsTheRegexp(t *testing.T) {
	cases := []string{
		``, `no attributes`, `<a href="x">`, `<a HREF="x">`, `<img SrC="p.png">`, "<a\nhref=\"x\">", "<a\thref=\"x\">",
		`<a href="x" src="y">`, `<a href="">`, `<a href="#f">`, `<a href="/r">`, `<a href="mailto:a@b">`,
		`<a data-href="x">`, `<a xhref="x">`, `<a href='x'>`, `<a href=x>`, `<a href="x>`, `<a href="x`,
		`<a href="a"href="b">`, `<a href="a" href="b">`, `= " =" ="x"`, ` href=""href="x"`, ` href="x"="y"`,
		` ſrc="x"`, ` ſRC="x"`, ` sr="x"`, ` ref="x"`, ` hr="x"`, `title="a href="b"`, ` href=" src="x"`,
		` href="a?b:c"`, ` href="a/b:c"`, ` href="../x" src="y" href="https://z/"`,
	}
	r := rand.New(rand.NewPCG(1, 2))
	parts := []string{" ", "\n", "href", "HREF", "src", "ſrc", "=", `"`, "x", "#", "/", ":", "a", "<", ">", "='"}
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		cases = append(cases, b.String())
	}
	for _, c := range cases {
		if got, want := rebase([]byte(c)), rebaseByRegexp([]byte(c)); !bytes.Equal(got, want) {
			t.Fatalf("rebase(%q) = %q, want %q", c, got, want)
		}
	}
}

// The robots, canonical and twin links are those of the head: a body
// that shows such a tag (as text of a code example, say) keeps it.
func TestArchiveEditsTheHeadOnly(t *testing.T) {
	page := "<head><title>T</title>\n<link rel=\"alternate\" type=\"application/ld+json\" href=\"n.jsonld\"></head>" +
		"<body><main><link rel=\"canonical\" href=\"/c\"><meta name=\"robots\" content=\"all\">\n<link type=\"application/ld+json\"></main></body>"
	got, err := Archive([]byte(page), "https://x/v/", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "<head><link rel=\"canonical\" href=\"https://x/v/\"><meta name=\"robots\" content=\"noindex\"><title>T</title></head>" +
		"<body><main><link rel=\"canonical\" href=\"/c\"><meta name=\"robots\" content=\"all\">\n<link type=\"application/ld+json\"></main></body>"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
