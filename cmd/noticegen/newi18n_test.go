package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestNewI18nGolden writes i18n/fr.toml for the starter site and compares
// it with testdata/golden/new-i18n-fr.toml: every built-in id, sorted,
// with the English text as a guide. -update rewrites the file after a
// reviewed change (a new built-in message changes it).
func TestNewI18nGolden(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	var out, errs bytes.Buffer
	if code := run(context.Background(), []string{"new", "site", dir}, &out, &errs); code != exitOK {
		t.Fatalf("new site: exit %d: %s", code, errs.String())
	}
	if code := run(context.Background(), []string{"new", "i18n", "-s", dir, "fr"}, &out, &errs); code != exitOK {
		t.Fatalf("new i18n fr: exit %d: %s", code, errs.String())
	}
	got, err := os.ReadFile(filepath.Join(dir, "i18n", "fr.toml"))
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("..", "..", "testdata", "golden", "new-i18n-fr.toml")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestNewI18nGolden -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("new i18n fr differs from %s; review the change and run with -update:\n%s", golden, got)
	}
}
