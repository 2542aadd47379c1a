package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// city is where a subsidiary sits: it gives the address, the register
// court, the telephone area code and the competent authority.
type city struct {
	name     pair // as written in English and German prose
	postcode string
	area     string
	state    pair
	slug     string
}

var cities = []city{
	{pair{"Berlin", "Berlin"}, "10115", "30", pair{"Berlin", "Berlin"}, "berlin"},
	{pair{"Hamburg", "Hamburg"}, "20095", "40", pair{"Hamburg", "Hamburg"}, "hamburg"},
	{pair{"Munich", "München"}, "80331", "89", pair{"Bavaria", "Bayern"}, "bayern"},
	{pair{"Cologne", "Köln"}, "50667", "221", pair{"North Rhine-Westphalia", "Nordrhein-Westfalen"}, "nrw"},
	{pair{"Frankfurt am Main", "Frankfurt am Main"}, "60311", "69", pair{"Hesse", "Hessen"}, "hessen"},
	{pair{"Stuttgart", "Stuttgart"}, "70173", "711", pair{"Baden-Württemberg", "Baden-Württemberg"}, "bw"},
	{pair{"Leipzig", "Leipzig"}, "04109", "341", pair{"Saxony", "Sachsen"}, "sachsen"},
	{pair{"Hanover", "Hannover"}, "30159", "511", pair{"Lower Saxony", "Niedersachsen"}, "niedersachsen"},
	{pair{"Bremen", "Bremen"}, "28195", "421", pair{"Bremen", "Bremen"}, "bremen"},
	{pair{"Kiel", "Kiel"}, "24103", "431", pair{"Schleswig-Holstein", "Schleswig-Holstein"}, "sh"},
	{pair{"Erfurt", "Erfurt"}, "99084", "361", pair{"Thuringia", "Thüringen"}, "thueringen"},
	{pair{"Mainz", "Mainz"}, "55116", "6131", pair{"Rhineland-Palatinate", "Rheinland-Pfalz"}, "rlp"},
}

// Word lists for invented company and person names. Legal forms include
// "GmbH & Co. KG" so that names carry a character Markdown escaping must
// handle.
var (
	brandHeads  = []string{"Nord", "Süd", "Ost", "West", "Alt", "Neu", "Hoch", "Tal", "Berg", "Wald", "See", "Fels"}
	brandTails  = []string{"werk", "stein", "feld", "hafen", "brück", "au", "bach", "tor", "ried", "licht"}
	brandLines  = []string{"Logistik", "Digital", "Handel", "Services", "Energie", "Bau", "Medien", "Consulting", "Software", "Manufaktur"}
	legalForms  = []string{"GmbH", "GmbH", "GmbH", "AG", "SE", "GmbH & Co. KG", "KG"}
	streets     = []string{"Hafenstraße", "Lindenallee", "Am Markt", "Bahnhofstraße", "Mühlenweg", "Industriestraße", "Kirchgasse", "Schillerplatz", "Gartenstraße", "Uferweg"}
	firstNames  = []string{"Anna", "Jonas", "Leonie", "Felix", "Mira", "Paul", "Hannah", "Emil", "Sophie", "Lukas", "Greta", "Ole", "Aylin", "Mehmet", "Ida", "Tim"}
	lastNames   = []string{"Albers", "Brandt", "Claussen", "Dietz", "Engel", "Fuchs", "Graf", "Hoffmann", "Iversen", "Jansen", "Keller", "Lorenz", "Marx", "Nowak", "Ott", "Peters"}
	dpoFirms    = []string{"Klarsicht Datenschutz GmbH", "Schutzwall Beratung GmbH", "Datenhafen Consulting GmbH"}
	dpoFirmHost = []string{"klarsicht-datenschutz", "schutzwall-beratung", "datenhafen-consulting"}
)

// company is what every shape draws for entity i: its id, name, host
// name for e-mail and website, city and street.
type company struct {
	id, name, host, street string
	city                   city
}

// drawCompany draws entity i's company from r, in one fixed order, so
// that an entity is the same in every shape that draws it first.
func drawCompany(r *rand.Rand, i int) company {
	brand := oneOf(r, brandHeads) + oneOf(r, brandTails)
	name := fmt.Sprintf("%s %s %d %s", brand, oneOf(r, brandLines), i, oneOf(r, legalForms))
	host := fmt.Sprintf("%s-%d.synthetic.example", ascii(strings.ToLower(brand)), i)
	c := cities[r.IntN(len(cities))]
	street := fmt.Sprintf("%s %d", oneOf(r, streets), 1+r.IntN(120))
	return company{id: fmt.Sprintf("sub-%05d", i), name: name, host: host, street: street, city: c}
}

