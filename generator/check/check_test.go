package check_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/generator"
	"github.com/noticegen/noticegen/generator/check"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/vocab"
)

var update = flag.Bool("update", false, "rewrite the want.* files in testdata/check after a reviewed change")

const (
	casesDir    = "../../testdata/check"
	sarifSchema = "../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"
)

// severity is the severity each rule reports at, by rule id, or by
// "rule/case" where one rule reports at more than one.
var severity = map[string]diag.Severity{
	"build-error":             diag.Error,
	"gdpr-13-1-a":             diag.Error,
	"gdpr-13-1-b":             diag.Error,
	"gdpr-13-1-b/fail-no-dpo": diag.Warning,
	"gdpr-13-1-c":             diag.Error,
	"gdpr-13-1-d":             diag.Error,
	"gdpr-13-1-e":             diag.Warning,
	"gdpr-13-1-f":             diag.Error,
	"gdpr-13-2-a":             diag.Error,
	"gdpr-13-2-b-d":           diag.Error,
	"gdpr-13-2-e":             diag.Error,
	"gdpr-13-2-f":             diag.Error,
	"gdpr-14-1-d":             diag.Error,
	"gdpr-14-2-f":             diag.Error,
	"provider-safeguards":     diag.Error,
	"provider-dpf-stale":      diag.Warning,
	"cookie-consent":          diag.Error,
	"unused-provider":         diag.Warning,
	"unused-acknowledgement":  diag.Warning,
	"translation-missing":     diag.Warning,
	"translation-mismatch":    diag.Error,
	"translation-stale":       diag.Warning,
	"unknown-ref":             diag.Error,
	"unused-section":          diag.Warning,
	"unused-message":          diag.Warning,
	"unreleased-change":       diag.Warning,
}

func ruleIDs() []string {
	var ids []string
	for _, r := range check.Rules() {
		ids = append(ids, r.ID)
	}
	return append(ids, check.BuildErrorRule)
}

// TestRules checks that rule ids are unique and each has a test site that
// fails and one that passes, and a severity in this test.
func TestRules(t *testing.T) {
	seen := map[string]bool{}
	for _, id := range ruleIDs() {
		if seen[id] {
			t.Errorf("rule %q listed twice", id)
		}
		seen[id] = true
		if _, ok := severity[id]; !ok {
			t.Errorf("rule %q has no severity in this test", id)
		}
		for _, c := range []string{"fail", "pass"} {
			if _, err := os.Stat(filepath.Join(casesDir, id, c, "site.toml")); err != nil {
				t.Errorf("rule %q has no test site %s/%s/%s: %v", id, casesDir, id, c, err)
			}
		}
	}
	dirs, _ := filepath.Glob(filepath.Join(casesDir, "*"))
	for _, d := range dirs {
		if !seen[filepath.Base(d)] {
			t.Errorf("%s is named after no rule", d)
		}
	}
}

// TestRulesAreVocab checks that the rules table lists every rule id of
// package vocab, in its order, and build-error (which only the output
// formats add) last: a rule some package reports but the table lacks has
// no title in SARIF and no entry in docs.
func TestRulesAreVocab(t *testing.T) {
	if got, want := ruleIDs(), vocab.RuleIDs(); !slices.Equal(got, want) {
		t.Errorf("check.Rules() and BuildErrorRule = %q, vocab.RuleIDs() = %q", got, want)
	}
}

// checkDay is the date the test sites are checked as of, so that a DPF
// entry's age does not change with the calendar.
var checkDay = func() time.Time { return time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC) }

