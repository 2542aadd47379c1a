package site

// Fuzz targets for the loader. Each one checks properties that hold for
// every input, not only "no panic": diagnostics name a file and point inside
// it, accepted ids are safe paths, key positions are lines of the text.
// Seeds come from the example site under content/ and from the members of
// testdata/script/*.txtar, plus hand-picked hostile inputs.
//
// Run one with, e.g.:
//
//	go test ./generator/site -run '^$' -fuzz '^FuzzLoadEntity$' -fuzztime 20s

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/noticegen/noticegen/generator/diag"
)

// repoRoot is the repository root seen from this package's folder.
const repoRoot = "../.."

// seedFiles returns the texts of the repository's real files whose slash
// path (below content/ of the example site, or a txtar member name) matches
// re, so every corpus starts from what users actually write.
func seedFiles(tb testing.TB, re string) [][]byte {
	tb.Helper()
	match := regexp.MustCompile(re)
	var out [][]byte
	_ = filepath.WalkDir(repoRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(repoRoot, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && rel != "content" && !strings.HasPrefix(rel, "content/") && rel != "testdata" && rel != "testdata/script" && rel != "site.toml" {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case strings.HasPrefix(rel, "testdata/script/") && strings.HasSuffix(rel, ".txtar"):
			a, err := txtar.ParseFile(p)
			if err != nil {
				return nil
			}
			for _, f := range a.Files {
				if match.MatchString(f.Name) {
					out = append(out, f.Data)
				}
			}
		case match.MatchString(rel):
			if b, err := os.ReadFile(p); err == nil {
				out = append(out, b)
			}
		}
		return nil
	})
	if len(out) == 0 {
		tb.Fatalf("no seed files match %s", re)
	}
	return out
}

// hostileTOML are inputs that have broken parsers before: deep nesting,
// repeated keys, invalid UTF-8, NUL bytes, CRLF, a byte order mark, and
// markup where text is expected.
var hostileTOML = []string{
	"",
	"\uFEFF",
	"\uFEFFname = \"Acme\"\n",
	"name = \"Acme\"\r\nemail = \"a@b.example\"\r\n[dpo]\r\nname = \"D\"\r\n",
	"name = \"A\x00B\"\n",
	"name = \"\xff\xfe\"\n",
	"\xff\nname = 1\n",
	"a = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n",
	"a = " + strings.Repeat("{b=", 300) + "1" + strings.Repeat("}", 300) + "\n",
	strings.Repeat("name = \"x\"\n", 500),
	strings.Repeat("[dpo]\n", 200),
	"name = \"</script><script>alert(1)</script>\"\n",
	"name = { en = \"x\", \"\" = \"y\" }\n",
	"name = { en = 1 }\n",
	"name = [\"a\", { b = 1 }]\n",
	"[params]\n\"a.b\" = \"x\"\n\"\" = \"y\"\n\"on load\" = \"z\"\n",
	"[params.x]\ny = 1\n",
	"params.\"news.tool\" = { en = \"a\" }\n",
	"updated = 2025-13-45\n",
	"updated = \"2025-03-01\"\n",
	"updated = 2025-03-01T10:00:00Z\n",
	"address = \"\"\"\nline\n\"\"\"\n\"\"\"\n",
	"name = '''\n'''\n[[dpo]]\n",
	"uses = [\"../../etc/passwd\", \"/abs\", \"A\", \"a b\", \"a/../b\", \"a//b\"]\n",
	"notices = [\"website\", \"website\"]\n",
	"website = \"javascript:alert(1)\"\n[authority]\nurl = \"data:text/html,x\"\n",
	"Name = \"x\"\n[DPO]\nEMAIL = \"y\"\n",
	"=\n",
	"[\n",
	"[[\n",
	"a.b.c.d.e.f = 1\n",
	"name = \"x\" # \x01\n",
	"name = \"\\u0000\"\n",
	"name = \"a\\u001b[31mb\\u202e\"\n[params]\nx = \"\\u0085\"\n",
	"purposes = [\"a\", \"\\b\"]\nretention = \"\"\"\r\nx\r\n\\r\"\"\"\n",
	"updated = 10:00:00\n",
	"updated = 00:00\n",
	"updated = 0000-01-01\n",
	"name = { de = \"x\" }\ntitle = { \"\\u001b\" = \"y\" }\n",
	"\n\n\n\nname =\n",
}

