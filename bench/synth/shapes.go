package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// Shapes other than mixed are groups written from scratch (no example
// notices, sections or providers), each shaped like a kind of group that
// the benchmarks must stay fast on:
//
//   - group24: 24 sections, 16 plain and 8 in a tools/* slot with an
//     intro, each of four paragraphs of about 60 words and a small GFM
//     table, with purposes, one legal basis (gdpr-6-1-f) with its
//     legitimate interest, retention and a date; half of them end with a
//     sentence naming the entity and a per-entity param. Five notices of
//     six entries (five plain sections and the slot); each entity uses two
//     of the eight tools.
//   - short: 40 sections of one or two sentences, eight per notice, every
//     one naming the entity and its e-mail address.
//   - unnamed: group24 where no section reads any entity value, so every
//     page of a notice shows the same section text.
//
// Entities have a name, an address, an e-mail address, a DPO and one
// param (office). No translation is missing.
const (
	ShapeMixed   = "mixed"
	ShapeGroup24 = "group24"
	ShapeShort   = "short"
	ShapeUnnamed = "unnamed"
)

// Shapes returns the names of the shapes Options.Shape may take, mixed
// (the default) first.
func Shapes() []string {
	return []string{ShapeMixed, ShapeGroup24, ShapeShort, ShapeUnnamed}
}

// shapeNotices are the notices of the shaped sites, in order; a site with
// Options.Notices notices has the first ones.
var shapeNotices = []struct {
	id    string
	title pair
}{
	{"customers", pair{"Privacy notice for customers", "Datenschutzhinweise für Kundinnen und Kunden"}},
	{"suppliers", pair{"Privacy notice for suppliers", "Datenschutzhinweise für Lieferanten"}},
	{"applicants", pair{"Privacy notice for applicants", "Datenschutzhinweise für Bewerberinnen und Bewerber"}},
	{"visitors", pair{"Privacy notice for visitors", "Datenschutzhinweise für Besucherinnen und Besucher"}},
	{"partners", pair{"Privacy notice for business partners", "Datenschutzhinweise für Geschäftspartner"}},
}

// Sizes of the shapes.
const (
	g24Plain     = 16 // plain sections of group24 and unnamed
	g24Tools     = 8  // sections in their tools/* slot
	g24PerNotice = 5  // plain sections per notice
	g24Paras     = 4  // paragraphs per section
	g24Sentences = 4  // sentences per paragraph (about 60 words)
	shortCount   = 40 // sections of short
)

// allRights are the rights a notice must explain; the first section of
// every notice covers them, so check finds no gap.
var allRights = []string{"access", "rectification", "erasure", "restriction", "portability", "objection", "withdraw-consent", "complaint"}

// shapeSection is one section of a shaped site before it is written.
type shapeSection struct {
	id      string
	title   pair
	purpose purpose // the one purpose, which the title names
	intro   bool
	covers  bool
	// named: the body ends with a sentence naming the entity and its
	// office (group24), or names the entity and its e-mail (short).
	named bool
	short bool
}

// writeShaped writes a site of a shape other than mixed.
func (w *writer) writeShaped() error {
	site := fmt.Sprintf("title = %s\nbaseURL = \"https://privacy.synthetic.example/\"\ndefaultLanguage = \"en\"\nlanguages = %s\n",
		w.loc(pair{"Synthetic Group Privacy Center", "Datenschutz-Center der Synthetik-Gruppe"}), quoteList(w.langs))
	if err := w.put("site.toml", site); err != nil {
		return err
	}
	secs, lists := w.shapeLayout()
	w.sections = map[string][]string{}
	need := map[string]bool{}
	for i := range w.o.Notices {
		n := shapeNotices[i]
		text := fmt.Sprintf("title = %s\nsections = %s\nautomatedDecisions = %s\n", w.loc(n.title), quoteList(lists[i]), w.loc(noAutomatedDecisions))
		if err := w.put("content/notices/"+n.id+".toml", text); err != nil {
			return err
		}
		w.notices, w.sections[n.id] = append(w.notices, n.id), lists[i]
		for _, s := range lists[i] {
			need[s] = true
		}
	}
	var tools []string
	for _, s := range secs {
		if !w.isNeeded(need, s.id) {
			continue
		}
		if strings.HasPrefix(s.id, "tools/") && !s.intro {
			tools = append(tools, s.id)
		}
		if err := w.writeShapeSection(s); err != nil {
			return err
		}
	}
	for i := range w.o.Entities {
		if err := w.writeShapeEntity(i, tools); err != nil {
			return err
		}
	}
	return nil
}

