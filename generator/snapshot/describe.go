package snapshot

import (
	"slices"
	"strings"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
)

// Describe writes changes on one line for the terminal, each value quoted
// (diag.Quote) since it comes from the site: `purposes +"Statistics";
// retention "6 months" → "1 year"; text of "newsletter"`.
func Describe(changes []site.Change) string {
	parts := make([]string, 0, len(changes))
	for _, c := range changes {
		var b strings.Builder
		switch c.Fact {
		case "text":
			b.WriteString("text of " + diag.Quote(c.Section))
		case "section":
			b.WriteString("section")
		default:
			b.WriteString(c.Fact)
		}
		for _, v := range c.Added {
			b.WriteString(" +" + diag.Quote(v))
		}
		for _, v := range c.Removed {
			b.WriteString(" -" + diag.Quote(v))
		}
		if c.Fact != "text" && c.Fact != "section" && (c.Old != "" || c.New != "") {
			b.WriteString(" " + diag.Quote(c.Old) + " → " + diag.Quote(c.New))
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, "; ")
}

// Facts names what differs in changes, each once, in their order: the
// fact, `text of "id"` for a section's wording, `section "id"` for a
// section added or removed.
func Facts(changes []site.Change) []string {
	var out []string
	for _, c := range changes {
		name := c.Fact
		switch c.Fact {
		case "text":
			name = "text of " + diag.Quote(c.Section)
		case "section":
			name = "section " + diag.Quote(c.Section)
		}
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}