// TestGolden runs check on every site under testdata/check/<rule>/<case>
// and compares its output in the three formats with the want.* files
// there. A case named fail* must report the rule, and nothing else; one
// named pass* must report nothing that is not acknowledged; one named
// acknowledged* must report the rule, every finding acknowledged, and
// pass, --strict or not.
func TestGolden(t *testing.T) {
	schema := loadSARIFSchema(t)
	dirs, err := filepath.Glob(filepath.Join(casesDir, "*", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no test sites in %s: %v", casesDir, err)
	}
	for _, dir := range dirs {
		rule, name := filepath.Base(filepath.Dir(dir)), filepath.Base(dir)
		t.Run(rule+"/"+name, func(t *testing.T) {
			res := generator.Check(t.Context(), os.DirFS(dir), generator.Options{Builtin: noticegen.Example, Now: checkDay})

			var text, js, sarif bytes.Buffer
			if err := check.WriteText(&text, res.Diags); err != nil {
				t.Fatal(err)
			}
			if err := check.WriteJSON(&js, res.Diags); err != nil {
				t.Fatal(err)
			}
			if err := check.WriteSARIF(&sarif, res.Diags, "test"); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join(dir, "want.txt"), text.Bytes())
			golden(t, filepath.Join(dir, "want.json"), js.Bytes())
			golden(t, filepath.Join(dir, "want.sarif"), sarif.Bytes())
			validateSARIF(t, schema, sarif.Bytes())

			switch {
			case strings.HasPrefix(name, "fail"):
				sev, ok := severity[rule+"/"+name]
				if !ok {
					sev = severity[rule]
				}
				n := 0
				for _, d := range res.Diags {
					if got := check.RuleOf(d); got != rule || d.Acknowledged {
						t.Errorf("finding of another rule %s, or acknowledged (%v): %v", got, d.Acknowledged, d)
						continue
					}
					n++
					if d.Severity != sev {
						t.Errorf("severity %v, want %v: %v", d.Severity, sev, d)
					}
				}
				if n == 0 {
					t.Errorf("no finding of rule %s", rule)
				}
				if got, want := res.Diags.HasErrors(), sev == diag.Error; got != want {
					t.Errorf("HasErrors() = %v, want %v (exit %d)", got, want, exit(want))
				}
				strict := generator.Check(t.Context(), os.DirFS(dir), generator.Options{Builtin: noticegen.Example, Strict: true, Now: checkDay})
				if !strict.Diags.HasErrors() {
					t.Errorf("with Strict: HasErrors() = false, want true: every finding fails --strict")
				}
				if len(strict.Diags) != len(res.Diags) {
					t.Errorf("with Strict: %d findings, want %d", len(strict.Diags), len(res.Diags))
				}
			case strings.HasPrefix(name, "pass"):
				// The pass sites are the fail sites with the gap fixed and
				// nothing else amiss: no finding of any rule.
				for _, d := range res.Diags {
					if !d.Acknowledged {
						t.Errorf("unexpected finding [%s]: %v", check.RuleOf(d), d)
					}
				}
				if res.Diags.HasErrors() {
					t.Errorf("HasErrors() = true, want false")
				}
			case strings.HasPrefix(name, "acknowledged"):
				for _, d := range res.Diags {
					if check.RuleOf(d) != rule || !d.Acknowledged || d.Reason == "" {
						t.Errorf("finding not of rule %s acknowledged with a reason: %+v", rule, d)
					}
				}
				if len(res.Diags) == 0 {
					t.Errorf("no finding of rule %s", rule)
				}
				strict := generator.Check(t.Context(), os.DirFS(dir), generator.Options{Builtin: noticegen.Example, Strict: true, Now: checkDay})
				if res.Diags.HasErrors() || strict.Diags.HasErrors() {
					t.Errorf("HasErrors() = %v, with Strict %v; want false: acknowledged findings fail nothing", res.Diags.HasErrors(), strict.Diags.HasErrors())
				}
			default:
				t.Fatalf("case %s: expected a name starting with fail, pass or acknowledged", name)
			}
		})
	}
}

func exit(errors bool) int {
	if errors {
		return 1
	}
	return 0
}

// TestExampleSite checks that the example site at the repository root,
// which `noticegen new site` hands out, has no error findings.
func TestExampleSite(t *testing.T) {
	res := generator.Check(t.Context(), os.DirFS("../.."), generator.Options{Builtin: noticegen.Example})
	if len(res.Pages) == 0 {
		t.Errorf("no pages composed")
	}
	for _, d := range res.Diags {
		if d.Severity == diag.Error {
			t.Errorf("error in the example site: %v", d)
		}
	}
	var sarif bytes.Buffer
	if err := check.WriteSARIF(&sarif, res.Diags, "test"); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, loadSARIFSchema(t), sarif.Bytes())
}

