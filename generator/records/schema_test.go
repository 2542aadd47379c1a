package records

import (
	"bytes"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestGoldenMatchesSchema validates the golden records.json, and a record
// the schema must refuse, against docs/records.schema.json.
func TestGoldenMatchesSchema(t *testing.T) {
	raw, err := os.ReadFile("../../docs/records.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("records.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("records.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile("../../testdata/golden/records/records.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		doc  []byte
		ok   bool
	}{
		{"golden", golden, true},
		{"no legal basis", []byte(`{"lang":"en","entities":[{"id":"a","controller":{"name":"A"},"activities":[{"section":"s","title":"","purposes":[],"legalBases":[],"dataSubjects":[],"dataCategories":[],"recipients":[],"providers":[],"thirdCountries":[],"safeguards":[],"measures":[],"notices":[{"id":"w","url":"https://x/en/a/w/"}]}]}]}`), false},
	} {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(tc.doc))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); (err == nil) != tc.ok {
			t.Errorf("%s: valid=%v, want %v: %v", tc.name, err == nil, tc.ok, err)
		}
	}
}