// checkDiags asserts the invariants every diagnostic of a load keeps: it
// names a file, and one about file in (with text) points at a line of it.
func checkDiags(t *testing.T, diags diag.List, file string, text []byte) {
	t.Helper()
	text = bytes.TrimPrefix(text, []byte("\uFEFF"))
	lines := bytes.Split(text, []byte("\n"))
	for _, d := range diags {
		if d.File == "" {
			t.Errorf("diagnostic without a file: %v", d)
		}
		if d.Message == "" {
			t.Errorf("diagnostic without a message: %#v", d)
		}
		if str := d.String(); !utf8.ValidString(d.Message) || strings.ContainsFunc(d.Message+str, func(r rune) bool { return !strconv.IsPrint(r) }) {
			t.Errorf("diagnostic not escaped: %q", str)
		}
		if d.File != file {
			continue
		}
		if d.Line < 0 || d.Line > len(lines)+1 {
			t.Errorf("diagnostic at line %d of a file of %d lines: %v", d.Line, len(lines), d)
		}
		if d.Col < 0 {
			t.Errorf("negative column: %v", d)
		}
		if d.Line >= 1 && d.Line <= len(lines) && d.Col > utf8.RuneCount(lines[d.Line-1])+1 {
			t.Errorf("diagnostic at column %d of line %d, which has %d characters: %v", d.Col, d.Line, utf8.RuneCount(lines[d.Line-1]), d)
		}
	}
}

// fuzzSite is the minimal valid site the file targets replace one file of.
func fuzzSite() fstest.MapFS { return minimalSite() }

func loadWith(t *testing.T, name string, data []byte) (*Site, diag.List) {
	t.Helper()
	m := fuzzSite()
	m[name] = &fstest.MapFile{Data: data}
	return Load(context.Background(), m)
}

func FuzzLoadEntity(f *testing.F) {
	for _, b := range seedFiles(f, `^content/entities/[^/]+\.toml$`) {
		f.Add(b)
	}
	for _, s := range hostileTOML {
		f.Add([]byte(s))
	}
	const name = "content/entities/acme.toml"
	f.Fuzz(func(t *testing.T, data []byte) {
		s, diags := loadWith(t, name, data)
		checkDiags(t, diags, name, data)
		e := s.Entity("acme")
		failed := s.Broken[name]
		if e == nil && !failed && utf8.Valid(data) {
			t.Errorf("entity neither loaded nor marked broken; diags:\n%v", diags)
		}
		if e != nil {
			if e.Source.Path != name {
				t.Errorf("entity source path %q, want %q", e.Source.Path, name)
			}
			// every id the loader let through without an error is safe
			if !hasErrorIn(diags, name) {
				for _, id := range append(append(append([]string{}, e.Notices...), e.Uses...), e.Omit...) {
					assertSafeID(t, id)
				}
				for k := range e.Params {
					if !validParamKey(k) {
						t.Errorf("params key %q accepted without error", k)
					}
				}
				for _, u := range []string{e.Website} {
					if u != "" && CheckWebURL(u) != nil {
						t.Errorf("website %q accepted without error", u)
					}
				}
				e.Source = Source{}
				assertPageValues(t, e, e.Updated)
				if !e.Name.Has(s.Config.DefaultLanguage) {
					t.Errorf("name %q accepted without the default language", e.Name)
				}
			}
		}
	})
}

func FuzzLoadNotice(f *testing.F) {
	for _, b := range seedFiles(f, `^content/notices/[^/]+\.toml$`) {
		f.Add(b)
	}
	for _, s := range hostileTOML {
		f.Add([]byte(s))
	}
	f.Add([]byte("title = \"x\"\nsections = [\"hosting/*\", \"hosting/*\", \"*\", \"/*\", \"a/*/*\", \"../x\"]\n"))
	f.Add([]byte("title = { en = \"x\", dee = \"y\" }\nsections = []\n"))
	const name = "content/notices/website.toml"
	f.Fuzz(func(t *testing.T, data []byte) {
		s, diags := loadWith(t, name, data)
		checkDiags(t, diags, name, data)
		n := s.Notice("website")
		if n == nil && !s.Broken[name] && utf8.Valid(data) {
			t.Errorf("notice neither loaded nor marked broken; diags:\n%v", diags)
		}
		if n != nil && !hasErrorIn(diags, name) {
			for _, ref := range n.Sections {
				assertSafeID(t, strings.TrimSuffix(ref, "/*"))
			}
		}
	})
}

