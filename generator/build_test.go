package generator_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/generator"
)

// smallSite is a valid site of one language per code given, with entities
// a (notice b/c) and a-b (notice c); tests add the files that clash.
func smallSite(languages string) fstest.MapFS {
	entity := func(notice string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("name = \"X\"\naddress = \"x\"\nemail = \"x@x.example\"\nnotices = [\"" + notice + "\"]\n")}
	}
	fsys := fstest.MapFS{
		"site.toml":                      {Data: []byte("title = \"T\"\nbaseURL = \"https://x.example/\"\ndefaultLanguage = \"en\"\nlanguages = " + languages + "\n")},
		"content/entities/a.toml":        entity("b/c"),
		"content/entities/a-b.toml":      entity("c"),
		"content/notices/b/c.toml":       {Data: []byte("title = \"BC\"\nsections = [\"general\"]\n")},
		"content/notices/c.toml":         {Data: []byte("title = \"C\"\nsections = [\"general\"]\n")},
		"content/sections/general.en.md": {Data: []byte("+++\ntitle = \"General\"\n+++\nHello.\n")},
	}
	if strings.Contains(languages, `"de"`) {
		fsys["content/sections/general.de.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Allgemein\"\n+++\nHallo.\n")}
	}
	return fsys
}

// TestClashes checks that two outputs that would be one file, by path or on
// a case-insensitive file system, stop the build with one error per pair of
// causes that names both, and that distinct paths pass.
func TestClashes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		langs string
		add   map[string]string
		want  []string // every diagnostic, as printed
	}{
		{"distinct paths", `["en", "de"]`, nil, nil},
		{"entity/notice and entity/notice with one path, in each language", `["en", "de"]`, map[string]string{
			"content/entities/a/b.toml": "name = \"X\"\naddress = \"x\"\nemail = \"x@x.example\"\nnotices = [\"c\"]\n",
		}, []string{
			`content/entities/a/b.toml:4:12: error: en/a/b/c/index.html (and 3 more paths) would be written by both entity "a/b" with notice "c" and entity "a" with notice "b/c" (content/entities/a.toml:4:12); expected entity and notice ids that give distinct paths <lang>/<entity>/<notice>/: rename one of them`,
		}},
		{"the same in one language", `["en"]`, map[string]string{
			"content/entities/a/b.toml": "name = \"X\"\naddress = \"x\"\nemail = \"x@x.example\"\nnotices = [\"c\"]\n",
		}, []string{
			`content/entities/a/b.toml:4:12: error: en/a/b/c/index.html (and 1 more path) would be written by both entity "a/b" with notice "c" and entity "a" with notice "b/c" (content/entities/a.toml:4:12); expected entity and notice ids that give distinct paths <lang>/<entity>/<notice>/: rename one of them`,
		}},
		{"static file and generated page differ in case", `["en"]`, map[string]string{
			"static/EN/index.html": "x",
		}, []string{
			`static/EN/index.html:1: error: EN/index.html (from static/EN/index.html) and en/index.html (from the overview of language "en", site.toml:4:14) differ only in case, so they would be one file on macOS and Windows; expected paths that differ in more than that`,
		}},
		{"a static file and a generated folder differ in case", `["en"]`, map[string]string{
			"static/En/a": "x",
		}, []string{
			`static/En/a:1: error: En/a (from static/En/a) and the folder en/a holding en/a/b/c/index.html (from entity "a" with notice "b/c") differ only in case, so they would be one name on macOS and Windows; expected paths that differ in more than that`,
		}},
		{"two static files differ in case", `["en"]`, map[string]string{
			"static/img/Logo.png": "a",
			"static/img/logo.png": "b",
		}, []string{
			`static/img/logo.png:1: error: img/logo.png (from static/img/logo.png) and img/Logo.png (from static/img/Logo.png) differ only in case, so they would be one file on macOS and Windows; expected paths that differ in more than that`,
		}},
		{"composed and decomposed accents", `["en"]`, map[string]string{
			"static/caf\u00e9.txt":  "a",
			"static/cafe\u0301.txt": "b",
		}, []string{
			"static/caf\u00e9.txt:1: error: caf\u00e9.txt (from static/caf\u00e9.txt) and cafe\u0301.txt (from static/cafe\u0301.txt) differ only in case or in how their accents are encoded (\"caf\\u00e9.txt\" and \"cafe\\u0301.txt\"), so they would be one file on macOS and Windows; expected paths that differ in more than that",
		}},
		{"a Kelvin sign folds to an ASCII k", `["en"]`, map[string]string{
			"static/key.txt":      "a",
			"static/\u212aey.txt": "b",
		}, []string{
			"static/\u212aey.txt:1: error: \u212aey.txt (from static/\u212aey.txt) and key.txt (from static/key.txt) differ only in case, so they would be one file on macOS and Windows; expected paths that differ in more than that",
		}},
		{"a layout asset and the built-in one differ in case", `["en"]`, map[string]string{
			"layouts/assets/Style.css": "body{}",
		}, []string{
			`layouts/assets/style.css:1: error: assets/style.css (from layouts/assets/style.css) and assets/Style.css (from layouts/assets/Style.css) differ only in case, so they would be one file on macOS and Windows; expected paths that differ in more than that`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := smallSite(tc.langs)
			for p, text := range tc.add {
				fsys[p] = &fstest.MapFile{Data: []byte(text)}
			}
			res := generator.Build(t.Context(), fsys, generator.Options{Builtin: noticegen.Example})
			var got []string
			for _, d := range res.Diags {
				got = append(got, d.String())
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%v", len(got), len(tc.want), res.Diags)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("diagnostic %d:\n got %s\nwant %s", i, got[i], tc.want[i])
				}
			}
			if len(tc.want) > 0 && (res.Files != nil || res.Stats.Files != 0) {
				t.Errorf("a refused build has %d files and counts %d", len(res.Files), res.Stats.Files)
			}
			if len(tc.want) == 0 && res.Files["en/a/b/c/index.html"] == nil {
				t.Errorf("no page for entity a with notice b/c; files: %d", len(res.Files))
			}
		})
	}
}

