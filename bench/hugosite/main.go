// Command hugosite writes a noticegen site's composed notices as a plain
// Hugo site, for comparing build speeds (bench/compare.sh):
//
//	go run ./bench/hugosite -s SITE -out HUGODIR
//
// It loads and composes the site with noticegen's own packages, so the Hugo
// site has one Markdown page per entity × notice × language, at the same
// URL (<lang>/<entity>/<notice>/), holding the same text: each part's title
// as a ## heading followed by its section body after text/template, escaped
// exactly as noticegen escapes inserted values. What noticegen's layouts
// print besides the bodies (controller and DPO contacts, the at-a-glance
// table, each section's key facts, the table of contents, the supervisory
// authority, the language switcher, the per-language overview of every
// entity) is passed as front matter and printed by Hugo layouts, a
// shortcode and i18n files, so both generators do comparable work and
// write pages of comparable size. Both minify their output.
package main

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/render"
	"github.com/noticegen/noticegen/generator/render/markdown"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
)

func main() {
	src := flag.String("s", ".", "noticegen site `folder`")
	out := flag.String("out", "", "`folder` to write the Hugo site into (must not exist)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		log.Fatalf("%s exists; expected a new folder", *out)
	}
	n, err := convert(*src, *out)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("hugosite: wrote %d notice pages to %s\n", n, *out)
}

// convert writes the Hugo site and returns the number of notice pages.
func convert(srcDir, out string) (int, error) {
	src := os.DirFS(srcDir)
	s, diags := site.Load(context.Background(), src)
	if diags.HasErrors() {
		return 0, fmt.Errorf("loading %s:\n%v", srcDir, diags)
	}
	builtinI18n, _ := fs.Sub(noticegen.Example, site.I18nDir)
	cat, diags := locale.Load(builtinI18n, s.I18n, s.Config.Languages, s.Config.DefaultLanguage)
	if diags.HasErrors() {
		return 0, fmt.Errorf("loading messages:\n%v", diags)
	}
	pages := compose.Site(s)

	w := &writer{root: out}
	w.put("config.toml", hugoConfig(s))
	for _, name := range []string{"baseof.html", "single.html"} {
		w.put("layouts/_default/"+name, layouts[name])
	}
	w.put("layouts/index.html", layouts["index.html"])
	w.put("layouts/partials/contacts.html", layouts["contacts.html"])
	w.put("layouts/shortcodes/facts.html", layouts["facts.html"])
	if css, err := fs.ReadFile(noticegen.Example, "layouts/assets/style.css"); err == nil {
		w.put("static/assets/style.css", string(css))
	}
	for _, lang := range s.Config.Languages {
		w.put("i18n/"+lang+".toml", messages(cat, lang))
	}
	versions := versionsOf(s)
	if len(s.Versions) > 0 {
		for name, text := range versionLayouts {
			w.put(name, text)
		}
		var latest time.Time
		for _, v := range s.Versions {
			if v.Date.After(latest) {
				latest = v.Date
			}
		}
		for _, lang := range s.Config.Languages {
			title := must(cat.T(lang, "feed.title", map[string]any{"Site": s.Config.Title.Get(lang, s.Config.DefaultLanguage)}))
			w.put("content/"+lang+"/_index.md", encode(homeMatter{FeedTitle: title, FeedUpdated: latest.Format(site.DateLayout)}, ""))
		}
	}
	now := time.Now()
	for _, p := range pages {
		fm, body, err := page(s, cat, p)
		if err != nil {
			return 0, err
		}
		vs := versions[p.Entity.ID+"/"+p.Notice.ID+"/"+p.Lang]
		fm.Changes = len(vs) > 0
		w.put("content/"+p.Lang+"/"+p.Entity.ID+"/"+p.Notice.ID+".md", encode(fm, body))
		if len(vs) > 0 {
			archived := fm
			archived.EntityID = ""
			w.versionPages(cat, s.Config.BaseURL, p, vs, archived, body, now)
		}
	}
	return len(pages), w.err
}

type writer struct {
	root string
	err  error
}

func (w *writer) put(name, text string) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.err = err
		return
	}
	w.err = os.WriteFile(p, []byte(text), 0o644)
}