func FuzzSiteTOML(f *testing.F) {
	for _, b := range seedFiles(f, `^site\.toml$`) {
		f.Add(b)
	}
	for _, s := range hostileTOML {
		f.Add([]byte(s))
	}
	f.Add([]byte("baseURL = \"javascript:alert(1)//\"\n"))
	f.Add([]byte("baseURL = \"https://x.example/?a#b\"\nlanguages = [\"EN\", \"de\", \"de\", \"../x\", \"\"]\ndefaultLanguage = \"fr\"\n"))
	f.Add([]byte("baseURL = \"https://x.example/\"\npublishDir = \"../../tmp\"\nunsafeHTML = true\nminify = \"yes\"\n"))
	f.Add([]byte("baseURL = \"https://x.example/\"\npublishDir = \"/etc\"\ntitle = { xx = \"t\" }\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, diags := loadWith(t, ConfigFile, data)
		checkDiags(t, diags, ConfigFile, data)
		if hasErrorIn(diags, ConfigFile) {
			return
		}
		cfg := s.Config
		for _, l := range cfg.Languages {
			if CheckLang(l) != nil {
				t.Errorf("language %q accepted without error", l)
			}
		}
		if CheckBaseURL(cfg.BaseURL) != nil || !strings.HasSuffix(cfg.BaseURL, "/") {
			t.Errorf("baseURL %q accepted without error", cfg.BaseURL)
		}
		if p := cfg.PublishDir; p != "" && (path.IsAbs(p) || strings.HasPrefix(path.Clean(p), "..")) {
			t.Errorf("publishDir %q accepted without error", p)
		}
	})
}

func FuzzSectionFile(f *testing.F) {
	for _, b := range seedFiles(f, `^content/sections/.+\.md$`) {
		f.Add(b)
	}
	for _, s := range hostileTOML {
		f.Add([]byte("+++\n" + s + "+++\nbody\n"))
	}
	for _, s := range []string{
		"", "+++", "+++\n", "+++\n+++", "+++\n+++\n", "+++ \r\ntitle = \"x\"\r\n+++\r\nbody\r\n",
		"\uFEFF+++\ntitle = \"x\"\n+++\nbody",
		"+++\ntitle = \"x\"\n+++\n+++\nmore\n",
		"+++\ntitle = \"x\"\nretention = Until you unsubscribe.\n+++\nbody\n",
		"+++\ntitle = \"x\"\nupdated = \"2025-03-01\"\n+++\n",
		"+++\ntitle = \"\"\"\n+++\n\"\"\"\n+++\nbody\n",
		"---\ntitle: x\n---\nbody\n",
		"+++\ntitle = \"x\"\n+++\n{{ range . }}{{ end }}</script>\x00\xff\n",
	} {
		f.Add([]byte(s))
	}
	const name = "content/sections/general.en.md"
	f.Fuzz(func(t *testing.T, data []byte) {
		s, diags := loadWith(t, name, data)
		checkDiags(t, diags, name, data)
		sec := s.Section("general")
		var sf *SectionFile
		if sec != nil {
			sf = sec.Translations["en"]
		}
		if sf == nil {
			if !s.Broken[name] && utf8.Valid(data) {
				t.Errorf("section file neither loaded nor marked broken; diags:\n%v", diags)
			}
			return
		}
		text := bytes.TrimPrefix(data, []byte("\uFEFF"))
		if sf.BodyLine < 2 {
			t.Errorf("BodyLine = %d; want at least 2 (after the two +++ lines)", sf.BodyLine)
		}
		if !bytes.HasSuffix(text, []byte(sf.Body)) {
			t.Errorf("body %q is not a suffix of the file %q", sf.Body, text)
		}
		if sf.Body != "" {
			// the body starts on line BodyLine: as many line ends precede it
			before := text[:len(text)-len(sf.Body)]
			if got := bytes.Count(before, []byte("\n")) + 1; got != sf.BodyLine {
				t.Errorf("body starts on line %d, BodyLine = %d", got, sf.BodyLine)
			}
		}
		if !bytes.Contains(text, sf.Front.Text) {
			t.Errorf("front matter %q is not part of the file", sf.Front.Text)
		}
		if sf.Front.LineOffset != 1 {
			t.Errorf("front matter LineOffset = %d, want 1", sf.Front.LineOffset)
		}
		if !hasErrorIn(diags, name) {
			assertPageValues(t, sf.Meta, sf.Meta.Updated)
			assertPageValues(t, strings.ReplaceAll(sf.Body, "\x00", ""), time.Time{})
		}
	})
}

