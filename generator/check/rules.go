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
		{vocab.RuleRequirement, "Whether the data must be provided", "Art. 13(2)(e) GDPR: for data obtained from the person, each processing activity says whether providing it is a statutory or contractual requirement or needed to enter into a contract, whether the person is obliged to provide it, and what happens if not."},
		{vocab.RuleAutomatedDecisions, "Automated decisions", "Art. 13(2)(f) and 14(2)(g) GDPR: the notice says whether decisions are made solely by automated means, including profiling, and if so explains the logic and consequences."},
		{vocab.RuleCategoriesFromOthers, "Categories of data obtained from others", "Art. 14(1)(d) GDPR: for data not obtained from the person, each processing activity names the categories of personal data concerned."},
		{vocab.RuleSourceFromOthers, "Source of data obtained from others", "Art. 14(2)(f) GDPR: for data not obtained from the person, each processing activity names the source the data comes from, and whether it is publicly accessible."},
		{vocab.RuleProviderSafeguards, "Provider outside the EEA without safeguards", "Art. 13(1)(f), 44–46 GDPR: a provider that processes data outside the EEA, in a country without an adequacy decision, names the safeguard the transfer relies on (SCC, BCR …)."},
		{vocab.RuleProviderDPFStale, "DPF entry not checked for a year", "Art. 45 GDPR: a transfer that relies on the EU-U.S. Data Privacy Framework holds only while the provider's certification is active; its entry is looked at again at least every 12 months."},
		{vocab.RuleCookieConsent, "Cookies without consent", "§ 25 TDDDG, Art. 5(3) ePrivacy Directive: storing or reading cookies that are not strictly necessary needs consent, so a section that sets them has consent among its legal bases."},
		{vocab.RuleTranslationMissing, "Missing translation", "Every section a page shows exists in the page's language; otherwise readers get the default language's text."},
		{vocab.RuleTranslationMismatch, "Translations disagree", "Language-neutral facts (legal bases, third countries, safeguards, rights covered) are the same in every translation."},
		{vocab.RuleTranslationStale, "Translation possibly out of date", "A translation last updated before its original may not say what the original says now."},
		{vocab.RuleUnknownRef, "Unknown reference", "Every section, notice, entity, provider and legal-basis code named exists."},
		{vocab.RuleUnusedSection, "Unused section", "Every section appears in at least one composed notice; an unused one is dead text or a typo in a reference."},
		{vocab.RuleUnusedProvider, "Unused provider", "Every provider is named by a section some page shows; an unused one is stale data or a typo in a reference."},
		{vocab.RuleUnusedMessage, "Unused UI message", "Every UI message of a site's i18n files is one a layout prints, a built-in one it overrides, or a legal-basis or safeguard label; another is most often a typo in its id."},
		{vocab.RuleUnusedAcknowledgement, "Unused acknowledgement", "Every [[acknowledge]] entry of site.toml matches a finding; one that matches none was made for a finding since fixed, or misnames its rule or file."},
		{vocab.RuleUnreleasedChange, "Change not released", "Art. 12(1) GDPR, WP260 rev.01 para. 29: a site that records its releases (content/versions) has released every notice page as it is published now, so that its history says when readers were told what."},
	}
}