// shapeLayout returns the shape's sections and each notice's sections
// list. In group24 and unnamed, notice k shows the first plain section
// (which covers the rights), four of the other fifteen (consecutive ones,
// overlapping by one between neighbours, so the five notices show all of
// them) and the slot as the fourth entry. In short, notice k shows
// sections 8k … 8k+7.
func (w *writer) shapeLayout() ([]shapeSection, [][]string) {
	var secs []shapeSection
	lists := make([][]string, len(shapeNotices))
	if w.o.Shape == ShapeShort {
		per := shortCount / len(shapeNotices)
		for i := range shortCount {
			s := shapeSection{id: fmt.Sprintf("point-%02d", i+1), named: true, short: true, covers: i%per == 0}
			s.title, s.purpose = titled(i)
			secs = append(secs, s)
			lists[i/per] = append(lists[i/per], s.id)
		}
		return secs, lists
	}
	named := w.o.Shape == ShapeGroup24
	for i := range g24Plain {
		s := shapeSection{id: fmt.Sprintf("topic-%02d", i+1), named: named && i%2 == 1, covers: i == 0}
		s.title, s.purpose = titled(i)
		secs = append(secs, s)
	}
	secs = append(secs, shapeSection{id: "tools/_index", title: pair{"Tools we use", "Werkzeuge, die wir einsetzen"}, intro: true})
	for i := range g24Tools {
		t := toolNames[i]
		secs = append(secs, shapeSection{
			id: "tools/" + t.id, title: t.title, named: named && i%2 == 0,
			purpose: purposePool[(7*i+1)%len(purposePool)],
		})
	}
	others := g24Plain - 1
	for k := range lists {
		l := []string{secs[0].id}
		for j := range g24PerNotice - 1 {
			l = append(l, secs[1+(3*k+j)%others].id)
		}
		lists[k] = slices.Insert(l, 3, "tools/*")
	}
	return secs, lists
}

// titled returns the title and purpose of plain section i: a data item
// and a purpose, a pair that no other i below 80 has.
func titled(i int) (pair, purpose) {
	d, p := dataPool[i%len(dataPool)], purposePool[(3*i)%len(purposePool)]
	return pair{upperFirst(d.en) + ": " + lowerFirst(p.noun.en), upperFirst(d.de) + ": " + p.noun.de}, p
}

// toolsIntro opens the tools/* slot.
var toolsIntro = pair{
	"Depending on the company of the group, its teams work with some of the tools below. Each of them is described with the data it processes, why, and for how long.",
	"Je nach Gesellschaft der Gruppe arbeiten ihre Teams mit einigen der folgenden Werkzeuge. Zu jedem ist beschrieben, welche Daten es verarbeitet, warum und wie lange.",
}

// toolNames are the sections of the tools/* slot.
var toolNames = []struct {
	id    string
	title pair
}{
	{"chat", pair{"Team chat", "Team-Chat"}},
	{"video", pair{"Video calls", "Videokonferenzen"}},
	{"tickets", pair{"Ticket system", "Ticketsystem"}},
	{"wiki", pair{"Internal wiki", "Internes Wiki"}},
	{"calendar", pair{"Shared calendars", "Gemeinsame Kalender"}},
	{"files", pair{"File sharing", "Dateiablage"}},
	{"signatures", pair{"Electronic signatures", "Elektronische Signaturen"}},
	{"surveys", pair{"Online surveys", "Online-Umfragen"}},
}