// assertPageValues checks a value loaded without an error the way a page
// would show it: no control character other than tab and newline (a CR
// only before a LF) in any of its text, and a date that is a date.
func assertPageValues(t *testing.T, v any, updated time.Time) {
	t.Helper()
	for _, text := range stringsIn(reflect.ValueOf(v)) {
		for i, r := range text {
			if unicode.IsControl(r) && r != '\t' && r != '\n' && !(r == '\r' && strings.HasPrefix(text[i+1:], "\n")) {
				t.Errorf("%U accepted without error in %q", r, text)
				break
			}
		}
	}
	if !updated.IsZero() && updated.Year() == 0 {
		t.Errorf("updated = %v, a time of day, accepted without error", updated)
	}
}

// FuzzLocalized decodes arbitrary TOML and feeds every value it holds, at
// any depth, to Localized.UnmarshalTOML.
func FuzzLocalized(f *testing.F) {
	for _, b := range seedFiles(f, `^(site\.toml|content/(entities|notices)/[^/]+\.toml)$`) {
		f.Add(b)
	}
	for _, s := range hostileTOML {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var doc map[string]any
		if _, err := toml.Decode(string(data), &doc); err != nil {
			return
		}
		var walk func(v any)
		walk = func(v any) {
			checkLocalized(t, v)
			switch v := v.(type) {
			case map[string]any:
				for _, x := range v {
					walk(x)
				}
			case []any:
				for _, x := range v {
					walk(x)
				}
			case []map[string]any:
				for _, x := range v {
					walk(x)
				}
			}
		}
		walk(doc)
		// and through the decoder, as the loader uses it
		var into struct {
			L Localized            `toml:"l"`
			M map[string]Localized `toml:"m"`
		}
		_, _ = toml.Decode(string(data), &into)
	})
}

func checkLocalized(t *testing.T, v any) {
	t.Helper()
	var l Localized
	err := l.UnmarshalTOML(v)
	if err != nil {
		if err.Error() == "" {
			t.Errorf("empty error for %#v", v)
		}
		return
	}
	switch v := v.(type) {
	case string:
		if len(l) != 1 || l[""] != v || l.Get("en", "de") != v || !l.Has("xx") || len(l.Langs()) != 0 {
			t.Errorf("UnmarshalTOML(%q) = %#v", v, l)
		}
	case map[string]any:
		if len(l) != len(v) {
			t.Errorf("UnmarshalTOML(%#v) = %#v: languages lost", v, l)
		}
		for k, s := range l {
			if k == "" {
				t.Errorf("UnmarshalTOML(%#v) accepted an empty language", v)
			}
			if v[k] != s {
				t.Errorf("UnmarshalTOML(%#v)[%q] = %q", v, k, s)
			}
			if !l.Has(k) || l.Get(k, "") != s {
				t.Errorf("Get/Has disagree for %q in %#v", k, l)
			}
		}
		if len(l.Langs()) != len(l) {
			t.Errorf("Langs() = %q for %#v", l.Langs(), l)
		}
		zero := true
		for _, s := range l {
			zero = zero && s == ""
		}
		if l.IsZero() != zero {
			t.Errorf("IsZero() = %v for %#v", l.IsZero(), l)
		}
	default:
		t.Errorf("UnmarshalTOML accepted %T %#v", v, v)
	}
}

// idShape is the id grammar of SPEC.md, written independently of CheckID.
var idShape = regexp.MustCompile(`^[a-z0-9-]+(/[a-z0-9-]+)*$`)

func assertSafeID(t *testing.T, id string) {
	t.Helper()
	if !idShape.MatchString(id) || strings.Contains(id, "..") || strings.HasPrefix(id, "/") ||
		!fs.ValidPath(id) || path.Clean(id) != id || strings.ContainsAny(id, "\\\x00 .") {
		t.Errorf("unsafe id %q accepted", id)
	}
}

