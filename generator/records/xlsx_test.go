package records

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// dumpXLSX prints every sheet's cells as JSON: {sheet: [[cell, ...], ...]}.
const dumpXLSX = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    out[ws.title] = [["" if c is None else str(c) for c in row] for row in ws.iter_rows(values_only=True)]
json.dump({"sheets": wb.sheetnames, "cells": out}, sys.stdout)
`

// TestXLSXReadBack writes the example's workbook and reads it with
// openpyxl, an independent reader: each sheet's table is the entity's CSV
// rows and its controller block the JSON's.
func TestXLSXReadBack(t *testing.T) {
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import openpyxl").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3-openpyxl missing (bash .ci/install-deps): %v", err)
		}
		t.Skipf("python3-openpyxl missing (bash .ci/install-deps): %v", err)
	}
	r := example(t, "en")
	b, err := WriteXLSX(r)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "records.xlsx")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, "-c", dumpXLSX, path).Output()
	if err != nil {
		t.Fatalf("openpyxl: %v", err)
	}
	var got struct {
		Sheets []string
		Cells  map[string][][]string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	names := SheetNames(r)
	if len(got.Sheets) != len(names) {
		t.Fatalf("sheets %v, want %v", got.Sheets, names)
	}
	for i, e := range r.Entities {
		rows := got.Cells[names[i]]
		fields := e.Controller.Fields()
		for j, kv := range fields {
			if rows[j][0] != kv[0] || rows[j][1] != kv[1] {
				t.Errorf("%s: controller row %d = %q, want %q", e.ID, j+1, rows[j][:2], kv)
			}
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, e); err != nil {
			t.Fatal(err)
		}
		want, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		table := rows[len(fields)+1:]
		if len(table) != len(want) {
			t.Fatalf("%s: %d table rows, want %d", e.ID, len(table), len(want))
		}
		for y := range want {
			for x := range want[y] {
				if table[y][x] != want[y][x] {
					t.Errorf("%s: cell %d,%d = %q, want %q", e.ID, y, x, table[y][x], want[y][x])
				}
			}
		}
	}
}
