// Package vocab holds the fixed words of noticegen's domain, which front
// matter, message files, layouts and diagnostics share: legal-basis codes,
// safeguards, data-subject rights, the anchors the notice layout reserves,
// and the rule ids of check. It imports nothing of the project, so that
// every package can name these words without depending on the one that
// happens to act on them. Lists are returned fresh by functions, so no
// caller can change what another sees.
package vocab

import "strings"

// The constants are untyped strings: they go into string fields (front
// matter, diag.Diagnostic.Rule) that users and message files fill in too.

// Message-id prefixes of the labels the code looks up by value rather than
// a layout by name: the [legalBasis] and [safeguard] tables of i18n files.
const (
	// LegalBasisPrefix starts the message id of a legal-basis label:
	// legalBasis.gdpr-6-1-f. A site defines a new code by adding that message.
	LegalBasisPrefix = "legalBasis."
	// SafeguardPrefix starts the message id of a safeguard's label:
	// safeguard.scc.
	SafeguardPrefix = "safeguard."
)

// Legal-basis codes the built-in message files label. A site may define
// more (see LegalBasisPrefix); these are the ones every site knows.
const (
	LegalBasisConsent            = "gdpr-6-1-a" // Art. 6(1)(a) GDPR
	LegalBasisContract           = "gdpr-6-1-b" // Art. 6(1)(b) GDPR
	LegalBasisLegalObligation    = "gdpr-6-1-c" // Art. 6(1)(c) GDPR
	LegalBasisVitalInterests     = "gdpr-6-1-d" // Art. 6(1)(d) GDPR
	LegalBasisPublicTask         = "gdpr-6-1-e" // Art. 6(1)(e) GDPR
	LegalBasisLegitimateInterest = "gdpr-6-1-f" // Art. 6(1)(f) GDPR; asks for legitimateInterest, Art. 13(1)(d)
	LegalBasisExplicitConsent    = "gdpr-9-2-a" // Art. 9(2)(a) GDPR, for special categories
	LegalBasisEmployment         = "bdsg-26"    // § 26 BDSG
	// LegalBasisTerminalConsent is consent to storing or reading
	// information on a reader's device (cookies and the like), § 25(1)
	// TDDDG, with Art. 6(1)(a) GDPR for the processing that follows. It
	// means consent by definition, as gdpr-6-1-a does.
	LegalBasisTerminalConsent = "tdddg-25-1"
)

// LegalBases returns the legal-basis codes of the built-in message files,
// in their order there.
func LegalBases() []string {
	return []string{
		LegalBasisConsent, LegalBasisContract, LegalBasisLegalObligation, LegalBasisVitalInterests,
		LegalBasisPublicTask, LegalBasisLegitimateInterest, LegalBasisExplicitConsent, LegalBasisEmployment,
		LegalBasisTerminalConsent,
	}
}

// Values of a section's safeguards list: what a transfer to a third
// country relies on (Art. 13(1)(f) GDPR).
const (
	SafeguardAdequacy = "adequacy" // adequacy decision, Art. 45
	SafeguardSCC      = "scc"      // standard contractual clauses, Art. 46(2)(c)
	SafeguardDPF      = "dpf"      // EU-U.S. Data Privacy Framework, Art. 45
	SafeguardBCR      = "bcr"      // binding corporate rules, Art. 47
	SafeguardConsent  = "consent"  // explicit consent, Art. 49(1)(a)
)

// Safeguards returns the accepted values of a section's safeguards list.
func Safeguards() []string {
	return []string{SafeguardAdequacy, SafeguardSCC, SafeguardDPF, SafeguardBCR, SafeguardConsent}
}

// Values of a section's covers list: the data-subject rights a section
// explains.
const (
	RightAccess          = "access"
	RightRectification   = "rectification"
	RightErasure         = "erasure"
	RightRestriction     = "restriction"
	RightPortability     = "portability"
	RightObjection       = "objection"
	RightWithdrawConsent = "withdraw-consent"
	RightComplaint       = "complaint"
)

// Rights returns the accepted values of a section's covers list: the
// data-subject rights GDPR Art. 13(2)(b)–(d) asks a notice to explain.
func Rights() []string {
	return []string{
		RightAccess, RightRectification, RightErasure, RightRestriction,
		RightPortability, RightObjection, RightWithdrawConsent, RightComplaint,
	}
}

// HTML ids the built-in notice layout gives its own parts.
const (
	AnchorMain                  = "main"
	AnchorController            = "controller"
	AnchorDataProtectionOfficer = "data-protection-officer"
	AnchorAtAGlance             = "at-a-glance"
	AnchorContents              = "contents"
	AnchorSupervisoryAuthority  = "supervisory-authority"
	// AnchorAutomatedDecisions is the notice's statement on automated
	// decisions (Art. 13(2)(f)), shown when the notice gives one.
	AnchorAutomatedDecisions = "automated-decisions"
)

// ReservedAnchors are the ids the built-in notice layout gives its own
// parts; a section whose anchor is one of them would collide with it.
func ReservedAnchors() []string {
	return []string{AnchorMain, AnchorController, AnchorDataProtectionOfficer, AnchorAtAGlance, AnchorContents, AnchorSupervisoryAuthority, AnchorAutomatedDecisions}
}

// Anchor is the stable HTML id of a section: its id with / as _. Section
// ids never contain _ themselves (only the _index of a folder), so two
// sections never share an anchor: "a-b" and "a/b" become a-b and a_b, and
// the intro "conferencing/_index" becomes conferencing__index.
func Anchor(id string) string {
	return strings.ReplaceAll(id, "/", "_")
}

