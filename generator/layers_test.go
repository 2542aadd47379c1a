package generator_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// module is the import path every project package starts with.
const module = "github.com/noticegen/noticegen"

// layering says which project package may import which: a package may
// import any project package of a lower layer, and one of its own layer
// only where sameLayer lists that import.
type layering struct {
	// layers[n] holds the packages of layer n, bottom first, as paths below
	// the module ("." is the module root). "x/*" stands for every package
	// one element below x, "x/..." for x and every package below it; an
	// exact path wins over a pattern, a longer pattern over a shorter one.
	layers [][]string
	// sameLayer lists, per package, the packages of its own layer it may
	// import.
	sameLayer map[string][]string
}

// layerRules is the layering of noticegen. Keep it and the table under
// "Layers" in docs/architecture.md the same (TestLayersDocumented checks).
// A package listed here that does not exist yet is fine.
func layerRules() layering {
	return layering{
		layers: [][]string{
			0: {".", "generator/diag", "generator/vocab", "generator/feed", "generator/internal/budget", "generator/internal/token", "generator/internal/tmplwalk", "generator/internal/*"},
			1: {"generator/site"},
			2: {"generator/locale", "generator/internal/fingerprint", "generator/history"},
			3: {"generator/compose", "generator/validate"},
			4: {"generator/activity", "generator/output", "generator/render/view", "generator/render/sandbox", "generator/render/markdown", "generator/render/layout"},
			5: {"generator/render", "generator/records", "generator/snapshot", "generator/twin"},
			6: {"generator/publish", "generator/check"},
			7: {"generator"},
			8: {"generator/serve", "generator/release"},
			9: {"cmd/noticegen", "bench/...", "generator/quality"},
		},
		sameLayer: map[string][]string{
			// A test helper: a writable copy of the embedded example.
			"generator/internal/testsite": {"."},
			// validate reports the references compose.Parts skips.
			"generator/validate":       {"generator/compose"},
			"generator/render/sandbox": {"generator/render/view"},
			"generator/render/layout":  {"generator/render/view"},
			// The command around the synthetic site's writer.
			"bench/gensite": {"bench/synth"},
		},
	}
}

// layerOf returns the layer of the package at path rel below the module.
func (l layering) layerOf(rel string) (int, bool) {
	best, layer := -1, 0
	for n, pkgs := range l.layers {
		for _, p := range pkgs {
			score := -1
			switch {
			case p == rel:
				score = 1 << 20
			case strings.HasSuffix(p, "/*"):
				dir := strings.TrimSuffix(p, "*")
				if strings.HasPrefix(rel, dir) && !strings.Contains(rel[len(dir):], "/") {
					score = len(p)
				}
			case strings.HasSuffix(p, "/..."):
				dir := strings.TrimSuffix(p, "/...")
				if rel == dir || strings.HasPrefix(rel, dir+"/") {
					score = len(p)
				}
			}
			if score > best {
				best, layer = score, n
			}
		}
	}
	return layer, best >= 0
}

// check returns one message for every package of graph (import path →
// imports) that is in no layer and for every import that breaks the rule.
func (l layering) check(graph map[string][]string) []string {
	var problems []string
	for _, pkg := range slices.Sorted(maps.Keys(graph)) {
		rel, ok := projectPath(pkg)
		if !ok {
			continue
		}
		layer, ok := l.layerOf(rel)
		if !ok {
			problems = append(problems, fmt.Sprintf("package %s is in no layer: add it to layerRules in generator/layers_test.go and to the table under \"Layers\" in docs/architecture.md", rel))
			continue
		}
		for _, imp := range graph[pkg] {
			irel, ok := projectPath(imp)
			if !ok {
				continue
			}
			il, known := l.layerOf(irel)
			switch {
			case !known, il < layer, il == layer && slices.Contains(l.sameLayer[rel], irel):
				// An unknown import is reported as a package of its own.
			case il == layer:
				problems = append(problems, fmt.Sprintf("%s (layer %d) imports %s of its own layer; expected only lower layers, or an entry in sameLayer", rel, layer, irel))
			default:
				problems = append(problems, fmt.Sprintf("%s (layer %d) imports %s (layer %d); expected only packages of lower layers", rel, layer, irel, il))
			}
		}
	}
	return problems
}

// projectPath returns an import path relative to the module, "." for the
// module itself, and whether it is a project package at all.
func projectPath(pkg string) (string, bool) {
	if pkg == module {
		return ".", true
	}
	rel, ok := strings.CutPrefix(pkg, module+"/")
	return rel, ok
}