func TestRuleOf(t *testing.T) {
	for _, tc := range []struct {
		d    diag.Diagnostic
		want string
	}{
		{diag.Diagnostic{File: "content/sections/a.en.md", Rule: "gdpr-13-1-c"}, "gdpr-13-1-c"},
		{diag.Diagnostic{File: "content/notices/w.toml", Rule: "unknown-ref", Message: `unknown section "x"`}, "unknown-ref"},
		{diag.Diagnostic{File: "content/entities/a.toml", Message: `unknown key "x"; expected one of: name`}, "build-error"},
	} {
		if got := check.RuleOf(tc.d); got != tc.want {
			t.Errorf("RuleOf(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

// TestSARIFNoLocation checks a finding without a file, such as a bad
// --baseURL, still makes a valid log.
func TestSARIFNoLocation(t *testing.T) {
	var b bytes.Buffer
	diags := diag.List{{Severity: diag.Error, Message: "no file"}, {File: "site.toml", Severity: diag.Warning, Message: "no line"}}
	if err := check.WriteSARIF(&b, diags, "test"); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, loadSARIFSchema(t), b.Bytes())
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run go test -update and review the diff):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// loadSARIFSchema compiles the SARIF 2.1.0 schema that make test installs
// with npm. Without it the test fails under CI and is skipped elsewhere.
func loadSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(sarifSchema)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("SARIF schema missing (make deps installs it): %v", err)
		}
		t.Skipf("SARIF schema missing; run make deps (npm ci) to validate SARIF output: %v", err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	const url = "file:///sarif-2.1.0-rtm.5.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validateSARIF(t *testing.T, schema *jsonschema.Schema, out []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("SARIF output is not JSON: %v", err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("SARIF output does not match the SARIF 2.1.0 schema: %v", err)
	}
	if v := versionOf(inst); v != "2.1.0" {
		t.Errorf("SARIF version %q, want 2.1.0", v)
	}
}

func versionOf(inst any) string {
	m, _ := inst.(map[string]any)
	v, _ := m["version"].(string)
	return v
}

// baseSite reads the clean test site that the rule cases start from.
func baseSite(t *testing.T) fstest.MapFS {
	t.Helper()
	root := filepath.Join(casesDir, "gdpr-13-1-a", "pass")
	fsys := fstest.MapFS{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), "want.") {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		fsys[filepath.ToSlash(rel)] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

func edit(t *testing.T, fsys fstest.MapFS, name, old, new string) {
	t.Helper()
	f := fsys[name]
	if f == nil || !strings.Contains(string(f.Data), old) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, new, 1))}
}

