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
	"time"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/generator"
	"github.com/noticegen/noticegen/generator/check"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/release"
	"github.com/noticegen/noticegen/generator/serve"
	"github.com/noticegen/noticegen/generator/site"
	pagestate "github.com/noticegen/noticegen/generator/snapshot"
)

// Exit codes, as the user-facing contract fixes them.
const (
	exitOK      = 0
	exitContent = 1 // the site has errors (or warnings under --strict)
	exitUsage   = 2 // the command line is wrong
	// exitInterrupted is 128 + SIGINT, as a shell reports a command that
	// Ctrl-C ended; a SIGTERM gives 128 + 15 (see interruptCode).
	exitInterrupted = 130
)

// version is set at release time with -ldflags "-X main.version=v1.2.3".
var version = ""

const usage = `noticegen builds the privacy notices of a group of companies into a static site.

Usage:
  noticegen build  [-s DIR] [-d DIR] [--baseURL URL] [--no-minify] [--strict] [--force]
  noticegen serve  [-s DIR] [--bind 127.0.0.1] [--port 1313] [--allowed-hosts a,b]
  noticegen check  [-s DIR] [--format text|json|sarif] [--strict]
  noticegen records [-s DIR] [-d DIR] [--format csv|xlsx|json] [--lang L] [--force]
  noticegen release [-s DIR] [--date YYYY-MM-DD] [--effective YYYY-MM-DD]
  noticegen new site DIR
  noticegen new i18n [-s DIR] LANG
  noticegen version

Run "noticegen COMMAND -h" for the flags of a command.
`

func main() { os.Exit(runMain()) }

// buildGCPercent is the garbage collector's target (GOGC) for every command
// but serve, unless GOGC is set: the heap may grow to four times what is
// live, tens of megabytes for a build of thousands of pages.
const buildGCPercent = 300

// runMain runs the command line of this process: the first Ctrl-C (or
// SIGTERM) cancels the context, and the command ends cleanly with one line
// and exit code 128 + the signal's number. The signal's default comes back
// then, so a second Ctrl-C ends a clean-up that takes too long at once.
func runMain() int {
	if os.Getenv("GOGC") == "" && (len(os.Args) < 2 || os.Args[1] != "serve") {
		// A build allocates hundreds of megabytes that are dead once
		// their page is written, while little stays live: at the default
		// target (100) the collector ran every few pages and took a seventh
		// of a build's user time. serve keeps its whole site in memory, so
		// it stays at the default.
		debug.SetGCPercent(buildGCPercent)
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		sig := <-sigs
		signal.Stop(sigs)
		cancel(signalled{sig})
	}()
	return run(ctx, os.Args[1:], os.Stdout, os.Stderr)
}

// signalled is the cause of a context a signal cancelled.
type signalled struct{ sig os.Signal }

func (s signalled) Error() string { return "interrupted by " + s.sig.String() }

