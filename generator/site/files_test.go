package site

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/noticegen/noticegen/generator/diag"
)

func TestScratch(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"base.html", false},
		{"general.en.md", false},
		{"acme.toml", false},
		{"_index.en.md", false},
		{"logo.svg", false},
		{"a#b", false},
		{"x.swp.html", false},
		{"", false},
		{".", false},
		{"..", false},
		{".git", true},
		{".DS_Store", true},
		{".general.en.md.swp", true}, // vim
		{"general.en.md.swp", true},  // vim with directory= set
		{"general.en.md.swx", true},  // vim's second swap name
		{"4913", true},               // vim's write probe
		{"general.en.md~", true},     // backups
		{"#general.en.md#", true},    // emacs auto-save
		{".#general.en.md", true},    // emacs lock
		{"general.en.md.tmp", true},  // save through a temporary file
		{".toml", true},              // hidden; the loader claims it to report it
	}
	for _, tt := range tests {
		if got := Scratch(tt.name); got != tt.want {
			t.Errorf("Scratch(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestScratchPath(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"content/sections/a.en.md", false},
		{"site.toml", false},
		{".", false},
		{"content/sections/a.en.md~", true},
		{"content/.git/HEAD", true},
		{"static/backup~/x.css", true}, // a folder the loader passes over whole
		{"layouts/x.tmp/base.html", true},
	}
	for _, tt := range tests {
		if got := ScratchPath(tt.path); got != tt.want {
			t.Errorf("ScratchPath(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// fileDiag is a diagnostic a test expects: file, severity and a part of
// the message, and of the --strict message when strict is set.
type fileDiag struct {
	file     string
	severity diag.Severity
	contains string
	strict   string
}

func checkFileDiags(t *testing.T, got diag.List, want []fileDiag) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%v", len(got), len(want), got)
	}
	for i, w := range want {
		d := got[i]
		if d.File != w.file || d.Severity != w.severity || !strings.Contains(d.Message, w.contains) || !strings.Contains(d.StrictMessage, w.strict) {
			t.Errorf("diagnostic %d = %s (strict %q); want %s at %s containing %q (strict %q)", i, d, d.StrictMessage, w.severity, w.file, w.contains, w.strict)
		}
	}
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func link(to string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(to), Mode: fs.ModeSymlink}
}

const (
	linkWarning = "not a regular file (a link or device); skipped, since links could reach outside the site"
	linkStrict  = "not a regular file (a link or device); expected a regular file or folder, since links could reach outside the site"
)

// listCase is one call of Reader.List and what it returns.
type listCase struct {
	name  string
	r     Reader
	fsys  fstest.MapFS
	dir   string
	want  []string
	diags []fileDiag
}

func runListCases(t *testing.T, tests []listCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, diags := tt.r.List(tt.fsys, tt.dir)
			if !slices.Equal(got, tt.want) {
				t.Errorf("List = %q, want %q", got, tt.want)
			}
			checkFileDiags(t, diags, tt.diags)
		})
	}
}

func TestReaderListPolicy(t *testing.T) {
	runListCases(t, []listCase{
		{
			name: "order is fs.WalkDir's: by name within each folder",
			fsys: fstest.MapFS{"l/a-c": file(""), "l/a/b": file(""), "l/b": file(""), "l/A": file("")},
			dir:  "l",
			want: []string{"l/A", "l/a/b", "l/a-c", "l/b"},
		},
		{
			name: "scratch files and folders are passed over in silence",
			fsys: fstest.MapFS{
				"l/base.html": file(""), "l/.base.html.swp": file(""), "l/base.html~": file(""),
				"l/4913": file(""), "l/#base.html#": file(""), "l/x.swx": file(""), "l/x.tmp": file(""),
				"l/.git/config": file(""), "l/old~/base.html": file(""), "l/.hidden-link": link("/etc/passwd"),
			},
			dir:  "l",
			want: []string{"l/base.html"},
		},
		{
			name:  "a link or device is passed over with a warning",
			fsys:  fstest.MapFS{"l/a.html": file(""), "l/b.html": link("/etc/passwd"), "l/dir": link("/etc"), "l/fifo": {Mode: fs.ModeNamedPipe}},
			dir:   "l",
			want:  []string{"l/a.html"},
			diags: []fileDiag{{"l/b.html", diag.Warning, linkWarning, linkStrict}, {"l/dir", diag.Warning, linkWarning, linkStrict}, {"l/fifo", diag.Warning, linkWarning, linkStrict}},
		},
		{
			name:  "a folder that is a link is not followed",
			fsys:  fstest.MapFS{"l": link("/etc"), "m/a": file("")},
			dir:   "l",
			diags: []fileDiag{{"l", diag.Warning, "is a link; skipped", "is a link; expected a regular file or folder"}},
		},
		{
			name:  "nor one below a link",
			r:     Reader{Required: true},
			fsys:  fstest.MapFS{"content": link("/etc")},
			dir:   "content/entities",
			diags: []fileDiag{{"content", diag.Error, "is a link; expected a folder inside the site", ""}},
		},
	})
}