// TestOneFindingPerCause checks that a cause is reported where it is fixed
// and that findings do not follow from problems reported already.
func TestOneFindingPerCause(t *testing.T) {
	const entity = "content/entities/acme.toml"
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, fsys fstest.MapFS)
		want  []string // "file:line:col [rule]" of every finding
	}{
		{"single entity omits the rights section", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, entity, "notices = [\"website\"]\n", "notices = [\"website\"]\nomit = [\"rights\"]\n")
		}, []string{
			"content/entities/acme.toml:8:9 [gdpr-13-2-b-d]",
			"content/sections/rights.en.md:1:1 [unused-section]",
		}},
		{"rights in a slot the entity does not use", func(t *testing.T, fsys fstest.MapFS) {
			fsys["content/sections/rights/full.en.md"] = fsys["content/sections/rights.en.md"]
			fsys["content/sections/rights/full.de.md"] = fsys["content/sections/rights.de.md"]
			delete(fsys, "content/sections/rights.en.md")
			delete(fsys, "content/sections/rights.de.md")
			edit(t, fsys, "content/notices/website.toml", `"rights"]`, `"rights/*"]`)
		}, []string{
			"content/entities/acme.toml:7:12 [gdpr-13-2-b-d]",
			"content/sections/rights/full.en.md:1:1 [unused-section]",
		}},
		{"broken rights file", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "content/sections/rights.en.md", `title = "Your rights"`, `title = "Your rights`)
		}, []string{"content/sections/rights.en.md:2:21 [build-error]"}},
		{"broken entity file", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, entity, `email = "privacy@acme.example"`, `email = 5`)
		}, []string{"content/entities/acme.toml:6:1 [build-error]"}},
		{"unknown notice", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, entity, `notices = ["website"]`, `notices = ["websit"]`)
		}, []string{"content/entities/acme.toml:7:12 [unknown-ref]"}},
		{"used section without a slot", func(t *testing.T, fsys fstest.MapFS) {
			fsys["content/sections/hosting/ionos.en.md"] = fsys["content/sections/server-logs.en.md"]
			fsys["content/sections/hosting/ionos.de.md"] = fsys["content/sections/server-logs.de.md"]
			edit(t, fsys, entity, "notices = [\"website\"]\n", "notices = [\"website\"]\nuses = [\"hosting/ionos\"]\n")
		}, []string{"content/entities/acme.toml:8:9 [build-error]"}},
		{"misspelt section in the notice", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "content/notices/website.toml", `"rights"]`, `"rigths"]`)
		}, []string{"content/notices/website.toml:2:28 [unknown-ref]"}},
		{"misspelt section in uses", func(t *testing.T, fsys fstest.MapFS) {
			fsys["content/sections/rights/full.en.md"] = fsys["content/sections/rights.en.md"]
			fsys["content/sections/rights/full.de.md"] = fsys["content/sections/rights.de.md"]
			delete(fsys, "content/sections/rights.en.md")
			delete(fsys, "content/sections/rights.de.md")
			edit(t, fsys, "content/notices/website.toml", `"rights"]`, `"rights/*"]`)
			edit(t, fsys, entity, "notices = [\"website\"]\n", "notices = [\"website\"]\nuses = [\"rights/ful\"]\n")
		}, []string{"content/entities/acme.toml:8:9 [unknown-ref]"}},
		{"misspelt slot folder", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "content/notices/website.toml", `"rights"]`, `"right/*"]`)
		}, []string{"content/notices/website.toml:2:28 [unknown-ref]"}},
		{"notice with an unknown key", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, "content/notices/website.toml", `sections =`, "sectons = []\nsections =")
		}, []string{"content/notices/website.toml:2:1 [build-error]"}},
		{"template error in a body every entity shows", func(t *testing.T, fsys fstest.MapFS) {
			for _, id := range []string{"beta", "gamma"} {
				fsys["content/entities/"+id+".toml"] = fsys[entity]
			}
			edit(t, fsys, "content/sections/rights.en.md", "Write to {{ .Entity.Email }}", "Write to {{ .Entity.Mail }}")
		}, []string{"content/sections/rights.en.md:5:20 [build-error]"}},
		{"entity's own empty recipients, at its line, once for both languages", func(t *testing.T, fsys fstest.MapFS) {
			fsys[entity].Data = append(fsys[entity].Data, "\n[sections.\"server-logs\"]\nrecipients = []\n"...)
		}, []string{"content/entities/acme.toml:14:1 [gdpr-13-1-e]"}},
		{"entity's own facts fill the section's gap", func(t *testing.T, fsys fstest.MapFS) {
			for _, l := range []string{"en", "de"} {
				edit(t, fsys, "content/sections/server-logs."+l+".md", "retention =", "# retention =")
			}
			fsys[entity].Data = append(fsys[entity].Data, "\n[sections.\"server-logs\"]\nretention = { en = \"14 days.\", de = \"14 Tage.\" }\n"...)
		}, nil},
		{"blank address and contact", func(t *testing.T, fsys fstest.MapFS) {
			edit(t, fsys, entity, `email = "privacy@acme.example"`, `email = " "`)
			edit(t, fsys, entity, "address = \"\"\"\nHauptstraße 1\n10115 Berlin\nGermany\"\"\"", `address = "  "`)
		}, []string{"content/entities/acme.toml:1:1 [gdpr-13-1-a]", "content/entities/acme.toml:1:1 [gdpr-13-1-a]"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := baseSite(t)
			tc.setup(t, fsys)
			res := generator.Check(t.Context(), fsys, generator.Options{Builtin: noticegen.Example})
			var got []string
			for _, d := range res.Diags {
				got = append(got, fmt.Sprintf("%s:%d:%d [%s]", d.File, d.Line, d.Col, check.RuleOf(d)))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("findings:\n%s\nwant:\n%s\nfull:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"), res.Diags.Error())
			}
		})
	}
}