// TestLayersRule checks the rule itself on made-up import graphs.
func TestLayersRule(t *testing.T) {
	p := func(rel string) string { return module + "/" + rel }
	for _, tc := range []struct {
		name  string
		graph map[string][]string
		want  []string // substrings, one per problem, in order
	}{
		{"lower layers", map[string][]string{p("generator"): {p("generator/render"), p("generator/site"), module, "fmt"}}, nil},
		{"higher layer", map[string][]string{p("generator/validate"): {p("generator/render")}}, []string{"generator/validate (layer 3) imports generator/render (layer 5)"}},
		{"own layer", map[string][]string{p("generator/check"): {p("generator/publish")}}, []string{"generator/check (layer 6) imports generator/publish of its own layer"}},
		{"own layer listed", map[string][]string{p("generator/render/layout"): {p("generator/render/view")}}, nil},
		{"own layer listed the other way", map[string][]string{p("generator/render/view"): {p("generator/render/layout")}}, []string{"generator/render/view (layer 4) imports generator/render/layout of its own layer"}},
		{"unknown package", map[string][]string{p("generator/nowhere"): {p("generator/site")}}, []string{"package generator/nowhere is in no layer: add it to layerRules"}},
		{"internal/* is one level", map[string][]string{p("generator/internal/a/b"): nil, p("generator/internal/a"): {p("generator/site")}}, []string{"generator/internal/a (layer 0) imports generator/site (layer 1)", "package generator/internal/a/b is in no layer"}},
		{"bench/... is every level", map[string][]string{p("bench/a/b"): {p("generator/serve")}, p("bench"): {p("cmd/noticegen")}}, []string{"bench (layer 9) imports cmd/noticegen of its own layer"}},
		{"exact path over pattern", map[string][]string{p("generator/internal/budget"): {p("generator/internal/testsite")}}, []string{"generator/internal/budget (layer 0) imports generator/internal/testsite of its own layer"}},
		{"not ours", map[string][]string{"example.com/x": {p("cmd/noticegen")}, module + "x/y": nil}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := layerRules().check(tc.graph)
			ok := len(got) == len(tc.want)
			for i := 0; ok && i < len(got); i++ {
				ok = strings.Contains(got[i], tc.want[i])
			}
			if !ok {
				t.Errorf("got problems\n  %s\nwant ones containing\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

// TestLayers enforces the layering on the project's packages as they are:
// what `go list` says each one imports, test files left out.
func TestLayers(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("TestLayers runs go list: %v", err)
	}
	cmd := exec.Command(goTool, "list", "-e", "-json=ImportPath,Imports,Error", "./...")
	cmd.Dir = ".." // the module root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	graph := map[string][]string{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var pkg struct {
			ImportPath string
			Imports    []string
			Error      *struct{ Err string }
		}
		if err := dec.Decode(&pkg); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("reading go list -json: %v", err)
		}
		if pkg.Error != nil {
			t.Errorf("go list: %s: %s", pkg.ImportPath, pkg.Error.Err)
		}
		graph[pkg.ImportPath] = pkg.Imports
	}
	if _, ok := graph[module+"/generator"]; !ok {
		t.Fatalf("go list ./... did not list %s/generator; got %d packages", module, len(graph))
	}
	for _, p := range layerRules().check(graph) {
		t.Error(p)
	}
}

// TestLayersDocumented checks that the table under "## Layers" in
// docs/architecture.md lists the packages of layerRules, layer by layer,
// and names every sameLayer import as "`from` → `to`".
func TestLayersDocumented(t *testing.T) {
	const doc = "docs/architecture.md"
	b, err := os.ReadFile(filepath.Join("..", doc))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n## Layers\n")
	if !ok {
		t.Fatalf("%s has no section \"## Layers\"", doc)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	row := regexp.MustCompile(`(?m)^\| *([0-9]+) *\|(.*)\|\s*$`)
	name := regexp.MustCompile("`([^`]+)`")
	rules := layerRules()
	documented := make([][]string, len(rules.layers))
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		n, _ := strconv.Atoi(m[1])
		if n >= len(documented) {
			t.Errorf("%s: layer %d is not in layerRules", doc, n)
			continue
		}
		for _, pm := range name.FindAllStringSubmatch(m[2], -1) {
			documented[n] = append(documented[n], pm[1])
		}
	}
	for n, pkgs := range rules.layers {
		if !slices.Equal(documented[n], pkgs) {
			t.Errorf("%s, layer %d: lists %q; layerRules has %q", doc, n, documented[n], pkgs)
		}
	}
	for from, tos := range rules.sameLayer {
		for _, to := range tos {
			if edge := "`" + from + "` → `" + to + "`"; !strings.Contains(section, edge) {
				t.Errorf("%s: the Layers section does not name the same-layer import %s", doc, edge)
			}
		}
	}
}