// interruptCode is the exit code of a command ctx interrupted: 128 + the
// signal's number as shells report it, 130 (Ctrl-C) when no signal did.
func interruptCode(ctx context.Context) int {
	var s signalled
	if errors.As(context.Cause(ctx), &s) {
		if n, ok := s.sig.(syscall.Signal); ok {
			return 128 + int(n)
		}
	}
	return exitInterrupted
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	// Paths, titles and messages printed below hold values from the site
	// and the command line; none may reach the terminal as a control
	// sequence, whichever message prints it.
	stdout, stderr = diag.TerminalWriter(stdout), diag.TerminalWriter(stderr)
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
	case "serve":
		return serveSite(ctx, args[1:], stdout, stderr)
	case "check":
		return checkSite(ctx, args[1:], stdout, stderr)
	case "records":
		return recordsCmd(ctx, args[1:], stdout, stderr)
	case "release":
		return releaseSite(ctx, args[1:], stdout, stderr, time.Now)
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
	force := fl.Bool("force", false, "replace a destination folder that holds files noticegen did not write (site.toml keep entries survive)")
	if code, done := parseSite(fl, args, src, stderr); done {
		return code
	}
	// Lstat: a site.toml that is a link, even a broken one, is there; the
	// loader refuses it with a message that says why.
	if _, err := os.Lstat(filepath.Join(*src, site.ConfigFile)); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stderr, "noticegen build: %s has no %s; expected a site folder (-s DIR), or a new one from noticegen new site DIR\n", *src, site.ConfigFile)
		return exitUsage
	}
	if *baseURL != "" {
		if err := site.CheckBaseURL(*baseURL); err != nil {
			fmt.Fprintf(stderr, "noticegen build: --baseURL: %v\n", err)
			return exitUsage
		}
	}

	opts := generator.Options{Builtin: noticegen.Example, BaseURL: *baseURL, Strict: *strict, Force: *force}
	if *noMinify {
		off := false
		opts.Minify = &off
	}
	// The site is read through an os.Root, not os.DirFS: the loader
	// refuses the links it meets in content/, static/ and site.toml, and
	// the root makes sure that nothing else read from the site (layouts/),
	// nor a file swapped for a link during the build, is read from outside.
	root, err := os.OpenRoot(*src)
	if err != nil {
		fmt.Fprintf(stderr, "noticegen build: cannot open site folder %s: %v\n", *src, err)
		return exitUsage
	}
	defer root.Close()
	// The destination is known once site.toml is read (publishDir); the
	// build writes pages into a staging folder beside it as it renders
	// them and swaps the folder in when every page is done.
	outFor := func(s *site.Site) string {
		if *dest != "" {
			return *dest
		}
		if pd := s.Config.PublishDir; pd != "" {
			return filepath.Join(*src, filepath.FromSlash(pd))
		}
		return filepath.Join(*src, "public")
	}
	opts.Dest = func(s *site.Site) (string, error) {
		out := outFor(s)
		if err := generator.CheckDest(*src, out); err != nil {
			return "", err
		}
		if *dest == "" && s.Config.PublishDir != "" {
			// The site names this folder, not the user: it stays in the
			// site whatever links the site holds. (The default public
			// can only be a link itself, which CheckDest refuses.)
			name := fmt.Sprintf("%s's publishDir %q", site.ConfigFile, s.Config.PublishDir)
			if err := generator.CheckInside(*src, out, name); err != nil {
				return "", err
			}
		}
		return out, nil
	}
	res := generator.Build(ctx, root.FS(), opts)
	out := outFor(res.Site)
	if res.Cancelled != nil {
		fmt.Fprintf(stderr, "noticegen build: interrupted; %s left as it was\n", out)
		return interruptCode(ctx)
	}
	printDiags(stderr, res.Diags)
	switch {
	case res.DestErr != nil:
		fmt.Fprintf(stderr, "noticegen build: %v\n", res.DestErr)
		return exitUsage
	case res.WriteErr != nil:
		fmt.Fprintf(stderr, "noticegen build: writing %s: %v; %s left as it was\n", out, res.WriteErr, out)
		return exitContent
	case res.Diags.HasErrors():
		fmt.Fprintf(stderr, "build failed: %s, %s; %s left as it was\n", plural(res.Diags.Count(diag.Error), "error"), plural(res.Diags.Count(diag.Warning), "warning"), out)
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

func serveSite(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("noticegen serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("s", ".", "site `folder` to preview")
	bind := fl.String("bind", "127.0.0.1", "`address` to listen on; the preview is for this machine only unless you change it")
	port := fl.Int("port", 1313, "`port` to listen on; 0 picks a free one")
	hosts := fl.String("allowed-hosts", "", "comma-separated `names` accepted in the Host header besides localhost and the bind address")
	if code, done := parseSite(fl, args, src, stderr); done {
		return code
	}
	var allowed []string
	for _, h := range strings.Split(*hosts, ",") {
		if h = strings.TrimSpace(h); h != "" {
			allowed = append(allowed, h)
		}
	}
	err := serve.Run(ctx, serve.Options{
		Root: *src, Builtin: noticegen.Example, Bind: *bind, Port: *port, AllowedHosts: allowed, Log: stdout,
	})
	if err != nil {
		fmt.Fprintf(stderr, "noticegen serve: %v\n", err)
		return exitUsage
	}
	return exitOK
}

func checkSite(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("noticegen check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("s", ".", "site `folder` to check")
	format := fl.String("format", "text", "output `format`: text, json or sarif")
	strict := fl.Bool("strict", false, "fail (exit 1) on warnings too")
	if code, done := parseSite(fl, args, src, stderr); done {
		return code
	}
	if *format != "text" && *format != "json" && *format != "sarif" {
		fmt.Fprintf(stderr, "noticegen check: unknown --format %q; expected text, json or sarif\n", *format)
		return exitUsage
	}
	root, err := os.OpenRoot(*src)
	if err != nil {
		fmt.Fprintf(stderr, "noticegen check: cannot open site folder %s: %v\n", *src, err)
		return exitUsage
	}
	defer root.Close()
	res := generator.Check(ctx, root.FS(), generator.Options{Builtin: noticegen.Example, Strict: *strict})
	if res.Cancelled != nil {
		fmt.Fprintln(stderr, "noticegen check: interrupted")
		return interruptCode(ctx)
	}
	switch *format {
	case "json":
		err = check.WriteJSON(stdout, res.Diags)
	case "sarif":
		err = check.WriteSARIF(stdout, res.Diags, versionString())
	default:
		err = check.WriteText(stdout, res.Diags)
		if err == nil {
			acked := ""
			if n := res.Diags.Acknowledgements(); n > 0 {
				acked = fmt.Sprintf(", %d acknowledged", n)
			}
			fmt.Fprintf(stderr, "checked %d notice pages: %s, %s%s\n", len(res.Pages), plural(res.Diags.Count(diag.Error), "error"), plural(res.Diags.Count(diag.Warning), "warning"), acked)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "noticegen check: %v\n", err)
		return exitContent
	}
	if res.Diags.HasErrors() {
		return exitContent
	}
	return exitOK
}

// releaseSite records a new version of every notice page that changed
// since its latest release (package release).
func releaseSite(ctx context.Context, args []string, stdout, stderr io.Writer, now func() time.Time) int {
	fl := flag.NewFlagSet("noticegen release", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("s", ".", "site `folder` to release")
	dateText := fl.String("date", "", "release `date` YYYY-MM-DD (default: today, UTC)")
	effText := fl.String("effective", "", "`date` YYYY-MM-DD a material change applies from, when announced in advance (default: the release date)")
	if code, done := parseSite(fl, args, src, stderr); done {
		return code
	}
	today := now().UTC()
	date := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	if *dateText != "" {
		d, err := time.Parse(site.DateLayout, *dateText)
		if err != nil {
			fmt.Fprintf(stderr, "noticegen release: --date %s is not a date; expected YYYY-MM-DD\n", diag.Quote(*dateText))
			return exitUsage
		}
		date = d
	}
	var effective time.Time
	if *effText != "" {
		d, err := time.Parse(site.DateLayout, *effText)
		if err != nil {
			fmt.Fprintf(stderr, "noticegen release: --effective %s is not a date; expected YYYY-MM-DD\n", diag.Quote(*effText))
			return exitUsage
		}
		if d.Before(date) {
			fmt.Fprintf(stderr, "noticegen release: --effective %s is before the release date %s; expected the day the change applies, on or after its release\n", *effText, date.Format(site.DateLayout))
			return exitUsage
		}
		effective = d
	}
	root, err := os.OpenRoot(*src)
	if err != nil {
		fmt.Fprintf(stderr, "noticegen release: cannot open site folder %s: %v\n", *src, err)
		return exitUsage
	}
	defer root.Close()
	res, err := release.Plan(ctx, root.FS(), release.Options{Builtin: noticegen.Example, Date: date, Effective: effective})
	if res.Cancelled != nil {
		fmt.Fprintln(stderr, "noticegen release: interrupted")
		return interruptCode(ctx)
	}
	if res.Diags.HasErrors() {
		printDiags(stderr, res.Diags.Sorted())
		fmt.Fprintf(stderr, "noticegen release: the site has %s; nothing recorded\n", plural(res.Diags.Count(diag.Error), "error"))
		return exitContent
	}
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(stderr, "noticegen release: %s\n", line)
		}
		fmt.Fprintln(stderr, "noticegen release: nothing recorded")
		return exitContent
	}
	if len(res.Versions) == 0 {
		fmt.Fprintln(stdout, "no notice changed since its latest release")
		return exitOK
	}
	if err := release.Record(*src, res.Versions); err != nil {
		fmt.Fprintf(stderr, "noticegen release: %v\n", err)
		return exitContent
	}
	counts := map[string]int{}
	for _, pl := range res.Versions {
		v := pl.Version
		counts[v.Class]++
		line := pl.Path + "  " + v.Class
		if len(v.Changes) > 0 {
			line += ": " + pagestate.Describe(v.Changes)
		}
		if !v.Effective.Equal(v.Date) {
			line += " (effective " + v.Effective.Format(site.DateLayout) + ")"
		}
		fmt.Fprintln(stdout, line)
	}
	fmt.Fprintf(stdout, "recorded %s of %d notice pages (%d first, %d material, %d editorial) on %s\n",
		plural(len(res.Versions), "version"), res.Pages, counts["first"], counts["material"], counts["editorial"], date.Format(site.DateLayout))
	return exitOK
}

// parseSite parses a site command's flags and checks its site folder (-s),
// the part build, serve and check share. done reports that the command ends
// here with code: after -h, on a usage error, or when the folder is missing.
func parseSite(fl *flag.FlagSet, args []string, src *string, stderr io.Writer) (code int, done bool) {
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, true
		}
		return exitUsage, true
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q; the site folder is given with -s\n", fl.Name(), fl.Arg(0))
		return exitUsage, true
	}
	if info, err := os.Stat(*src); err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "%s: site folder %s not found; expected a folder with site.toml (-s DIR)\n", fl.Name(), *src)
		return exitUsage, true
	}
	return exitOK, false
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
	fmt.Fprintf(w, "  entities      %d\n  notices       %d\n  sections      %d\n", st.Entities, st.Notices, st.Sections)
	if st.Unchanged > 0 {
		// Unchanged files are linked from the previous build, not written.
		fmt.Fprintf(w, "  files         %d (%d unchanged)\n", st.Files, st.Unchanged)
	} else {
		fmt.Fprintf(w, "  files         %d\n", st.Files)
	}
	fmt.Fprintf(w, "  warnings      %d\n", res.Diags.Count(diag.Warning))
}

