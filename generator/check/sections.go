package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
)

// fact places the findings about one section as one entity's pages show
// it. The facts checked are the merged ones (compose.Part.Facts): a key
// the entity's [sections."<id>"] gives is reported at the entity file's
// line for it, since that is what the page states and where it is fixed;
// any other at the section file, once however many entities show it.
type fact struct {
	e    *site.Entity
	part compose.Part
}

// own reports whether the entity's own facts give key.
func (f fact) own(key string) bool {
	facts := f.e.FactsFor(f.part.Section.ID)
	return f.part.Own && facts != nil && facts.Given[key]
}

// ownAt is a finding at the entity's line for key (at value in it, when
// value is not empty).
func (f fact) ownAt(key, value, rule string, sev diag.Severity, msg string) diag.Diagnostic {
	src, k := f.e.Source, []string{"sections", f.part.Section.ID, key}
	line, col := src.KeyPos(k...)
	if value != "" {
		line, col = src.ValuePos(value, k...)
	}
	return diag.Diagnostic{File: src.Path, Line: line, Col: col, Severity: sev, Rule: rule, Entity: f.e.ID,
		Message: fmt.Sprintf("[sections.%q] %s", f.part.Section.ID, msg)}
}

// missing is a finding about key lacking: at the entity's line when its
// own facts set it (to nothing), else at the top of the section file.
func (f fact) missing(key, rule string, sev diag.Severity, msg string) diag.Diagnostic {
	if f.own(key) {
		return f.ownAt(key, "", rule, sev, msg)
	}
	file := f.part.File
	return diag.Diagnostic{File: file.Path, Line: 1, Col: 1, Severity: sev, Rule: rule, Lang: file.Lang, Message: msg}
}

// at is a finding about the value of key (at value in it, when value is
// not empty), where the page's fact comes from.
func (f fact) at(key, value, rule string, sev diag.Severity, msg string) diag.Diagnostic {
	if f.own(key) {
		return f.ownAt(key, value, rule, sev, msg)
	}
	file := f.part.File
	line, col := file.Front.KeyPos(key)
	if value != "" {
		line, col = file.Front.ValuePos(value, key)
	}
	if col == 0 { // the key is not in the file: the whole file
		line, col = 1, 1
	}
	return diag.Diagnostic{File: file.Path, Line: line, Col: col, Severity: sev, Rule: rule, Lang: file.Lang, Message: msg}
}

// sections runs the rules about each processing section, on the facts
// each page states.
func (c *checker) sections() {
	for _, p := range c.pages {
		for _, part := range p.Parts {
			m := *part.Facts
			if !isProcessing(m) {
				continue
			}
			f := fact{p.Entity, part}
			c.art13(f, m)
			c.obtained(f, m, p.Notice)
			c.cookieConsent(f, m)
		}
	}
}

// art13 runs the rules of Art. 13(1)(c)–(f) and 13(2)(a) on one section.
func (c *checker) art13(f fact, m site.FrontMatter) {
	if len(m.Purposes) == 0 {
		c.add(f.missing("purposes", vocab.RulePurposesAndLegalBasis, diag.Error, `processing section has no purposes; expected purposes = ["…"] saying why the data is processed`))
	}
	if len(m.LegalBases) == 0 {
		c.add(f.missing("legalBases", vocab.RulePurposesAndLegalBasis, diag.Error, `processing section has no legal basis; expected legalBases = ["gdpr-6-1-…"]`))
	}
	if slices.Contains(m.LegalBases, vocab.LegalBasisLegitimateInterest) && strings.TrimSpace(m.LegitimateInterest) == "" {
		const msg = `legal basis gdpr-6-1-f (legitimate interests) without legitimateInterest; expected legitimateInterest = "…" naming the interest pursued`
		if f.own("legitimateInterest") {
			c.add(f.at("legitimateInterest", "", vocab.RuleLegitimateInterests, diag.Error, msg))
		} else {
			c.add(f.at("legalBases", vocab.LegalBasisLegitimateInterest, vocab.RuleLegitimateInterests, diag.Error, msg))
		}
	}
	if len(m.Recipients) == 0 && len(m.Providers) == 0 { // a provider is a recipient
		c.add(f.missing("recipients", vocab.RuleRecipients, diag.Warning, `processing section names no recipients; expected recipients = ["…"] (categories are enough, e.g. "Hosting provider (processor)")`))
	}
	if len(m.ThirdCountries) > 0 && len(m.Safeguards) == 0 {
		key := "thirdCountries"
		if f.own("safeguards") {
			key = "safeguards"
		}
		c.add(f.at(key, "", vocab.RuleThirdCountryTransfers, diag.Error,
			fmt.Sprintf(`transfer to %s without safeguards; expected safeguards = [...] from %s`, strings.Join(m.ThirdCountries, ", "), strings.Join(vocab.Safeguards(), ", "))))
	}
	if strings.TrimSpace(m.Retention) == "" {
		c.add(f.missing("retention", vocab.RuleStoragePeriod, diag.Error, `processing section has no storage period; expected retention = "…" saying how long data is kept or how that is decided`))
	}
}

// obtained runs the rules that depend on where a notice's data comes
// from: Art. 13(2)(e) for data obtained from the person, Art. 14(1)(d)
// and 14(2)(f) for data obtained from others. A notice whose obtained is
// none of the three values is validate's error, and checked by neither.
func (c *checker) obtained(f fact, m site.FrontMatter, n *site.Notice) {
	fromSubject := n.Obtained == "" || n.Obtained == vocab.ObtainedFromSubject || n.Obtained == vocab.ObtainedBoth
	fromOthers := n.Obtained == vocab.ObtainedFromOthers || n.Obtained == vocab.ObtainedBoth
	if fromSubject && strings.TrimSpace(m.Requirement) == "" {
		c.add(f.missing("requirement", vocab.RuleRequirement, diag.Error,
			`processing section of a notice for data obtained from the person does not say whether they must provide it; expected requirement = "…" saying whether it is required by law or contract or to enter into a contract, whether the person is obliged to provide it and what happens if they do not`))
	}
	if !fromOthers {
		return
	}
	if len(m.DataCategories) == 0 {
		c.add(f.missing("dataCategories", vocab.RuleCategoriesFromOthers, diag.Error,
			`processing section of a notice for data obtained from others names no categories of data; expected dataCategories = ["…"], as the person did not give them the data and cannot know`))
	}
	if strings.TrimSpace(m.SourceOfData) == "" {
		c.add(f.missing("source", vocab.RuleSourceFromOthers, diag.Error,
			`processing section of a notice for data obtained from others does not say where the data comes from; expected source = "…" naming the source, and whether it is publicly accessible`))
	}
}

// notices runs the rules about a notice as a whole, for the notices some
// page shows.
func (c *checker) notices() {
	for _, n := range c.s.Notices {
		if !slices.ContainsFunc(c.pages, func(p *compose.Page) bool { return p.Notice == n }) {
			continue
		}
		if blank(n.AutomatedDecisions) {
			line, col := n.Source.KeyPos("automatedDecisions")
			if col == 0 {
				line, col = 1, 1
			}
			c.add(diag.Diagnostic{File: n.Source.Path, Line: line, Col: col, Severity: diag.Error, Rule: vocab.RuleAutomatedDecisions, Notice: n.ID,
				Message: `the notice does not say whether decisions are made solely by automated means; expected automatedDecisions = "…", e.g. "We make no decisions based solely on automated processing, including profiling."`})
		}
	}
}
