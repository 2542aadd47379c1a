package sandbox

import (
	"bytes"
	"strings"
	"testing"

	"github.com/noticegen/noticegen/generator/site"
)

// providerSite has two providers, one with an id that needs index and a
// name that is Markdown and HTML.
func providerSite() *site.Site {
	return &site.Site{
		Config: site.Config{DefaultLanguage: "en", Languages: []string{"en", "de"}},
		Providers: []*site.Provider{
			{ID: "cloud-flare", Name: site.Localized{"": "Cloudflare, Inc."}, Role: "processor", Country: "US",
				PrivacyPolicy: site.Localized{"en": "https://cf.example/en", "de": "https://cf.example/de"}},
			{ID: "zoom", Name: site.Localized{"en": "*Zoom* <script>x</script>", "de": "*Zoom* DE"}, Role: "processor", Country: "US",
				Address: site.Localized{"": "San José"}},
		},
	}
}

func TestBodyProviders(t *testing.T) {
	s := providerSite()
	tests := []struct {
		name, body, lang, want string
	}{
		{"field chain", "{{ .Providers.zoom.Address }}", "en", "San José"},
		{"index for an id with -", `{{ (index .Providers "cloud-flare").Name }}`, "en", "Cloudflare, Inc."},
		{"localized", `{{ (index .Providers "cloud-flare").PrivacyPolicy }}`, "de", "https://cf.example/de"},
		{"country by name in the page's language", "{{ .Providers.zoom.Country }}/{{ .Providers.zoom.CountryCode }}", "de", "Vereinigte Staaten/US"},
		{"role label", "{{ .Providers.zoom.Role }}", "de", "ROLE:processor"},
		{"a hostile name is text", "{{ .Providers.zoom.Name }}", "en", `\*Zoom\* \<script\>x\</script\>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &site.SectionFile{Path: "content/sections/x.en.md", Body: tt.body, BodyLine: 4}
			b, d := Parse(f)
			if d != nil {
				t.Fatal(d)
			}
			if deps := b.Deps(); deps.Entity || deps.All || deps.Notice {
				t.Errorf("Deps() = %+v; .Providers is the same on every page of a language", deps)
			}
			data := &Data{Lang: tt.lang, Providers: Providers(s, tt.lang, func(c string) string { return "ROLE:" + c })}
			var md bytes.Buffer
			if d := b.With(data).Run(&md, markdownEscape); d != nil {
				t.Fatal(d)
			}
			if !strings.Contains(md.String(), tt.want) {
				t.Errorf("body printed %q, want %q", md.String(), tt.want)
			}
		})
	}
}

func TestBodyUnknownProvider(t *testing.T) {
	s := providerSite()
	tests := []struct{ body, want string }{
		{"{{ .Providers.zom.Name }}", `no provider "zom"; expected one of: cloud-flare, zoom`},
		{`{{ (index .Providers "zom").Name }}`, `no such provider; expected index .Providers "<id>"`},
		{"{{ .Providers.zoom.Nmae }}", "expected one of .Providers.zoom.ID, .Providers.zoom.Name"},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			f := &site.SectionFile{Path: "content/sections/x.en.md", Body: tt.body, BodyLine: 4}
			b, d := Parse(f)
			if d != nil {
				t.Fatal(d)
			}
			var md bytes.Buffer
			d = b.With(&Data{Lang: "en", Providers: Providers(s, "en", nil)}).Run(&md, markdownEscape)
			if d == nil || !strings.Contains(d.Message, tt.want) {
				t.Errorf("error = %v, want it to contain %q", d, tt.want)
			}
		})
	}
}

// A chain reads what its pipeline reads: (index .Providers …).Name is
// shared, (index .Params …).x is the entity's.
func TestDepsOfChains(t *testing.T) {
	tests := []struct {
		body string
		want Deps
	}{
		{`{{ (index .Providers "zoom").Name }}`, Deps{}},
		{`{{ (index .Params "t").x }}`, Deps{Entity: true}},
		{`{{ (.Notice).Title }}`, Deps{Notice: true}},
		{`{{ $p := .Providers }}{{ $p.zoom.Name }}`, Deps{All: true}},
	}
	for _, tt := range tests {
		b, d := Parse(&site.SectionFile{Path: "x.md", Body: tt.body})
		if d != nil {
			t.Fatal(d)
		}
		if got := b.Deps(); got != tt.want {
			t.Errorf("Deps(%q) = %+v, want %+v", tt.body, got, tt.want)
		}
	}
}
