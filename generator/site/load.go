package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/noticegen/noticegen/generator/diag"
)

// Folders of a site, relative to its root.
const (
	ConfigFile  = "site.toml"
	EntitiesDir = "content/entities"
	NoticesDir  = "content/notices"
	SectionsDir = "content/sections"
	I18nDir     = "i18n"
	StaticDir   = "static"
	LayoutsDir  = "layouts"
)

// MaxFileSize bounds every source file read, so a stray huge file is an
// error rather than an out-of-memory crash.
const MaxFileSize = 8 << 20

// Load reads the site rooted at fsys. It returns the model even when there
// are errors, with the broken files left out, so that callers can report
// every problem of a run at once.
func Load(ctx context.Context, fsys fs.FS) (*Site, diag.List) {
	return LoadCached(ctx, fsys, nil)
}

// LoadCached is Load with a cache of parsed files, for serve: a file whose
// bytes did not change since the previous load is not parsed again. A nil
// cache parses everything.
func LoadCached(ctx context.Context, fsys fs.FS, cache *ParseCache) (*Site, diag.List) {
	l := &loader{fsys: fsys, cache: cache, site: &Site{I18n: map[string]File{}, Broken: map[string]bool{}}, linksSeen: map[string]bool{}}
	l.loadConfig()
	for _, step := range []func(){l.loadEntities, l.loadNotices, l.loadSections, l.loadI18n, l.loadStatic} {
		if ctx.Err() != nil {
			l.diags.Errorf("", 0, 0, "build cancelled: %v", ctx.Err())
			break
		}
		step()
	}
	for i := range l.diags {
		l.diags[i].File = displayPath(l.diags[i].File)
	}
	return l.site, l.diags
}

// displayPath escapes what a terminal would act on in the name of a file
// that is reported (always a refused one: valid ids are plain ASCII):
// control characters, which can start escape sequences, invisible
// formatting such as U+202E, which shows the rest of the line reversed,
// and bytes that are not UTF-8.
func displayPath(p string) string {
	if utf8.ValidString(p) && !strings.ContainsFunc(p, func(r rune) bool { return !strconv.IsPrint(r) }) {
		return p
	}
	q := strconv.Quote(p)
	return q[1 : len(q)-1]
}

type loader struct {
	fsys      fs.FS
	cache     *ParseCache
	site      *Site
	diags     diag.List
	linksSeen map[string]bool // links already reported, so content/ as a link is one error, not three
}

// read returns a file's bytes after checking its size and encoding. A link
// is refused, not followed, as contentFiles refuses one: site.toml linked to
// a file elsewhere would otherwise be read from outside the site. (The
// folders above a content file were checked by contentFiles.)
func (l *loader) read(name string) ([]byte, bool) {
	info, err := fs.Lstat(l.fsys, name)
	if err != nil {
		l.diags.Errorf(name, 0, 0, "cannot read: %v", unwrapPathError(err))
		return nil, false
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		l.diags.Errorf(name, 0, 0, "is a link; expected a regular file, since links are not followed: they could reach outside the site")
		return nil, false
	}
	if !info.Mode().IsRegular() {
		l.diags.Errorf(name, 0, 0, "not a regular file (a folder or device); expected a file")
		return nil, false
	}
	if info.Size() > MaxFileSize {
		l.diags.Errorf(name, 0, 0, "file is %d bytes; expected at most %d bytes (%d MiB)", info.Size(), MaxFileSize, MaxFileSize>>20)
		return nil, false
	}
	b, err := fs.ReadFile(l.fsys, name)
	if err != nil {
		l.diags.Errorf(name, 0, 0, "cannot read: %v", unwrapPathError(err))
		return nil, false
	}
	if line, col := invalidUTF8(b); line > 0 {
		l.diags.Errorf(name, line, col, "invalid UTF-8; expected text encoded as UTF-8")
		return nil, false
	}
	if bytes.HasPrefix(b, []byte("\uFEFF")) {
		b = b[3:]
	}
	return b, true
}

// linkIn returns the first part of the slash path p (p itself, or a folder
// on the way to it) that is a symbolic link, or "" when there is none or
// fsys cannot tell links apart.
func (l *loader) linkIn(p string) string {
	for i := 0; i <= len(p); i++ {
		if i < len(p) && p[i] != '/' {
			continue
		}
		if info, err := fs.Lstat(l.fsys, p[:i]); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			return p[:i]
		}
	}
	return ""
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// decode parses src into v and reports syntax errors, type errors and keys
// that v has no field for.
func (l *loader) decode(src Source, v any) bool {
	if line, col, msg := tooDeep(src.Text); line > 0 {
		l.diags.Errorf(src.Path, line+src.LineOffset, col, "%s", msg)
		return false
	}
	md, err := toml.Decode(string(src.Text), v)
	if err != nil {
		l.diags.Add(tomlError(src, err, reflect.TypeOf(v)))
		return false
	}
	ok := true
	t := reflect.TypeOf(v)
	undecoded := unknownKeys(t, md.Undecoded())
	for i, key := range undecoded {
		if i == maxKeyReports {
			// Finding a key's line scans the file; thousands of them would
			// take minutes, and nobody reads that many messages.
			l.diags.Errorf(src.Path, 0, 0, "%d more unknown keys not listed; expected only the keys documented in docs/site-format.md", len(undecoded)-i)
			break
		}
		line, col := src.KeyPos(key...)
		l.diags.Errorf(src.Path, line, col, "unknown key %s; expected one of: %s", keyName(key), strings.Join(knownKeys(t, key[:len(key)-1]), ", "))
		ok = false
	}
	// BurntSushi/toml matches struct fields ignoring case; keys are case
	// sensitive in TOML and in our docs, so "Name" is a mistake to point out.
	for _, key := range md.Keys() {
		parent, last := key[:len(key)-1], key[len(key)-1]
		known := knownKeys(t, parent)
		if known == nil || slices.Contains(known, last) {
			continue
		}
		for _, k := range known {
			if strings.EqualFold(k, last) {
				line, col := src.KeyPos(key...)
				l.diags.Errorf(src.Path, line, col, "unknown key %s; keys are case-sensitive: expected %q", keyName(key), k)
				ok = false
			}
		}
	}
	return l.checkValues(src, v, md) && ok
}

