package main

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/history"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/site"
)

// A site with released versions gives Hugo what noticegen builds from
// them, the way a Hugo site would keep versions:
//   - each archived version as a page of its own at
//     <notice>/versions/<date>/, with the page's front matter, its text
//     and a banner (noticegen prints the stored page instead; here the
//     text is the page's as composed now, which costs Hugo the same);
//   - a changes page at <notice>/changes/, listing every version with its
//     dates, class, changed facts and word diffs, from front matter;
//   - an Atom feed per language (<lang>/feed.xml), an output format of
//     the home page, with one entry per version of any notice.
//
// The texts that take message arguments (headings, the feed's titles and
// summaries, the banner) are written into the front matter in the page's
// language, so Hugo's templates only print them: less work than
// noticegen's, which formats them at build time.

// versionsOf groups the site's versions by page: entity/notice/lang, each
// sorted by release date, as site.Site.Versions is.
func versionsOf(s *site.Site) map[string][]*site.Version {
	out := map[string][]*site.Version{}
	for _, v := range s.Versions {
		k := v.Entity + "/" + v.Notice + "/" + v.Lang
		out[k] = append(out[k], v)
	}
	return out
}

type changesMatter struct {
	Title        string       `toml:"title"`
	Layout       string       `toml:"layout"`
	Kind         string       `toml:"kind"`
	EntityName   string       `toml:"entityname"`
	BackToNotice string       `toml:"backtonotice"`
	Versions     []versionMat `toml:"versions"`
	Entity       entityMatter `toml:"entity"`
}

type versionMat struct {
	Date          string      `toml:"date"`
	Heading       string      `toml:"heading"`
	DateText      string      `toml:"datetext"`
	Effective     string      `toml:"effective"`
	EffectiveText string      `toml:"effectivetext"`
	Class         string      `toml:"class"`
	ClassText     string      `toml:"classtext"`
	Material      bool        `toml:"material"`
	StateText     string      `toml:"statetext"`
	Href          string      `toml:"href,omitempty"`    // from the changes page
	Related       string      `toml:"related,omitempty"` // the same, absolute, for the feed
	Changes       []changeMat `toml:"changes"`
	Diffs         []diffMat   `toml:"diffs"`
	FeedTitle     string      `toml:"feedtitle"`
	Summary       string      `toml:"summary"`
}

type changeMat struct {
	Section string   `toml:"section,omitempty"`
	Fact    string   `toml:"fact"`
	Added   []string `toml:"added"`
	Removed []string `toml:"removed"`
	Old     string   `toml:"old,omitempty"`
	New     string   `toml:"new,omitempty"`
}

type diffMat struct {
	Heading string  `toml:"heading"`
	Ops     []opMat `toml:"ops"`
}

type opMat struct {
	Kind string `toml:"kind"`
	Text string `toml:"text"`
}

