package generator

import (
	"context"
	"io/fs"

	"github.com/noticegen/noticegen/generator/check"
	"github.com/noticegen/noticegen/generator/compose"
)

// Check runs the build in memory and then the GDPR Art. 13 and translation
// rules of package check on the composed notices. It writes nothing. The
// result's Diags hold the build's problems and the rules' findings; when
// ctx ends first, Cancelled is set and Diags are empty, as in Build.
func Check(ctx context.Context, src fs.FS, opts Options) *Result {
	off := false
	opts.Minify = &off
	strict := opts.Strict
	opts.Strict = false
	res := Build(ctx, src, opts)
	if res.Site == nil || res.Cancelled != nil {
		return res
	}
	pages := res.Pages
	if pages == nil {
		pages = compose.Site(res.Site)
	}
	res.Pages = pages
	res.Diags = check.Acknowledge(res.Site, res.Diags, check.Run(res.Site, pages, check.Options{Now: opts.Now, Files: res.Files}))
	if err := ctx.Err(); err != nil {
		res.Cancelled, res.Diags = err, nil
		return res
	}
	if strict {
		res.Diags = res.Diags.Strict()
	}
	res.Diags = res.Diags.Sorted()
	res.Files = nil
	return res
}