var (
	tomlTypeError  = regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key "([^"]*)"\): (?:incompatible types: TOML value has type (.+); destination has type (.+)|type mismatch for .+: expected (table) but found (.+))$`)
	tomlLinePrefix = regexp.MustCompile(`^toml: (?:line (\d+) )?(?:\(last key "[^"]*"\): )?`)
	tomlDuplicate  = regexp.MustCompile(`^Key '([^']*)' has already been defined\.$`)
	tomlBadDate    = regexp.MustCompile(`^parsing time ("(?:[^"\\]|\\.)*")`)
)

// TOMLError turns a BurntSushi error into a diagnostic at the right line of
// the file, which for front matter is offset by the opening +++ line.
func TOMLError(src Source, err error) diag.Diagnostic { return tomlError(src, err, nil) }

// tomlError is TOMLError for a document decoded into a value of type t (nil
// when unknown), so that a value of the wrong type can be told what its key
// expects.
func tomlError(src Source, err error, t reflect.Type) diag.Diagnostic {
	d := diag.Diagnostic{File: src.Path, Line: 1 + src.LineOffset, Severity: diag.Error}
	var pe toml.ParseError
	if errors.As(err, &pe) {
		// The parser's position is where it stopped, which is where the
		// user has to look: for `x = ["a"` the next line, not the key.
		if pe.Position.Line > 0 {
			d.Line, d.Col = pe.Position.Line+src.LineOffset, pe.Position.Col
			// The parser counts bytes, diagnostics count characters; and
			// its column sometimes belongs to the line before.
			if lines := bytes.Split(src.Text, []byte("\n")); pe.Position.Line > len(lines) || pe.Position.Col > len(lines[pe.Position.Line-1])+1 {
				d.Col = 0
			} else if pe.Position.Col > 0 {
				// Count the characters that start before the byte column:
				// the parser may stop inside a multi-byte character.
				d.Col = 1
				for i := range string(lines[pe.Position.Line-1]) {
					if i >= pe.Position.Col-1 {
						break
					}
					d.Col++
				}
			}
		} else if pe.LastKey != "" {
			d.Line, d.Col = src.KeyPos(strings.Split(pe.LastKey, ".")...)
		}
		msg, prefix := pe.Message, "invalid TOML: "
		// The parser stops one character before a control character; the
		// file is scanned for the character itself.
		if strings.HasPrefix(msg, "TOML files cannot contain control characters") {
			if line, col, r := controlChar(src.Text); line > 0 {
				d.Line, d.Col = line+src.LineOffset, col
				d.Message = fmt.Sprintf("invalid TOML: control character U+%04X; expected text without control characters (in a string, an escape such as \\u%04X)", r, r)
				return d
			}
		}
		if m := tomlDuplicate.FindStringSubmatch(msg); m != nil {
			d.Message = fmt.Sprintf("invalid TOML: key %q is defined twice; expected each key once", m[1])
			return d
		}
		hint := ""
		if m := tomlBadDate.FindStringSubmatch(msg); m != nil {
			msg, prefix = notADate(src.Text, pe.Position, m[1]), ""
		} else if strings.HasPrefix(msg, "expected value but found") && pe.LastKey != "" {
			hint = fmt.Sprintf("; text is written in quotes, e.g. %s = \"…\"", pe.LastKey[strings.LastIndexByte(pe.LastKey, '.')+1:])
		} else if strings.HasPrefix(msg, "invalid datetime") {
			hint = "; expected a date such as 2025-03-01"
		} else if strings.HasPrefix(msg, "value ") || strings.HasPrefix(msg, "empty language code") {
			prefix = "" // from Localized.UnmarshalTOML: valid TOML, wrong shape
		}
		if pe.LastKey != "" && !strings.Contains(msg, pe.LastKey) {
			msg = fmt.Sprintf("key %q: %s", pe.LastKey, msg)
		}
		d.Message = prefix + msg + hint
		return d
	}
	if m := tomlTypeError.FindStringSubmatch(err.Error()); m != nil {
		key := strings.Split(m[2], ".")
		found, dst := m[3], m[4]
		if m[5] != "" {
			found, dst = m[6], "table"
		}
		d.Line, d.Col = src.KeyPos(key...)
		if n, _ := strconv.Atoi(m[1]); n > 0 && n+src.LineOffset != d.Line {
			d.Line, d.Col = n+src.LineOffset, 0
		}
		want := tomlWant[dst]
		ft := fieldType(t, key)
		if ft != nil {
			want = describeType(ft)
		}
		if want == "" {
			want = dst
		}
		what := tomlFound[found]
		if what == "" {
			what = found
		}
		if ft != nil && ft.Kind() == reflect.Slice && dst != "slice" {
			d.Message = fmt.Sprintf("key %q: the array holds %s; expected %s", m[2], what, want)
		} else {
			d.Message = fmt.Sprintf("key %q has %s; expected %s", m[2], what, want)
		}
		return d
	}
	if m := tomlLinePrefix.FindStringSubmatch(err.Error()); m != nil && m[1] != "" {
		d.Line, _ = strconv.Atoi(m[1])
		d.Line += src.LineOffset
	}
	d.Message = "invalid TOML: " + tomlLinePrefix.ReplaceAllString(err.Error(), "")
	return d
}