// hugoConfig mirrors site.toml: the same base URL, languages in the same
// order with the default first in weight, every language in its own
// folder, minified output, and no page kinds noticegen does not write.
func hugoConfig(s *site.Site) string {
	cfg := s.Config
	var b strings.Builder
	fmt.Fprintf(&b, "baseURL = %q\n", cfg.BaseURL)
	fmt.Fprintf(&b, "title = %q\n", cfg.Title.Get(cfg.DefaultLanguage, cfg.DefaultLanguage))
	fmt.Fprintf(&b, "defaultContentLanguage = %q\n", cfg.DefaultLanguage)
	b.WriteString("defaultContentLanguageInSubdir = true\n")
	// noticegen writes notice pages, one overview per language, a root
	// page and sitemap.xml: no section lists, feeds, taxonomies or 404.
	b.WriteString(`disableKinds = ["taxonomy", "term", "RSS", "section", "404", "robotsTXT"]` + "\n")
	b.WriteString("enableGitInfo = false\n\n")
	// The HTML minifier settings of noticegen's publish package.
	b.WriteString("[minify]\nminifyOutput = true\n[minify.tdewolff.html]\nkeepDocumentTags = true\nkeepEndTags = true\nkeepQuotes = true\n\n")
	b.WriteString("[markup.goldmark.renderer]\nunsafe = false\n\n")
	// noticegen's goldmark has GFM tables, strikethrough and autolinks
	// only: switch off the extensions Hugo adds by default.
	b.WriteString("[markup.goldmark.extensions]\ntable = true\nstrikethrough = true\nlinkify = true\n" +
		"typographer = false\nfootnote = false\ndefinitionList = false\ntaskList = false\n\n")
	if len(s.Versions) > 0 {
		b.WriteString(versionConfig)
	}
	b.WriteString("[languages]\n")
	for i, l := range cfg.Languages {
		fmt.Fprintf(&b, "[languages.%s]\n", l)
		fmt.Fprintf(&b, "languageName = %q\n", locale.LanguageName(l))
		fmt.Fprintf(&b, "languageDirection = %q\n", locale.Direction(l))
		fmt.Fprintf(&b, "title = %q\n", cfg.Title.Get(l, cfg.DefaultLanguage))
		fmt.Fprintf(&b, "contentDir = %q\n", "content/"+l)
		fmt.Fprintf(&b, "weight = %d\n", i+1)
	}
	return b.String()
}

// messageIDs are the UI messages the Hugo layouts print; those with
// template data keep it as a go-i18n template, which Hugo's T fills in.
var messageIDs = []string{
	"skipLink", "languageSwitcher", "overviewLead", "allCompanies", "notices", "noticeLead",
	"controller", "controllerLead", "dpo", "dpoLead", "dpoNone", "authority", "authorityLead",
	"email", "phone", "website", "register", "vatID", "representedBy", "glance", "glanceCaption",
	"processing", "purposes", "legalBases", "retention", "thirdCountries", "none", "contents",
	"updated", "dataCategories", "recipients", "legitimateInterest", "safeguards",
}

var messageData = map[string]map[string]any{
	"noticeLead": {"Name": "{{ .Name }}"},
	"updated":    {"Date": "{{ .Date }}"},
}

// must is a message as the catalog printed it; the site was built first,
// so no message fails here.
func must(s string, err error) string {
	if err != nil {
		log.Fatal(err)
	}
	return s
}

func messages(cat *locale.Catalog, lang string) string {
	var b strings.Builder
	for _, id := range messageIDs {
		fmt.Fprintf(&b, "%s = %q\n", id, must(cat.T(lang, id, messageData[id])))
	}
	for _, id := range versionMessageIDs {
		fmt.Fprintf(&b, "%s = %q\n", strings.ReplaceAll(id, ".", "_"), must(cat.T(lang, id, nil)))
	}
	return b.String()
}