// Rule ids of diagnostics, stable in output and docs (docs/check.md has a
// heading for each).
const (
	RuleControllerIdentity    = "gdpr-13-1-a"
	RuleDataProtectionOfficer = "gdpr-13-1-b"
	RulePurposesAndLegalBasis = "gdpr-13-1-c"
	RuleLegitimateInterests   = "gdpr-13-1-d"
	RuleRecipients            = "gdpr-13-1-e"
	RuleThirdCountryTransfers = "gdpr-13-1-f"
	RuleStoragePeriod         = "gdpr-13-2-a"
	RuleDataSubjectRights     = "gdpr-13-2-b-d"
	// RuleTranslationMissing is for a text a language lacks and shows in
	// another: a section's, or a UI message's.
	RuleTranslationMissing  = "translation-missing"
	RuleTranslationMismatch = "translation-mismatch"
	RuleTranslationStale    = "translation-stale"
	RuleUnknownRef          = "unknown-ref"
	RuleUnusedSection       = "unused-section"
	RuleUnusedMessage       = "unused-message"
	// RuleUnreleasedChange is for a notice page that differs from its
	// latest released version (noticegen release).
	RuleUnreleasedChange = "unreleased-change"
	// RuleBuildError is given in json and SARIF output to problems found
	// while loading and rendering (syntax, types, templates), which carry
	// no rule of their own; no check reports it, so check's Rules table
	// leaves it out.
	RuleBuildError = "build-error"
)

// RuleIDs returns every rule id, in the order docs present them, with
// build-error last.
func RuleIDs() []string {
	return []string{
		RuleControllerIdentity, RuleDataProtectionOfficer, RulePurposesAndLegalBasis, RuleLegitimateInterests,
		RuleRecipients, RuleThirdCountryTransfers, RuleStoragePeriod, RuleDataSubjectRights,
		RuleRequirement, RuleAutomatedDecisions, RuleCategoriesFromOthers, RuleSourceFromOthers,
		RuleProviderSafeguards, RuleProviderDPFStale, RuleCookieConsent,
		RuleTranslationMissing, RuleTranslationMismatch, RuleTranslationStale, RuleUnknownRef,
		RuleUnusedSection, RuleUnusedProvider, RuleUnusedMessage, RuleUnusedAcknowledgement, RuleUnreleasedChange, RuleBuildError,
	}
}

// --- issue 16, loading (i16-load): the values the loader accepts for the
// new keys of providers, cookies and notices.

// Values of a provider's role: what it is to the controller.
const (
	RoleProcessor       = "processor"        // processes on the controller's behalf, Art. 28
	RoleJointController = "joint-controller" // determines purposes and means together, Art. 26
	RoleController      = "controller"       // an independent recipient with purposes of its own
)

// Roles returns the accepted values of a provider's role.
func Roles() []string { return []string{RoleProcessor, RoleJointController, RoleController} }

// Values of a cookie's category, as consent tools group them.
const (
	CookieNecessary   = "necessary"
	CookiePreferences = "preferences"
	CookieStatistics  = "statistics"
	CookieMarketing   = "marketing"
)

// CookieCategories returns the accepted values of a cookie's category.
func CookieCategories() []string {
	return []string{CookieNecessary, CookiePreferences, CookieStatistics, CookieMarketing}
}

// Values of a cookie's party: whether the site's own domain sets it.
const (
	PartyFirst = "first"
	PartyThird = "third"
)

// CookieParties returns the accepted values of a cookie's party (which may
// also be left out).
func CookieParties() []string { return []string{PartyFirst, PartyThird} }

// Values of a notice's obtained: where its data comes from, which decides
// between the duties of Art. 13 and Art. 14 GDPR.
const (
	ObtainedFromSubject = "from-subject" // Art. 13, the default
	ObtainedFromOthers  = "from-others"  // Art. 14
	ObtainedBoth        = "both"         // both articles apply
)

// ObtainedValues returns the accepted values of a notice's obtained.
func ObtainedValues() []string {
	return []string{ObtainedFromSubject, ObtainedFromOthers, ObtainedBoth}
}

// --- i16-render: the words the pages need for providers and cookies. ---

// Message-id prefixes of the labels of a provider's role and a cookie's
// category: role.processor, cookieCategory.statistics.
const (
	RolePrefix           = "role."
	CookieCategoryPrefix = "cookieCategory."
)

// CookiesAnchorSuffix ends the HTML id of a section's cookie table:
// newsletter__cookies. Section ids hold no "_", so the id is never a
// section's anchor, like the heading's <anchor>__title.
const CookiesAnchorSuffix = "__cookies"

// InEEA reports whether the ISO 3166-1 alpha-2 code names a country of
// the European Economic Area (the EU member states, Iceland, Liechtenstein
// and Norway): a provider there is no third country.
func InEEA(code string) bool {
	switch strings.ToUpper(code) {
	case "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
		"IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO":
		return true
	}
	return false
}

// Classes of a released notice version (noticegen release): the first
// version of a page, a material change (a purpose, legal basis, data
// category, recipient or provider, third country or safeguard added, or a
// retention changed: the reader must be told, WP260 rev.01 para. 29) or
// an editorial one (anything else).
const (
	VersionFirst     = "first"
	VersionMaterial  = "material"
	VersionEditorial = "editorial"
)

// VersionClasses returns the accepted values of a version's class.
func VersionClasses() []string { return []string{VersionFirst, VersionMaterial, VersionEditorial} }