// writeEntity writes entity i. Its draws come from its own generator, so
// entity i is the same whatever the number of entities.
func (w *writer) writeEntity(i int) error {
	r := w.rng(fmt.Sprintf("entity:%d", i))
	co := drawCompany(r, i)
	id, name, host, c, street := co.id, co.name, co.host, co.city, co.street
	// Postal addresses keep the local city name in both languages; only
	// the country line is translated.
	address := func(first ...pair) pair {
		var en, de []string
		for _, p := range first {
			en, de = append(en, p.en), append(de, p.de)
		}
		en = append(en, street, c.postcode+" "+c.name.de, "Germany")
		de = append(de, street, c.postcode+" "+c.name.de, "Deutschland")
		return pair{strings.Join(en, "\n"), strings.Join(de, "\n")}
	}
	person := func() string { return oneOf(r, firstNames) + " " + oneOf(r, lastNames) }
	phone := func() string { return fmt.Sprintf("+49 %s %07d", c.area, r.IntN(10_000_000)) }

	var b strings.Builder
	kv := func(k, v string) { fmt.Fprintf(&b, "%s = %s\n", k, v) }
	kv("name", quote(name))
	kv("address", w.locLines(address()))
	kv("email", quote("privacy@"+host))
	if r.IntN(8) != 0 { // some companies give no phone; an e-mail address suffices
		kv("phone", quote(phone()))
	}
	kv("website", quote("https://www."+host))
	kv("register", w.loc(pair{fmt.Sprintf("%s Local Court, HRB %d", c.name.en, 10000+i), fmt.Sprintf("Amtsgericht %s, HRB %d", c.name.de, 10000+i)}))
	kv("vatID", quote(fmt.Sprintf("DE%09d", 100000000+i)))
	boss := person() + ", " + person()
	kv("representedBy", w.loc(pair{"Managing Directors: " + boss, "Geschäftsführung: " + boss}))
	kv("updated", fmt.Sprintf("2025-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28)))
	kv("notices", quoteList(w.notices))
	kv("uses", quoteList(w.uses(r, i)))
	if omit := w.omit(r, i); omit != "" {
		kv("omit", quoteList([]string{omit}))
	}

	b.WriteString("\n[dpo]\n")
	if r.IntN(5) < 3 { // an in-house officer
		kv("name", quote(person()))
		kv("email", quote("dpo@"+host))
		if r.IntN(2) == 0 {
			kv("phone", quote(phone()))
		}
		kv("address", w.locLines(address(pair{name, name}, pair{"Data Protection Officer", "Datenschutzbeauftragter"})))
	} else { // an external one, shared by many companies of the group
		f := r.IntN(len(dpoFirms))
		kv("name", quote(fmt.Sprintf("%s (%s)", person(), dpoFirms[f])))
		kv("email", quote(fmt.Sprintf("%s@%s.example", id, dpoFirmHost[f])))
		kv("phone", quote(fmt.Sprintf("+49 341 %07d", 1000000+f)))
	}

	b.WriteString("\n[authority]\n")
	kv("name", w.loc(pair{"Data Protection Supervisor of " + c.state.en, "Datenschutzaufsicht " + c.state.de}))
	kv("url", quote("https://datenschutz."+c.slug+".example/"))

	b.WriteString("\n[params]\n")
	keys := make([]string, 0, len(vendors))
	for k := range vendors {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		kv(k, w.loc(oneOf(r, vendors[k])))
	}
	if r.IntN(3) == 0 {
		kv("loyaltyProgram", quote(oneOf(r, loyaltyPrograms)))
	}
	return w.put("content/entities/"+id+".toml", b.String())
}

// uses picks, for every slot of the site's notices, some of its sections
// in a random order. Most companies use at least one per slot; some use
// no CRM at all, so that slot, intro included, drops out of their pages.
// Entity i also takes every member k with k ≡ i (mod entities), so that
// each section is on some page (check warns about one that is on none)
// even when there are fewer entities than members.
func (w *writer) uses(r *rand.Rand, i int) []string {
	var uses []string
	for _, n := range w.notices {
		for _, s := range w.sections[n] {
			dir, ok := strings.CutSuffix(s, "/*")
			if !ok {
				continue
			}
			members := w.slots[dir]
			k := 1 + r.IntN(len(members))
			if dir == "crm" && r.IntN(6) == 0 {
				k = 0
			}
			chosen := pick(r, members, k)
			for m := i % w.o.Entities; m < len(members); m += w.o.Entities {
				if !slices.Contains(chosen, members[m]) {
					chosen = append(chosen, members[m])
				}
			}
			for _, id := range pick(r, chosen, len(chosen)) {
				if !slices.Contains(uses, id) {
					uses = append(uses, id)
				}
			}
		}
	}
	return uses
}

// omit returns, for one company in five, a section it does not publish,
// or "" for the rest. Entity 0 publishes everything, so that no section
// ends up on no page.
func (w *writer) omit(r *rand.Rand, i int) string {
	if r.IntN(5) != 0 || i == 0 {
		return ""
	}
	var can []string
	for _, id := range optionalSections {
		if slices.Contains(w.written, id) {
			can = append(can, id)
		}
	}
	if len(can) == 0 {
		return ""
	}
	return oneOf(r, can)
}

// locLines is loc for multi-line strings such as addresses.
func (w *writer) locLines(p pair) string {
	ml := func(s string) string { return `"""` + "\n" + s + `"""` }
	if p.en == p.de || !slices.Contains(w.langs, "de") {
		return ml(p.en)
	}
	return fmt.Sprintf("{ en = %s, de = %s }", ml(p.en), ml(p.de))
}

func oneOf[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// ascii spells German letters for host names.
func ascii(s string) string {
	return strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss").Replace(s)
}
