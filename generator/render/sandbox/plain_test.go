package sandbox

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/noticegen/noticegen/generator/render/view"
	"github.com/noticegen/noticegen/generator/site"
)

// TestPlainRunsAsTemplate runs bodies both ways — the plain path where it
// applies and text/template — and wants the same Markdown, the same
// values given to escape in the same order, and the same error.
func TestPlainRunsAsTemplate(t *testing.T) {
	data := &Data{Lang: "de", Params: map[string]any{
		"office": "Hamburg", "n": int64(3), "ratio": 1.5, "on": true, "none": nil,
		"list": []any{"a", "b"}, "since": view.Date{Text: "1. März 2024", ISO: "2024-03-01"},
		"table": map[string]any{"k": "v"}, "star": "*x*",
	}}
	data.Entity = Entity{ID: "acme", Name: "Acme & Co. KG", Address: "Street 1", Email: "info@acme.example", Phone: "+49 1",
		Website: "https://acme.example/", Register: "HRB 1", VATID: "DE1", RepresentedBy: "Jo"}
	data.Entity.DPO.Name, data.Entity.DPO.Email, data.Entity.DPO.Phone, data.Entity.DPO.Address = "Dana", "dpo@acme.example", "+49 2", "Road 2"
	data.Entity.Authority.Name, data.Entity.Authority.URL = "Authority", "https://dpa.example/"
	data.Site.Title, data.Site.BaseURL = "Group", "https://privacy.example/"
	data.Notice.ID, data.Notice.Title = "website", "Website"
	tests := []struct {
		body  string
		plain bool // the plain path prints it
	}{
		{"Just text.\n", true},
		{"", true},
		{"Write to {{ .Entity.Name }} at {{ .Entity.Email }}.\n", true},
		{"{{- .Entity.ID -}} {{ .Entity.Address }} {{ .Entity.Phone }} {{ .Entity.Website }} {{ .Entity.Register }} {{ .Entity.VATID }} {{ .Entity.RepresentedBy }}", true},
		{"{{ .Entity.DPO.Name }} {{ .Entity.DPO.Email }} {{ .Entity.DPO.Phone }} {{ .Entity.DPO.Address }}", true},
		{"{{ .Entity.Authority.Name }}, {{ .Entity.Authority.URL }}", true},
		{"{{ .Site.Title }} {{ .Site.BaseURL }} {{ .Notice.ID }} {{ .Notice.Title }} {{ .Lang }}", true},
		{"{{ .Params.office }} {{ .Params.n }} {{ .Params.ratio }} {{ .Params.on }} [{{ .Params.none }}] {{ .Params.list }} {{ .Params.since }} {{ .Params.star }}", true},
		{"{{/* a comment */}}Text {{ .Lang }}", true},
		// Errors: the template path gives them.
		{"Missing {{ .Params.nope }}.", false},
		{"Table {{ .Params.table }}.", false},
		{"{{ .Entity.Nope }}", false},
		{"{{ .Entity.DPO.Nope }}", false},
		// Not plain.
		{"{{ .Params.table.k }}", false},
		{"{{ if .Lang }}x{{ end }}", false},
		{"{{ printf \"%s\" .Lang }}", false},
		{"{{ $x := .Lang }}{{ $x }}", false},
		{"{{ .Entity }}", false},
		{"{{ . }}", false},
		{"{{ \"s\" }}", false},
		{"{{ .Providers }}", false},
		{"{{ define \"t\" }}x{{ end }}{{ template \"t\" }}", false},
		{strings.Repeat("{{ .Entity.Name }}", 2000), false}, // could reach the output bound
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%.40q", tt.body), func(t *testing.T) {
			b, d := Parse(&site.SectionFile{Path: "content/sections/x.de.md", Body: tt.body, BodyLine: 3})
			if d != nil {
				t.Fatal(d)
			}
			if got := b.plain != nil && b.plain.run(new(bytes.Buffer), data, markdownEscape); got != tt.plain {
				t.Errorf("plain path prints it: %v, want %v", got, tt.plain)
			}
			run := func(b *Body) (string, []string, string) {
				var md bytes.Buffer
				md.WriteString("before ")
				var seen []string
				escape := func(s string) (string, int) { seen = append(seen, s); return markdownEscape(s) }
				msg := ""
				if d := b.With(data).Run(&md, escape); d != nil {
					msg = d.String()
				}
				return md.String(), seen, msg
			}
			gotMD, gotSeen, gotErr := run(b)
			slow, _ := Parse(b.file)
			slow.plain = nil
			wantMD, wantSeen, wantErr := run(slow)
			if gotErr != wantErr {
				t.Fatalf("error %q, text/template's %q", gotErr, wantErr)
			}
			if wantErr == "" && (gotMD != wantMD || fmt.Sprint(gotSeen) != fmt.Sprint(wantSeen)) {
				t.Errorf("printed %q escaping %q,\ntext/template %q escaping %q", gotMD, gotSeen, wantMD, wantSeen)
			}
		})
	}
}
