package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Body sizes: the issue asks for bodies of 1–4 KB. Every language's body
// stays within [minBody, maxBody] bytes; the target each section aims at
// is drawn between them so that sections differ in length.
const (
	minBody = 1024
	maxBody = 4000
)

// section is one generated section: front matter and body per language.
// Both are built from the same random draws, so the German file is a
// translation of the English one and the language-neutral fields agree.
type section struct {
	id    string
	front map[string]string // language → TOML front matter (without +++)
	body  map[string]string // language → Markdown body
}

// A body is a list of blocks: paragraphs, headings, lists and tables,
// each a pair so that both languages have the same blocks.

// len is a block's size in its longer language.
func (p pair) len() int { return max(len(p.en), len(p.de)) }

// genSection draws a section from its spec with r. langs are en and de;
// other languages get the English text (see pair.in).
func genSection(s spec, r *rand.Rand) section {
	g := &gen{r: r, s: s, done: map[string]bool{}}
	sec := section{id: s.id, front: map[string]string{}, body: map[string]string{}}
	fm := g.frontMatter()
	blocks := g.body(fm)
	for _, lang := range []string{"en", "de"} {
		sec.front[lang] = fm.toml(lang)
		parts := make([]string, len(blocks))
		for i, b := range blocks {
			parts[i] = b.in(lang)
		}
		sec.body[lang] = strings.Join(parts, "\n\n") + "\n"
	}
	return sec
}

// gen holds the draws that front matter and body share, so that the body
// talks about the data, periods and countries the front matter lists.
type gen struct {
	r *rand.Rand
	s spec
	// deck holds the sentences not yet used, so that a body repeats none
	// before it has used them all; toolDeck those naming the service,
	// each used at most once; done the once-only blocks.
	deck, toolDeck []pair
	done           map[string]bool
}

// sentence draws the next sentence: now and then one naming the
// section's service (while there are), else a general one. The objection sentence appears
// only where a legitimate interest is a legal basis.
func (g *gen) sentence(f *facts) pair {
	if g.s.tool != "" && g.toolDeck == nil {
		g.toolDeck = pick(g.r, toolSentences, len(toolSentences))
	}
	if len(g.toolDeck) > 0 && g.r.IntN(4) == 0 {
		t := g.toolDeck[0]
		g.toolDeck = g.toolDeck[1:]
		return t
	}
	if len(g.deck) == 0 {
		for _, t := range pick(g.r, sentences, len(sentences)) {
			if t != objection || slices.Contains(f.bases, "gdpr-6-1-f") {
				g.deck = append(g.deck, t)
			}
		}
	}
	t := g.deck[0]
	g.deck = g.deck[1:]
	return t
}

// facts are a section's front matter before it is written out.
type facts struct {
	title      pair
	purposes   []purpose
	bases      []string
	interest   *pair
	data       []pair
	retention  pair
	period     period
	recipients []pair
	country    *country
	covers     []string
	updated    string
}

