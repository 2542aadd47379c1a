package synth

// The vocabulary the generated sections are built from. Every phrase is
// written for this package, in English and German side by side, so that a
// section's German file says what its English file says and the
// language-neutral front matter (legal bases, countries, safeguards,
// covers) agrees between them, as the format requires.
//
// German grammar constrains the pools: data items are feminine or plural
// nouns so that "Ihre …" fits them as subject and object alike; topics are
// given in the dative, since they follow "zu" or "bei"; periods have a
// dative form for "nach Ablauf von …".

// pair is one phrase in English and in German.
type pair struct{ en, de string }

// in returns the phrase for a page language; languages other than German
// get the English text, as a site does before its translators deliver.
func (p pair) in(lang string) string {
	if lang == "de" {
		return p.de
	}
	return p.en
}

// purpose is a purpose of processing as the front matter names it (noun)
// and as a body sentence says it (an infinitive clause).
type purpose struct{ noun, clause pair }

// period is a length of time; de is the nominative ("sechs Monate"),
// deDat the dative ("nach Ablauf von sechs Monaten").
type period struct{ en, de, deDat string }

// country is a third country with the safeguards its transfers rely on;
// name is what follows "in", safeguard what the transfer "relies on".
type country struct {
	code       string
	safeguards []string
	name       pair
	safeguard  pair
}

var dataPool = []pair{
	{"contact details", "Kontaktdaten"},
	{"e-mail address", "E-Mail-Adresse"},
	{"postal address", "Postanschrift"},
	{"telephone number", "Telefonnummer"},
	{"customer number", "Kundennummer"},
	{"correspondence with us", "Korrespondenz mit uns"},
	{"IP address", "IP-Adresse"},
	{"device information", "Geräteinformationen"},
	{"billing details", "Rechnungsdaten"},
	{"bank details", "Bankverbindung"},
	{"contract details", "Vertragsdaten"},
	{"order history", "Bestellhistorie"},
	{"preferences", "Präferenzen"},
	{"user name", "Benutzerkennung"},
	{"company affiliation", "Firmenzugehörigkeit"},
	{"job title", "Funktionsbezeichnung"},
}

var purposePool = []purpose{
	{pair{"Answering your enquiries", "Beantwortung Ihrer Anfragen"}, pair{"to answer your enquiries", "um Ihre Anfragen zu beantworten"}},
	{pair{"Performing the contract", "Erfüllung des Vertrags"}, pair{"to perform the contract with you", "um den Vertrag mit Ihnen zu erfüllen"}},
	{pair{"Meeting statutory retention duties", "Erfüllung gesetzlicher Aufbewahrungspflichten"}, pair{"to meet our statutory retention duties", "um unsere gesetzlichen Aufbewahrungspflichten zu erfüllen"}},
	{pair{"Preventing fraud and misuse", "Verhinderung von Betrug und Missbrauch"}, pair{"to prevent fraud and misuse", "um Betrug und Missbrauch zu verhindern"}},
	{pair{"Improving our services", "Verbesserung unserer Leistungen"}, pair{"to improve our services", "um unsere Leistungen zu verbessern"}},
	{pair{"Keeping our systems secure", "Sicherheit unserer Systeme"}, pair{"to keep our systems secure", "um unsere Systeme sicher zu betreiben"}},
	{pair{"Handling complaints and claims", "Bearbeitung von Reklamationen und Ansprüchen"}, pair{"to handle complaints and claims", "um Reklamationen und Ansprüche zu bearbeiten"}},
	{pair{"Internal reporting", "Interne Auswertungen"}, pair{"to prepare internal reports", "um interne Auswertungen zu erstellen"}},
	{pair{"Documenting our business transactions", "Dokumentation unserer Geschäftsvorgänge"}, pair{"to document our business transactions", "um unsere Geschäftsvorgänge zu dokumentieren"}},
	{pair{"Keeping in touch with you", "Pflege der Geschäftsbeziehung"}, pair{"to keep in touch with you", "um mit Ihnen in Kontakt zu bleiben"}},
}

var periods = []period{
	{"30 days", "30 Tage", "30 Tagen"},
	{"90 days", "90 Tage", "90 Tagen"},
	{"six months", "sechs Monate", "sechs Monaten"},
	{"twelve months", "zwölf Monate", "zwölf Monaten"},
	{"two years", "zwei Jahre", "zwei Jahren"},
	{"three years", "drei Jahre", "drei Jahren"},
	{"six years", "sechs Jahre", "sechs Jahren"},
	{"ten years", "zehn Jahre", "zehn Jahren"},
}

// retentionEvents are what a retention period counts from (German in
// the dative, after "nach").
var retentionEvents = []pair{
	{"the end of the contract", "dem Ende des Vertrags"},
	{"your last order", "Ihrer letzten Bestellung"},
	{"the end of the calendar year", "dem Ende des Kalenderjahres"},
	{"our last contact with you", "unserem letzten Kontakt mit Ihnen"},
	{"the closure of your account", "der Schließung Ihres Kontos"},
}

