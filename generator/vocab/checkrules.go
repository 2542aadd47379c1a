package vocab

// i16-check: the words of check's rules for providers, cookies, Art. 13(2)
// and 14, and acknowledgements (issue 16). The loader's and the pages'
// words for the same keys live in their own blocks; where two parts need
// the same word, one constant stays at merge.

// Rule ids of the checks added with providers, cookies and Art. 14
// (docs/check.md has a heading for each).
const (
	RuleRequirement           = "gdpr-13-2-e"
	RuleAutomatedDecisions    = "gdpr-13-2-f"
	RuleCategoriesFromOthers  = "gdpr-14-1-d"
	RuleSourceFromOthers      = "gdpr-14-2-f"
	RuleProviderSafeguards    = "provider-safeguards"
	RuleProviderDPFStale      = "provider-dpf-stale"
	RuleCookieConsent         = "cookie-consent"
	RuleUnusedProvider        = "unused-provider"
	RuleUnusedAcknowledgement = "unused-acknowledgement"
)

// AdequacyAsOf is the date the lists of EEACountries and
// AdequacyCountries were last compared with the European Commission's
// list of adequacy decisions (docs/check.md names the source).
const AdequacyAsOf = "2026-12-02"

// EEACountries returns the ISO 3166-1 alpha-2 codes of the member states
// of the EU and the other states of the European Economic Area (Iceland,
// Liechtenstein, Norway), to which the GDPR itself applies: no transfer to
// a third country. Greece is GR (the EU's own abbreviation is EL).
func EEACountries() []string {
	return []string{
		"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
		"IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
		"IS", "LI", "NO",
	}
}

// AdequacyCountries returns the ISO 3166-1 alpha-2 codes of the third
// countries and territories that an adequacy decision of the European
// Commission (Art. 45 GDPR) covers as of AdequacyAsOf. Canada's covers
// commercial organisations (PIPEDA) only. The United States are not in
// it: their decision (the EU-U.S. Data Privacy Framework) covers only the
// organisations certified under it, which a provider's dpf entry states.
func AdequacyCountries() []string {
	return []string{
		"AD", // Andorra, 2010/625/EU
		"AR", // Argentina, 2003/490/EC
		"BR", // Brazil, (EU) 2026/179
		"CA", // Canada (commercial organisations), 2002/2/EC
		"CH", // Switzerland, 2000/518/EC
		"FO", // Faroe Islands, 2010/146/EU
		"GB", // United Kingdom, (EU) 2021/1772, renewed 2025
		"GG", // Guernsey, 2003/821/EC
		"IL", // Israel, 2011/61/EU
		"IM", // Isle of Man, 2004/411/EC
		"JE", // Jersey, 2008/393/EC
		"JP", // Japan, (EU) 2019/419
		"KR", // Republic of Korea, (EU) 2022/254
		"NZ", // New Zealand, 2013/65/EU
		"UY", // Uruguay, 2012/484/EU
	}
}

// CountryDPF is the one country whose adequacy decision, the EU-U.S. Data
// Privacy Framework ((EU) 2023/1795), covers only certified organisations.
const CountryDPF = "US"
