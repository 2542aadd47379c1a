package view

import "testing"

func TestTel(t *testing.T) {
	tests := []struct {
		phone string
		want  string
		bug   string
	}{
		{"+49 3641 000000", "tel:+493641000000", ""},
		{"+49 30 1234-56", "tel:+4930123456", ""},
		{"0049 (30) 99", "tel:00493099", ""},
		{"(030) 123 456", "tel:030123456", ""},
		{" +1 555 0100", "tel:+15550100", ""},
		{"+49 +30", "tel:+4930", ""},
		{"030+1", "tel:0301", ""},
		{"javascript:alert(1)", "tel:1", ""},
		{"\"><script>", "tel:", ""},
		{"", "tel:", ""},
		{"+49 (0)30 123456", "tel:+4930123456", `Tel keeps the trunk prefix written as "(0)" after a country code, so "+49 (0)30 123456" dials +49030123456, a wrong number`},
	}
	var p PageData
	for _, tt := range tests {
		t.Run(tt.phone, func(t *testing.T) {
			if got := p.Tel(tt.phone); string(got) != tt.want {
				t.Errorf("Tel(%q) = %q, want %q", tt.phone, got, tt.want)
			}
		})
	}
}
