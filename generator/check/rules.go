// Package check holds noticegen's GDPR Art. 13 and translation rules. They
// run on the loaded and composed site, after the build's own validation, and
// report each cause once, at the file and line to fix, naming the
// entity, notice and language it affects.
package check

import "github.com/noticegen/noticegen/generator/vocab"

// Rule is one check with a stable id, as used in output and docs.
type Rule struct {
	ID      string
	Title   string
	Article string // what the law asks, in one sentence
}

// Rules lists every rule check knows, in the order docs present them.
func Rules() []Rule {
	return []Rule{
		{vocab.RuleControllerIdentity, "Controller identity and contact", "Art. 13(1)(a) GDPR: the notice names the controller with a postal address and a way to contact it (email or phone)."},
		{vocab.RuleDataProtectionOfficer, "Data protection officer", "Art. 13(1)(b) GDPR: where a DPO is appointed, the notice gives the DPO's contact details."},
		{vocab.RulePurposesAndLegalBasis, "Purposes and legal basis", "Art. 13(1)(c) GDPR: each processing activity states its purposes and its legal basis."},
		{vocab.RuleLegitimateInterests, "Legitimate interests", "Art. 13(1)(d) GDPR: where processing rests on Art. 6(1)(f), the notice names the legitimate interest pursued."},
		{vocab.RuleRecipients, "Recipients", "Art. 13(1)(e) GDPR: the notice names the recipients or categories of recipients, if any."},
		{vocab.RuleThirdCountryTransfers, "Third-country transfers", "Art. 13(1)(f) GDPR: transfers to a third country name the safeguard they rely on (adequacy decision, SCC, BCR …)."},
		{vocab.RuleStoragePeriod, "Storage period", "Art. 13(2)(a) GDPR: each processing activity says how long data is kept, or the criteria for deciding."},
		{vocab.RuleDataSubjectRights, "Data-subject rights", "Art. 13(2)(b)–(d) GDPR: the notice explains access, rectification, erasure, restriction, portability, objection, withdrawal of consent and the right to complain to a supervisory authority."},
		{vocab.RuleTranslationMissing, "Missing translation", "Every section a page shows exists in the page's language; otherwise readers get the default language's text."},
		{vocab.RuleTranslationMismatch, "Translations disagree", "Language-neutral facts (legal bases, third countries, safeguards, rights covered) are the same in every translation."},
		{vocab.RuleTranslationStale, "Translation possibly out of date", "A translation last updated before its original may not say what the original says now."},
		{vocab.RuleUnknownRef, "Unknown reference", "Every section, notice, entity and legal-basis code named exists."},
		{vocab.RuleUnusedSection, "Unused section", "Every section appears in at least one composed notice; an unused one is dead text or a typo in a reference."},
		{vocab.RuleUnusedMessage, "Unused UI message", "Every UI message of a site's i18n files is one a layout prints, a built-in one it overrides, or a legal-basis or safeguard label; another is most often a typo in its id."},
	}
}
