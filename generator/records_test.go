package generator_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/generator"
)

// TestBuildPublishesNoRecords: records are internal (docs/records.md). No
// file build writes for the example site holds one of its measures
// (Art. 30(1)(g)) or a records/ path, the sitemap included.
func TestBuildPublishesNoRecords(t *testing.T) {
	res := buildExample(t, generator.Options{})
	var measures []string
	for _, s := range res.Site.Sections {
		for _, f := range s.Translations {
			measures = append(measures, f.Meta.Measures...)
		}
	}
	for _, e := range res.Site.Entities {
		for _, f := range e.Sections {
			for _, m := range f.Measures {
				for _, text := range m {
					measures = append(measures, text)
				}
			}
		}
	}
	if len(measures) < 5 {
		t.Fatalf("example site states %d measures; the test needs some to look for", len(measures))
	}
	if _, ok := res.Files["sitemap.xml"]; !ok {
		t.Fatal("no sitemap.xml built")
	}
	for name, b := range res.Files {
		if strings.HasPrefix(name, "records/") || bytes.Contains(b, []byte("records/")) {
			t.Errorf("%s: a records path in the build", name)
		}
		for _, m := range measures {
			if bytes.Contains(b, []byte(m)) {
				t.Errorf("%s publishes the measure %q", name, m)
			}
		}
	}
}

// TestRecordsOfExample: generator.Records makes the example's records in
// its default language and refuses a language the site lacks.
func TestRecordsOfExample(t *testing.T) {
	opts := generator.Options{Builtin: noticegen.Example}
	res := generator.Records(context.Background(), os.DirFS(".."), opts, "")
	if res.Records == nil || res.Records.Lang != "en" || len(res.Records.Entities) != len(res.Site.Entities) {
		t.Fatalf("records: %+v, diags %v", res.Records, res.Diags)
	}
	if res := generator.Records(context.Background(), os.DirFS(".."), opts, "fr"); res.LangErr == nil || res.Records != nil {
		t.Errorf("--lang fr: LangErr %v", res.LangErr)
	}
}
