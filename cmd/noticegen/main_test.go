package main

import (
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/noticegen/noticegen/bench/synth"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script and testdata/golden/new-i18n-fr.toml after a reviewed change")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"noticegen": func() { os.Exit(runMain()) },
	})
}

// TestScripts runs the command-line scripts in testdata/script: each is a
// txtar archive with a site, the commands to run, and the exact output and
// exit code expected. Run with -update to rewrite expected output.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("..", "..", "testdata", "script"),
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"snapshot":   snapshot,
			"writebytes": writebytes,
			"bigfile":    bigfile,
			"repeat":     repeat,
			"cpquoted":   cpquoted,
			"glob":       glob,
			"waitfor":    waitfor,
			"gensite":    gensite,
		},
		Condition: func(cond string) (bool, error) {
			// [root]: permissions do not stop root, so scripts that make a
			// file unreadable or a folder read-only skip themselves.
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
	})
}

// bigfile FILE SIZE writes FILE with the given size in bytes: a line of
// front matter, then a hole of zero bytes that takes no disk space, for
// inputs too large to keep in a script.
func bigfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: bigfile FILE SIZE")
	}
	size, err := strconv.ParseInt(args[1], 10, 64)
	if err != nil || size < 0 {
		ts.Fatalf("bigfile: SIZE %q is not a number of bytes", args[1])
	}
	f, err := os.Create(ts.MkAbs(args[0]))
	ts.Check(err)
	_, err = f.WriteString("+++\ntitle = \"Big\"\n+++\n")
	ts.Check(err)
	ts.Check(f.Truncate(size))
	ts.Check(f.Close())
}

// repeat FILE N HEAD ITEM TAIL [CLOSE] writes HEAD, then ITEM N times,
// then (when given) CLOSE N times, then TAIL to FILE. Each is a Go string
// literal, or @NAME for the contents of file NAME without its last newline
// (so that a head kept readable in the archive can end mid-line, as in
// "deep ="); {i} in ITEM becomes the item's number (from 0). For inputs
// such as a 10,000-entry list or brackets nested 10,000 deep: "[" ... "]".
func repeat(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 5 && len(args) != 6 {
		ts.Fatalf("usage: repeat FILE N HEAD ITEM TAIL [CLOSE]")
	}
	n, err := strconv.Atoi(args[1])
	if err != nil || n < 0 {
		ts.Fatalf("repeat: N %q is not a count", args[1])
	}
	var parts [4]string
	for i, a := range args[2:] {
		if name, ok := strings.CutPrefix(a, "@"); ok {
			parts[i] = strings.TrimSuffix(ts.ReadFile(name), "\n")
		} else if parts[i], err = strconv.Unquote(a); err != nil {
			ts.Fatalf("repeat: %s is neither a Go string literal nor @FILE: %v", a, err)
		}
	}
	var b strings.Builder
	b.WriteString(parts[0])
	numbered := strings.Contains(parts[1], "{i}")
	for i := range n {
		if numbered {
			b.WriteString(strings.ReplaceAll(parts[1], "{i}", strconv.Itoa(i)))
		} else {
			b.WriteString(parts[1])
		}
	}
	b.WriteString(strings.Repeat(parts[3], n))
	b.WriteString(parts[2])
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(b.String()), 0o644))
}

// cpquoted SRC DST copies SRC to DST, a Go string literal, for file names
// that a txtar archive cannot hold, such as "a\x01b.toml".
func cpquoted(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: cpquoted SRC DST")
	}
	dst, err := strconv.Unquote(args[1])
	if err != nil {
		ts.Fatalf("cpquoted: %s is not a Go string literal: %v", args[1], err)
	}
	b, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(dst), b, 0o644))
}

// snapshot DIR FILE writes one line per file below DIR, with its SHA-256, to
// FILE: comparing two snapshots with cmp shows that a failed build left the
// previous output byte for byte as it was.
func snapshot(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: snapshot DIR FILE")
	}
	root := ts.MkAbs(args[0])
	var b strings.Builder
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			fmt.Fprintf(&b, "%s/\n", filepath.ToSlash(rel))
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s %x\n", filepath.ToSlash(rel), sha256.Sum256(data))
		return nil
	})
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(b.String()), 0o644))
}

