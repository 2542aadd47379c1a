package generator_test

// FuzzBuild runs the whole pipeline on a small site made of four fuzzed
// files (site.toml, an entity, a notice, the English text of one section)
// over fixed valid others, and checks: every diagnostic names a file; a
// successful build writes only valid paths inside the destination and no
// <script>; Write leaves nothing behind but the destination itself.
//
//	go test ./generator -run '^$' -fuzz '^FuzzBuild$' -fuzztime 20s

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/generator"
	"github.com/noticegen/noticegen/generator/output"
	"github.com/noticegen/noticegen/generator/publish"
)

const (
	fuzzSiteTOML = "baseURL = \"https://privacy.example/\"\ntitle = { en = \"Privacy\", de = \"Datenschutz\" }\nlanguages = [\"en\", \"de\"]\n"
	fuzzEntity   = "name = \"Acme GmbH\"\naddress = \"Street 1\"\nemail = \"privacy@acme.example\"\nnotices = [\"website\"]\nuses = [\"hosting/a\"]\n[params]\ntool = \"MailTool\"\n"
	fuzzNotice   = "title = { en = \"Website\", de = \"Webseite\" }\nsections = [\"general\", \"hosting/*\", \"rights\"]\n"
	fuzzSection  = "+++\ntitle = \"General\"\n+++\n{{ .Entity.Name }} uses {{ .Params.tool }}.\n"
)

// fuzzBase is the fixed part of the fuzzed site.
func fuzzBase() fstest.MapFS {
	md := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"content/sections/general.de.md":   md("+++\ntitle = \"Allgemeines\"\n+++\n{{ .Entity.Name }}.\n"),
		"content/sections/hosting/a.en.md": md("+++\ntitle = \"Hosting\"\npurposes = [\"Hosting\"]\nlegalBases = [\"gdpr-6-1-f\"]\nlegitimateInterest = \"Running the site\"\nretention = \"7 days\"\n+++\nWe host.\n"),
		"content/sections/hosting/a.de.md": md("+++\ntitle = \"Hosting\"\npurposes = [\"Hosting\"]\nlegalBases = [\"gdpr-6-1-f\"]\nlegitimateInterest = \"Betrieb\"\nretention = \"7 Tage\"\n+++\nWir hosten.\n"),
		"content/sections/rights.en.md":    md("+++\ntitle = \"Rights\"\ncovers = [\"access\", \"rectification\", \"erasure\", \"restriction\", \"portability\", \"objection\", \"withdraw-consent\", \"complaint\"]\n+++\nYou have rights.\n"),
		"content/sections/rights.de.md":    md("+++\ntitle = \"Rechte\"\ncovers = [\"access\", \"rectification\", \"erasure\", \"restriction\", \"portability\", \"objection\", \"withdraw-consent\", \"complaint\"]\n+++\nSie haben Rechte.\n"),
	}
}

// seedsFrom returns the members of testdata/script/*.txtar and the files of
// the example site whose name ends with suffix and starts with prefix.
func seedsFrom(tb testing.TB, prefix, suffix string) []string {
	tb.Helper()
	var out []string
	archives, _ := filepath.Glob("../testdata/script/*.txtar")
	for _, a := range archives {
		ar, err := txtar.ParseFile(a)
		if err != nil {
			continue
		}
		for _, f := range ar.Files {
			if strings.HasPrefix(f.Name, prefix) && strings.HasSuffix(f.Name, suffix) {
				out = append(out, string(f.Data))
			}
		}
	}
	_ = fs.WalkDir(noticegen.Example, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasPrefix(p, prefix) && strings.HasSuffix(p, suffix) {
			b, _ := fs.ReadFile(noticegen.Example, p)
			out = append(out, string(b))
		}
		return nil
	})
	return out
}