// writeShapeSection draws section s from its own generator and writes it
// in every language of the site.
func (w *writer) writeShapeSection(s shapeSection) error {
	r := w.rng("shape-section:" + s.id)
	f := &facts{title: s.title, updated: fmt.Sprintf("2025-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28))}
	if !s.intro {
		i := interestPool[r.IntN(len(interestPool))]
		f.purposes, f.bases, f.interest = []purpose{s.purpose}, []string{"gdpr-6-1-f"}, &i
		f.data = pick(r, dataPool, 3)
		f.recipients = pick(r, recipientPool, 1)
		f.period, f.retention = drawRetention(r)
		if s.covers {
			f.covers = allRights
		}
	}
	d := &deck{r: r, f: f}
	var blocks []pair
	switch {
	case s.intro:
		blocks = []pair{toolsIntro, introClose}
	case s.short:
		blocks = []pair{d.paragraph(r.IntN(2))}
	default:
		for i := range g24Paras {
			if i == 2 {
				blocks = append(blocks, d.table())
			}
			blocks = append(blocks, d.paragraph(g24Sentences))
		}
	}
	if s.named {
		last := &blocks[len(blocks)-1]
		t := officeSentence
		if s.short {
			t = emailSentences[r.IntN(len(emailSentences))]
		}
		last.en = strings.TrimSpace(last.en + " " + t.en)
		last.de = strings.TrimSpace(last.de + " " + t.de)
	}
	for _, l := range w.langs {
		var front string
		if s.intro {
			front = "title = " + quote(s.title.in(pairLang(l))) + "\nupdated = " + f.updated + "\n"
		} else {
			front = shapeFront(f, pairLang(l))
		}
		parts := make([]string, len(blocks))
		for i, b := range blocks {
			parts[i] = b.in(pairLang(l))
		}
		text := "+++\n" + front + "+++\n" + strings.Join(parts, "\n\n") + "\n"
		if err := w.put("content/sections/"+s.id+"."+l+".md", text); err != nil {
			return err
		}
	}
	return nil
}

// shapeFront writes a shaped section's front matter: purposes, the one
// legal basis and its interest, data, retention, one recipient, the
// requirement, covers and the date.
func shapeFront(f *facts, lang string) string {
	var b strings.Builder
	kv := func(k, v string) { fmt.Fprintf(&b, "%s = %s\n", k, v) }
	ds := make([]string, len(f.data))
	for i, d := range f.data {
		ds[i] = upperFirst(d.in(lang))
	}
	kv("title", quote(f.title.in(lang)))
	kv("purposes", quoteList([]string{f.purposes[0].noun.in(lang)}))
	kv("legalBases", quoteList(f.bases))
	kv("legitimateInterest", quote(f.interest.in(lang)))
	kv("dataCategories", quoteList(ds))
	kv("retention", quote(f.retention.in(lang)))
	kv("recipients", quoteList([]string{f.recipients[0].in(lang)}))
	kv("requirement", quote(requirement.in(lang)))
	if f.covers != nil {
		kv("covers", quoteList(f.covers))
	}
	kv("updated", f.updated)
	return b.String()
}

// deck draws the shaped sections' sentences: shared text only, no
// template values, each sentence used once before any repeats.
type deck struct {
	r    *rand.Rand
	f    *facts
	left []pair
}

func (d *deck) sentence() pair {
	if len(d.left) == 0 {
		d.left = pick(d.r, plainSentences(), len(plainSentences()))
	}
	t := d.left[0]
	d.left = d.left[1:]
	data := d.f.data
	if len(data) == 0 {
		data = dataPool
	}
	d1 := data[d.r.IntN(len(data))]
	d2 := dataPool[d.r.IntN(len(dataPool))]
	for d2 == d1 {
		d2 = dataPool[d.r.IntN(len(dataPool))]
	}
	pu := purposePool[d.r.IntN(len(purposePool))].clause
	if len(d.f.purposes) > 0 && d.r.IntN(2) == 0 {
		pu = d.f.purposes[0].clause
	}
	pe := periods[d.r.IntN(len(periods))]
	if d.f.bases != nil && d.r.IntN(2) == 0 {
		pe = d.f.period
	}
	repl := func(lang string) *strings.Replacer {
		period, periodDat := pe.en, pe.en
		if lang == "de" {
			period, periodDat = pe.de, pe.deDat
		}
		return strings.NewReplacer(
			"{data}", yourWord.in(lang)+" "+d1.in(lang),
			"{data2}", yourWord.in(lang)+" "+d2.in(lang),
			"{purpose}", pu.in(lang),
			"{topic}", shapeTopic.in(lang),
			"{period}", period,
			"{periodDat}", periodDat,
		)
	}
	return pair{upperFirst(repl("en").Replace(t.en)), upperFirst(repl("de").Replace(t.de))}
}

func (d *deck) paragraph(n int) pair {
	var en, de []string
	for range n {
		s := d.sentence()
		en, de = append(en, s.en), append(de, s.de)
	}
	return pair{strings.Join(en, " "), strings.Join(de, " ")}
}

// table is a GFM table of the section's data items, its purpose and
// storage periods: three rows.
func (d *deck) table() pair {
	t := func(lang string) string {
		lines := []string{tableHead.in(lang), "| --- | --- | --- |"}
		for _, x := range d.f.data {
			pe := d.f.period
			lines = append(lines, fmt.Sprintf("| %s | %s | %s |", upperFirst(x.in(lang)), d.f.purposes[0].noun.in(lang), upperFirst(pair{pe.en, pe.de}.in(lang))))
		}
		return strings.Join(lines, "\n")
	}
	return pair{t("en"), t("de")}
}

// plainSentences are the mixed shape's sentences that read no template
// value, followed by shapeSentences.
func plainSentences() []pair {
	var out []pair
	for _, s := range append(slices.Clone(sentences), shapeSentences...) {
		reads := strings.Contains(s.en, "{{")
		for _, m := range []string{"{entity}", "{email}", "{dpo}", "{site}", "{notice}", "{tool}"} {
			reads = reads || strings.Contains(s.en, m)
		}
		if !reads {
			out = append(out, s)
		}
	}
	return out
}

// shapeTopic is what the shaped sections' sentences call their subject.
var shapeTopic = pair{"this processing", "dieser Verarbeitung"}

// shapeSentences add to the mixed shape's sentences, so that a group24
// section of sixteen sentences repeats few.
var shapeSentences = []pair{
	{"We review the settings of our systems once a year and remove access that is no longer needed.", "Wir überprüfen die Einstellungen unserer Systeme einmal im Jahr und entziehen Zugriffe, die nicht mehr benötigt werden."},
	{"Backups that hold {data} are encrypted and kept apart from the systems in daily use.", "Sicherungskopien, die {data} enthalten, werden verschlüsselt und getrennt von den täglich genutzten Systemen aufbewahrt."},
	{"Where we no longer need {data} {purpose}, we restrict the processing to what the law still requires.", "Benötigen wir {data} nicht mehr, {purpose}, beschränken wir die Verarbeitung auf das gesetzlich Erforderliche."},
	{"Our staff are bound to confidentiality and receive regular training in data protection.", "Unsere Beschäftigten sind zur Vertraulichkeit verpflichtet und werden regelmäßig im Datenschutz geschult."},
	{"We weighed our interest against yours and concluded that the processing is limited to what is necessary.", "Wir haben unser Interesse gegen Ihres abgewogen und sind zu dem Ergebnis gekommen, dass sich die Verarbeitung auf das Notwendige beschränkt."},
	{"If the purpose of {topic} changes, we will inform you before we process {data} for the new purpose.", "Ändert sich der Zweck dieser Verarbeitung, informieren wir Sie, bevor wir {data} für den neuen Zweck verarbeiten."},
	{"We keep a record of {topic} that describes its purposes, recipients and storage periods.", "Über diese Verarbeitung führen wir ein Verzeichnis, das ihre Zwecke, Empfänger und Speicherfristen beschreibt."},
	{"You can ask us at any time whether we hold {data2} and what we use it for.", "Sie können uns jederzeit fragen, ob wir {data2} gespeichert haben und wofür wir sie nutzen."},
}

// officeSentence ends half of group24's sections: the entity and its
// one param.
var officeSentence = pair{
	"For questions about this, the team of {{ .Entity.Name }} at its office in {{ .Params.office }} is glad to help.",
	"Bei Fragen dazu hilft Ihnen das Team der {{ .Entity.Name }} in seinem Büro in {{ .Params.office }} gerne weiter.",
}

// emailSentences end every short section: the entity and its e-mail.
var emailSentences = []pair{
	{"{{ .Entity.Name }} answers questions about this at {{ .Entity.Email }}.", "Fragen dazu beantwortet die {{ .Entity.Name }} unter {{ .Entity.Email }}."},
	{"Write to {{ .Entity.Name }} at {{ .Entity.Email }} if you want to know more.", "Schreiben Sie der {{ .Entity.Name }} an {{ .Entity.Email }}, wenn Sie mehr erfahren möchten."},
	{"This is done by {{ .Entity.Name }}, which you can reach at {{ .Entity.Email }}.", "Dies übernimmt die {{ .Entity.Name }}, die Sie unter {{ .Entity.Email }} erreichen."},
}

// writeShapeEntity writes entity i of a shaped site: name, address,
// e-mail, a DPO, the office param, its notices and, when the site has a
// tools slot, two of the tools (tools[i mod n] and one drawn; with fewer
// entities than tools, also those ≡ i modulo the entity count, so that
// every tool is on some page).
func (w *writer) writeShapeEntity(i int, tools []string) error {
	r := w.rng(fmt.Sprintf("shape-entity:%d", i))
	co := drawCompany(r, i)
	id, name, host, c, street := co.id, co.name, co.host, co.city, co.street
	address := pair{
		strings.Join([]string{street, c.postcode + " " + c.name.de, "Germany"}, "\n"),
		strings.Join([]string{street, c.postcode + " " + c.name.de, "Deutschland"}, "\n"),
	}
	var b strings.Builder
	kv := func(k, v string) { fmt.Fprintf(&b, "%s = %s\n", k, v) }
	kv("name", quote(name))
	kv("address", w.locLines(address))
	kv("email", quote("privacy@"+host))
	kv("notices", quoteList(w.notices))
	if len(tools) > 0 {
		uses := []string{tools[i%len(tools)]}
		other := r.IntN(len(tools) - 1)
		if other >= i%len(tools) {
			other++
		}
		uses = append(uses, tools[other])
		for m := i % w.o.Entities; m < len(tools); m += w.o.Entities {
			if !slices.Contains(uses, tools[m]) {
				uses = append(uses, tools[m])
			}
		}
		kv("uses", quoteList(uses))
	}
	b.WriteString("\n[dpo]\n")
	kv("name", quote(oneOf(r, firstNames)+" "+oneOf(r, lastNames)))
	kv("email", quote("dpo@"+host))
	b.WriteString("\n[params]\n")
	kv("office", w.loc(c.name))
	return w.put("content/entities/"+id+".toml", b.String())
}