// versionPages writes page p's changes page and archived pages, given
// its front matter and Markdown body as page made them.
func (w *writer) versionPages(cat *locale.Catalog, base string, p *compose.Page, vs []*site.Version, fm frontMatter, body string, now time.Time) {
	lang := p.Lang
	dir := "content/" + lang + "/" + p.Entity.ID + "/" + p.Notice.ID
	periods := history.Periods(vs, now)
	cm := changesMatter{
		Title:        must(cat.T(lang, "version.changesTitle", map[string]any{"Title": fm.Title})),
		Layout:       "changes",
		Kind:         "changes",
		EntityName:   fm.Entity.Name,
		BackToNotice: must(cat.T(lang, "version.backToNotice", map[string]any{"Title": fm.Title})),
		Entity:       fm.Entity,
	}
	for i := len(periods) - 1; i >= 0; i-- {
		per := periods[i]
		v := per.Version
		vm := versionMat{
			Date: v.Date.Format(site.DateLayout), DateText: locale.Date(lang, v.Date),
			Effective: v.Effective.Format(site.DateLayout), EffectiveText: locale.Date(lang, v.Effective),
			Class: v.Class, ClassText: must(cat.T(lang, "versionClass."+v.Class, nil)), Material: v.Class == "material",
		}
		vm.Heading = must(cat.T(lang, "version.of", map[string]any{"Date": vm.DateText}))
		state := "archived"
		switch per.State {
		case history.Current:
			state, vm.Href, vm.Related = "current", "../", base+p.Path()
		case history.Archived:
			vm.Href, vm.Related = "../versions/"+vm.Date+"/", base+p.Path()+"versions/"+vm.Date+"/"
		case history.Upcoming:
			state = "upcoming"
		case history.Never:
			state = "never"
		}
		vm.StateText = must(cat.T(lang, "versionState."+state, nil))
		titles := map[string]string{}
		for _, s := range v.Sections {
			titles[s.ID] = s.Title
		}
		var lines []string
		for _, c := range v.Changes {
			fact := must(cat.T(lang, "versionFact."+c.Fact, nil))
			ch := changeMat{Section: titles[c.Section], Fact: fact, Added: c.Added, Removed: c.Removed, Old: c.Old, New: c.New}
			if c.Fact == "text" {
				ch.Old, ch.New = "", ""
			}
			vm.Changes = append(vm.Changes, ch)
			var what []string
			if len(c.Added) > 0 {
				what = append(what, must(cat.T(lang, "feed.added", map[string]any{"Items": must(cat.List(lang, c.Added))})))
			}
			if len(c.Removed) > 0 {
				what = append(what, must(cat.T(lang, "feed.removed", map[string]any{"Items": must(cat.List(lang, c.Removed))})))
			}
			lines = append(lines, must(cat.T(lang, "feed.change", map[string]any{"Fact": fact, "Section": ch.Section, "What": strings.Join(what, "; ")})))
		}
		if i > 0 {
			vm.Diffs = diffs(cat, lang, periods[i-1].Version, v)
		}
		vm.FeedTitle = must(cat.T(lang, "feed.entry", map[string]any{"Class": vm.ClassText, "Title": fm.Title, "Entity": fm.Entity.Name}))
		vm.Summary = strings.Join(append([]string{must(cat.T(lang, "feed.summary", map[string]any{"Date": vm.DateText, "Effective": vm.EffectiveText}))}, lines...), "\n")
		cm.Versions = append(cm.Versions, vm)

		if per.State == history.Archived {
			am := fm
			am.Archived = true
			am.Banner = must(cat.T(lang, "version.superseded", map[string]any{"From": locale.Date(lang, per.From), "Until": locale.Date(lang, per.Until)}))
			w.put(dir+"/versions/"+vm.Date+".md", encode(am, body))
		}
	}
	w.put(dir+"/changes.md", encode(cm, ""))
}

// diffs is the word diff of each section of v whose text differs from
// the same section in prev, as noticegen's changes page shows them.
func diffs(cat *locale.Catalog, lang string, prev, v *site.Version) []diffMat {
	before := map[string]string{}
	for _, s := range prev.Sections {
		before[s.ID] = s.Text
	}
	var out []diffMat
	for _, s := range v.Sections {
		ops := history.WordDiff(before[s.ID], s.Text)
		if !history.Changed(ops) {
			continue
		}
		d := diffMat{Heading: must(cat.T(lang, "version.wording", map[string]any{"Section": s.Title}))}
		for _, o := range ops {
			kind := "equal"
			switch o.Kind {
			case history.Insert:
				kind = "insert"
			case history.Delete:
				kind = "delete"
			}
			d.Ops = append(d.Ops, opMat{Kind: kind, Text: o.Text})
		}
		out = append(out, d)
	}
	return out
}

// homeMatter is each language's home page: the overview, and the feed
// as its second output format.
type homeMatter struct {
	FeedTitle   string `toml:"feedtitle"`
	FeedUpdated string `toml:"feedupdated"`
}

// encode is a content file: TOML front matter, then the body.
func encode(fm any, body string) string {
	var b bytes.Buffer
	b.WriteString("+++\n")
	if err := toml.NewEncoder(&b).Encode(fm); err != nil {
		panic(fmt.Sprintf("hugosite: encoding front matter: %v", err))
	}
	b.WriteString("+++\n")
	b.WriteString(body)
	return b.String()
}

// versionConfig is the Hugo configuration for the feed: an Atom output
// format of the home page, as feed.xml.
const versionConfig = `[mediaTypes."application/atom+xml"]
suffixes = ["xml"]

[outputFormats.Atom]
mediaType = "application/atom+xml"
baseName = "feed"
isPlainText = false
rel = "alternate"

[outputs]
home = ["HTML", "Atom"]

`

