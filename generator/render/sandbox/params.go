package sandbox

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/noticegen/noticegen/generator/render/view"
	"github.com/noticegen/noticegen/generator/site"
)

// Params resolves an entity's [params] for a page in language lang
// (paramValue). Bodies cannot change what they are given, so the pages of
// one entity and language share the result (the renderer keeps them per build).
func Params(params site.Params, lang, def string, date func(lang string, t time.Time) view.Date) map[string]any {
	m := make(map[string]any, len(params))
	for k, v := range params {
		m[k] = paramValue(v, lang, def, date)
	}
	return m
}

// paramValue resolves one value of an entity's [params] for a page in
// language lang, as a body sees it: a localized value becomes its value in
// lang (else in the default language def, which Load requires it to have;
// else, for one made otherwise, the empty string), a table a map, an array a slice, and a date a
// Date (see paramDate). Strings, integers (int64), floats (float64) and
// booleans stay as they are, so that {{ if .Params.enabled }},
// {{ if gt .Params.retentionDays 30 }} and {{ range .Params.tools }} work
// as text/template has them work on Go values.
func paramValue(v any, lang, def string, date func(lang string, t time.Time) view.Date) any {
	switch v := v.(type) {
	case site.LocalizedParam:
		x, ok := v[lang]
		if !ok {
			x, ok = v[def]
		}
		if !ok {
			return ""
		}
		return paramValue(x, lang, def, date)
	case site.ParamTable:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[k] = paramValue(x, lang, def, date)
		}
		return m
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = paramValue(x, lang, def, date)
		}
		return out
	case time.Time:
		return paramDate(lang, v, date)
	}
	return v
}

// paramDate is a TOML date or time in [params] as a body sees it. A date
// (2025-03-01) prints as the page's dates do, in the long form of its
// language ("1. März 2025"), with .ISO for the machine form; the
// comparisons of a body use .ISO, which orders as the dates do. A
// date-time or time prints as it is written, since a notice has no
// language-specific form of it.
func paramDate(lang string, t time.Time, date func(lang string, t time.Time) view.Date) view.Date {
	var iso string
	switch site.ParamTimeKind(t) {
	case site.LocalDate:
		if date != nil {
			if d := date(lang, t); d.ISO != "" {
				return d
			}
		}
		iso = t.Format("2006-01-02")
	case site.LocalDateTime:
		iso = t.Format("2006-01-02T15:04:05.999999999")
	case site.LocalTime:
		iso = t.Format("15:04:05.999999999")
	default:
		iso = t.Format(time.RFC3339Nano)
	}
	return view.Date{Text: iso, ISO: iso}
}

// Text is the text a body prints for a value: a string as it is,
// an integer in decimal, a float in its shortest decimal form (0.5,
// 1000000, 1e+21 only beyond what a notice would write), a boolean as
// true or false, a Date as its Text, and an array as its elements
// separated by ", ". A table has no text: printing one is an error that
// names its keys, since it means one of its values was meant.
func Text(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case nil:
		return "", nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case int:
		return strconv.Itoa(v), nil
	case float64:
		return floatText(v), nil
	case bool:
		return strconv.FormatBool(v), nil
	case view.Date:
		return v.Text, nil
	case []any:
		var b strings.Builder
		for i, x := range v {
			s, err := Text(x)
			if err != nil {
				return "", err
			}
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(s)
		}
		return b.String(), nil
	case map[string]any:
		return "", tableError(v)
	}
	return fmt.Sprint(v), nil
}

// tableError says that a table was printed, with its keys.
func tableError(m map[string]any) error {
	if len(m) == 0 {
		return fmt.Errorf("the value is an empty table of params, which has no text; expected a string, number, date or list")
	}
	keys := slices.Sorted(maps.Keys(m))
	more := ""
	if len(keys) > 10 {
		keys, more = keys[:10], ", …"
	}
	return fmt.Errorf("the value is a table of params (keys %s%s), which has no text; expected one of its values, such as .%s%s, or {{ range $key, $value := … }}", strings.Join(keys, ", "), more, keys[0], afterTable)
}

// afterTable follows the key that tableError suggests; templateHint puts
// the table's name before the key instead, where it knows the name.
const afterTable = " after the table's name"

// floatText writes f as people write numbers, not in Go's %v, which gives
// 1e+06 for a million: the shortest digits that read back as f, in
// positional form unless the number is huge or tiny.
func floatText(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	if a := math.Abs(f); a != 0 && (a >= 1e21 || a < 1e-6) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
