package generator

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/records"
	"github.com/noticegen/noticegen/generator/site"
)

// RecordsResult is what Records made: the records, or the site's problems.
type RecordsResult struct {
	Site    *site.Site
	Records *records.Records
	Diags   diag.List
	// LangErr is set when lang is not one of the site's languages: a
	// usage error, not the site's.
	LangErr error
}

// Records loads and validates the site in src as build does and makes the
// records of processing of its entities in lang (the default language
// when empty). It writes nothing and makes no records when the site has
// errors.
func Records(ctx context.Context, src fs.FS, opts Options, lang string) *RecordsResult {
	b := &build{ctx: ctx, src: src, opts: opts, res: &Result{}}
	out := &RecordsResult{}
	ok := b.load() && b.validate()
	out.Site, out.Diags = b.site, b.res.Diags
	if !ok || out.Diags.HasErrors() || ctx.Err() != nil {
		return out
	}
	s := b.site
	if lang == "" {
		lang = s.Config.DefaultLanguage
	}
	if !slices.Contains(s.Config.Languages, lang) {
		out.LangErr = fmt.Errorf("unknown --lang %q; the site's languages are %s", lang, strings.Join(s.Config.Languages, ", "))
		return out
	}
	r, diags := records.Make(s, b.cat, compose.Site(s), lang)
	out.Diags.Add(diags...)
	if !out.Diags.HasErrors() {
		out.Records = r
	}
	return out
}
