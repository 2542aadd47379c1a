package records

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/site"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/records")

// example returns the records of the example site (the repository root) in lang.
func example(t *testing.T, lang string) *Records {
	t.Helper()
	s, diags := site.Load(context.Background(), os.DirFS("../.."))
	if diags.HasErrors() {
		t.Fatalf("site.Load: %v", diags)
	}
	cat, diags := locale.Load(os.DirFS("../../i18n"), s.I18n, s.Config.Languages, s.Config.DefaultLanguage)
	if diags.HasErrors() {
		t.Fatalf("locale.Load: %v", diags)
	}
	r, diags := Make(s, cat, compose.Site(s), lang)
	if len(diags) > 0 {
		t.Fatalf("Make: %v", diags)
	}
	return r
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "golden", "records", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden; run go test ./generator/records -update and read the diff\n got:\n%s", name, got)
	}
}

func TestGolden(t *testing.T) {
	r := example(t, "en")
	var js bytes.Buffer
	if err := WriteJSON(&js, r); err != nil {
		t.Fatal(err)
	}
	golden(t, "records.json", js.Bytes())
	for _, e := range r.Entities {
		var b bytes.Buffer
		if err := WriteCSV(&b, e); err != nil {
			t.Fatal(err)
		}
		golden(t, e.ID+".csv", b.Bytes())
	}
}

// TestOneRowPerSection: a section two notices of an entity publish is one
// row naming both notices.
func TestOneRowPerSection(t *testing.T) {
	for _, lang := range []string{"en", "de"} {
		r := example(t, lang)
		if len(r.Entities) == 0 {
			t.Fatal("no entities")
		}
		for _, e := range r.Entities {
			seen := map[string]bool{}
			for _, row := range e.Activities {
				if seen[row.Section] {
					t.Errorf("%s/%s: section %s twice", lang, e.ID, row.Section)
				}
				seen[row.Section] = true
				if len(row.LegalBases) == 0 || len(row.Notices) == 0 {
					t.Errorf("%s/%s: %s has no legal basis or no notice", lang, e.ID, row.Section)
				}
				for _, n := range row.Notices {
					if !strings.HasSuffix(n.URL, "/"+lang+"/"+e.ID+"/"+n.ID+"/") {
						t.Errorf("%s/%s: notice URL %s", lang, e.ID, n.URL)
					}
				}
			}
			if e.Controller.Name == "" {
				t.Errorf("%s: controller without name", e.ID)
			}
		}
	}
}

func TestCSVIsCRLF(t *testing.T) {
	var b bytes.Buffer
	e := Entity{Activities: []Row{{Section: "a", Title: "A, \"quoted\"", Purposes: []string{"x", "y"}}}}
	if err := WriteCSV(&b, e); err != nil {
		t.Fatal(err)
	}
	want := strings.Join(Columns, ",") + "\r\n" + "a,\"A, \"\"quoted\"\"\",\"x\r\ny\"" + strings.Repeat(",", len(Columns)-3) + "\r\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
