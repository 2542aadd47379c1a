package site

import (
	"errors"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

func (l *loader) loadConfig() {
	b, ok := l.read(ConfigFile)
	if !ok {
		if _, err := fs.Stat(l.fsys, ConfigFile); errors.Is(err, fs.ErrNotExist) {
			l.diags = l.diags[:len(l.diags)-1]
			l.diags.Errorf(ConfigFile, 0, 0, "not found; expected a site folder with site.toml (noticegen new site DIR writes a starter site)")
		}
		return
	}
	src := Source{Path: ConfigFile, Text: b}
	l.site.Source = src
	cfg := &l.site.Config
	if !l.decode(src, cfg) {
		return
	}
	if cfg.DefaultLanguage == "" {
		cfg.DefaultLanguage = "en"
	}
	if len(cfg.Languages) == 0 {
		cfg.Languages = []string{cfg.DefaultLanguage}
	}
	seen := map[string]int{}
	for _, lang := range cfg.Languages {
		seen[lang]++
		if err := CheckLang(lang); err != nil {
			line, col := src.ValuePosN(seen[lang], lang, "languages")
			l.diags.Errorf(src.Path, line, col, "%v", err)
		}
		if seen[lang] == 2 {
			line, col := src.ValuePosN(2, lang, "languages")
			l.diags.Errorf(src.Path, line, col, "language %q is listed twice; expected each language once", lang)
		}
	}
	if seen[cfg.DefaultLanguage] == 0 {
		line, col := src.KeyPos("defaultLanguage")
		l.diags.Errorf(src.Path, line, col, "defaultLanguage %q is not in languages %q; expected one of them", cfg.DefaultLanguage, cfg.Languages)
	}
	// A code that is no language tag makes no pages: kept, its one error
	// would come back as a warning for every section and message that has
	// no file in it.
	cfg.Languages = slices.DeleteFunc(cfg.Languages, func(lang string) bool { return CheckLang(lang) != nil })
	if cfg.BaseURL == "" {
		l.diags.Errorf(src.Path, 1, 0, "baseURL is missing; expected the address the site is published at, e.g. baseURL = \"https://privacy.example.com/\"")
	} else if err := CheckBaseURL(cfg.BaseURL); err != nil {
		line, col := src.KeyPos("baseURL")
		l.diags.Errorf(src.Path, line, col, "%v", err)
	} else if !strings.HasSuffix(cfg.BaseURL, "/") {
		cfg.BaseURL += "/"
	}
	if cfg.PublishDir != "" && (path.IsAbs(cfg.PublishDir) || strings.HasPrefix(path.Clean(cfg.PublishDir), "..")) {
		line, col := src.KeyPos("publishDir")
		l.diags.Errorf(src.Path, line, col, "publishDir %q leaves the site folder; expected a folder inside it, e.g. \"public\" (use -d for another place)", cfg.PublishDir)
	}
	l.checkKeep(src, cfg)
	l.checkAcknowledge(src, cfg.Acknowledge)
	l.checkLocalizedLangs(src, reflect.ValueOf(cfg).Elem(), nil)
	// The chooser and overview pages have no other title or heading.
	l.requireText(src, cfg.Title, []string{"title"}, `the site's name, e.g. title = "Nordlicht Group Privacy Center"`)
}

// requireText reports a required localized text that is absent, or blank
// in the default language: the file's first line (or the table's) when
// the key is absent, the key when it is there but empty. want says what is
// expected. A table without the default language at all is reported by
// checkLocalizedLangs, with what to add.
func (l *loader) requireText(src Source, v Localized, key []string, want string) {
	def := l.site.Config.DefaultLanguage
	if !missingText(v, def) {
		return
	}
	name := strings.Join(key, ".")
	if v == nil {
		line, col := 1, 0
		if len(key) > 1 {
			line, col = src.KeyPos(key[:len(key)-1]...)
		}
		l.diags.Errorf(src.Path, line, col, "%s is missing; expected %s", name, want)
		return
	}
	line, col := src.KeyPos(key...)
	l.diags.Errorf(src.Path, line, col, "%s is empty in %s, the default language; expected %s", name, def, want)
}

// checkKeep defaults keep to [".git"] and refuses an entry that is not a
// plain name directly in the destination: a path ("a/b", "..") could name
// something outside it, or half of the build's own output.
func (l *loader) checkKeep(src Source, cfg *Config) {
	if cfg.Keep == nil {
		cfg.Keep = []string{".git"}
		return
	}
	seen := map[string]int{}
	for _, k := range cfg.Keep {
		seen[k]++
		line, col := src.ValuePosN(seen[k], k, "keep")
		switch {
		case k == "" || k == "." || k == ".." || strings.ContainsAny(k, `/\`) || strings.ContainsFunc(k, func(r rune) bool { return !strconv.IsPrint(r) }):
			l.diags.Errorf(src.Path, line, col, "keep entry %s is not a plain name; expected the name of a file or folder directly in the destination, such as \".git\"", strconv.Quote(k))
		case seen[k] == 2:
			l.diags.Errorf(src.Path, line, col, "keep entry %s is listed twice; expected each name once", strconv.Quote(k))
		}
	}
}

// checkLocalizedLangs reports language tables naming a language that the
// site does not publish: almost always a typo ("dee") that would otherwise
// silently fall back.
func (l *loader) checkLocalizedLangs(src Source, v reflect.Value, key []string) {
	langs := l.site.Config.Languages
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			l.checkLocalizedLangs(src, v.Elem(), key)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			tag := v.Type().Field(i).Tag.Get("toml")
			if tag != "" && tag != "-" {
				l.checkLocalizedLangs(src, v.Field(i), append(slices.Clip(key), tag))
			}
		}
	case reflect.Slice:
		// []Localized, and arrays of tables such as [[jointControllers]]
		for i := range v.Len() {
			l.checkLocalizedLangs(src, v.Index(i), key)
		}
	case reflect.Map:
		if loc, ok := v.Interface().(Localized); ok {
			for _, lang := range loc.Langs() {
				if len(langs) > 0 && !slices.Contains(langs, lang) {
					line, col := src.KeyPos(append(slices.Clip(key), lang)...)
					l.diags.Errorf(src.Path, line, col, "language %q is not in site.toml languages %q; expected one of them, or the language added there", lang, langs)
				}
			}
			// Every other language falls back to the default one, so a
			// table without it leaves an empty place on those pages.
			if def := l.site.Config.DefaultLanguage; slices.Contains(langs, def) && len(loc) > 0 && !loc.Has(def) {
				line, col := src.KeyPos(key...)
				l.diags.Errorf(src.Path, line, col, "key %s has no %q text, so %s pages would show nothing there; expected %s = \"…\" in the table too, since %s is the default language", keyName(key), def, def, def, def)
			}
			return
		}
		for _, k := range v.MapKeys() {
			l.checkLocalizedLangs(src, v.MapIndex(k), append(slices.Clip(key), k.String()))
		}
	}
}