// writebytes FILE QUOTED writes the Go string literal QUOTED, such as
// "a\xffb\n", to FILE: for bytes a txtar archive cannot carry readably, such
// as invalid UTF-8.
func writebytes(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: writebytes FILE QUOTED")
	}
	b, err := strconv.Unquote(args[1])
	if err != nil {
		ts.Fatalf("writebytes: %s is not a Go string literal: %v", args[1], err)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(b), 0o644))
}

// glob PATTERN passes when a file matches PATTERN (filepath.Match syntax,
// relative to $WORK), and ! glob when none does: for names with a random
// part, such as a staging folder .public.staging-123.
func glob(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: [!] glob PATTERN")
	}
	m, err := filepath.Glob(ts.MkAbs(args[0]))
	ts.Check(err)
	switch {
	case neg && len(m) > 0:
		ts.Fatalf("%s matches %q; want nothing", args[0], m)
	case !neg && len(m) == 0:
		ts.Fatalf("nothing matches %s", args[0])
	}
}

// waitfor PATTERN waits until a file matches PATTERN, for at most a
// minute: to act on a background command once it has got that far, such
// as interrupting a build once its staging folder exists.
func waitfor(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitfor PATTERN")
	}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if m, _ := filepath.Glob(ts.MkAbs(args[0])); len(m) > 0 {
			return
		}
	}
	ts.Fatalf("nothing matched %s within a minute", args[0])
}

// gensite DIR ENTITIES writes the synthetic site of package synth with
// ENTITIES subsidiaries (× 5 notices × 2 languages pages) into DIR: a site
// that takes a while to build.
func gensite(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: gensite DIR ENTITIES")
	}
	n, err := strconv.Atoi(args[1])
	if err != nil || n <= 0 {
		ts.Fatalf("gensite: ENTITIES %q is not a positive count", args[1])
	}
	ts.Check(synth.Write(ts.MkAbs(args[0]), synth.Options{Entities: n}))
}

// TestInterrupted: a build or check that a signal interrupts prints one
// line and exits with 128 + the signal's number (130 for Ctrl-C), as a
// shell reports a command the signal ended.
func TestInterrupted(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code := run(context.Background(), []string{"new", "site", dir}, io.Discard, io.Discard); code != exitOK {
		t.Fatalf("new site: exit %d", code)
	}
	tests := []struct {
		args []string
		sig  os.Signal
		code int
		line string
	}{
		{[]string{"build", "-s", dir}, os.Interrupt, 130, "noticegen build: interrupted; " + filepath.Join(dir, "public") + " left as it was\n"},
		{[]string{"build", "-s", dir}, syscall.SIGTERM, 143, "noticegen build: interrupted; " + filepath.Join(dir, "public") + " left as it was\n"},
		{[]string{"check", "-s", dir}, os.Interrupt, 130, "noticegen check: interrupted\n"},
		{[]string{"check", "-s", dir, "--format", "json"}, syscall.SIGTERM, 143, "noticegen check: interrupted\n"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[:1], " ")+" "+tt.sig.String(), func(t *testing.T) {
			ctx, cancel := context.WithCancelCause(context.Background())
			cancel(signalled{tt.sig})
			var stdout, stderr strings.Builder
			if code := run(ctx, tt.args, &stdout, &stderr); code != tt.code {
				t.Errorf("exit %d; want %d", code, tt.code)
			}
			if stdout.Len() != 0 || stderr.String() != tt.line {
				t.Errorf("stdout %q, stderr %q; want only %q on stderr", stdout.String(), stderr.String(), tt.line)
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".public.staging-*")); len(left) != 0 {
				t.Errorf("staging folders left: %q", left)
			}
			if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
				t.Errorf("an interrupted build wrote public/")
			}
		})
	}
}