// notADate says what was written where a date is expected, from the
// value's place in text: the TOML library reports every such value as a
// text that does not parse as a time, quoted, whether it was a string, a
// number or a boolean.
func notADate(text []byte, pos toml.Position, quoted string) string {
	if pos.Start > 0 && pos.Start <= len(text) && (text[pos.Start-1] == '"' || text[pos.Start-1] == '\'') {
		if s, err := strconv.Unquote(quoted); err == nil {
			if _, err := time.Parse(time.DateOnly, s); err == nil {
				return fmt.Sprintf("%s is text in quotes, not a date; expected the date without quotes: %s", quoted, s)
			}
		}
		return quoted + " is text, not a date; expected a date such as 2025-03-01, without quotes"
	}
	raw := ""
	if pos.Start >= 0 && pos.Len > 0 && pos.Start+pos.Len <= len(text) {
		raw = string(text[pos.Start : pos.Start+pos.Len])
	}
	what := "an integer"
	switch {
	case raw == "":
		return quoted + " is not a date; expected a date such as 2025-03-01"
	case raw == "true" || raw == "false":
		what = "a boolean"
	case strings.ContainsAny(raw, ".eEin"): // 1.5, 1e3, inf, nan
		what = "a number"
	}
	return fmt.Sprintf("%s is %s, not a date; expected a date such as 2025-03-01", raw, what)
}

// controlChar returns the line, column and value of the first character
// that TOML does not allow anywhere in a file: a control character other
// than tab and the line end (LF or CRLF), or DEL.
func controlChar(text []byte) (line, col int, r rune) {
	line, col = 1, 1
	for i, c := range string(text) {
		switch {
		case c == '\n':
			line, col = line+1, 1
			continue
		case c == '\r' && i+1 < len(text) && text[i+1] == '\n', c == '\t':
		case c < 0x20 || c == 0x7f:
			return line, col, c
		}
		col++
	}
	return 0, 0, 0
}

// tomlFound and tomlWant name the types in BurntSushi's messages the way a
// TOML author knows them: what was written, and what the key expects.
var (
	tomlFound = map[string]string{
		"string": "a string", "int64": "an integer", "float64": "a number", "bool": "a boolean",
		"[]any": "an array", "[]interface {}": "an array", "[]map[string]any": "an array of tables",
		"map[string]any": "a table", "map[string]interface {}": "a table",
		"time.Time": "a date", "toml.LocalDate": "a date", "toml.LocalDatetime": "a date and time", "toml.LocalTime": "a time of day",
	}
	tomlWant = map[string]string{
		"string": "a string", "integer": "an integer", "float": "a number", "boolean": "true or false",
		"slice": "an array", "map": "a table", "table": "a table", "primitive (string-like)": "a string",
	}
)

// describeType says what a TOML author has to write for a Go field type.
func describeType(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case reflect.TypeFor[Localized]():
		return `a string or a table of language codes to strings, e.g. { en = "…", de = "…" }`
	case reflect.TypeFor[time.Time]():
		return "a date such as 2025-03-01"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.String {
			return `an array of strings, e.g. ["a", "b"]`
		}
		return "an array"
	case reflect.Struct, reflect.Map:
		return "a table"
	}
	return t.String()
}

// fieldType returns the Go type that the key path decodes into within t, or
// nil when t is nil or has no such key.
func fieldType(t reflect.Type, key []string) reflect.Type {
	for _, k := range key {
		if t == nil {
			return nil
		}
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Struct:
			var next reflect.Type
			for i := range t.NumField() {
				if t.Field(i).Tag.Get("toml") == k {
					next = t.Field(i).Type
					break
				}
			}
			t = next
		case reflect.Map:
			t = t.Elem()
		default:
			return nil
		}
	}
	return t
}

