package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/generator"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/publish"
	"github.com/noticegen/noticegen/generator/records"
)

// recordsCmd writes the records of processing (docs/records.md) into a
// folder of their own, claimed as build claims its destination.
func recordsCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("noticegen records", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("s", ".", "site `folder` to read")
	dest := fl.String("d", "", "destination `folder` (default: records inside the site folder)")
	format := fl.String("format", "csv", "output `format`: csv, xlsx or json")
	lang := fl.String("lang", "", "`language` of the records (default: the site's defaultLanguage)")
	force := fl.Bool("force", false, "replace a destination folder that holds files noticegen did not write")
	if code, done := parseSite(fl, args, src, stderr); done {
		return code
	}
	if !slices.Contains(records.Formats, *format) {
		fmt.Fprintf(stderr, "noticegen records: unknown --format %q; expected csv, xlsx or json\n", *format)
		return exitUsage
	}
	out := *dest
	if out == "" {
		out = filepath.Join(*src, "records")
	}
	if err := generator.CheckDest(*src, out); err != nil {
		fmt.Fprintf(stderr, "noticegen records: %v\n", err)
		return exitUsage
	}
	root, err := os.OpenRoot(*src)
	if err != nil {
		fmt.Fprintf(stderr, "noticegen records: cannot open site folder %s: %v\n", *src, err)
		return exitUsage
	}
	defer root.Close()
	res := generator.Records(ctx, root.FS(), generator.Options{Builtin: noticegen.Example}, *lang)
	if ctx.Err() != nil {
		fmt.Fprintf(stderr, "noticegen records: interrupted; %s left as it was\n", out)
		return interruptCode(ctx)
	}
	printDiags(stderr, res.Diags)
	if res.LangErr != nil {
		fmt.Fprintf(stderr, "noticegen records: %v\n", res.LangErr)
		return exitUsage
	}
	if res.Records == nil {
		fmt.Fprintf(stderr, "records failed: %s, %s; %s left as it was\n", plural(res.Diags.Count(diag.Error), "error"), plural(res.Diags.Count(diag.Warning), "warning"), out)
		return exitContent
	}
	files, err := records.Files(res.Records, *format)
	if err != nil {
		fmt.Fprintf(stderr, "noticegen records: %v\n", err)
		return exitContent
	}
	names := slices.Sorted(maps.Keys(files))
	st, err := publish.NewStage(ctx, out, publish.Options{Names: names, Force: *force})
	if err != nil {
		fmt.Fprintf(stderr, "noticegen records: %v\n", err)
		var refused *publish.RefusedError
		if errors.As(err, &refused) {
			return exitUsage
		}
		return exitContent
	}
	for _, name := range names {
		if err := st.Put(name, files[name]); err != nil {
			st.Abort()
			fmt.Fprintf(stderr, "noticegen records: writing %s: %v; %s left as it was\n", out, err, out)
			return exitContent
		}
	}
	if err := st.Commit(); err != nil {
		fmt.Fprintf(stderr, "noticegen records: writing %s: %v; %s left as it was\n", out, err, out)
		return exitContent
	}
	n := 0
	for _, e := range res.Records.Entities {
		n += len(e.Activities)
	}
	fmt.Fprintf(stdout, "records (%s, %s): %s, %s, %s written to %s\n", *format, res.Records.Lang,
		count(len(res.Records.Entities), "entity", "entities"), count(n, "activity", "activities"), plural(len(names), "file"), out)
	return exitOK
}

// count says n of a noun whose plural is not plural's noun+"s".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
