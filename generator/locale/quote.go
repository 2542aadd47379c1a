package locale

// QuoteID is the message a site may define for a language whose quotation
// marks the built-in table lacks, or to write them differently:
// "‹{{.Text}}›".
const QuoteID = "quote"

// quoteMarks is a language's primary quotation marks as CLDR's delimiters
// give them (quotationStart, quotationEnd), with the space French
// typography sets inside them.
type quoteMarks struct{ start, end string }

// rootQuotes are CLDR root's marks, for a language missing below.
var rootQuotes = quoteMarks{"“", "”"}

// quoteMarksOf returns lang's quotation marks, by base language and, where
// CLDR distinguishes them, region; ok is false for a language not in the
// table. Like the list patterns, the table holds the languages whose
// messages are built in and a few more, from CLDR's delimiters data.
func quoteMarksOf(lang string) (quoteMarks, bool) {
	tag, err := parseTag(lang)
	if err != nil {
		return quoteMarks{}, false
	}
	base, _, region := tag.Raw()
	switch base.String() {
	case "en", "pt", "da":
		if base.String() == "pt" && region.String() == "PT" {
			return quoteMarks{"«", "»"}, true
		}
		return quoteMarks{"“", "”"}, true
	case "de":
		if region.String() == "CH" || region.String() == "LI" {
			return quoteMarks{"«", "»"}, true // Swiss German
		}
		return quoteMarks{"„", "“"}, true
	case "fr":
		// CLDR's marks are « »; French typography sets a narrow
		// no-break space (U+202F) inside them, so the marks never end
		// up alone at a line's end or start.
		return quoteMarks{"«\u202f", "\u202f»"}, true
	case "es", "it", "nb", "no":
		return quoteMarks{"«", "»"}, true
	case "nl":
		return quoteMarks{"‘", "’"}, true
	case "pl":
		return quoteMarks{"„", "”"}, true
	case "cs":
		return quoteMarks{"„", "“"}, true
	case "sv", "fi":
		return quoteMarks{"”", "”"}, true
	}
	return quoteMarks{}, false
}

// Quote puts text in lang's quotation marks: “text” in English, „text“ in
// German, « text » in French (with narrow no-break spaces). A language
// without built-in marks gets CLDR root's “text”, not the site's default
// language's: those belong to another language than the text's.
// Catalog.Quote uses the site's quote message first.
func Quote(lang, text string) string {
	q, ok := quoteMarksOf(lang)
	if !ok {
		q = rootQuotes
	}
	return q.start + text + q.end
}

// Quote puts text in lang's quotation marks: with the site's quote message
// of lang when it defines one, else as Quote does. Its error is the
// message's.
func (c *Catalog) Quote(lang, text string) (string, error) {
	if c.msgs[lang][QuoteID] == nil {
		return Quote(lang, text), nil
	}
	return c.T(lang, QuoteID, map[string]any{"Text": text})
}
