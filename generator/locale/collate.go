package locale

import (
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Compare returns a comparison of names in lang's collation (CLDR, through
// golang.org/x/text/collate): German and French put "Ärzte" and "Éclair"
// among the A and E names, not after Z as byte order does. A language
// collate has no rules for, or a code that is no tag, sorts by the CLDR
// root collation, which already orders letters with accents beside their
// base letters. Equal names (to the collation) compare by their bytes, so
// the order is total and a sort gives the same result every time.
//
// The function holds a collator, which is not safe for concurrent use:
// call Compare once per sort.
func Compare(lang string) func(a, b string) int {
	tag, err := parseTag(lang)
	if err != nil {
		tag = language.Und
	}
	c := collate.New(tag)
	return func(a, b string) int {
		if r := c.CompareString(a, b); r != 0 {
			return r
		}
		return strings.Compare(a, b)
	}
}
