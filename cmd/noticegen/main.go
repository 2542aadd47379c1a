// Command noticegen builds the privacy notices of a group of companies into
// a static site. This file only reads flags and maps results to exit codes;
// the work is done by package generator.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/generator"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
)

// Exit codes, as the user-facing contract fixes them.
const (
	exitOK      = 0
	exitContent = 1 // the site has errors (or warnings under --strict)
	exitUsage   = 2 // the command line is wrong
)

// version is set at release time with -ldflags "-X main.version=v1.2.3".
var version = ""

const usage = `noticegen builds the privacy notices of a group of companies into a static site.

Usage:
  noticegen build  [-s DIR] [-d DIR] [--baseURL URL] [--no-minify] [--strict]
  noticegen new site DIR
  noticegen version

Run "noticegen build -h" for the flags of build.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "build":
		return build(ctx, args[1:], stdout, stderr)
	case "new":
		return newSite(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, versionString())
		return exitOK
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "serve", "check":
		fmt.Fprintf(stderr, "noticegen %s: not available in this version yet\n", args[0])
		return exitUsage
	}
	fmt.Fprintf(stderr, "noticegen: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

func build(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("noticegen build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("s", ".", "site `folder` to build")
	dest := fl.String("d", "", "destination `folder` (default: publishDir of site.toml, else public, inside the site folder)")
	baseURL := fl.String("baseURL", "", "`URL` the site is published at, replacing site.toml's baseURL")
	noMinify := fl.Bool("no-minify", false, "write HTML, CSS and XML without minifying")
	strict := fl.Bool("strict", false, "treat warnings (such as missing translations) as errors")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "noticegen build: unexpected argument %q; the site folder is given with -s\n", fl.Arg(0))
		return exitUsage
	}
	if info, err := os.Stat(*src); err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "noticegen build: site folder %s not found; expected a folder with site.toml (-s DIR)\n", *src)
		return exitUsage
	}

	opts := generator.Options{Builtin: noticegen.Example, BaseURL: *baseURL, Strict: *strict}
	if *noMinify {
		off := false
		opts.Minify = &off
	}
	res := generator.Build(ctx, os.DirFS(*src), opts)
	printDiags(stderr, res.Diags)

	out := *dest
	if out == "" {
		out = filepath.Join(*src, "public")
		if pd := res.Site.Config.PublishDir; pd != "" {
			out = filepath.Join(*src, filepath.FromSlash(pd))
		}
	}
	if res.Diags.HasErrors() {
		fmt.Fprintf(stderr, "build failed: %s, %s; %s left as it was\n", plural(res.Diags.Count(diag.Error), "error"), plural(res.Diags.Count(diag.Warning), "warning"), out)
		return exitContent
	}
	if err := generator.CheckDest(*src, out); err != nil {
		fmt.Fprintf(stderr, "noticegen build: %v\n", err)
		return exitUsage
	}
	if err := generator.Write(ctx, res, out); err != nil {
		fmt.Fprintf(stderr, "noticegen build: writing %s: %v; %s left as it was\n", out, err, out)
		return exitContent
	}
	printSummary(stdout, res, out)
	return exitOK
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func printDiags(w io.Writer, diags diag.List) {
	for _, d := range diags {
		fmt.Fprintln(w, d.String())
	}
}

// printSummary prints the one-screen report: pages per language, what the
// site is made of, warnings and time.
func printSummary(w io.Writer, res *generator.Result, out string) {
	st := res.Stats
	fmt.Fprintf(w, "Built %s into %s in %d ms\n", res.Site.Config.Title.Get(res.Site.Config.DefaultLanguage, ""), out, st.Duration.Milliseconds())
	var langs []string
	for _, l := range st.Languages {
		langs = append(langs, fmt.Sprintf("%s %d", l, st.PagesBy[l]))
	}
	fmt.Fprintf(w, "  notice pages  %s\n", strings.Join(langs, ", "))
	fmt.Fprintf(w, "  entities      %d\n  notices       %d\n  sections      %d\n  files         %d\n", st.Entities, st.Notices, st.Sections, st.Files)
	fmt.Fprintf(w, "  warnings      %d\n", res.Diags.Count(diag.Warning))
}

func newSite(args []string, stdout, stderr io.Writer) int {
	if len(args) != 2 || args[0] != "site" {
		fmt.Fprint(stderr, "usage: noticegen new site DIR\n")
		return exitUsage
	}
	dir := args[1]
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		fmt.Fprintf(stderr, "noticegen new site: %s exists and is not empty; expected a new or empty folder\n", dir)
		return exitUsage
	}
	err := fs.WalkDir(noticegen.Example, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "." && p != site.ConfigFile && !strings.HasPrefix(p, "content") {
			return fs.SkipDir // layouts and i18n are built in
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := fs.ReadFile(noticegen.Example, p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		fmt.Fprintf(stderr, "noticegen new site: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "Created a new site in %s. Next:\n  cd %s\n  noticegen build\n", dir, dir)
	return exitOK
}

func versionString() string {
	v, rev := version, ""
	if info, ok := debug.ReadBuildInfo(); ok {
		if v == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = s.Value[:12]
			}
		}
	}
	if v == "" {
		v = "devel"
	}
	if rev != "" {
		v += " " + rev
	}
	return fmt.Sprintf("noticegen %s %s %s/%s", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