// TestEveryFindingHasALine runs check on every site this repository has
// for tests — the rule cases under testdata/check and the site of every
// script under testdata/script, with the script's cp and rm applied, so
// the bad and hostile inputs are in place — and checks that in JSON and
// SARIF every finding about a file has a line ≥ 1 (a whole file: 1), and
// one about no file claims none. The sites between them drive every
// producer of diagnostics that a site's files can reach.
func TestEveryFindingHasALine(t *testing.T) {
	sites := map[string]fs.FS{}
	dirs, _ := filepath.Glob(filepath.Join(casesDir, "*", "*"))
	for _, dir := range dirs {
		sites[dir] = os.DirFS(dir)
	}
	scripts, _ := filepath.Glob("../../testdata/script/*.txtar")
	for _, p := range scripts {
		sites[p] = scriptSite(t, p)
	}
	if len(dirs) == 0 || len(scripts) == 0 {
		t.Fatalf("found %d rule cases and %d scripts, want some of each", len(dirs), len(scripts))
	}
	findings := 0
	for name, fsys := range sites {
		res := generator.Check(t.Context(), fsys, generator.Options{Builtin: noticegen.Example})
		var js, sarif bytes.Buffer
		if err := check.WriteJSON(&js, res.Diags); err != nil {
			t.Fatal(err)
		}
		if err := check.WriteSARIF(&sarif, res.Diags, "test"); err != nil {
			t.Fatal(err)
		}
		var got []check.Finding
		if err := json.Unmarshal(js.Bytes(), &got); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, f := range got {
			findings++
			if f.File != "" && f.Line < 1 || f.File == "" && (f.Line != 0 || f.Column != 0) {
				t.Errorf("%s: JSON finding at line %d, column %d of %q: %s", name, f.Line, f.Column, f.File, f.Message)
			}
		}
		var log struct {
			Runs []struct {
				Results []struct {
					Message   struct{ Text string }
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct{ URI string }
							Region           *struct{ StartLine int }
						}
					}
				}
			}
		}
		if err := json.Unmarshal(sarif.Bytes(), &log); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, r := range log.Runs[0].Results {
			for _, l := range r.Locations {
				if reg := l.PhysicalLocation.Region; reg == nil || reg.StartLine < 1 {
					t.Errorf("%s: SARIF result in %q without a startLine ≥ 1: %s", name, l.PhysicalLocation.ArtifactLocation.URI, r.Message.Text)
				}
			}
		}
	}
	if findings < 100 {
		t.Errorf("only %d findings over %d sites; the sites no longer reach the producers", findings, len(sites))
	}
}

// scriptSite returns the files of a txtar script as its site stands once
// the script's cp and rm commands have run.
func scriptSite(t *testing.T, name string) fstest.MapFS {
	t.Helper()
	a, err := txtar.ParseFile(name)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	for _, line := range strings.Split(string(a.Comment), "\n") {
		switch args := strings.Fields(line); {
		case len(args) == 3 && args[0] == "cp" && fsys[args[1]] != nil:
			fsys[args[2]] = &fstest.MapFile{Data: fsys[args[1]].Data}
		case len(args) == 2 && args[0] == "rm":
			delete(fsys, args[1])
		}
	}
	return fsys
}

// TestRulesDocumented checks that docs/check.md has a heading for every
// rule, which SARIF's helpUri links to.
func TestRulesDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/check.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ruleIDs() {
		if !strings.Contains(string(doc), "\n## "+id+"\n") {
			t.Errorf("docs/check.md has no heading ## %s", id)
		}
	}
}
