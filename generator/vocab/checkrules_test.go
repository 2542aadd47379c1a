package vocab

import (
	"slices"
	"testing"
)

// TestTransferLists checks that the EEA and adequacy lists hold ISO
// 3166-1 alpha-2 codes, share none, and leave out the United States,
// whose adequacy depends on each organisation's certification.
func TestTransferLists(t *testing.T) {
	eea, adequate := EEACountries(), AdequacyCountries()
	for _, c := range append(slices.Clone(eea), adequate...) {
		if len(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' {
			t.Errorf("%q is not an upper-case ISO 3166-1 alpha-2 code", c)
		}
	}
	for _, c := range adequate {
		if slices.Contains(eea, c) {
			t.Errorf("%s is in the EEA and has an adequacy decision", c)
		}
	}
	if slices.Contains(eea, CountryDPF) || slices.Contains(adequate, CountryDPF) {
		t.Errorf("%s is listed; its adequacy covers DPF-certified organisations only", CountryDPF)
	}
	if slices.Contains(eea, "EL") || !slices.Contains(eea, "GR") {
		t.Errorf("Greece is GR in ISO 3166-1, not EL")
	}
}