func newSite(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "i18n" {
		return newI18n(args[1:], stdout, stderr)
	}
	if len(args) != 2 || args[0] != "site" {
		fmt.Fprint(stderr, "usage: noticegen new site DIR\n       noticegen new i18n [-s DIR] LANG\n")
		return exitUsage
	}
	dir := args[1]
	if msg := currentFolder(dir); msg != "" {
		fmt.Fprintf(stderr, "noticegen new site: %s; expected the name of a new folder, such as mysite\n", msg)
		return exitUsage
	}
	if msg := notNewFolder(dir); msg != "" {
		fmt.Fprintf(stderr, "noticegen new site: %s; expected a new or empty folder\n", msg)
		return exitUsage
	}
	err := fs.WalkDir(noticegen.Example, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "." && p != site.ConfigFile && !strings.HasPrefix(p, "content") {
			return fs.SkipDir // layouts and i18n are built in
		}
		if p == site.VersionsDir {
			return fs.SkipDir // the example's history is not the new site's: it starts without releases
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := fs.ReadFile(noticegen.Example, p)
		if err != nil {
			return err
		}
		return createFile(target, b)
	})
	if err != nil {
		fmt.Fprintf(stderr, "noticegen new site: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "Created a new site in %s. Next:\n  cd %s\n  noticegen build\nTo add a language, list it in site.toml languages and run noticegen new i18n <lang>.\n", dir, dir)
	return exitOK
}

// currentFolder says why dir cannot be a new site's folder when it names
// the current one ("", ".", "./", "a/..", its absolute path): the starter
// site would be written among whatever is there. "" means it can be.
func currentFolder(dir string) string {
	if dir == "" {
		return "the folder name is empty"
	}
	if filepath.Clean(dir) == "." {
		return fmt.Sprintf("%s is the current folder", dir)
	}
	wd, err1 := os.Getwd()
	abs, err2 := filepath.Abs(dir)
	if err1 == nil && err2 == nil {
		if w, err := filepath.EvalSymlinks(wd); err == nil {
			wd = w
		}
		if a, err := filepath.EvalSymlinks(abs); err == nil {
			abs = a
		}
		if abs == wd {
			return fmt.Sprintf("%s is the current folder", dir)
		}
	}
	return ""
}

// notNewFolder says why dir cannot take a new site: it is a file, a
// folder with something in it, a link that leads nowhere, or a path
// through a file. "" means it can (it is absent, or an empty folder).
func notNewFolder(dir string) string {
	if _, err := os.Lstat(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return ""
		}
		return fmt.Sprintf("%s cannot be a folder: %v", dir, errors.Unwrap(err))
	}
	info, err := os.Stat(dir)
	switch {
	case err != nil:
		return fmt.Sprintf("%s is a link that leads nowhere (%v)", dir, errors.Unwrap(err))
	case !info.IsDir():
		return fmt.Sprintf("%s exists and is a file", dir)
	}
	entries, err := os.ReadDir(dir)
	switch {
	case err != nil:
		return fmt.Sprintf("%s cannot be read: %v", dir, errors.Unwrap(err))
	case len(entries) > 0:
		return fmt.Sprintf("%s exists and is not empty", dir)
	}
	return ""
}

// createFile writes a new file and fails if one is already there, even
// one created since the folder was found empty: new site never
// overwrites.
func createFile(name string, b []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
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