// versionLayouts are the Hugo templates of the changes page and the feed.
var versionLayouts = map[string]string{
	"layouts/_default/changes.html": `{{ define "main" -}}
<h1>{{ .Title }}</h1>
<p class="lead"><a href="../">{{ .Params.backtonotice }}</a></p>
<ol class="versions">
{{- range .Params.versions }}
<li class="version version-{{ .class }}">
<article aria-labelledby="v-{{ .date }}">
<h2 id="v-{{ .date }}">{{ .heading }}{{ if .material }} <span class="badge">{{ T "version_material" }}</span>{{ end }}</h2>
<dl class="version-dates">
<dt>{{ T "version_released" }}</dt><dd><time datetime="{{ .date }}">{{ .datetext }}</time></dd>
<dt>{{ T "version_effective" }}</dt><dd><time datetime="{{ .effective }}">{{ .effectivetext }}</time></dd>
<dt>{{ T "version_class" }}</dt><dd>{{ .classtext }}</dd>
<dt>{{ T "version_state" }}</dt><dd>{{ with .href }}<a href="{{ . }}">{{ end }}{{ .statetext }}{{ if .href }}</a>{{ end }}</dd>
</dl>
{{- with .changes }}
<h3>{{ T "version_changedFacts" }}</h3>
<ul class="changed-facts">
{{- range . }}
<li>{{ with .section }}{{ . }}: {{ end }}{{ .fact }}
{{- if or .added .removed }}
<ul>
{{- range .added }}
<li><ins><span class="visually-hidden">{{ T "version_added" }} </span>{{ . }}</ins></li>
{{- end }}
{{- range .removed }}
<li><del><span class="visually-hidden">{{ T "version_removed" }} </span>{{ . }}</del></li>
{{- end }}
</ul>
{{- else if or .old .new }}
{{- with .old }} <del><span class="visually-hidden">{{ T "version_removed" }} </span>{{ . }}</del>{{ end }}
{{- with .new }} <ins><span class="visually-hidden">{{ T "version_added" }} </span>{{ . }}</ins>{{ end }}
{{- end }}</li>
{{- end }}
</ul>
{{- end }}
{{- range .diffs }}
<h3>{{ .heading }}</h3>
<p class="word-diff">
{{- range $i, $op := .ops }}{{ if $i }} {{ end }}
{{- if eq $op.kind "insert" }}<ins><span class="visually-hidden">{{ T "version_added" }} </span>{{ $op.text }}</ins>
{{- else if eq $op.kind "delete" }}<del><span class="visually-hidden">{{ T "version_removed" }} </span>{{ $op.text }}</del>
{{- else }}{{ $op.text }}{{ end }}
{{- end }}</p>
{{- end }}
</article>
</li>
{{- end }}
</ol>
{{- end }}
`,
	"layouts/index.atom.xml": `{{ printf "<?xml version=\"1.0\" encoding=\"utf-8\"?>" | safeHTML }}
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{{ .Language.Lang }}">
<id>{{ .Permalink }}feed.xml</id>
<title>{{ .Params.feedtitle }}</title>
<updated>{{ .Params.feedupdated }}T00:00:00Z</updated>
<link rel="self" type="application/atom+xml" href="{{ .Permalink }}feed.xml"/>
<link rel="alternate" type="text/html" href="{{ .Permalink }}" hreflang="{{ .Language.Lang }}"/>
<author><name>{{ .Site.Title }}</name><uri>{{ .Site.BaseURL }}</uri></author>
<generator>Hugo</generator>
{{- $entries := slice }}
{{- range where .Site.RegularPages "Params.kind" "changes" }}
{{- $p := . }}
{{- range .Params.versions }}{{ $entries = $entries | append (dict "date" .date "p" $p "v" .) }}{{ end }}
{{- end }}
{{- range sort $entries "date" "desc" }}
<entry>
<id>{{ .p.Permalink }}#v-{{ .v.date }}</id>
<title>{{ .v.feedtitle }}</title>
<updated>{{ .v.date }}T00:00:00Z</updated>
<published>{{ .v.date }}T00:00:00Z</published>
<author><name>{{ .p.Params.entityname }}</name></author>
<link rel="alternate" type="text/html" href="{{ .p.Permalink }}#v-{{ .v.date }}" hreflang="{{ $.Language.Lang }}"/>
{{- with .v.related }}
<link rel="related" type="text/html" href="{{ . }}" hreflang="{{ $.Language.Lang }}"/>
{{- end }}
<summary>{{ .v.summary }}</summary>
</entry>
{{- end }}
</feed>
`,
}

// versionMessageIDs are the messages the changes page prints itself; the
// others are in its front matter. Hugo's ids are these with _ for ., since
// a dot would nest them in TOML.
var versionMessageIDs = []string{
	"version.material", "version.released", "version.effective", "version.class",
	"version.state", "version.changedFacts", "version.added", "version.removed",
	"version.current", "version.changes",
}