// knownKeys lists the keys a table accepts, for "unknown key" messages.
func knownKeys(t reflect.Type, parent []string) []string {
	t = fieldType(t, parent)
	if t == nil {
		return nil
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var keys []string
	for i := range t.NumField() {
		if tag := t.Field(i).Tag.Get("toml"); tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return keys
}

// unknownKeys turns the keys the TOML library left undecoded into the
// keys to report: for each, its first part that no field takes (for
// [foo] with bar = 1, foo, not also foo.bar, which would have no keys to
// suggest), each once, and none inside [params], which takes any key.
func unknownKeys(t reflect.Type, undecoded []toml.Key) []toml.Key {
	var out []toml.Key
	seen := map[string]bool{}
	for _, key := range undecoded {
		if inParams(t, key) {
			continue
		}
		i := len(key) - 1
		for i > 0 && knownKeys(t, key[:i]) == nil {
			i--
		}
		if k := key[:i+1]; !seen[k.String()] {
			seen[k.String()] = true
			out = append(out, k)
		}
	}
	return out
}

func (l *loader) loadConfig() {
	b, ok := l.read(ConfigFile)
	if !ok {
		if _, err := fs.Stat(l.fsys, ConfigFile); errors.Is(err, fs.ErrNotExist) {
			l.diags = l.diags[:len(l.diags)-1]
			l.diags.Errorf(ConfigFile, 0, 0, "not found; expected a site folder with site.toml (noticegen new site DIR writes a starter site)")
		}
		return
	}
	src := Source{Path: ConfigFile, Text: b}
	l.site.Source = src
	cfg := &l.site.Config
	if !l.decode(src, cfg) {
		return
	}
	if cfg.DefaultLanguage == "" {
		cfg.DefaultLanguage = "en"
	}
	if len(cfg.Languages) == 0 {
		cfg.Languages = []string{cfg.DefaultLanguage}
	}
	seen := map[string]int{}
	for _, lang := range cfg.Languages {
		seen[lang]++
		if err := CheckLang(lang); err != nil {
			line, col := src.ValuePosN(seen[lang], lang, "languages")
			l.diags.Errorf(src.Path, line, col, "%v", err)
		}
		if seen[lang] == 2 {
			line, col := src.ValuePosN(2, lang, "languages")
			l.diags.Errorf(src.Path, line, col, "language %q is listed twice; expected each language once", lang)
		}
	}
	if seen[cfg.DefaultLanguage] == 0 {
		line, col := src.KeyPos("defaultLanguage")
		l.diags.Errorf(src.Path, line, col, "defaultLanguage %q is not in languages %q; expected one of them", cfg.DefaultLanguage, cfg.Languages)
	}
	// A code that is no language tag makes no pages: kept, its one error
	// would come back as a warning for every section and message that has
	// no file in it.
	cfg.Languages = slices.DeleteFunc(cfg.Languages, func(lang string) bool { return CheckLang(lang) != nil })
	if cfg.BaseURL == "" {
		l.diags.Errorf(src.Path, 1, 0, "baseURL is missing; expected the address the site is published at, e.g. baseURL = \"https://privacy.example.com/\"")
	} else if err := CheckBaseURL(cfg.BaseURL); err != nil {
		line, col := src.KeyPos("baseURL")
		l.diags.Errorf(src.Path, line, col, "%v", err)
	} else if !strings.HasSuffix(cfg.BaseURL, "/") {
		cfg.BaseURL += "/"
	}
	if cfg.PublishDir != "" && (path.IsAbs(cfg.PublishDir) || strings.HasPrefix(path.Clean(cfg.PublishDir), "..")) {
		line, col := src.KeyPos("publishDir")
		l.diags.Errorf(src.Path, line, col, "publishDir %q leaves the site folder; expected a folder inside it, e.g. \"public\" (use -d for another place)", cfg.PublishDir)
	}
	l.checkKeep(src, cfg)
	l.checkLocalizedLangs(src, reflect.ValueOf(cfg).Elem(), nil)
	// The chooser and overview pages have no other title or heading.
	l.requireText(src, cfg.Title, []string{"title"}, `the site's name, e.g. title = "Nordlicht Group Privacy Center"`)
}

// requireText reports a required localized text that is absent, or blank
// in the default language: the file's first line (or the table's) when
// the key is absent, the key when it is there but empty. want says what is
// expected. A table without the default language at all is reported by
// checkLocalizedLangs, with what to add.
func (l *loader) requireText(src Source, v Localized, key []string, want string) {
	def := l.site.Config.DefaultLanguage
	if !missingText(v, def) {
		return
	}
	name := strings.Join(key, ".")
	if v == nil {
		line, col := 1, 0
		if len(key) > 1 {
			line, col = src.KeyPos(key[:len(key)-1]...)
		}
		l.diags.Errorf(src.Path, line, col, "%s is missing; expected %s", name, want)
		return
	}
	line, col := src.KeyPos(key...)
	l.diags.Errorf(src.Path, line, col, "%s is empty in %s, the default language; expected %s", name, def, want)
}

// checkKeep defaults keep to [".git"] and refuses an entry that is not a
// plain name directly in the destination: a path ("a/b", "..") could name
// something outside it, or half of the build's own output.
func (l *loader) checkKeep(src Source, cfg *Config) {
	if cfg.Keep == nil {
		cfg.Keep = []string{".git"}
		return
	}
	seen := map[string]int{}
	for _, k := range cfg.Keep {
		seen[k]++
		line, col := src.ValuePosN(seen[k], k, "keep")
		switch {
		case k == "" || k == "." || k == ".." || strings.ContainsAny(k, `/\`) || strings.ContainsFunc(k, func(r rune) bool { return !strconv.IsPrint(r) }):
			l.diags.Errorf(src.Path, line, col, "keep entry %s is not a plain name; expected the name of a file or folder directly in the destination, such as \".git\"", strconv.Quote(k))
		case seen[k] == 2:
			l.diags.Errorf(src.Path, line, col, "keep entry %s is listed twice; expected each name once", strconv.Quote(k))
		}
	}
}

// checkLocalizedLangs reports language tables naming a language that the
// site does not publish: almost always a typo ("dee") that would otherwise
// silently fall back.
func (l *loader) checkLocalizedLangs(src Source, v reflect.Value, key []string) {
	langs := l.site.Config.Languages
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			l.checkLocalizedLangs(src, v.Elem(), key)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			tag := v.Type().Field(i).Tag.Get("toml")
			if tag != "" && tag != "-" {
				l.checkLocalizedLangs(src, v.Field(i), append(slices.Clip(key), tag))
			}
		}
	case reflect.Map:
		if loc, ok := v.Interface().(Localized); ok {
			for _, lang := range loc.Langs() {
				if len(langs) > 0 && !slices.Contains(langs, lang) {
					line, col := src.KeyPos(append(slices.Clip(key), lang)...)
					l.diags.Errorf(src.Path, line, col, "language %q is not in site.toml languages %q; expected one of them, or the language added there", lang, langs)
				}
			}
			// Every other language falls back to the default one, so a
			// table without it leaves an empty place on those pages.
			if def := l.site.Config.DefaultLanguage; slices.Contains(langs, def) && len(loc) > 0 && !loc.Has(def) {
				line, col := src.KeyPos(key...)
				l.diags.Errorf(src.Path, line, col, "key %s has no %q text, so %s pages would show nothing there; expected %s = \"…\" in the table too, since %s is the default language", keyName(key), def, def, def, def)
			}
			return
		}
		for _, k := range v.MapKeys() {
			l.checkLocalizedLangs(src, v.MapIndex(k), append(slices.Clip(key), k.String()))
		}
	}
}

// contentFiles walks dir and returns the regular files in it, sorted, with
// ids relative to dir. Hidden files and editors' backup files are skipped;
// links and other non-regular files are reported and never followed, so a
// site cannot pull in files from outside itself. ext is the extension of
// the files dir holds ("" for any): a folder named like such a file, or a
// hidden file whose name would give an empty id (.toml), is reported rather
// than passed over in silence.
func (l *loader) contentFiles(dir, ext string, required bool) []string {
	// WalkDir follows a link given as its root, so dir itself and the
	// folders above it are checked first.
	if link := l.linkIn(dir); link != "" {
		if !l.linksSeen[link] {
			if required {
				l.diags.Errorf(link, 0, 0, "is a link; expected a folder inside the site, since links are not followed: they could reach outside it")
			} else {
				l.diags.Add(skipped(link, "is a link"))
			}
		}
		l.linksSeen[link] = true
		return nil
	}
	var files []string
	err := fs.WalkDir(l.fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				if required {
					l.diags.Errorf(dir, 0, 0, "folder not found; expected %s/ with at least one file", dir)
				}
				return fs.SkipDir
			}
			l.diags.Errorf(p, 0, 0, "cannot read: %v", unwrapPathError(err))
			return nil
		}
		name := d.Name()
		if p != dir && ext != "" && strings.HasSuffix(name, ext) {
			if d.IsDir() {
				l.diags.Errorf(p, 0, 0, "is a folder; expected a %s file here, or a folder name that does not end in %s", ext, ext)
				return fs.SkipDir
			}
			if stem := strings.TrimSuffix(name, ext); stem == "" || ext == ".md" && strings.Count(stem, ".") == 1 && stem[0] == '.' {
				files = append(files, p) // .toml, .en.md: no id; idOf says so
				return nil
			}
		}
		if p != dir && (strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".tmp") || name == "4913") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			l.diags.Add(skipped(p, "not a regular file (a link or device)"))
			return nil
		}
		files = append(files, p)
		return nil
	})
	if err != nil && !errors.Is(err, fs.SkipDir) {
		l.diags.Errorf(dir, 0, 0, "cannot read: %v", err)
	}
	if required && len(files) == 0 && !slices.ContainsFunc(l.diags, func(d diag.Diagnostic) bool { return d.File == dir }) {
		l.diags.Errorf(dir, 0, 0, "no files; expected at least one")
	}
	return files
}

// skipped is the warning about a link or device that the build passes over,
// worded for --strict too, where the build stops at it instead.
func skipped(p, what string) diag.Diagnostic {
	return diag.Diagnostic{File: p, Severity: diag.Warning,
		Message:       what + "; skipped, since links could reach outside the site",
		StrictMessage: what + "; expected a regular file or folder, since links could reach outside the site"}
}

// idOf checks a file under dir named <id><ext> and returns its id.
func (l *loader) idOf(dir, p, ext string) (string, bool) {
	rel := strings.TrimPrefix(p, dir+"/")
	id, ok := strings.CutSuffix(rel, ext)
	if !ok {
		l.diags.Errorf(p, 0, 0, "unexpected file; expected only %s files in %s/", ext, dir)
		return "", false
	}
	if err := CheckID(id); err != nil {
		l.diags.Errorf(p, 0, 0, "bad file name: %v", err)
		return "", false
	}
	return id, true
}

func (l *loader) loadEntities() {
	l.loadTOMLFiles(EntitiesDir, func(id, p string, b []byte) (any, bool) {
		e := &Entity{ID: id, Source: Source{Path: p, Text: b}}
		if !l.decode(e.Source, e) {
			return nil, false
		}
		l.checkLocalizedLangs(e.Source, reflect.ValueOf(e).Elem(), nil)
		l.checkEntity(e)
		return e, true
	}, func(v any) { l.site.Entities = append(l.site.Entities, v.(*Entity)) })
}

// loadTOMLFiles parses every <id>.toml file below dir, through the parse
// cache, and hands each one that loaded to keep; files that exist but fail
// are recorded as broken, so references to them are not reported again.
func (l *loader) loadTOMLFiles(dir string, parse func(id, p string, b []byte) (any, bool), keep func(any)) {
	for _, p := range l.contentFiles(dir, ".toml", true) {
		id, ok := l.idOf(dir, p, ".toml")
		if !ok {
			continue
		}
		b, ok := l.read(p)
		if ok {
			var v any
			if v, ok = l.parsed(p, b, func() (any, bool) { return parse(id, p, b) }); ok {
				keep(v)
			}
		}
		if !ok {
			l.site.Broken[p] = true
		}
	}
}

func (l *loader) checkEntity(e *Entity) {
	src := e.Source
	l.requireText(src, e.Name, []string{"name"}, `the controller's legal name, e.g. name = "Nordlicht AG"`)
	if e.DPO != nil {
		l.requireText(src, e.DPO.Name, []string{"dpo", "name"}, `the data protection officer's name, e.g. name = "Dr. Miriam Feldkamp" in [dpo]`)
	}
	if e.Authority != nil {
		l.requireText(src, e.Authority.Name, []string{"authority", "name"}, `the supervisory authority's name, e.g. name = "Berlin Commissioner for Data Protection" in [authority]`)
	}
	for _, u := range []struct{ key []string }{{[]string{"website"}}, {[]string{"authority", "url"}}} {
		var val string
		if u.key[0] == "website" {
			val = e.Website
		} else if e.Authority != nil {
			val = e.Authority.URL
		}
		if val != "" {
			if err := CheckWebURL(val); err != nil {
				line, col := src.KeyPos(u.key...)
				l.diags.Errorf(src.Path, line, col, "%s: %v", strings.Join(u.key, "."), err)
			}
		}
	}
	for _, list := range []struct {
		key string
		ids []string
	}{{"notices", e.Notices}, {"uses", e.Uses}, {"omit", e.Omit}} {
		seen := map[string]int{}
		for _, id := range list.ids {
			seen[id]++
			if err := CheckID(id); err != nil {
				line, col := src.ValuePosN(seen[id], id, list.key)
				l.diags.Errorf(src.Path, line, col, "%s: %v", list.key, err)
			} else if seen[id] == 2 {
				line, col := src.ValuePosN(2, id, list.key)
				l.diags.Errorf(src.Path, line, col, "%s: %q is listed twice; expected each id once", list.key, id)
			}
		}
	}
	l.checkParams(e)
}

func (l *loader) loadNotices() {
	l.loadTOMLFiles(NoticesDir, func(id, p string, b []byte) (any, bool) {
		n := &Notice{ID: id, Source: Source{Path: p, Text: b}}
		if !l.decode(n.Source, n) {
			return nil, false
		}
		l.checkLocalizedLangs(n.Source, reflect.ValueOf(n).Elem(), nil)
		l.requireText(n.Source, n.Title, []string{"title"}, `e.g. title = { en = "Privacy notice for website visitors" }`)
		if len(n.Sections) == 0 {
			line, col := n.Source.KeyPos("sections")
			l.diags.Errorf(p, line, col, "sections is empty; expected the list of section ids this notice is made of")
		}
		seen := map[string]int{}
		for _, ref := range n.Sections {
			seen[ref]++
			line, col := n.Source.ValuePosN(seen[ref], ref, "sections")
			id := strings.TrimSuffix(ref, "/*")
			if err := CheckID(id); err != nil {
				l.diags.Errorf(p, line, col, "sections: %v (a slot is written dir/*)", err)
			} else if seen[ref] == 2 {
				l.diags.Errorf(p, line, col, "sections: %q is listed twice; expected each section once", ref)
			}
		}
		return n, true
	}, func(v any) { l.site.Notices = append(l.site.Notices, v.(*Notice)) })
}

func (l *loader) loadSections() {
	byID := map[string]*Section{}
	for _, p := range l.contentFiles(SectionsDir, ".md", true) {
		rel := strings.TrimPrefix(p, SectionsDir+"/")
		id, lang, err := splitSectionName(rel)
		if err != nil {
			l.diags.Errorf(p, 0, 0, "%v", err)
			continue
		}
		dir, base := path.Split(id)
		dir = strings.TrimSuffix(dir, "/")
		index := base == "_index"
		checked := id
		if index {
			checked = dir
			if dir == "" {
				l.diags.Errorf(p, 0, 0, "_index belongs in a folder of sections, e.g. content/sections/conferencing/_index.%s.md", lang)
				continue
			}
		}
		if err := CheckID(checked); err != nil {
			l.diags.Errorf(p, 0, 0, "bad file name: %v", err)
			continue
		}
		if err := CheckLang(lang); err != nil {
			l.diags.Errorf(p, 0, 0, "bad file name: %v", err)
			continue
		}
		if len(l.site.Config.Languages) > 0 && !slices.Contains(l.site.Config.Languages, lang) {
			l.diags.Errorf(p, 0, 0, "language %q is not in site.toml languages %q; expected <name>.<lang>.md with one of them", lang, l.site.Config.Languages)
			continue
		}
		b, ok := l.read(p)
		if !ok {
			l.site.Broken[p] = true
			continue
		}
		v, ok := l.parsed(p, b, func() (any, bool) {
			f, ok := l.parseSectionFile(p, b)
			if ok {
				f.ID, f.Lang = id, lang
			}
			return f, ok
		})
		if !ok {
			l.site.Broken[p] = true
			continue
		}
		f := v.(*SectionFile)
		s := byID[id]
		if s == nil {
			s = &Section{ID: id, Dir: dir, Index: index, Translations: map[string]*SectionFile{}}
			byID[id] = s
			l.site.Sections = append(l.site.Sections, s)
		}
		s.Translations[lang] = f
	}
}

var fence = []byte("+++")

// parseSectionFile splits the +++ front matter from the body, keeping line
// numbers so that errors in either point at the right line of the file.
func (l *loader) parseSectionFile(p string, b []byte) (*SectionFile, bool) {
	lines := bytes.SplitAfter(b, []byte("\n"))
	if len(lines) == 0 || !bytes.Equal(bytes.TrimRight(lines[0], " \t\r\n"), fence) {
		l.diags.Errorf(p, 1, 1, "missing front matter; expected the file to start with a line +++, then TOML such as title = \"…\", then +++")
		return nil, false
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if bytes.Equal(bytes.TrimRight(lines[i], " \t\r\n"), fence) {
			end = i
			break
		}
	}
	if end < 0 {
		l.diags.Errorf(p, 1, 1, "front matter is not closed; expected a line +++ after the TOML")
		return nil, false
	}
	f := &SectionFile{
		Path:     p,
		Front:    Source{Path: p, Text: bytes.Join(lines[1:end], nil), LineOffset: 1},
		Body:     string(bytes.Join(lines[end+1:], nil)),
		BodyLine: end + 2,
	}
	if !l.decode(f.Front, &f.Meta) {
		return nil, false
	}
	if line, col, r, what := bodyControl(f.Body); line > 0 {
		l.diags.Errorf(p, f.BodyLine+line-1, col, "%s %U in the body; expected text without %ss%s", what, r, what, refusedHint[what])
		return nil, false
	}
	if strings.TrimSpace(f.Meta.Title) == "" {
		l.diags.Errorf(p, 2, 0, "title is missing; expected e.g. title = \"Newsletter\"")
	}
	return f, true
}

func (l *loader) loadI18n() {
	for _, p := range l.contentFiles(I18nDir, ".toml", false) {
		lang, ok := strings.CutSuffix(strings.TrimPrefix(p, I18nDir+"/"), ".toml")
		if !ok || strings.Contains(lang, "/") {
			l.diags.Errorf(p, 0, 0, "unexpected file; expected i18n/<lang>.toml")
			continue
		}
		if err := CheckLang(lang); err != nil {
			l.diags.Errorf(p, 0, 0, "bad file name: %v", err)
			continue
		}
		b, ok := l.read(p)
		if !ok {
			continue
		}
		// Package locale parses the messages with the same TOML library,
		// so the same bound applies before it sees them: a deep array
		// there overflows the stack as well.
		if line, col, msg := tooDeep(b); line > 0 {
			l.diags.Errorf(p, line, col, "%s", msg)
			continue
		}
		// Messages are text for pages like any other value; a file that
		// does not parse is reported by package locale.
		var msgs map[string]any
		if _, err := toml.Decode(string(b), &msgs); err == nil {
			l.checkValues(Source{Path: p, Text: b}, msgs, toml.MetaData{})
		}
		l.site.I18n[lang] = File{Path: p, Data: b}
	}
}

// loadStatic lists the files under static/, refusing a name that no page
// could link to and no terminal could show: one that is not UTF-8 or holds
// a control character or noncharacter (the file, copied as it is, would
// carry it into the published folder).
func (l *loader) loadStatic() {
	for _, p := range l.contentFiles(StaticDir, "", false) {
		if !utf8.ValidString(p) {
			l.diags.Errorf(p, 0, 0, "file name is not UTF-8; expected a name in UTF-8, as a browser requests it")
			continue
		}
		if i := strings.IndexFunc(p, func(r rune) bool { return unicode.IsControl(r) || isNoncharacter(r) }); i >= 0 {
			r, _ := utf8.DecodeRuneInString(p[i:])
			what := "control character"
			if isNoncharacter(r) {
				what = "noncharacter"
			}
			l.diags.Errorf(p, 0, 0, "file name holds %s U+%04X; expected a name without control characters or noncharacters", what, r)
			continue
		}
		l.site.Static = append(l.site.Static, p)
	}
}

// ParseCache keeps parsed files between loads of one site. An entry is
// reused only when the file's bytes and the site's languages (which the
// checks of a file depend on) are the same as when it was parsed; its
// diagnostics are replayed, so a broken file stays reported.
type ParseCache struct {
	mu      sync.Mutex
	entries map[string]parsedFile
	parsed  int
}

// Parsed returns how many files were parsed rather than taken from the
// cache, for tests and serve's log.
func (c *ParseCache) Parsed() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.parsed
}

type parsedFile struct {
	data  []byte
	langs string
	value any
	ok    bool
	diags diag.List
}

// NewParseCache returns an empty cache.
func NewParseCache() *ParseCache { return &ParseCache{entries: map[string]parsedFile{}} }

// parsed returns the parsed form of file p with bytes b, from the cache
// when possible, else from parse, whose diagnostics it records.
func (l *loader) parsed(p string, b []byte, parse func() (any, bool)) (any, bool) {
	langs := l.site.Config.DefaultLanguage + "|" + strings.Join(l.site.Config.Languages, ",")
	if c := l.cache; c != nil {
		c.mu.Lock()
		e, hit := c.entries[p]
		c.mu.Unlock()
		if hit && e.langs == langs && bytes.Equal(e.data, b) {
			l.diags.Add(e.diags...)
			return e.value, e.ok
		}
	}
	mark := len(l.diags)
	v, ok := parse()
	if c := l.cache; c != nil {
		c.mu.Lock()
		c.entries[p] = parsedFile{data: b, langs: langs, value: v, ok: ok, diags: slices.Clone(l.diags[mark:])}
		c.parsed++
		c.mu.Unlock()
	}
	return v, ok
}

// maxKeyReports bounds the key errors listed per file, each of which costs a
// scan of the file to place.
const maxKeyReports = 50

// Bounds on the shape of a TOML document. noticegen's files are flat; the
// TOML library keeps every prefix of every dotted key, so a single line
// with a million dots would take all the memory there is.
const (
	maxKeyDepth   = 16
	maxValueDepth = 32
)

// tooDeep reports the first line whose key has more than maxKeyDepth parts
// or whose value nests arrays and inline tables more than maxValueDepth
// deep, outside strings. It returns line 0 when the document is fine. The
// depth is carried from line to line: an array opened on each of a million
// lines nests as deep as one opened a million times on one line, and makes
// the library's recursive parser overflow the stack, which kills the
// process. Keys are counted at the start of a line and after { or , in an
// inline table, where a = { b.c.d = 1 } writes a dotted key too.
func tooDeep(text []byte) (line, col int, msg string) {
	inMulti := ""
	var open []rune // the [ and { of values still open
	inKey, dots := true, 0
	for i, raw := range bytes.Split(text, []byte("\n")) {
		t := string(raw)
		if inMulti != "" {
			if strings.Count(t, inMulti)%2 == 1 {
				inMulti = ""
			}
			continue
		}
		if len(open) == 0 {
			inKey, dots = true, 0
		}
		quote := rune(0)
		for j, r := range t {
			switch {
			case quote != 0:
				if r == quote {
					quote = 0
				}
			case r == '"' || r == '\'':
				if strings.HasPrefix(t[j:], `"""`) || strings.HasPrefix(t[j:], "'''") {
					delim := t[j : j+3]
					if strings.Count(t[j:], delim)%2 == 1 {
						inMulti = delim
					}
					goto next
				}
				quote = r
			case r == '#':
				goto next
			case r == '=' && inKey:
				inKey = false
			case r == '.' && inKey:
				if dots++; dots >= maxKeyDepth {
					return i + 1, utf8.RuneCountInString(t[:j]) + 1, fmt.Sprintf("key nested more than %d levels deep; expected the flat keys of a noticegen file", maxKeyDepth)
				}
			case r == '[' && inKey && len(open) == 0:
				// a [table] header: its dots count as a key's
			case r == ']' && inKey && len(open) == 0:
			case r == '[' || r == '{':
				open = append(open, r)
				if len(open) > maxValueDepth {
					return i + 1, utf8.RuneCountInString(t[:j]) + 1, fmt.Sprintf("value nested more than %d levels deep; expected strings, lists of strings and small tables", maxValueDepth)
				}
				if r == '{' {
					inKey, dots = true, 0
				}
			case r == ']' || r == '}':
				if len(open) > 0 {
					open = open[:len(open)-1]
				}
				inKey = false
			case r == ',' && len(open) > 0 && open[len(open)-1] == '{':
				inKey, dots = true, 0
			}
		}
	next:
	}
	return 0, 0, ""
}