func FuzzBuild(f *testing.F) {
	f.Add(fuzzSiteTOML, fuzzEntity, fuzzNotice, fuzzSection)
	sites := seedsFrom(f, "site.toml", "site.toml")
	entities := seedsFrom(f, "content/entities/", ".toml")
	notices := seedsFrom(f, "content/notices/", ".toml")
	sections := seedsFrom(f, "content/sections/", ".en.md")
	for i := range max(len(sites), len(entities), len(notices), len(sections)) {
		pick := func(xs []string, d string) string {
			if len(xs) == 0 {
				return d
			}
			return xs[i%len(xs)]
		}
		f.Add(pick(sites, fuzzSiteTOML), pick(entities, fuzzEntity), pick(notices, fuzzNotice), pick(sections, fuzzSection))
	}
	for _, h := range [][4]string{
		{fuzzSiteTOML + "unsafeHTML = false\n", fuzzEntity, fuzzNotice, "+++\ntitle = \"x\"\n+++\n</script><script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))\n"},
		{fuzzSiteTOML, strings.Replace(fuzzEntity, "Acme GmbH", "</script><script>alert(1)</script>", 1), fuzzNotice, fuzzSection},
		{fuzzSiteTOML, strings.Replace(fuzzEntity, "MailTool", "a\\n\\n<script>x</script>\\r- b", 1), fuzzNotice, fuzzSection},
		{fuzzSiteTOML, fuzzEntity + "website = \"javascript:alert(1)\"\n", fuzzNotice, fuzzSection},
		{fuzzSiteTOML, strings.Replace(fuzzEntity, `"website"`, `"../../x"`, 1), fuzzNotice, fuzzSection},
		{strings.Replace(fuzzSiteTOML, `"en", "de"`, `"en", "../de"`, 1), fuzzEntity, fuzzNotice, fuzzSection},
		{fuzzSiteTOML + "publishDir = \"../out\"\n", fuzzEntity, fuzzNotice, fuzzSection},
		{strings.Replace(fuzzSiteTOML, "https://privacy.example/", "https://privacy.example/\"><script>x</script>", 1), fuzzEntity, fuzzNotice, fuzzSection},
		{fuzzSiteTOML, fuzzEntity, fuzzNotice, "+++\ntitle = \"x\"\n+++\n{{ range 100000000000 }}{{ end }}\n"},
		{fuzzSiteTOML, fuzzEntity, fuzzNotice, "\uFEFF+++\r\ntitle = \"x\\u0000\"\r\n+++\r\n\x00\xff\r\n"},
		{fuzzSiteTOML, "a = " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n", fuzzNotice, fuzzSection},
		{fuzzSiteTOML, fuzzEntity, "title = \"x\"\nsections = [\"general\", \"general/*\", \"hosting/*\", \"hosting/*\"]\n", fuzzSection},
	} {
		f.Add(h[0], h[1], h[2], h[3])
	}

	f.Fuzz(func(t *testing.T, siteTOML, entity, notice, section string) {
		src := fuzzBase()
		src["site.toml"] = &fstest.MapFile{Data: []byte(siteTOML)}
		src["content/entities/acme.toml"] = &fstest.MapFile{Data: []byte(entity)}
		src["content/notices/website.toml"] = &fstest.MapFile{Data: []byte(notice)}
		src["content/sections/general.en.md"] = &fstest.MapFile{Data: []byte(section)}
		no := false
		res := generator.Build(context.Background(), src, generator.Options{Builtin: noticegen.Example, Workers: 1, Minify: &no})
		for _, d := range res.Diags {
			if d.File == "" || d.Message == "" {
				t.Errorf("diagnostic without a file or message: %#v", d)
			}
		}
		if res.Diags.HasErrors() {
			if res.Files != nil {
				t.Errorf("build with errors has files")
			}
			return
		}
		for name, data := range res.Files {
			if !fs.ValidPath(name) || strings.Contains(name, "..") || strings.Contains(name, "\\") {
				t.Errorf("output path %q is not a plain path inside the destination", name)
			}
			if strings.HasSuffix(name, ".html") {
				if tag := scriptIn(data); tag != "" {
					t.Errorf("%s has a <%s> element:\n%s", name, tag, data)
				}
			}
		}

		// Minified as a build minifies (shared sections once, each page's
		// frame around them), every page is the page minified whole.
		yes := true
		mres := generator.Build(context.Background(), src, generator.Options{Builtin: noticegen.Example, Workers: 1, Minify: &yes})
		mini := output.New(true)
		for name, data := range res.Files {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			want, err := mini.File(name, data)
			if err != nil {
				continue // the minified build reports it
			}
			if got := mres.Files[name]; !bytes.Equal(got, want) {
				t.Errorf("%s: minified by the build:\n%s\nminified whole:\n%s", name, got, want)
			}
		}

		// Write into a fresh folder: nothing may appear beside it.
		parent := t.TempDir()
		dest := filepath.Join(parent, "public")
		if err := generator.Write(context.Background(), res, dest); err != nil {
			t.Fatalf("Write: %v", err)
		}
		entries, err := os.ReadDir(parent)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		if !slices.Equal(names, []string{"public"}) {
			t.Errorf("after Write the parent folder holds %q; want only public (no staging folder)", names)
		}
		written := 0
		_ = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				t.Errorf("walk: %v", err)
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				t.Errorf("Write made a link %s", p)
			}
			if rel, _ := filepath.Rel(dest, p); !d.IsDir() && rel != publish.Manifest {
				written++
				if _, ok := res.Files[filepath.ToSlash(rel)]; !ok {
					t.Errorf("Write made %s, which the build did not produce", rel)
				}
			}
			return nil
		})
		if written != len(res.Files) {
			t.Errorf("Write made %d files; the build has %d", written, len(res.Files))
		}
	})
}

// scriptIn returns the name of the first element in an HTML page that runs
// or embeds code, or "".
func scriptIn(page []byte) string {
	l := html.NewLexer(parse.NewInputBytes(page))
	for {
		tt, _ := l.Next()
		switch tt {
		case html.ErrorToken:
			if l.Err() != io.EOF {
				return "unparsable HTML: " + l.Err().Error()
			}
			return ""
		case html.StartTagToken:
			switch name := string(bytes.ToLower(l.Text())); name {
			case "script", "iframe", "object", "embed", "svg", "math", "form", "base":
				return name
			}
		case html.AttributeToken:
			if k := bytes.ToLower(l.AttrKey()); bytes.HasPrefix(k, []byte("on")) {
				return "element with " + string(k)
			}
			v := bytes.ToLower(bytes.TrimLeft(bytes.Trim(l.AttrVal(), `"'`), " \t\n\r\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"))
			if bytes.HasPrefix(v, []byte("javascript:")) || bytes.HasPrefix(v, []byte("vbscript:")) {
				return "element with a script URL " + string(v)
			}
		case html.SVGToken:
			return "svg"
		case html.MathToken:
			return "math"
		}
	}
}