func FuzzCheckID(f *testing.F) {
	for _, s := range []string{
		"", "a", "general", "conferencing/teams", "a/b/c", "-", "a-", "0", "a/", "/a", "a//b", ".", "..",
		"../a", "a/..", "a/./b", "A", "a b", "a\x00", "a\\b", "ä", "a_b", "_index", "a/_index", "a\n",
		"\u212a", "a/*", "*", "ａ", "a\u0000/b", "\xff", "x/" + strings.Repeat("a/", 100),
	} {
		f.Add(s)
	}
	_ = filepath.WalkDir(filepath.Join(repoRoot, SectionsDir), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(filepath.Join(repoRoot, SectionsDir), p)
			f.Add(filepath.ToSlash(rel)) // e.g. conferencing/teams.de.md
		}
		return nil
	})
	f.Fuzz(func(t *testing.T, id string) {
		err := CheckID(id)
		if err == nil {
			assertSafeID(t, id)
		} else if idShape.MatchString(id) {
			t.Errorf("CheckID(%q) = %v; want nil for an id of the documented shape", id, err)
		}
		if err != nil && !strings.Contains(err.Error(), "expected") {
			t.Errorf("CheckID(%q) error %q does not say what is expected", id, err)
		}
		// Language codes become folder names and file-name parts too.
		if CheckLang(id) == nil {
			if !fs.ValidPath(id) || strings.ContainsAny(id, "/.\\ ") || id != strings.ToLower(id) {
				t.Errorf("unsafe language code %q accepted", id)
			}
		}
		// Section file names split into an id and a language that are
		// parts of the name, never more.
		if sid, lang, err := splitSectionName(id); err == nil {
			if sid+"."+lang+".md" != id {
				t.Errorf("splitSectionName(%q) = %q, %q", id, sid, lang)
			}
			if strings.Contains(lang, "/") {
				t.Errorf("splitSectionName(%q): language %q has a slash", id, lang)
			}
		}
	})
}

func FuzzKeyPos(f *testing.F) {
	for _, b := range seedFiles(f, `^(site\.toml|content/(entities|notices)/[^/]+\.toml)$`) {
		f.Add(b, "dpo.email", "website", uint8(0))
		f.Add(b, "params.tool", "hosting/ionos", uint8(1))
	}
	for _, s := range hostileTOML {
		f.Add([]byte(s), "name", "x", uint8(3))
	}
	f.Add([]byte("a = \"\"\"\n[b]\nc = 1\n\"\"\"\n[b]\nc = 2\n"), "b.c", "2", uint8(0))
	f.Add([]byte("[a.\"b.c\"]\nd = ['x', \"y\"]\n"), "a.b.c.d", "y", uint8(0))
	f.Add([]byte("[]\n[[\n[a]]\n=\n= =\n"), "", "", uint8(0))
	f.Fuzz(func(t *testing.T, text []byte, key, value string, offset uint8) {
		src := Source{Path: "x.toml", Text: text, LineOffset: int(offset)}
		nlines := bytes.Count(text, []byte("\n")) + 1
		var k []string
		if key != "" {
			k = strings.Split(key, ".")
		}
		for _, pos := range [][2]int{
			func() [2]int { l, c := src.KeyPos(k...); return [2]int{l, c} }(),
			func() [2]int { l, c := src.ValuePos(value, k...); return [2]int{l, c} }(),
		} {
			line, col := pos[0], pos[1]
			if line < 1+int(offset) || line > nlines+int(offset) {
				t.Errorf("line %d outside %d..%d", line, 1+int(offset), nlines+int(offset))
			}
			if col < 0 {
				t.Errorf("negative column %d", col)
			}
		}
		if l, c := invalidUTF8(text); utf8.Valid(text) != (l == 0) || l > nlines || (l > 0 && c < 1) {
			t.Errorf("invalidUTF8 = %d, %d (valid: %v)", l, c, utf8.Valid(text))
		}
	})
}

func hasErrorIn(diags diag.List, file string) bool {
	for _, d := range diags {
		if d.File == file && d.Severity == diag.Error {
			return true
		}
	}
	return false
}

// stringsIn returns every string v holds, at any depth.
func stringsIn(v reflect.Value) []string {
	var out []string
	switch v.Kind() {
	case reflect.String:
		out = append(out, v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			out = stringsIn(v.Elem())
		}
	case reflect.Struct:
		if v.Type() != reflect.TypeFor[time.Time]() {
			for i := range v.NumField() {
				out = append(out, stringsIn(v.Field(i))...)
			}
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			out = append(out, stringsIn(v.MapIndex(k))...)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			out = append(out, stringsIn(v.Index(i))...)
		}
	}
	return out
}