// Front matter of one notice page. Hugo lower-cases parameter names, so
// every key is lower case here.
type frontMatter struct {
	Title       string        `toml:"title"`
	Weight      int           `toml:"weight"` // the entity's notice order, for the overview
	Lastmod     time.Time     `toml:"lastmod"`
	UpdatedText string        `toml:"updatedtext"`
	EntityID    string        `toml:"entityid,omitempty"` // notice pages only: the overview groups by it
	Changes     bool          `toml:"changes,omitempty"`  // the page has released versions
	Archived    bool          `toml:"archived,omitempty"` // an archived version's page
	Banner      string        `toml:"banner,omitempty"`
	Entity      entityMatter  `toml:"entity"`
	DPO         *dpoMatter    `toml:"dpo,omitempty"`
	Authority   *authorityMat `toml:"authority,omitempty"`
	Sections    []sectionMat  `toml:"sections"`
}

type entityMatter struct {
	Name          string   `toml:"name"`
	Address       []string `toml:"address"`
	Email         string   `toml:"email,omitempty"`
	Phone         string   `toml:"phone,omitempty"`
	Website       string   `toml:"website,omitempty"`
	Register      string   `toml:"register,omitempty"`
	VATID         string   `toml:"vatid,omitempty"`
	RepresentedBy string   `toml:"representedby,omitempty"`
}

type dpoMatter struct {
	Name    string   `toml:"name"`
	Address []string `toml:"address"`
	Email   string   `toml:"email,omitempty"`
	Phone   string   `toml:"phone,omitempty"`
}

type authorityMat struct {
	Name string `toml:"name"`
	URL  string `toml:"url,omitempty"`
}

type sectionMat struct {
	Anchor             string   `toml:"anchor"`
	Title              string   `toml:"title"`
	Lang               string   `toml:"lang,omitempty"` // set when shown in a fallback language
	Intro              bool     `toml:"intro"`
	Processing         bool     `toml:"processing"`
	Purposes           []string `toml:"purposes"`
	LegalBases         []string `toml:"legalbases"`
	LegitimateInterest string   `toml:"legitimateinterest,omitempty"`
	DataCategories     []string `toml:"datacategories"`
	Recipients         []string `toml:"recipients"`
	Retention          string   `toml:"retention,omitempty"`
	ThirdCountries     []string `toml:"thirdcountries"`
	Safeguards         []string `toml:"safeguards"`
}

// page is one notice as a Hugo content file: its front matter and its
// Markdown body.
func page(s *site.Site, cat *locale.Catalog, p *compose.Page) (frontMatter, string, error) {
	lang, def := p.Lang, s.Config.DefaultLanguage
	e := p.Entity
	fm := frontMatter{
		Title:       p.Notice.Title.Get(lang, def),
		Weight:      slices.Index(e.Notices, p.Notice.ID) + 1,
		Lastmod:     p.Updated(),
		UpdatedText: locale.Date(lang, p.Updated()),
		EntityID:    e.ID,
		Entity: entityMatter{
			Name: e.Name.Get(lang, def), Address: lines(e.Address.Get(lang, def)), Email: e.Email,
			Phone: e.Phone, Website: e.Website, Register: e.Register.Get(lang, def), VATID: e.VATID,
			RepresentedBy: e.RepresentedBy.Get(lang, def),
		},
	}
	if e.DPO != nil {
		fm.DPO = &dpoMatter{Name: e.DPO.Name.Get(lang, def), Address: lines(e.DPO.Address.Get(lang, def)), Email: e.DPO.Email, Phone: e.DPO.Phone}
	}
	if e.Authority != nil && !e.Authority.Name.IsZero() {
		fm.Authority = &authorityMat{Name: e.Authority.Name.Get(lang, def), URL: e.Authority.URL}
	}
	var body strings.Builder
	for i, part := range p.Parts {
		f, m := part.File, part.File.Meta
		sm := sectionMat{
			Anchor: vocab.Anchor(part.Section.ID), Title: m.Title, Intro: part.Section.Index,
			Processing: m.Processing(), Purposes: m.Purposes, LegitimateInterest: m.LegitimateInterest,
			DataCategories: m.DataCategories, Recipients: m.Recipients, Retention: m.Retention,
		}
		for _, code := range m.LegalBases {
			sm.LegalBases = append(sm.LegalBases, must(cat.LegalBasis(lang, code)))
		}
		for _, c := range m.ThirdCountries {
			sm.ThirdCountries = append(sm.ThirdCountries, locale.CountryName(lang, c))
		}
		for _, g := range m.Safeguards {
			sm.Safeguards = append(sm.Safeguards, must(cat.T(lang, "safeguard."+g, nil)))
		}
		fmt.Fprintf(&body, "## %s {#%s}\n\n", markdown.Escape(m.Title), sm.Anchor)
		if part.Fallback {
			sm.Lang = f.Lang
			note := must(cat.T(lang, "fallbackNote", map[string]any{"Language": locale.LanguageNameIn(lang, f.Lang)}))
			fmt.Fprintf(&body, "*%s*\n\n", markdown.Escape(note))
		}
		md, err := render.BodyMarkdown(s, p, f)
		if err != nil {
			return fm, "", fmt.Errorf("on the page %s: %v", p.Path(), err)
		}
		body.WriteString(shiftHeadings(md))
		body.WriteString("\n\n")
		if sm.Processing {
			// The key facts follow the body, where noticegen prints them.
			fmt.Fprintf(&body, "{{< facts %d >}}\n\n", i)
		}
		fm.Sections = append(fm.Sections, sm)
	}
	return fm, body.String(), nil
}

