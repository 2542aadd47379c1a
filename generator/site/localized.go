package site

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Localized is a string that may differ by language. In TOML it is either a
// plain string, stored under the empty key and used for every language, or a
// table from language code to string.
type Localized map[string]string

// UnmarshalTOML accepts a string or a table of strings.
func (l *Localized) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		*l = Localized{"": v}
		return nil
	case map[string]any:
		out := make(Localized, len(v))
		for _, k := range slices.Sorted(maps.Keys(v)) {
			s, ok := v[k].(string)
			if !ok {
				return fmt.Errorf("value for language %q has type %s; expected a string", k, tomlType(v[k]))
			}
			if k == "" {
				return fmt.Errorf("empty language code in localized string; expected e.g. en = \"…\"")
			}
			out[k] = s
		}
		*l = out
		return nil
	}
	return fmt.Errorf("value has type %s; expected a string or a table of language codes to strings, e.g. { en = \"…\", de = \"…\" }", tomlType(v))
}

// Get returns the text for lang, else for fallback, else the plain string.
func (l Localized) Get(lang, fallback string) string {
	if s, ok := l[lang]; ok {
		return s
	}
	if s, ok := l[fallback]; ok {
		return s
	}
	return l[""]
}

// Has reports whether l has text for lang itself (or is a plain string),
// which tells a real translation from a fallback.
func (l Localized) Has(lang string) bool {
	_, ok := l[lang]
	_, plain := l[""]
	return ok || plain
}

// IsZero reports whether l holds no text at all.
func (l Localized) IsZero() bool {
	for _, s := range l {
		if s != "" {
			return false
		}
	}
	return true
}

// Langs returns the language codes l names, sorted; a plain string names none.
func (l Localized) Langs() []string {
	var out []string
	for k := range l {
		if k != "" {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// missingText reports whether a required text is absent or blank in the
// default language def. A table that lacks def altogether is not missing
// here: checkLocalizedLangs reports it, with what to add.
func missingText(l Localized, def string) bool {
	return len(l) == 0 || l.Has(def) && strings.TrimSpace(l.Get(def, def)) == ""
}

func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case int64:
		return "integer"
	case float64:
		return "float"
	case bool:
		return "boolean"
	case []any, []map[string]any:
		return "array"
	case map[string]any:
		return "table"
	}
	return "date or time"
}
