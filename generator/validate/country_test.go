package validate

import (
	"slices"
	"strings"
	"testing"
)

// iso3166 lists the officially assigned ISO 3166-1 alpha-2 codes (249, as
// of the 2024 edition; iso-codes 4.x).
const iso3166 = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"

func TestCheckCountry(t *testing.T) {
	tests := []struct {
		code string
		ok   bool
		want string
	}{
		{"GB", true, ""},
		{"US", true, ""},
		{"GR", true, ""},
		{"XK", true, ""},
		{"UK", false, `"GB" for the United Kingdom`},
		{"EL", false, `"GR" for Greece (EL is the EU's own abbreviation)`},
		{"EU", false, `the codes of the countries outside the EU/EEA the data goes to, such as "US"; the EU itself is no third country`},
		{"YU", false, `the code of the successor state, such as "RS" for Serbia`},
		{"us", false, `upper-case letters: "US"`},
		{"uk", false, `"GB" for the United Kingdom`},
		{"el", false, `"GR" for Greece (EL is the EU's own abbreviation)`},
		{"XX", false, `two upper-case letters such as "US"`},
		{"USA", false, `two upper-case letters such as "US"`},
	}
	for _, tt := range tests {
		want, ok := checkCountry(tt.code)
		if ok != tt.ok || want != tt.want {
			t.Errorf("checkCountry(%q) = %q, %v; want %q, %v", tt.code, want, ok, tt.want, tt.ok)
		}
	}
}

// TestCountriesAreISO: of all two-letter codes, exactly the ones ISO 3166-1
// assigns are accepted (and XK, for Kosovo), whatever the CLDR data in
// golang.org/x/text knows besides; each refused code CLDR knows says what
// to write instead.
func TestCountriesAreISO(t *testing.T) {
	iso := strings.Fields(iso3166)
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			c := string([]rune{a, b})
			want, ok := checkCountry(c)
			if assigned := slices.Contains(iso, c) || c == "XK"; ok != assigned {
				t.Errorf("checkCountry(%q) accepts it = %v; ISO 3166-1 assigns it = %v", c, ok, assigned)
			}
			if !ok && want == "" {
				t.Errorf("checkCountry(%q) refuses it without saying what is expected", c)
			}
		}
	}
}
