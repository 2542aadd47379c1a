package snapshot

import (
	"reflect"
	"strings"
	"testing"

	"github.com/noticegen/noticegen/generator/site"
)

func sec(id string, mod func(*site.VersionSection)) site.VersionSection {
	s := site.VersionSection{ID: id, Title: "T " + id, Purposes: []string{"Contact"},
		LegalBases: []string{"gdpr-6-1-b"}, Retention: "6 months", Text: "Some words."}
	if mod != nil {
		mod(&s)
	}
	return s
}

func TestCompareClassify(t *testing.T) {
	base := site.Version{Title: "Website", Sections: []site.VersionSection{sec("a", nil), sec("b", nil)}}
	tests := []struct {
		name  string
		new   site.Version
		want  []site.Change
		class string
	}{
		{"same", base, nil, "editorial"},
		{"purpose added", site.Version{Title: "Website", Sections: []site.VersionSection{
			sec("a", func(s *site.VersionSection) { s.Purposes = []string{"Contact", "Statistics"} }), sec("b", nil)}},
			[]site.Change{{Section: "a", Fact: "purposes", Added: []string{"Statistics"}, Material: true}}, "material"},
		{"purpose removed", site.Version{Title: "Website", Sections: []site.VersionSection{
			sec("a", func(s *site.VersionSection) { s.Purposes = nil }), sec("b", nil)}},
			[]site.Change{{Section: "a", Fact: "purposes", Removed: []string{"Contact"}}}, "editorial"},
		{"retention", site.Version{Title: "Website", Sections: []site.VersionSection{
			sec("a", nil), sec("b", func(s *site.VersionSection) { s.Retention = "1 year" })}},
			[]site.Change{{Section: "b", Fact: "retention", Old: "6 months", New: "1 year", Material: true}}, "material"},
		{"wording", site.Version{Title: "Website", Sections: []site.VersionSection{
			sec("a", func(s *site.VersionSection) { s.Text = "Other words." }), sec("b", nil)}},
			[]site.Change{{Section: "a", Fact: "text", Old: "Some words.", New: "Other words."}}, "editorial"},
		{"title", site.Version{Title: "Site", Sections: base.Sections},
			[]site.Change{{Fact: "title", Old: "Website", New: "Site"}}, "editorial"},
		{"provider added", site.Version{Title: "Website", Sections: []site.VersionSection{
			sec("a", func(s *site.VersionSection) { s.Providers = []string{"zoom"} }), sec("b", nil)}},
			[]site.Change{{Section: "a", Fact: "providers", Added: []string{"zoom"}, Material: true}}, "material"},
		{"section removed in place", site.Version{Title: "Website", Sections: []site.VersionSection{sec("b", nil)}},
			[]site.Change{{Section: "a", Fact: "section", Removed: []string{"a"}}}, "editorial"},
		{"section added", site.Version{Title: "Website", Sections: []site.VersionSection{sec("a", nil), sec("c", nil), sec("b", nil)}},
			[]site.Change{
				{Section: "c", Fact: "section", Added: []string{"c"}},
				{Section: "c", Fact: "purposes", Added: []string{"Contact"}, Material: true},
				{Section: "c", Fact: "legalBases", Added: []string{"gdpr-6-1-b"}, Material: true},
				{Section: "c", Fact: "retention", New: "6 months", Material: true},
				{Section: "c", Fact: "text", New: "Some words."},
			}, "material"},
		{"info section added", site.Version{Title: "Website", Sections: []site.VersionSection{sec("a", nil), sec("b", nil),
			{ID: "rights", Title: "Rights", Text: "You may ask."}}},
			[]site.Change{
				{Section: "rights", Fact: "section", Added: []string{"rights"}},
				{Section: "rights", Fact: "text", New: "You may ask."},
			}, "editorial"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compare(&base, &tt.new)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Compare:\n got %+v\nwant %+v", got, tt.want)
			}
			if c := Classify(false, got); c != tt.class {
				t.Errorf("Classify = %q, want %q", c, tt.class)
			}
		})
	}
	if c := Classify(true, nil); c != "first" {
		t.Errorf("Classify(first) = %q", c)
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"<p>One  <em>two</em>\nthree.</p><p>Four &amp; five.</p>", "One two three.\nFour & five."},
		{"<ul><li>a</li><li>b <a href=x>link</a></li></ul>", "a\nb link"},
		{"<h3>Head</h3><p>x<br>y</p><script>no()</script>", "Head\nx\ny"},
	}
	for _, tt := range tests {
		if got := PlainText([]byte(tt.in)); got != tt.want {
			t.Errorf("PlainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDescribe(t *testing.T) {
	cs := []site.Change{
		{Section: "a", Fact: "purposes", Added: []string{"Statistics"}, Material: true},
		{Section: "a", Fact: "retention", Old: "6 months", New: "1 year", Material: true},
		{Section: "a", Fact: "text", Old: "x", New: "y"},
		{Section: "b", Fact: "section", Removed: []string{"b"}},
	}
	if got, want := Describe(cs), `purposes +"Statistics"; retention "6 months" → "1 year"; text of "a"; section -"b"`; got != want {
		t.Errorf("Describe = %s\nwant %s", got, want)
	}
	if got, want := strings.Join(Facts(cs), ", "), `purposes, retention, text of "a", section "b"`; got != want {
		t.Errorf("Facts = %s\nwant %s", got, want)
	}
}