func TestReaderListFolder(t *testing.T) {
	runListCases(t, []listCase{
		{
			name: "a missing folder is fine",
			fsys: fstest.MapFS{"x": file("")},
			dir:  "layouts",
		},
		{
			name:  "unless it is required",
			r:     Reader{Required: true},
			fsys:  fstest.MapFS{"x": file("")},
			dir:   "layouts",
			diags: []fileDiag{{"layouts", diag.Error, "folder not found; expected layouts/ with at least one file", ""}},
		},
		{
			name:  "a required folder of scratch files only is empty",
			r:     Reader{Required: true},
			fsys:  fstest.MapFS{"l/a~": file("")},
			dir:   "l",
			diags: []fileDiag{{"l", diag.Error, "no files; expected at least one", ""}},
		},
		{
			name:  "Display names the folder read",
			r:     Reader{Display: "(built-in) layouts/", Required: true},
			fsys:  fstest.MapFS{"a.html": file(""), "b.html": link("x")},
			dir:   ".",
			want:  []string{"a.html"},
			diags: []fileDiag{{"(built-in) layouts/b.html", diag.Warning, linkWarning, linkStrict}},
		},
		{
			name:  "Display names the root of a missing folder",
			r:     Reader{Display: "layouts/", Required: true},
			fsys:  fstest.MapFS{"x": file("")},
			dir:   "nothere",
			diags: []fileDiag{{"layouts/nothere", diag.Error, "expected layouts/nothere/ with", ""}},
		},
		{
			name:  "Display names the root of a sub file system",
			r:     Reader{Display: "layouts/", Required: true},
			fsys:  fstest.MapFS{"a~": file("")},
			dir:   ".",
			diags: []fileDiag{{"layouts", diag.Error, "no files; expected at least one", ""}},
		},
	})
}

func TestReaderListClaim(t *testing.T) {
	runListCases(t, []listCase{
		{
			name: "Claim goes first: Take lists a scratch name, Pass passes over",
			r: Reader{Claim: func(p string, d fs.DirEntry) (Verdict, *diag.Diagnostic) {
				switch d.Name() {
				case ".toml":
					return Take, nil
				case "x.toml":
					return Pass, &diag.Diagnostic{File: p, Severity: diag.Error, Message: "is a folder"}
				case "a.toml":
					return Pass, nil
				}
				return Policy, nil
			}},
			fsys:  fstest.MapFS{"e/.toml": file(""), "e/a.toml": file(""), "e/b.toml": file(""), "e/x.toml/c.toml": file(""), "e/.y": file("")},
			dir:   "e",
			want:  []string{"e/.toml", "e/b.toml"},
			diags: []fileDiag{{"e/x.toml", diag.Error, "is a folder", ""}},
		},
	})
}

func TestReaderRead(t *testing.T) {
	big := strings.Repeat("x", MaxFileSize+1)
	tests := []struct {
		name  string
		r     Reader
		fsys  fstest.MapFS
		file  string
		want  string
		diags []fileDiag
	}{
		{name: "a regular file", fsys: fstest.MapFS{"a": file("text")}, file: "a", want: "text"},
		{name: "at the limit", r: Reader{Limit: 4}, fsys: fstest.MapFS{"a": file("text")}, file: "a", want: "text"},
		{
			name: "over the limit", r: Reader{Limit: 3}, fsys: fstest.MapFS{"a": file("text")}, file: "a",
			diags: []fileDiag{{"a", diag.Error, "file is 4 bytes; expected at most 3 bytes", ""}},
		},
		{
			name: "over the default limit", fsys: fstest.MapFS{"a": file(big)}, file: "a",
			diags: []fileDiag{{"a", diag.Error, "file is 8388609 bytes; expected at most 8388608 bytes (8 MiB)", ""}},
		},
		{
			name: "a link", r: Reader{Display: "layouts/"}, fsys: fstest.MapFS{"a": link("/etc/passwd")}, file: "a",
			diags: []fileDiag{{"layouts/a", diag.Error, "is a link; expected a regular file, since links are not followed", ""}},
		},
		{
			name: "a folder", fsys: fstest.MapFS{"a/b": file("")}, file: "a",
			diags: []fileDiag{{"a", diag.Error, "not a regular file (a folder or device); expected a file", ""}},
		},
		{
			name: "missing", fsys: fstest.MapFS{}, file: "a",
			diags: []fileDiag{{"a", diag.Error, "cannot read: file does not exist", ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, diags := tt.r.Read(tt.fsys, tt.file)
			if string(got) != tt.want || (diags != nil) != (got == nil) {
				t.Errorf("Read = %q with %d diagnostics, want %q", got, len(diags), tt.want)
			}
			checkFileDiags(t, diags, tt.diags)
		})
	}
}

func TestReaderReadTree(t *testing.T) {
	fsys := fstest.MapFS{
		"base.html":          file("base"),
		"partials/head.html": file("head"),
		"assets/big.css":     file("0123456789"),
		"assets/site.css":    file("css"),
		"notice.html~":       file("backup"),
		"link.html":          link("/etc/passwd"),
	}
	files, diags := Reader{Display: "layouts/", Limit: 5}.ReadTree(fsys, ".")
	var got []string
	for _, f := range files {
		got = append(got, f.Path+"="+string(f.Data))
	}
	want := []string{"assets/site.css=css", "base.html=base", "partials/head.html=head"}
	if !slices.Equal(got, want) {
		t.Errorf("ReadTree = %q, want %q", got, want)
	}
	checkFileDiags(t, diags, []fileDiag{
		{"layouts/link.html", diag.Warning, linkWarning, linkStrict},
		{"layouts/assets/big.css", diag.Error, "file is 10 bytes; expected at most 5 bytes", ""},
	})
}
