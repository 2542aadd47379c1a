package site

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/noticegen/noticegen/generator/vocab"
)

// loadProviders reads content/providers/, which a site without providers
// does not have.
func (l *loader) loadProviders() {
	l.loadTOMLFiles(ProvidersDir, false, func(id, p string, b []byte) (any, bool) {
		pr := &Provider{ID: id, Source: Source{Path: p, Text: b}}
		md, ok := l.decodeMeta(pr.Source, pr)
		if !ok {
			return nil, false
		}
		l.checkLocalizedLangs(pr.Source, reflect.ValueOf(pr).Elem(), nil)
		l.checkProvider(pr, md.IsDefined("role"))
		return pr, true
	}, func(v any) { l.site.Providers = append(l.site.Providers, v.(*Provider)) })
	slices.SortFunc(l.site.Providers, func(a, b *Provider) int { return strings.Compare(a.ID, b.ID) })
}

func (l *loader) checkProvider(pr *Provider, hasRole bool) {
	src := pr.Source
	l.requireText(src, pr.Name, []string{"name"}, `the provider's legal name, e.g. name = "Example Hosting GmbH"`)
	roles := strings.Join(vocab.Roles(), ", ")
	switch {
	case !hasRole:
		l.diags.Errorf(src.Path, 1, 0, "role is missing; expected one of %s, e.g. role = %q", roles, vocab.RoleProcessor)
	case !slices.Contains(vocab.Roles(), pr.Role):
		line, col := src.ValuePos(pr.Role, "role")
		l.diags.Errorf(src.Path, line, col, "unknown role %s; expected one of %s", quote(pr.Role), roles)
	}
	l.checkURL(src, pr.Website, "website")
	for _, lang := range slices.Sorted(maps.Keys(pr.PrivacyPolicy)) {
		if lang == "" {
			l.checkURL(src, pr.PrivacyPolicy[lang], "privacyPolicy")
		} else {
			l.checkURL(src, pr.PrivacyPolicy[lang], "privacyPolicy", lang)
		}
	}
	if d := pr.DPF; d != nil {
		l.checkURL(src, d.URL, "dpf", "url")
		if d.Checked.IsZero() {
			line, col := src.KeyPos("dpf")
			l.diags.Errorf(src.Path, line, col, "dpf.checked is missing; expected the date the entry was last seen active in the Data Privacy Framework list, e.g. checked = 2026-10-01")
		}
	}
	l.checkCookies(src, []string{"cookies"}, pr.Cookies, false)
}

// checkURL reports a value at key that is set but no http(s) address.
func (l *loader) checkURL(src Source, val string, key ...string) {
	if val == "" {
		return
	}
	if err := CheckWebURL(val); err != nil {
		line, col := src.KeyPos(key...)
		l.diags.Errorf(src.Path, line, col, "%s: %v", strings.Join(key, "."), err)
	}
}

// checkCookies checks the cookies listed at key. In a section file
// (oneLang) purpose and duration are text in the file's language, not
// tables of languages.
func (l *loader) checkCookies(src Source, key []string, cookies []Cookie, oneLang bool) {
	cats, parties := strings.Join(vocab.CookieCategories(), ", "), strings.Join(vocab.CookieParties(), ", ")
	names := map[string]int{}
	// occurrences of each field's value so far, which place a value in
	// an array written inline
	seen := map[[2]string]int{}
	for i, c := range cookies {
		n := i + 1
		item := itemName(key, n)
		at := func(value, field string) (int, int) {
			seen[[2]string{field, value}]++
			return src.ItemPos(n, seen[[2]string{field, value}], value, key, field)
		}
		if strings.TrimSpace(c.Name) == "" {
			line, col := at("", "name")
			l.diags.Errorf(src.Path, line, col, "%s has no name; expected the name the cookie is stored under, e.g. name = \"session\"", item)
		} else if names[c.Name]++; names[c.Name] == 2 {
			line, col := at(c.Name, "name")
			l.diags.Errorf(src.Path, line, col, "%s: cookie %s is listed twice; expected each cookie once", item, quote(c.Name))
		} else {
			at(c.Name, "name") // counts the occurrence
		}
		switch {
		case c.Category == "":
			line, col := at("", "category")
			l.diags.Errorf(src.Path, line, col, "%s has no category; expected one of %s", item, cats)
		case !slices.Contains(vocab.CookieCategories(), c.Category):
			line, col := at(c.Category, "category")
			l.diags.Errorf(src.Path, line, col, "%s: unknown category %s; expected one of %s", item, quote(c.Category), cats)
		}
		if c.Party != "" && !slices.Contains(vocab.CookieParties(), c.Party) {
			line, col := at(c.Party, "party")
			l.diags.Errorf(src.Path, line, col, "%s: unknown party %s; expected one of %s, or no party", item, quote(c.Party), parties)
		}
		if !oneLang {
			continue
		}
		for _, f := range []struct {
			name string
			v    Localized
		}{{"purpose", c.Purpose}, {"duration", c.Duration}} {
			if len(f.v.Langs()) > 0 {
				line, col := at("", f.name)
				l.diags.Errorf(src.Path, line, col, "%s: %s is a table of languages; expected plain text, since a section file is in one language (its translations are files of their own)", item, f.name)
			}
		}
	}
}

// quote is %q, as every message quotes a value.
func quote(s string) string { return fmt.Sprintf("%q", s) }
