package generator_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The house limits on hand-written code.
const (
	maxFuncLines = 80
	maxFileLines = 500
)

// sizeAllowList names the code over the limits that is known and has an
// issue to shrink it: "generator/x/y.go" for a file over maxFileLines,
// "generator/x/y.go:Func" (or ":T.Method", ":(*T).Method") for a function
// over maxFuncLines. Shrink it as code is split; TestSize fails on an entry
// that is no longer over the limit.
func sizeAllowList() map[string]string {
	// Empty since issue 15 split what was over the limits; an entry reads
	// "generator/site/load.go:tomlError": "to be split in issue N".
	return map[string]string{}
}

// oversized returns, keyed as in sizeAllowList, what in the parsed file f
// (at path name, module-relative) is over the limits, with its position and
// size.
func oversized(fset *token.FileSet, name string, f *ast.File) map[string]string {
	found := map[string]string{}
	if n := fset.File(f.Pos()).LineCount(); n > maxFileLines {
		found[name] = fmt.Sprintf("%s: %d lines; the limit is %d", name, n, maxFileLines)
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		start, end := fset.Position(fd.Pos()).Line, fset.Position(fd.End()).Line
		if n := end - start + 1; n > maxFuncLines {
			key := name + ":" + funcName(fd)
			found[key] = fmt.Sprintf("%s:%d: func %s is %d lines; the limit is %d", name, start, funcName(fd), n, maxFuncLines)
		}
	}
	return found
}

// funcName names a function as Go's documentation does: F, T.M, (*T).M.
func funcName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	typ := fd.Recv.List[0].Type
	star := false
	if s, ok := typ.(*ast.StarExpr); ok {
		typ, star = s.X, true
	}
	switch t := typ.(type) { // drop type parameters
	case *ast.IndexExpr:
		typ = t.X
	case *ast.IndexListExpr:
		typ = t.X
	}
	recv := fmt.Sprint(typ)
	if id, ok := typ.(*ast.Ident); ok {
		recv = id.Name
	}
	if star {
		return "(*" + recv + ")." + fd.Name.Name
	}
	return recv + "." + fd.Name.Name
}

// TestSize enforces the limits on every non-test, non-generated Go file
// under generator/, except what sizeAllowList names.
func TestSize(t *testing.T) {
	fset := token.NewFileSet()
	found := map[string]string{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != "." && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		if ast.IsGenerated(f) {
			return nil
		}
		for k, v := range oversized(fset, "generator/"+filepath.ToSlash(path), f) {
			found[k] = v
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	allowed := sizeAllowList()
	for _, k := range slices.Sorted(maps.Keys(found)) {
		if _, ok := allowed[k]; ok {
			t.Logf("allowed (%s): %s", allowed[k], found[k])
			continue
		}
		t.Errorf("%s; split it (sizeAllowList in generator/size_test.go is only for code an issue will split)", found[k])
	}
	for _, k := range slices.Sorted(maps.Keys(allowed)) {
		if _, ok := found[k]; !ok {
			t.Errorf("sizeAllowList names %s, which is no longer over the limit (or no longer exists): remove it", k)
		}
	}
}

// TestSizeOversized checks the measure on made-up files.
func TestSizeOversized(t *testing.T) {
	body := func(n int) string { return strings.Repeat("\t_ = 0\n", n) }
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"small", "package p\nfunc F() {\n" + body(10) + "}\n", nil},
		{"function at the limit", "package p\nfunc F() {\n" + body(78) + "}\n", nil},
		{"function over", "package p\nfunc F() {\n" + body(79) + "}\n", []string{"x.go:F"}},
		{"methods", "package p\ntype T[K any] struct{}\nfunc (t *T[K]) M() {\n" + body(79) + "}\nfunc (T[K]) N() {\n" + body(79) + "}\n", []string{"x.go:(*T).M", "x.go:T.N"}},
		{"file over", "package p\n" + strings.Repeat("var _ = 0\n", 500), []string{"x.go"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, "x.go", tc.src, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			if got := slices.Sorted(maps.Keys(oversized(fset, "x.go", f))); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