func (g *gen) frontMatter() *facts {
	r, s := g.r, g.s
	f := &facts{title: s.title, updated: fmt.Sprintf("2025-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28))}
	if s.intro() {
		return f
	}
	f.purposes = append([]purpose{s.purpose}, pick(r, purposePool, r.IntN(3))...)
	f.bases = []string{s.bases[0]}
	for _, b := range s.bases[1:] {
		if r.IntN(5) < 3 {
			f.bases = append(f.bases, b)
		}
	}
	if slices.Contains(f.bases, "gdpr-6-1-f") {
		i := interestPool[r.IntN(len(interestPool))]
		f.interest = &i
		if r.IntN(2) == 0 {
			f.covers = append(f.covers, "objection")
		}
	}
	if slices.Contains(f.bases, "gdpr-6-1-a") {
		f.covers = append(f.covers, "withdraw-consent")
	}
	f.data = append(slices.Clone(s.data), pick(r, without(dataPool, s.data), 1+r.IntN(3))...)
	f.period, f.retention = drawRetention(r)
	f.recipients = pick(r, recipientPool, 1+r.IntN(3))
	if r.IntN(4) == 0 {
		c := countries[r.IntN(len(countries))]
		f.country = &c
	}
	return f
}

// toml writes the front matter in one language; list order is fixed so
// that translations agree.
func (f *facts) toml(lang string) string {
	var b strings.Builder
	kv := func(k, v string) { fmt.Fprintf(&b, "%s = %s\n", k, v) }
	kv("title", quote(f.title.in(lang)))
	if f.bases != nil {
		var ps, ds, rs []string
		for _, p := range f.purposes {
			ps = append(ps, p.noun.in(lang))
		}
		for _, d := range f.data {
			ds = append(ds, upperFirst(d.in(lang)))
		}
		for _, x := range f.recipients {
			rs = append(rs, x.in(lang))
		}
		kv("purposes", quoteList(ps))
		kv("legalBases", quoteList(f.bases))
		if f.interest != nil {
			kv("legitimateInterest", quote(f.interest.in(lang)))
		}
		kv("dataCategories", quoteList(ds))
		kv("retention", quote(f.retention.in(lang)))
		kv("recipients", quoteList(rs))
		kv("requirement", quote(requirement.in(lang)))
		if f.country != nil {
			kv("thirdCountries", quoteList([]string{f.country.code}))
			kv("safeguards", quoteList(f.country.safeguards))
		}
		if f.covers != nil {
			kv("covers", quoteList(f.covers))
		}
	}
	kv("updated", f.updated)
	return b.String()
}

// body draws blocks until the body reaches a target size between minBody
// and maxBody: a lead paragraph, a table (always in processing sections,
// which is where real notices tabulate data and periods), then
// paragraphs, headings, lists and a contact table in random order.
func (g *gen) body(f *facts) []pair {
	r, s := g.r, g.s
	target := minBody + 200 + r.IntN(maxBody-minBody-400)
	size := func(bs []pair) int {
		n := 0
		for _, b := range bs {
			n += b.len() + 2
		}
		return n
	}
	bs := []pair{g.paragraph(f, s.lead, 1+r.IntN(3))}
	if s.intro() {
		bs = append(bs, introClose)
		if r.IntN(2) == 0 {
			g.done["contact"] = true
			bs = append(bs, g.contactTable())
		}
	} else {
		if r.IntN(2) == 0 {
			bs = append(bs, g.heading(0))
		}
		bs = append(bs, g.dataTable(f))
		if f.country != nil {
			bs = append(bs, g.fill(transferSentence, f))
		}
	}
	for size(bs) < target {
		// Lists, recipients and the contact table appear at most once.
		once := func(kind string) bool {
			ok := !g.done[kind]
			g.done[kind] = true
			return ok
		}
		var b pair
		switch k := r.IntN(10); {
		case k == 0 && !strings.HasPrefix(bs[len(bs)-1].en, "#"):
			b = g.heading(1 + r.IntN(len(headings)-1))
		case k == 1 && !s.intro() && once("list"):
			b = g.list(f)
		case k == 2 && !s.intro() && once("recipients"):
			b = g.recipients(f)
		case k == 3 && once("contact"):
			b = g.contactTable()
		default:
			b = g.paragraph(f, pair{}, 2+r.IntN(3))
		}
		bs = append(bs, b)
	}
	// The last block may overshoot, and a heading must not end the body:
	// drop blocks until neither holds, then top up with one-sentence
	// paragraphs (150–300 bytes) if the body became too short.
	for size(bs) > maxBody || strings.HasPrefix(bs[len(bs)-1].en, "#") {
		bs = bs[:len(bs)-1]
	}
	for size(bs) < minBody+100 {
		bs = append(bs, g.paragraph(f, pair{}, 1))
	}
	return bs
}

// paragraph is lead (if any) followed by n random sentences.
func (g *gen) paragraph(f *facts, lead pair, n int) pair {
	var en, de []string
	if lead.en != "" {
		en, de = append(en, lead.en), append(de, lead.de)
	}
	for range n {
		p := g.fill(g.sentence(f), f)
		en, de = append(en, p.en), append(de, p.de)
	}
	return pair{strings.Join(en, " "), strings.Join(de, " ")}
}

// fill replaces a sentence's placeholders with draws and template values.
func (g *gen) fill(t pair, f *facts) pair {
	r := g.r
	data := f.data
	if len(data) == 0 { // intros have no data of their own
		data = dataPool
	}
	d1 := data[r.IntN(len(data))]
	d2 := dataPool[r.IntN(len(dataPool))]
	for d2 == d1 {
		d2 = dataPool[r.IntN(len(dataPool))]
	}
	pu := purposePool[r.IntN(len(purposePool))].clause
	if len(f.purposes) > 0 && r.IntN(2) == 0 {
		pu = f.purposes[0].clause
	}
	pe := periods[r.IntN(len(periods))]
	if f.bases != nil && r.IntN(2) == 0 {
		pe = f.period
	}
	var c country
	if f.country != nil {
		c = *f.country
	}
	repl := func(lang string) *strings.Replacer {
		args := []string{
			"{data}", yourWord.in(lang) + " " + d1.in(lang),
			"{data2}", yourWord.in(lang) + " " + d2.in(lang),
			"{purpose}", pu.in(lang),
			"{topic}", g.s.topic.in(lang),
			"{tool}", "{{ .Params." + g.s.tool + " }}",
			"{country}", c.name.in(lang),
			"{safeguard}", c.safeguard.in(lang),
		}
		if lang == "de" {
			args = append(args, "{period}", pe.de, "{periodDat}", pe.deDat)
		} else {
			args = append(args, "{period}", pe.en, "{periodDat}", pe.en)
		}
		args = append(args, values...)
		return strings.NewReplacer(args...)
	}
	return pair{upperFirst(repl("en").Replace(t.en)), upperFirst(repl("de").Replace(t.de))}
}

func (g *gen) heading(i int) pair {
	h := headings[i]
	return pair{"# " + h.en, "# " + h.de} // a body's # is the page's h3, below the section's h2
}

// dataTable is a GFM table of data items, purposes and storage periods.
// The rows are drawn once and written in both languages.
func (g *gen) dataTable(f *facts) pair {
	type row struct {
		d  pair
		p  pair
		pe period
	}
	var rows []row
	for _, d := range f.data {
		pe := f.period
		if g.r.IntN(3) == 0 {
			pe = periods[g.r.IntN(len(periods))]
		}
		rows = append(rows, row{d, f.purposes[g.r.IntN(len(f.purposes))].noun, pe})
	}
	table := func(lang string) string {
		lines := []string{tableHead.in(lang), "| --- | --- | --- |"}
		for _, x := range rows {
			per := pair{x.pe.en, x.pe.de}.in(lang)
			lines = append(lines, fmt.Sprintf("| %s | %s | %s |", upperFirst(x.d.in(lang)), x.p.in(lang), upperFirst(per)))
		}
		return strings.Join(lines, "\n")
	}
	return pair{table("en"), table("de")}
}

// contactTable puts template values into table cells, which noticegen
// must escape so that they cannot break the table.
func (g *gen) contactTable() pair {
	t := func(lang string) string {
		return strings.Join([]string{
			contactHead.in(lang),
			"| --- | --- |",
			"| " + strings.ReplaceAll(contactTopic.in(lang), "{topic}", g.s.topic.in(lang)) + " | {{ .Entity.Email }} |",
			"| " + contactDPO.in(lang) + " | {{ .Entity.DPO.Email }} |",
			"| " + contactAuth.in(lang) + " | {{ .Entity.Authority.Name }} |",
		}, "\n")
	}
	return pair{t("en"), t("de")}
}

// list names the section's data items with one of its purposes each.
func (g *gen) list(f *facts) pair {
	en, de := []string{listIntro.en, ""}, []string{listIntro.de, ""}
	for _, d := range f.data {
		p := f.purposes[g.r.IntN(len(f.purposes))].noun
		en = append(en, fmt.Sprintf("- **%s** (%s)", upperFirst(d.en), lowerFirst(p.en)))
		de = append(de, fmt.Sprintf("- **%s** (%s)", upperFirst(d.de), p.de))
	}
	return pair{strings.Join(en, "\n"), strings.Join(de, "\n")}
}

// recipients repeats the front matter's recipients in running text.
func (g *gen) recipients(f *facts) pair {
	join := func(lang string) string {
		names := make([]string, len(f.recipients))
		for i, x := range f.recipients {
			names[i] = x.in(lang)
		}
		if len(names) == 1 {
			return names[0]
		}
		return strings.Join(names[:len(names)-1], ", ") + " " + andWord.in(lang) + " " + names[len(names)-1]
	}
	return pair{recipIntro.en + " " + join("en") + ".", recipIntro.de + " " + join("de") + "."}
}

// pick returns n distinct elements of xs in a random order.
func pick[T any](r *rand.Rand, xs []T, n int) []T {
	n = min(n, len(xs))
	out := make([]T, 0, n)
	for _, i := range r.Perm(len(xs))[:n] {
		out = append(out, xs[i])
	}
	return out
}

// without returns xs minus the elements of drop.
func without[T comparable](xs, drop []T) []T {
	var out []T
	for _, x := range xs {
		if !slices.Contains(drop, x) {
			out = append(out, x)
		}
	}
	return out
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// quote writes a TOML basic string. The vocabulary holds no control
// characters, so escaping backslash and quote is enough.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = quote(x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// requirement is what every generated processing section says of whether
// the data must be given (Art. 13(2)(e)).
var requirement = pair{
	"Providing the data is needed to carry out the contract; without it we cannot serve you.",
	"Die Angabe der Daten ist für die Durchführung des Vertrags erforderlich; ohne sie können wir Sie nicht bedienen.",
}

// drawRetention draws a storage period and the retention sentence that
// states it, in English and German.
func drawRetention(r *rand.Rand) (period, pair) {
	p := periods[r.IntN(len(periods))]
	form := retentionForms[r.IntN(len(retentionForms))]
	ev := retentionEvents[r.IntN(len(retentionEvents))]
	fill := func(text, per, e string) string {
		return strings.NewReplacer("{P}", upperFirst(per), "{p}", per, "{E}", e).Replace(text)
	}
	return p, pair{fill(form.en, p.en, ev.en), fill(form.de, p.de, ev.de)}
}
