package site

import (
	"bytes"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
	fasttoml "github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// A released site's build reads every version file the site ever
// released, and their front matter (every section's facts and text as
// published) is most of the TOML it parses: with BurntSushi/toml, decoding
// it was a third of the CPU time of a released 3,000-page build, more than
// rendering its notice pages. go-toml/v2 decodes the same text six times
// as fast, but it matches keys to fields regardless of case and reports
// errors its own way. So a version's front matter as release writes it
// takes go-toml/v2, and anything else (an error, a key in another case or
// shape, a date with a time or zone, a carriage return, a refused
// character) is decoded again the way every other file is, by decode,
// whose diagnostics are then the only ones given. A file is either
// accepted by both or reported as before.

// decodeVersion decodes the front matter src into v, as decode does.
func (l *loader) decodeVersion(src Source, v *Version) bool {
	if releasedFront(src, v) {
		return true
	}
	return l.decode(src, v)
}

// versionFront is Version's front matter for go-toml/v2: the same keys
// (TestVersionFrontKeys), with the dates as TOML values, so that only a
// local date such as 2026-03-01 takes the fast path.
type versionFront struct {
	Date      any              `toml:"date"`
	Effective any              `toml:"effective"`
	Class     string           `toml:"class"`
	Changes   []Change         `toml:"changes"`
	Title     string           `toml:"title"`
	Sections  []VersionSection `toml:"sections"`
}

// releasedFront decodes src into v and reports true when src is a front
// matter as release writes it and decodes without a finding; otherwise
// it leaves v as it was and reports false.
func releasedFront(src Source, v *Version) bool {
	text := src.Text
	// TOML lets a parser keep or normalise a line end inside a multi-line
	// string, so the two libraries may differ there; release writes \n.
	if bytes.IndexByte(text, '\r') >= 0 || !releaseKeys(text) {
		return false
	}
	// No tooDeep here: it guards BurntSushi/toml's recursion, and
	// go-toml/v2 refuses nesting beyond its own bound; a value nested at
	// all does not decode into a version's strings and lists, and is left
	// to decode, which runs tooDeep first.
	var f versionFront
	d := fasttoml.NewDecoder(bytes.NewReader(text))
	d.DisallowUnknownFields()
	if d.Decode(&f) != nil {
		return false
	}
	date, ok := localDate(f.Date)
	effective, ok2 := localDate(f.Effective)
	if !ok || !ok2 {
		return false
	}
	got := *v
	got.Date, got.Effective, got.Class, got.Changes, got.Title, got.Sections = date, effective, f.Class, f.Changes, f.Title, f.Sections
	// decode's checkValues looks at every string and date; the dates were
	// looked at above, and a string it would refuse is left for decode to
	// report.
	if anyRefused(reflect.ValueOf(f)) {
		return false
	}
	*v = got
	return true
}

// anyRefused reports whether a string in v holds a character that
// refusedIn refuses: checkValues' walk, without the key paths it keeps for
// its messages.
func anyRefused(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		_, _, bad := refusedIn(v.String())
		return bad
	case reflect.Interface, reflect.Pointer:
		return !v.IsNil() && anyRefused(v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			if anyRefused(v.Field(i)) {
				return true
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			if anyRefused(v.Index(i)) {
				return true
			}
		}
	}
	return false
}

// localDate is a TOML local date as BurntSushi/toml decodes it into a
// time.Time, at midnight in its zone for local dates; absent is the zero
// time. A date before the year 1000 or any other value is not taken.
func localDate(x any) (time.Time, bool) {
	switch d := x.(type) {
	case nil:
		return time.Time{}, true
	case fasttoml.LocalDate:
		if d.Year < minYear {
			return time.Time{}, false
		}
		return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, tomlLocalDate()), true
	}
	return time.Time{}, false
}

// tomlLocalDate is the zone BurntSushi/toml gives a local date (named
// "date-local", at the machine's offset), which it does not export.
var tomlLocalDate = sync.OnceValue(func() *time.Location {
	var v struct{ D time.Time }
	if _, err := toml.Decode("D = 2000-01-01", &v); err != nil {
		panic(err) // a literal that cannot fail
	}
	return v.D.Location()
})

// releaseKeys reports whether text's keys are a version file's, spelled
// exactly, in the shapes release writes: top-level keys, then
// [[changes]] and [[sections]] tables of plain keys. It parses the text
// on its own (go-toml/v2's parser, without decoding), since the decoder
// would take "Title" for title.
func releaseKeys(text []byte) bool {
	keys := versionKeys()
	var p unstable.Parser
	p.Reset(text)
	table := ""
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.ArrayTable:
			name, ok := simpleKey(e)
			if !ok || name != "changes" && name != "sections" {
				return false
			}
			table = name
		case unstable.KeyValue:
			name, ok := simpleKey(e)
			if !ok || !keys[table][name] {
				return false
			}
		default:
			return false
		}
	}
	return p.Error() == nil
}

// simpleKey is the key of a key-value or table header when it has one
// part.
func simpleKey(e *unstable.Node) (string, bool) {
	it := e.Key()
	if !it.Next() {
		return "", false
	}
	name := string(it.Node().Data)
	return name, !it.Next()
}

// versionKeys are the keys of a version file by table ("" for the top
// level), from Version's toml tags.
var versionKeys = sync.OnceValue(func() map[string]map[string]bool {
	names := func(t reflect.Type) map[string]bool {
		m := map[string]bool{}
		for i := range t.NumField() {
			if name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ","); name != "" && name != "-" {
				m[name] = true
			}
		}
		return m
	}
	return map[string]map[string]bool{
		"":         names(reflect.TypeFor[Version]()),
		"changes":  names(reflect.TypeFor[Change]()),
		"sections": names(reflect.TypeFor[VersionSection]()),
	}
})
