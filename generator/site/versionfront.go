package site

import (
	"bytes"
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
// rendering its notice pages. go-toml/v2 reads the same text six times as
// fast, but its decoder matches keys to fields regardless of case, and it
// reports errors its own way. So a version's front matter as release
// writes it is read with go-toml/v2's parser, and anything else (an
// error, a key in another case or shape, a date with a time or zone, a
// carriage return, a refused character) is decoded again the way every
// other file is, by decode, whose diagnostics are then the only ones
// given. A file is either accepted by both or reported as before.

// decodeVersion decodes the front matter src into v, as decode does.
func (l *loader) decodeVersion(src Source, v *Version) bool {
	if releasedFront(src, v) {
		return true
	}
	return l.decode(src, v)
}

// releasedFront decodes src into v and reports true when src is a front
// matter as release writes it and decodes without a finding; otherwise
// it leaves v as it was and reports false. It walks go-toml/v2's parse of
// the text once, setting each key's field by its exact name: its decoder
// would take "Title" for title, and a second parse to check the keys'
// case cost as much as the decoding.
func releasedFront(src Source, v *Version) bool {
	// TOML lets a parser keep or normalise a line end inside a multi-line
	// string, so the two libraries may differ there; release writes \n.
	// No tooDeep either: it guards BurntSushi/toml's recursion, go-toml/v2
	// bounds its own, and a nested value is no version's value.
	if bytes.IndexByte(src.Text, '\r') >= 0 {
		return false
	}
	got := *v
	var p unstable.Parser
	p.Reset(src.Text)
	table := ""
	seen := map[string]bool{} // the keys of the table being read: TOML allows each once
	for p.NextExpression() {
		e := p.Expression()
		name, ok := simpleKey(e)
		if !ok {
			return false
		}
		switch e.Kind {
		case unstable.ArrayTable:
			switch name {
			case "changes":
				got.Changes = append(got.Changes, Change{})
			case "sections":
				got.Sections = append(got.Sections, VersionSection{})
			default:
				return false
			}
			table = name
			clear(seen)
		case unstable.KeyValue:
			if seen[name] {
				return false
			}
			seen[name] = true
			val := e.Value()
			switch table {
			case "":
				ok = setVersionKey(&got, name, val)
			case "changes":
				ok = setChangeKey(&got.Changes[len(got.Changes)-1], name, val)
			case "sections":
				ok = setSectionKey(&got.Sections[len(got.Sections)-1], name, val)
			}
			if !ok {
				return false
			}
		default:
			return false
		}
	}
	if p.Error() != nil {
		return false
	}
	*v = got
	return true
}

// setVersionKey, setChangeKey and setSectionKey set the field of one key
// of a version file's top level, [[changes]] and [[sections]] tables
// (TestReleasedFrontSetsEveryKey keeps them complete), reporting false
// for any other key or a value of another type.
func setVersionKey(v *Version, name string, val *unstable.Node) bool {
	switch name {
	case "date":
		return setDate(&v.Date, val)
	case "effective":
		return setDate(&v.Effective, val)
	case "class":
		return setString(&v.Class, val)
	case "title":
		return setString(&v.Title, val)
	}
	return false
}

func setChangeKey(c *Change, name string, val *unstable.Node) bool {
	switch name {
	case "section":
		return setString(&c.Section, val)
	case "fact":
		return setString(&c.Fact, val)
	case "added":
		return setStrings(&c.Added, val)
	case "removed":
		return setStrings(&c.Removed, val)
	case "old":
		return setString(&c.Old, val)
	case "new":
		return setString(&c.New, val)
	case "material":
		if val.Kind != unstable.Bool {
			return false
		}
		c.Material = string(val.Data) == "true"
		return true
	}
	return false
}

func setSectionKey(s *VersionSection, name string, val *unstable.Node) bool {
	switch name {
	case "id":
		return setString(&s.ID, val)
	case "title":
		return setString(&s.Title, val)
	case "purposes":
		return setStrings(&s.Purposes, val)
	case "legalBases":
		return setStrings(&s.LegalBases, val)
	case "legitimateInterest":
		return setString(&s.LegitimateInterest, val)
	case "dataCategories":
		return setStrings(&s.DataCategories, val)
	case "dataSubjects":
		return setStrings(&s.DataSubjects, val)
	case "recipients":
		return setStrings(&s.Recipients, val)
	case "providers":
		return setStrings(&s.Providers, val)
	case "thirdCountries":
		return setStrings(&s.ThirdCountries, val)
	case "safeguards":
		return setStrings(&s.Safeguards, val)
	case "retention":
		return setString(&s.Retention, val)
	case "source":
		return setString(&s.Source, val)
	case "text":
		return setString(&s.Text, val)
	}
	return false
}

// setString sets a string. One holding a character that decode's
// checkValues refuses is not set, so that decode reports it; the dates
// are checked as setDate sets them, so nothing is left for a walk over
// the result.
func setString(dst *string, val *unstable.Node) bool {
	if val.Kind != unstable.String {
		return false
	}
	s := string(val.Data)
	if _, _, bad := refusedIn(s); bad {
		return false
	}
	*dst = s
	return true
}

// setStrings sets an array of strings, each as setString does; an empty
// one is an empty slice, not nil, as BurntSushi/toml decodes it.
func setStrings(dst *[]string, val *unstable.Node) bool {
	if val.Kind != unstable.Array {
		return false
	}
	out := []string{}
	for it := val.Children(); it.Next(); {
		var s string
		if !setString(&s, it.Node()) {
			return false
		}
		out = append(out, s)
	}
	*dst = out
	return true
}

// setDate sets a TOML local date as BurntSushi/toml decodes it into a
// time.Time: midnight in its zone for local dates. A date before the
// year 1000, which checkValues reports, or any other value is not set.
func setDate(dst *time.Time, val *unstable.Node) bool {
	var d fasttoml.LocalDate
	if val.Kind != unstable.LocalDate || d.UnmarshalText(val.Data) != nil || d.Year < minYear {
		return false
	}
	*dst = time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, tomlLocalDate())
	return true
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