func lines(s string) []string {
	out := []string{}
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// shiftHeadings moves ATX headings of a body two levels down, as
// noticegen's renderer does (# → h3), since the page has the h1 and each
// section title is an h2.
func shiftHeadings(md string) string {
	if !strings.Contains(md, "#") {
		return md
	}
	ls := strings.Split(md, "\n")
	fence := false
	for i, l := range ls {
		t := strings.TrimLeft(l, " ")
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
		}
		if fence || len(l)-len(t) > 3 || !strings.HasPrefix(t, "#") {
			continue
		}
		n := len(t) - len(strings.TrimLeft(t, "#"))
		if n <= 6 && (len(t) == n || t[n] == ' ' || t[n] == '\t') {
			ls[i] = strings.Repeat("#", min(n+2, 6)) + t[n:]
		}
	}
	return strings.Join(ls, "\n")
}

// layouts are the Hugo templates: the same structure and classes as
// noticegen's built-in layouts, written the way a Hugo theme would.
var layouts = map[string]string{
	"baseof.html": `<!DOCTYPE html>
<html lang="{{ .Language.Lang }}" dir="{{ .Language.LanguageDirection }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsPage }}{{ .Title }} – {{ .Params.entity.name }}{{ else }}{{ .Site.Title }}{{ end }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{- range .AllTranslations }}
<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{- end }}
{{- with index .AllTranslations 0 }}
<link rel="alternate" hreflang="x-default" href="{{ .Permalink }}">
{{- end }}
{{- if .Params.archived }}
<meta name="robots" content="noindex">
{{- end }}
{{- with .Site.Home.OutputFormats.Get "Atom" }}
<link rel="alternate" type="application/atom+xml" href="{{ .Permalink }}">
{{- end }}
<link rel="stylesheet" href="{{ "assets/style.css" | absURL }}">
<meta name="generator" content="Hugo">
</head>
<body class="{{ if .IsPage }}notice{{ else }}overview{{ end }}">
<a class="skip-link" href="#main">{{ T "skipLink" }}</a>
<header class="site-header">
<div class="wrap">
<a class="site-title" href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav class="language-switcher" aria-label="{{ T "languageSwitcher" }}">
<ul>
{{- $lang := .Language.Lang }}
{{- range .AllTranslations }}
<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}"{{ if eq .Language.Lang $lang }} aria-current="page"{{ end }}>{{ .Language.LanguageName }}</a></li>
{{- end }}
</ul>
</nav>
</div>
</header>
<main id="main" tabindex="-1">
<div class="wrap">
{{ block "main" . }}{{ end }}
</div>
</main>
<footer class="site-footer">
<div class="wrap">
<p>{{ .Site.Title }} · <a href="{{ .Site.Home.RelPermalink }}">{{ T "allCompanies" }}</a></p>
</div>
</footer>
</body>
</html>
`,
	"single.html": `{{ define "main" -}}
{{- if .Params.archived }}
<div class="superseded" role="note"><p>{{ .Params.banner }}</p><p><a href="../../">{{ T "version_current" }}</a> · <a href="../../changes/">{{ T "version_changes" }}</a></p></div>
{{- end }}
<article class="notice">
<header class="notice-header">
<p class="entity-name">{{ .Params.entity.name }}</p>
<h1>{{ .Title }}</h1>
<p class="lead">{{ T "noticeLead" (dict "Name" .Params.entity.name) }}</p>
{{- with .Params.updatedtext }}
<p class="updated"><time datetime="{{ $.Lastmod.Format "2006-01-02" }}">{{ T "updated" (dict "Date" .) }}</time></p>
{{- end }}
{{- if and .Params.changes (not .Params.archived) }}
<p class="version-note"><a href="changes/">{{ T "version_changes" }}</a></p>
{{- end }}
</header>
{{- $glance := where .Params.sections "processing" true }}
{{- if $glance }}
<section id="at-a-glance" class="glance" aria-labelledby="at-a-glance__title">
<h2 id="at-a-glance__title">{{ T "glance" }}</h2>
<div class="table-scroll" role="region" aria-labelledby="at-a-glance__title" tabindex="0">
<table>
<caption>{{ T "glanceCaption" }}</caption>
<thead>
<tr><th scope="col">{{ T "processing" }}</th><th scope="col">{{ T "purposes" }}</th><th scope="col">{{ T "legalBases" }}</th><th scope="col">{{ T "retention" }}</th><th scope="col">{{ T "thirdCountries" }}</th></tr>
</thead>
<tbody>
{{- range $glance }}
<tr>
<th scope="row"><a href="#{{ .anchor }}"{{ with .lang }} lang="{{ . }}"{{ end }}>{{ .title }}</a></th>
<td{{ with .lang }} lang="{{ . }}"{{ end }}>{{ with .purposes }}<ul class="plain">{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}</td>
<td><ul class="plain">{{ range .legalbases }}<li class="nowrap">{{ . }}</li>{{ end }}</ul></td>
<td{{ with .lang }} lang="{{ . }}"{{ end }}>{{ .retention }}</td>
<td>{{ with .thirdcountries }}{{ delimit . ", " }}{{ else }}{{ T "none" }}{{ end }}</td>
</tr>
{{- end }}
</tbody>
</table>
</div>
</section>
{{- end }}
<div class="contacts">
{{ partial "contacts.html" (dict "entity" .Params.entity "dpo" .Params.dpo "page" true) }}
</div>
<nav id="contents" class="toc" aria-labelledby="contents__title">
<h2 id="contents__title">{{ T "contents" }}</h2>
<ol>
{{- if $glance }}
<li><a href="#at-a-glance">{{ T "glance" }}</a></li>
{{- end }}
<li><a href="#controller">{{ T "controller" }}</a></li>
<li><a href="#data-protection-officer">{{ T "dpo" }}</a></li>
{{- range .Params.sections }}
<li{{ if .intro }} class="toc-intro"{{ end }}><a href="#{{ .anchor }}"{{ with .lang }} lang="{{ . }}"{{ end }}>{{ .title }}</a></li>
{{- end }}
{{- if .Params.authority }}
<li><a href="#supervisory-authority">{{ T "authority" }}</a></li>
{{- end }}
</ol>
</nav>
<div class="notice-body">
{{ .Content }}
</div>
{{- with .Params.authority }}
<section id="supervisory-authority" aria-labelledby="supervisory-authority__title">
<h2 id="supervisory-authority__title">{{ T "authority" }}</h2>
<p>{{ T "authorityLead" }}</p>
<p class="contact"><strong>{{ .name }}</strong>{{ with .url }}<br><a href="{{ . }}">{{ . }}</a>{{ end }}</p>
</section>
{{- end }}
</article>
{{- end }}
`,
	"index.html": `{{ define "main" -}}
<h1>{{ .Site.Title }}</h1>
<p class="lead">{{ T "overviewLead" }}</p>
<ul class="entity-list">
{{- range .Site.RegularPages.GroupByParam "entityid" }}
{{- $first := index .Pages 0 }}
<li class="entity">
<section aria-labelledby="entity-{{ .Key }}">
<h2 id="entity-{{ .Key }}">{{ $first.Params.entity.name }}</h2>
<h3>{{ T "notices" }}</h3>
<ul class="notice-links">
{{- range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ul>
<div class="contacts">
{{ partial "contacts.html" (dict "entity" $first.Params.entity "dpo" $first.Params.dpo "page" false) }}
</div>
</section>
</li>
{{- end }}
</ul>
{{- end }}
`,
	"contacts.html": `{{- $e := .entity }}{{ $d := .dpo }}{{ $page := .page -}}
{{ if $page }}<section id="controller" aria-labelledby="controller__title">
<h2 id="controller__title">{{ T "controller" }}</h2>
<p>{{ T "controllerLead" }}</p>
{{- else }}<div>
<h3>{{ T "controller" }}</h3>
{{- end }}
<address class="contact">
<strong class="contact-name">{{ $e.name }}</strong>
{{- range $e.address }}<br>{{ . }}{{ end }}
{{- with $e.representedby }}<br><span class="label">{{ T "representedBy" }}:</span> {{ . }}{{ end }}
{{- with $e.email }}<br><span class="label">{{ T "email" }}:</span> <a href="mailto:{{ . }}">{{ . }}</a>{{ end }}
{{- with $e.phone }}<br><span class="label">{{ T "phone" }}:</span> <a href="tel:{{ replaceRE "[^+0-9]" "" . }}">{{ . }}</a>{{ end }}
{{- with $e.website }}<br><span class="label">{{ T "website" }}:</span> <a href="{{ . }}">{{ . }}</a>{{ end }}
{{- with $e.register }}<br><span class="label">{{ T "register" }}:</span> {{ . }}{{ end }}
{{- with $e.vatid }}<br><span class="label">{{ T "vatID" }}:</span> {{ . }}{{ end }}
</address>
{{ if $page }}</section>
<section id="data-protection-officer" aria-labelledby="data-protection-officer__title">
<h2 id="data-protection-officer__title">{{ T "dpo" }}</h2>
{{- else }}</div>
<div>
<h3>{{ T "dpo" }}</h3>
{{- end }}
{{- with $d }}
{{- if $page }}<p>{{ T "dpoLead" }}</p>{{ end }}
<address class="contact">
<strong class="contact-name">{{ .name }}</strong>
{{- range .address }}<br>{{ . }}{{ end }}
{{- with .email }}<br><span class="label">{{ T "email" }}:</span> <a href="mailto:{{ . }}">{{ . }}</a>{{ end }}
{{- with .phone }}<br><span class="label">{{ T "phone" }}:</span> <a href="tel:{{ replaceRE "[^+0-9]" "" . }}">{{ . }}</a>{{ end }}
</address>
{{- else }}
<p>{{ T "dpoNone" }}</p>
{{- end }}
{{ if $page }}</section>{{ else }}</div>{{ end }}
`,
	"facts.html": `{{- $s := index .Page.Params.sections (int (.Get 0)) -}}
<dl class="facts">
{{- with $s.purposes }}<dt>{{ T "purposes" }}</dt><dd{{ with $s.lang }} lang="{{ . }}"{{ end }}><ul class="plain">{{ range . }}<li>{{ . }}</li>{{ end }}</ul></dd>{{ end }}
<dt>{{ T "legalBases" }}</dt><dd><ul class="plain">{{ range $s.legalbases }}<li>{{ . }}</li>{{ end }}</ul></dd>
{{- with $s.legitimateinterest }}<dt>{{ T "legitimateInterest" }}</dt><dd{{ with $s.lang }} lang="{{ . }}"{{ end }}>{{ . }}</dd>{{ end }}
{{- with $s.datacategories }}<dt>{{ T "dataCategories" }}</dt><dd{{ with $s.lang }} lang="{{ . }}"{{ end }}>{{ delimit . ", " }}</dd>{{ end }}
{{- with $s.recipients }}<dt>{{ T "recipients" }}</dt><dd{{ with $s.lang }} lang="{{ . }}"{{ end }}>{{ delimit . ", " }}</dd>{{ end }}
{{- with $s.retention }}<dt>{{ T "retention" }}</dt><dd{{ with $s.lang }} lang="{{ . }}"{{ end }}>{{ . }}</dd>{{ end }}
<dt>{{ T "thirdCountries" }}</dt><dd>{{ with $s.thirdcountries }}{{ delimit . ", " }}{{ else }}{{ T "none" }}{{ end }}</dd>
{{- with $s.safeguards }}<dt>{{ T "safeguards" }}</dt><dd>{{ delimit . "<br>" }}</dd>{{ end }}
</dl>
`,
}
