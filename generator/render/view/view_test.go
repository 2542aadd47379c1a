package view

import (
	"html/template"
	"strings"
	"testing"
)

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

// TestEachOnALine holds the joined prints to what the ranges they replace
// in notice.html print, since a user's layout may still use the range.
func TestEachOnALine(t *testing.T) {
	tests := []struct {
		name string
		html []template.HTML
	}{
		{"none", nil},
		{"one", []template.HTML{"<section>a</section>"}},
		{"several, one empty", []template.HTML{"<li>a</li>", "", `<li class="x">b &amp; c</li>`}},
	}
	ranges := template.Must(template.New("").Parse(
		"{{define \"sections\"}}<div>{{- range .Sections}}\n{{.HTML}}\n{{- end}}</div>{{end}}" +
			"{{define \"toc\"}}<ol>{{- range .Sections}}\n{{.TOCHTML}}\n{{- end}}</ol>{{end}}" +
			"{{define \"glance\"}}<tbody>{{- range .Glance}}\n{{.HTML}}\n{{- end}}</tbody>{{end}}"))
	joined := template.Must(template.New("").Parse(
		"{{define \"sections\"}}<div>{{.SectionsHTML}}</div>{{end}}" +
			"{{define \"toc\"}}<ol>{{.TOCEntriesHTML}}</ol>{{end}}" +
			"{{define \"glance\"}}<tbody>{{.GlanceRowsHTML}}</tbody>{{end}}"))
	for _, tt := range tests {
		p := &PageData{}
		for _, h := range tt.html {
			p.Sections = append(p.Sections, SectionView{HTML: h, TOCHTML: h + "toc"})
			p.Glance = append(p.Glance, GlanceRow{HTML: h + "row"})
		}
		for _, name := range []string{"sections", "toc", "glance"} {
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				var want, got strings.Builder
				if err := ranges.ExecuteTemplate(&want, name, p); err != nil {
					t.Fatal(err)
				}
				if err := joined.ExecuteTemplate(&got, name, p); err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					t.Errorf("joined print %q, the range prints %q", got.String(), want.String())
				}
			})
		}
	}
}
