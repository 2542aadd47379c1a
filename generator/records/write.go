package records

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Columns is the stable column order of an activity row in CSV and XLSX;
// docs/records.md says which Art. 30(1) letter each answers.
var Columns = []string{"section", "title", "purposes", "legalBases", "legitimateInterest",
	"dataSubjects", "dataCategories", "recipients", "providers", "thirdCountries",
	"safeguards", "retention", "source", "measures", "notices"}

// sep joins the items of a list in one cell: a spreadsheet shows one per line.
const sep = "\n"

// Cells returns r's cells in Columns order.
func (r Row) Cells() []string {
	var urls []string
	for _, n := range r.Notices {
		urls = append(urls, n.ID+": "+n.URL)
	}
	j := func(v []string) string { return strings.Join(v, sep) }
	return []string{r.Section, r.Title, j(r.Purposes), j(r.LegalBases), r.LegitimateInterest,
		j(r.DataSubjects), j(r.DataCategories), j(r.Recipients), j(r.Providers), j(r.ThirdCountries),
		j(r.Safeguards), r.Retention, r.Source, j(r.Measures), j(urls)}
}

// WriteCSV writes e's activity rows, header first, as RFC 4180 CSV (CRLF);
// the controller block is in the JSON and XLSX records only.
func WriteCSV(w io.Writer, e Entity) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(Columns); err != nil {
		return err
	}
	for _, r := range e.Activities {
		if err := cw.Write(r.Cells()); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes all records as one indented JSON document
// (docs/records.schema.json).
func WriteJSON(w io.Writer, r *Records) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// Formats are the formats Files writes.
var Formats = []string{"csv", "xlsx", "json"}

// Files returns the files of r in format, by slash path below the
// destination: records/<entity>.csv for csv, records.json for json.
func Files(r *Records, format string) (map[string][]byte, error) {
	files := map[string][]byte{}
	switch format {
	case "csv":
		for _, e := range r.Entities {
			var b bytes.Buffer
			if err := WriteCSV(&b, e); err != nil {
				return nil, err
			}
			files[e.ID+".csv"] = b.Bytes()
		}
	case "json":
		var b bytes.Buffer
		if err := WriteJSON(&b, r); err != nil {
			return nil, err
		}
		files["records.json"] = b.Bytes()
	case "xlsx":
		b, err := WriteXLSX(r)
		if err != nil {
			return nil, err
		}
		files["records.xlsx"] = b
	default:
		return nil, fmt.Errorf("unknown format %q; expected csv, xlsx or json", format)
	}
	return files, nil
}
