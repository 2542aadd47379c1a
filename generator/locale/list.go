package locale

import "strings"

// ListAndID is the message a site may define for a language that the
// built-in list patterns lack: "{{.Head}} and {{.Last}}", where Head is
// every item but the last, joined by ", ".
const ListAndID = "listAnd"

// listPattern is a CLDR "standard" (and) list pattern, reduced to what
// the languages below need: two items are joined by pair, more by ", "
// with end before the last.
type listPattern struct{ pair, end string }

// listPatternOf returns lang's CLDR list pattern, by base language, and
// whether there is one: for the languages whose messages are built in (en,
// de) and a few more. Neither golang.org/x/text nor go-playground/locales
// exposes CLDR's list patterns, and the whole table is not worth its size
// for one function. A language missing here gets the root pattern ("A, B,
// C") unless the site's messages define listAnd for it.
func listPatternOf(lang string) (listPattern, bool) {
	tag, err := parseTag(lang)
	if err != nil {
		return listPattern{}, false
	}
	base, _, region := tag.Raw()
	var and string
	switch base.String() {
	case "en":
		// CLDR's en (the US and its territories) writes a comma before
		// "and"; en-001, the English of the rest of the world (en-GB,
		// en-IE, en-AU, en-IN …), does not.
		switch region.String() {
		case "ZZ", "US", "AS", "GU", "MP", "PR", "UM", "VI":
			return listPattern{" and ", ", and "}, true
		}
		and = " and "
	case "de":
		and = " und "
	case "fr":
		and = " et "
	case "es":
		and = " y "
	case "it", "pt":
		and = " e "
	case "nl":
		and = " en "
	case "da", "nb":
		and = " og "
	case "sv":
		and = " och "
	case "fi":
		and = " ja "
	case "pl":
		and = " i "
	case "cs":
		and = " a "
	default:
		return listPattern{}, false
	}
	return listPattern{and, and}, true
}

// List joins items as a list in lang with CLDR's "and" pattern: "A, B,
// and C" in American English, "A, B and C" in British English, "A, B und
// C", "A, B et C". A language without a built-in pattern gets CLDR's root
// pattern, "A, B, C"; Catalog.List uses the site's listAnd message first.
func List(lang string, items []string) string {
	p, ok := listPatternOf(lang)
	if !ok {
		return strings.Join(items, ", ")
	}
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	case 2:
		return items[0] + p.pair + items[1]
	}
	return strings.Join(items[:len(items)-1], ", ") + p.end + items[len(items)-1]
}

// List joins items as a list in lang: with the site's listAnd message of
// lang when it defines one (for a language List has no pattern for, or to
// write it differently), else as List does. Its error is the message's.
func (c *Catalog) List(lang string, items []string) (string, error) {
	if len(items) < 2 || c.msgs[lang][ListAndID] == nil {
		return List(lang, items), nil
	}
	return c.T(lang, ListAndID, map[string]any{"Head": strings.Join(items[:len(items)-1], ", "), "Last": items[len(items)-1]})
}

// RecordsPrefix starts the ids of the headings of the Art. 30 record
// (records.purposes …), which noticegen records reads and no page shows.
const RecordsPrefix = "records."