// retentionForms turn a period (P nominative, p lower case) and an event
// (E) into the front matter's retention statement.
var retentionForms = []pair{
	{"{P} after {E}.", "{P} nach {E}."},
	{"{P} after {E}; documents subject to statutory retention are kept for ten years.", "{P} nach {E}; Unterlagen mit gesetzlicher Aufbewahrungspflicht zehn Jahre lang."},
	{"As long as the purpose requires, at most {p} after {E}.", "So lange, wie es der Zweck erfordert, höchstens {p} nach {E}."},
}

var recipientPool = []pair{
	{"IT service provider (processor)", "IT-Dienstleister (Auftragsverarbeiter)"},
	{"Hosting provider in the EU (processor)", "Hosting-Anbieter in der EU (Auftragsverarbeiter)"},
	{"Other companies of the group (shared services)", "Andere Gesellschaften der Gruppe (gemeinsame Dienste)"},
	{"Tax advisers and auditors", "Steuerberater und Wirtschaftsprüfer"},
	{"Banks and payment service providers", "Banken und Zahlungsdienstleister"},
	{"Logistics partners", "Logistikpartner"},
	{"Public authorities where the law requires it", "Behörden, soweit gesetzlich vorgeschrieben"},
	{"Lawyers and courts in case of a dispute", "Rechtsanwälte und Gerichte im Streitfall"},
	{"Customer service provider (processor)", "Kundenservice-Dienstleister (Auftragsverarbeiter)"},
}

var interestPool = []pair{
	{"Running our business efficiently and keeping reliable records.", "Ein effizienter Geschäftsbetrieb und eine verlässliche Dokumentation."},
	{"Protecting our systems and customers against fraud and misuse.", "Der Schutz unserer Systeme und Kunden vor Betrug und Missbrauch."},
	{"Keeping in touch with existing customers and business partners.", "Die Pflege bestehender Kunden- und Geschäftsbeziehungen."},
	{"Improving our products on the basis of how they are really used.", "Die Verbesserung unserer Produkte anhand ihrer tatsächlichen Nutzung."},
}

var countries = []country{
	{"US", []string{"dpf", "scc"}, pair{"the United States", "den USA"}, pair{"the EU-U.S. Data Privacy Framework and standard contractual clauses", "das EU-U.S. Data Privacy Framework und Standardvertragsklauseln"}},
	{"GB", []string{"adequacy"}, pair{"the United Kingdom", "dem Vereinigten Königreich"}, pair{"an adequacy decision of the European Commission", "einen Angemessenheitsbeschluss der Europäischen Kommission"}},
	{"CH", []string{"adequacy"}, pair{"Switzerland", "der Schweiz"}, pair{"an adequacy decision of the European Commission", "einen Angemessenheitsbeschluss der Europäischen Kommission"}},
	{"IN", []string{"scc"}, pair{"India", "Indien"}, pair{"standard contractual clauses", "Standardvertragsklauseln"}},
}

var headings = []pair{
	{"What data we process", "Welche Daten wir verarbeiten"},
	{"How long we keep the data", "Wie lange wir die Daten speichern"},
	{"Who receives the data", "Wer die Daten erhält"},
	{"Your choices", "Ihre Wahlmöglichkeiten"},
	{"Security", "Sicherheit"},
	{"Contact", "Kontakt"},
}