// TestSharedBodyErrorOnce checks that a body error that every entity's
// pages meet is one diagnostic naming the entities, however the build runs:
// as build and check run it, and as serve does, with a cache, twice, and
// with only one page open.
func TestSharedBodyErrorOnce(t *testing.T) {
	fsys := smallSite(`["en", "de"]`)
	fsys["content/entities/d.toml"] = fsys["content/entities/a.toml"]
	fsys["content/sections/general.en.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"General\"\n+++\n{{ .Entity.Nmae }}\n")}
	const want = `content/sections/general.en.md:4:11: error: template: .Entity.Nmae: no field Nmae; expected one of .Entity.ID, .Entity.Name, .Entity.Address, .Entity.Email, .Entity.Phone, .Entity.Website, .Entity.Register, .Entity.VATID, .Entity.RepresentedBy, .Entity.DPO, .Entity.Authority (on the pages of entities "a", "a-b" and "d")`
	cache := generator.NewCache()
	for _, tc := range []struct {
		name string
		opts generator.Options
		want string
	}{
		{"build", generator.Options{}, want},
		{"serve, first build", generator.Options{Cache: cache}, want},
		{"serve, rebuild", generator.Options{Cache: cache}, want},
		{"serve, the open page only", generator.Options{Cache: cache, Only: func(p string) bool { return p == "en/d/b/c/index.html" }},
			`content/sections/general.en.md:4:11: error: template: .Entity.Nmae: no field Nmae; expected one of .Entity.ID, .Entity.Name, .Entity.Address, .Entity.Email, .Entity.Phone, .Entity.Website, .Entity.Register, .Entity.VATID, .Entity.RepresentedBy, .Entity.DPO, .Entity.Authority (on the pages of entity "d", content/entities/d.toml)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Builtin = noticegen.Example
			res := generator.Build(t.Context(), fsys, tc.opts)
			if len(res.Diags) != 1 || res.Diags[0].String() != tc.want {
				t.Errorf("diagnostics:\n%v\nwant one:\n%s", res.Diags, tc.want)
			}
		})
	}
	res := generator.Check(t.Context(), fsys, generator.Options{Builtin: noticegen.Example})
	n := 0
	for _, d := range res.Diags {
		if strings.Contains(d.Message, "Nmae") {
			n++
			if d.String() != want {
				t.Errorf("check: %s\nwant %s", d, want)
			}
		}
	}
	if n != 1 {
		t.Errorf("check reported the body error %d times, want once:\n%v", n, res.Diags)
	}
}
