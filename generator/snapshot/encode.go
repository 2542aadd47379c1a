package snapshot

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/noticegen/noticegen/generator/site"
)

// Encode writes v as a version file: TOML front matter between +++ lines,
// keys in a fixed order and dates as local dates, so the same version is
// always the same bytes and a pull request shows only what changed; then
// the page as published. site's loader reads it back (TestEncodeRoundTrip).
func Encode(v *site.Version) []byte {
	var b bytes.Buffer
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "date = %s\n", v.Date.Format(site.DateLayout))
	eff := v.Effective
	if eff.IsZero() {
		eff = v.Date
	}
	fmt.Fprintf(&b, "effective = %s\n", eff.Format(site.DateLayout))
	kv(&b, "class", v.Class)
	kv(&b, "title", v.Title)
	for _, c := range v.Changes {
		b.WriteString("\n[[changes]]\n")
		kv(&b, "section", c.Section)
		kv(&b, "fact", c.Fact)
		list(&b, "added", c.Added)
		list(&b, "removed", c.Removed)
		if c.Old != "" {
			text(&b, "old", c.Old)
		}
		if c.New != "" {
			text(&b, "new", c.New)
		}
		fmt.Fprintf(&b, "material = %t\n", c.Material)
	}
	for _, s := range v.Sections {
		b.WriteString("\n[[sections]]\n")
		kv(&b, "id", s.ID)
		kv(&b, "title", s.Title)
		list(&b, "purposes", s.Purposes)
		list(&b, "legalBases", s.LegalBases)
		opt(&b, "legitimateInterest", s.LegitimateInterest)
		list(&b, "dataCategories", s.DataCategories)
		list(&b, "dataSubjects", s.DataSubjects)
		list(&b, "recipients", s.Recipients)
		list(&b, "providers", s.Providers)
		list(&b, "thirdCountries", s.ThirdCountries)
		list(&b, "safeguards", s.Safeguards)
		opt(&b, "retention", s.Retention)
		opt(&b, "source", s.Source)
		text(&b, "text", s.Text)
	}
	b.WriteString("+++\n")
	b.Write(v.Page)
	if len(v.Page) > 0 && v.Page[len(v.Page)-1] != '\n' {
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func kv(b *bytes.Buffer, key, val string) { fmt.Fprintf(b, "%s = %s\n", key, site.TOMLString(val)) }

func opt(b *bytes.Buffer, key, val string) {
	if val != "" {
		kv(b, key, val)
	}
}

func list(b *bytes.Buffer, key string, vals []string) {
	if len(vals) == 0 {
		return
	}
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = site.TOMLString(v)
	}
	fmt.Fprintf(b, "%s = [%s]\n", key, strings.Join(q, ", "))
}

// text writes a section's text, one paragraph per line: a multi-line
// string when it has more than one, so a diff shows the paragraph that
// changed.
func text(b *bytes.Buffer, key, s string) {
	if !strings.Contains(s, "\n") {
		kv(b, key, s)
		return
	}
	q := site.TOMLString(s)
	q = strings.ReplaceAll(q[1:len(q)-1], `\n`, "\n")
	fmt.Fprintf(b, "%s = \"\"\"\n%s\"\"\"\n", key, q)
}
