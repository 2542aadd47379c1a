package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/BurntSushi/toml"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/site"
)

// newI18n writes i18n/LANG.toml into the site folder: every message id
// with the default language's text as a guide. Like new site, it never
// overwrites a file.
func newI18n(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("noticegen new i18n", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("s", ".", "site `folder` to write i18n/LANG.toml into")
	fl.Usage = func() {
		fmt.Fprint(stderr, "usage: noticegen new i18n [-s DIR] LANG\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	// The language may come before the flags too: new i18n fr -s mysite.
	rest := fl.Args()
	if len(rest) > 0 {
		if err := fl.Parse(rest[1:]); err != nil {
			return exitUsage
		}
		rest = append([]string{rest[0]}, fl.Args()...)
	}
	if len(rest) != 1 {
		fmt.Fprint(stderr, "usage: noticegen new i18n [-s DIR] LANG; expected one language code, such as fr\n")
		return exitUsage
	}
	lang := rest[0]
	if err := site.CheckLang(lang); err != nil {
		fmt.Fprintf(stderr, "noticegen new i18n: %v\n", err)
		return exitUsage
	}
	cfgPath := filepath.Join(*src, site.ConfigFile)
	cfgText, err := os.ReadFile(cfgPath)
	if err != nil {
		fmt.Fprintf(stderr, "noticegen new i18n: %s has no readable %s; expected a site folder (-s DIR), or a new one from noticegen new site DIR\n", *src, site.ConfigFile)
		return exitUsage
	}
	var cfg struct {
		DefaultLanguage string `toml:"defaultLanguage"`
	}
	if _, err := toml.Decode(string(cfgText), &cfg); err != nil {
		fmt.Fprintf(stderr, "noticegen new i18n: %s: %v; expected the site's TOML settings (noticegen check says more)\n", cfgPath, err)
		return exitContent
	}
	guide := cfg.DefaultLanguage
	if guide == "" || site.CheckLang(guide) != nil {
		guide = "en"
	}
	target := filepath.Join(*src, site.I18nDir, lang+".toml")
	if _, err := os.Lstat(target); err == nil {
		fmt.Fprintf(stderr, "noticegen new i18n: %s exists; expected a language without a message file (edit the file, or remove it to start again)\n", target)
		return exitUsage
	}
	return writeI18n(target, lang, guide, stdout, stderr)
}

// writeI18n writes the skeleton of lang, guided by guide's texts (the
// site's own i18n/<guide>.toml over the built-in ones), to target.
func writeI18n(target, lang, guide string, stdout, stderr io.Writer) int {
	dir := filepath.Dir(target)
	own, err := os.ReadFile(filepath.Join(dir, guide+".toml"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stderr, "noticegen new i18n: %v\n", err)
		return exitContent
	}
	builtin, _ := fs.Sub(noticegen.Example, site.I18nDir)
	b, err := locale.Skeleton(builtin, own, lang, guide)
	if err != nil {
		fmt.Fprintf(stderr, "noticegen new i18n: %v\n", err)
		return exitContent
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "noticegen new i18n: %v\n", err)
		return exitContent
	}
	if err := createFile(target, b); err != nil {
		fmt.Fprintf(stderr, "noticegen new i18n: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "Created %s with the %s texts as a guide. Next: translate its values, and list %q in site.toml languages.\n", target, guide, lang)
	return exitOK
}