// sentences are the body's building blocks. Placeholders: {data} and
// {data2} a data item with "your"/"Ihre", {purpose} a purpose clause,
// {period} and {periodDat} a period, {topic} the section's topic, {tool}
// its service from the entity's [params], and the template values
// {entity}, {email}, {dpo}, {site}, {notice} (see values).
var sentences = []pair{
	{"We process {data} and {data2} {purpose}.", "Wir verarbeiten {data} und {data2}, {purpose}."},
	{"We keep {data} for {period} and delete the data afterwards, unless a statutory duty requires us to keep it longer.", "Wir speichern {data} {period} lang und löschen die Daten danach, sofern keine gesetzliche Pflicht eine längere Aufbewahrung verlangt."},
	{"If you have questions about {topic}, please write to {email}.", "Bei Fragen zu {topic} schreiben Sie uns bitte an {email}."},
	{"Access to {data} is limited to the employees who need the data {purpose}.", "Zugriff auf {data} haben nur die Beschäftigten, die die Daten benötigen, {purpose}."},
	{"We do not use {data} for purposes other than those described here.", "Für andere als die hier beschriebenen Zwecke verwenden wir {data} nicht."},
	{"Please send questions about data protection to our data protection officer at {dpo}.", "Fragen zum Datenschutz richten Sie bitte an unseren Datenschutzbeauftragten unter {dpo}."},
	{"More about the other companies of the group can be found in the {site}.", "Mehr über die anderen Gesellschaften der Gruppe erfahren Sie im {site}."},
	{"This section belongs to the notice “{notice}”.", "Dieser Abschnitt gehört zu den Hinweisen „{notice}“."},
	{"Once {period} have passed, we check whether we still need {data}.", "Nach Ablauf von {periodDat} prüfen wir, ob wir {data} noch benötigen."},
	{"We collect {data} directly from you and not from third parties.", "Wir erheben {data} direkt bei Ihnen und nicht bei Dritten."},
	objection,
	{"We, {entity}, protect {data} by technical and organisational measures against loss, alteration and unauthorised access.", "Wir, {entity}, schützen {data} durch technische und organisatorische Maßnahmen vor Verlust, Veränderung und unbefugtem Zugriff."},
	{"You provide {data} voluntarily; without the data, however, we cannot help you with {topic}.", "Sie stellen uns {data} freiwillig zur Verfügung; ohne diese Daten können wir Ihnen bei {topic} jedoch nicht weiterhelfen."},
	{"We regularly review whether we still need {data} {purpose}.", "Wir prüfen regelmäßig, ob wir {data} noch benötigen, {purpose}."},
	{"You can reach us at {email}{{ with .Entity.Phone }} or by telephone at {{ . }}{{ end }}.", "Sie erreichen uns unter {email}{{ with .Entity.Phone }} oder telefonisch unter {{ . }}{{ end }}."},
	{"Changes in our systems are logged so that we can trace who changed {data} and when.", "Änderungen in unseren Systemen werden protokolliert, damit wir nachvollziehen können, wer {data} wann geändert hat."},
	{"We do not sell {data}, and we do not use the data for automated decisions that have legal effects on you.", "Wir verkaufen {data} nicht und nutzen die Daten nicht für automatisierte Entscheidungen mit rechtlicher Wirkung für Sie."},
}

// objection explains the right to object; only for sections that rest on
// a legitimate interest.
var objection = pair{
	"Where the processing relies on our legitimate interests, you may object to it at any time for reasons arising from your particular situation.",
	"Soweit die Verarbeitung auf unseren berechtigten Interessen beruht, können Sie ihr aus Gründen, die sich aus Ihrer besonderen Situation ergeben, jederzeit widersprechen.",
}

// toolSentences name the section's service; used only in sections that
// have one, since a body may read only [params] keys every entity has.
var toolSentences = []pair{
	{"For this we use {tool}, which processes the data on our behalf and on our instructions.", "Dafür setzen wir {tool} ein; der Anbieter verarbeitet die Daten in unserem Auftrag und nach unseren Weisungen."},
	{"The service {tool} stores {data} on servers in the European Union.", "Der Dienst {tool} speichert {data} auf Servern in der Europäischen Union."},
	{"We have concluded a data processing agreement under Art. 28 GDPR with the provider of {tool}.", "Mit dem Anbieter von {tool} haben wir einen Vertrag zur Auftragsverarbeitung nach Art. 28 DSGVO geschlossen."},
}

// transferSentence explains a third-country transfer.
var transferSentence = pair{
	"Part of the processing takes place in {country}; the transfer relies on {safeguard}.",
	"Ein Teil der Verarbeitung findet in {country} statt; die Übermittlung stützt sich auf {safeguard}.",
}

// The fixed words of tables and lists.
var (
	tableHead    = pair{"| Data | Purpose | Storage period |", "| Daten | Zweck | Speicherdauer |"}
	contactHead  = pair{"| Matter | Contact |", "| Anliegen | Kontakt |"}
	contactTopic = pair{"Questions about {topic}", "Fragen zu {topic}"}
	contactDPO   = pair{"Data protection", "Datenschutz"}
	contactAuth  = pair{"Supervisory authority", "Aufsichtsbehörde"}
	listIntro    = pair{"In particular, we process:", "Insbesondere verarbeiten wir:"}
	recipIntro   = pair{"The following recipients may receive the data:", "Folgende Empfänger können die Daten erhalten:"}
	andWord      = pair{"and", "und"}
	yourWord     = pair{"your", "Ihre"}
	introClose   = pair{"The following sections describe each of them: which data they process, where, and for how long.", "Die folgenden Abschnitte beschreiben jeden davon: welche Daten dort verarbeitet werden, wo und wie lange."}
)

// values are the template actions a placeholder stands for, as
// strings.NewReplacer arguments: a body reads entity, site and notice
// values, so that every page renders differently.
var values = []string{
	"{entity}", "{{ .Entity.Name }}",
	"{email}", "{{ .Entity.Email }}",
	"{dpo}", "{{ .Entity.DPO.Email }}",
	"{site}", "{{ .Site.Title }}",
	"{notice}", "{{ .Notice.Title }}",
}
