package site

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Params is an entity's [params] table: free values that section bodies
// print as {{ .Params.<key> }}. A real group's entity files hold numbers,
// flags and lists as well as text, so every TOML value is accepted. After
// Load each value is one of
//
//   - string, int64, float64, bool;
//   - time.Time, for a TOML date, date-time or time (BurntSushi/toml marks
//     the local kinds by the name of their location: ParamTimeKind);
//   - []any, an array of such values;
//   - LocalizedParam, a table whose keys are all languages of the site;
//   - ParamTable, any other table.
type Params map[string]any

// LocalizedParam is a table in [params] whose keys are all language codes
// of the site, such as { en = "…", de = "…" }: one value per language, of
// which a page sees the one of its language (else the default language's).
type LocalizedParam map[string]any

// ParamTable is a table in [params] that is not a localized value: a body
// reads its values as .Params.<key>.<key>.
type ParamTable map[string]any

// UnmarshalTOML takes the [params] table as the TOML library decoded it;
// Load sorts its tables into localized values and tables of their own
// once the site's languages are known (checkParams).
func (p *Params) UnmarshalTOML(v any) error {
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("value has type %s; expected a table of values, e.g. [params] with newsletterTool = \"…\" on the next line", tomlType(v))
	}
	*p = Params(m)
	return nil
}

// TOML kinds of date and time, as ParamTimeKind names them.
const (
	OffsetDateTime = "offset date-time" // 2025-03-01T10:00:00Z
	LocalDateTime  = "local date-time"  // 2025-03-01T10:00:00
	LocalDate      = "local date"       // 2025-03-01
	LocalTime      = "local time"       // 10:00:00
)

// ParamTimeKind tells which of TOML's four kinds of date and time t was
// written as. BurntSushi/toml gives the local kinds locations of their own,
// known only by name.
func ParamTimeKind(t time.Time) string {
	switch t.Location().String() {
	case "date-local":
		return LocalDate
	case "datetime-local":
		return LocalDateTime
	case "time-local":
		return LocalTime
	}
	return OffsetDateTime
}

// checkParams checks the keys of an entity's [params] and sorts its
// tables, at any depth, into localized values and tables of their own.
func (l *loader) checkParams(e *Entity) {
	src := e.Source
	var bad []string
	for k := range e.Params {
		if !validParamKey(k) {
			bad = append(bad, k)
		}
	}
	slices.Sort(bad)
	for i, k := range bad {
		if i == maxKeyReports {
			l.diags.Errorf(src.Path, 0, 0, "%d more params keys that cannot be used in a template not listed", len(bad)-i)
			break
		}
		line, col := src.KeyPos("params", k)
		l.diags.Errorf(src.Path, line, col, "params key %q cannot be used in a template; expected letters, digits and _ starting with a letter", k)
	}
	for _, k := range slices.Sorted(maps.Keys(e.Params)) {
		e.Params[k] = l.paramValue(src, e.Params[k], []string{"params", k})
	}
}

// paramValue returns v with its tables sorted (see Params). A table is a
// localized value when every key is a language of the site. One whose keys
// are partly languages of the site is an error: most likely a localized
// value with a language the site does not have, or a mistyped code, which
// would otherwise silently become a table that no page can print.
func (l *loader) paramValue(src Source, v any, key []string) any {
	switch v := v.(type) {
	case []map[string]any: // an array of tables, [[params.x]]
		out := make([]any, len(v))
		for i, t := range v {
			out[i] = l.paramValue(src, t, key)
		}
		return out
	case []any:
		for i := range v {
			v[i] = l.paramValue(src, v[i], key)
		}
		return v
	case map[string]any:
		langs := l.site.Config.Languages
		var in, out []string
		for _, k := range slices.Sorted(maps.Keys(v)) {
			v[k] = l.paramValue(src, v[k], append(slices.Clip(key), k))
			if slices.Contains(langs, k) {
				in = append(in, k)
			} else {
				out = append(out, k)
			}
		}
		switch {
		case len(in) > 0 && len(out) == 0:
			// As with any localized text, every other language falls
			// back to the default one: without it, its pages and theirs
			// would print nothing there.
			if def := l.site.Config.DefaultLanguage; slices.Contains(langs, def) && v[def] == nil {
				line, col := src.KeyPos(key...)
				l.diags.Errorf(src.Path, line, col, "key %q has no %q value, so %s pages would show nothing there; expected %s = … in the table too, since %s is the default language", toml.Key(key).String(), def, def, def, def)
			}
			return LocalizedParam(v)
		case len(in) > 0:
			quoted := make([]string, len(out))
			for i, k := range out {
				quoted[i] = fmt.Sprintf("%q", k)
			}
			what := "language " + quoted[0] + " is"
			if len(out) > 1 {
				what = "languages " + strings.Join(quoted, ", ") + " are"
			}
			line, col := src.KeyPos(append(slices.Clip(key), out[0])...)
			l.diags.Errorf(src.Path, line, col, "%s: %s not in site.toml languages %q; expected only those codes in a localized value (a table of your own must not use a language code such as %q as a key)",
				strings.Join(key, "."), what, langs, in[0])
		}
		return ParamTable(v)
	}
	return v
}

func validParamKey(k string) bool {
	for i, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return k != ""
}

// inParams reports whether key, of a document decoded into a value of type
// t, lies inside a [params] table, which takes any key: the TOML library
// reports the keys of tables inside its arrays as undecoded, since it
// hands the table to Params.UnmarshalTOML as a whole.
func inParams(t reflect.Type, key []string) bool {
	for i := range key {
		if fieldType(t, key[:i]) == reflect.TypeFor[Params]() {
			return true
		}
	}
	return false
}
