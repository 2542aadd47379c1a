package render

import (
	"bytes"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/history"
	"github.com/noticegen/noticegen/generator/site"
)

// VersionPath returns the folder of an archived version's page below the
// site root: <lang>/<entity>/<notice>/versions/<date>/.
func VersionPath(v *site.Version) string {
	return v.Lang + "/" + v.Entity + "/" + v.Notice + "/versions/" + v.Date.Format(site.DateLayout) + "/"
}

// Archived writes the page of archived version p into w: the page as it
// was published (history.Archive), with a banner in its language saying
// when it was in force, linking to the page in force and to its changes.
// It reads nothing but the version, site.toml and the messages, so the
// page stays the same however sections, layouts and providers change.
func (r *Renderer) Archived(w *bytes.Buffer, p history.Period) diag.List {
	v := p.Version
	banner, err := r.banner(p)
	if err != nil {
		return messageDiags(err)
	}
	b, err := history.Archive(v.Page, r.site.Config.BaseURL+VersionPath(v), banner)
	if err != nil {
		return diag.List{{File: v.Source.Path, Line: v.Source.LineOffset + 1, Severity: diag.Error, Message: err.Error()}}
	}
	w.Write(b)
	return nil
}

// banner is the note at the start of an archived page. From the page at
// versions/<date>/ the notice page is two folders up, whatever the ids.
func (r *Renderer) banner(p history.Period) ([]byte, error) {
	lang := p.Version.Lang
	// The dates go in as marks, replaced by <time> elements once the
	// message is escaped.
	text, err := r.cat.T(lang, "version.superseded", map[string]any{"From": "\x00from\x00", "Until": "\x00until\x00"})
	if err != nil {
		return nil, err
	}
	text = strings.NewReplacer("\x00from\x00", r.timeHTML(lang, p.From), "\x00until\x00", r.timeHTML(lang, p.Until)).Replace(html.EscapeString(text))
	cur, err := r.cat.T(lang, "version.current", nil)
	if err != nil {
		return nil, err
	}
	changes, err := r.cat.T(lang, "version.changes", nil)
	if err != nil {
		return nil, err
	}
	return fmt.Appendf(nil, `<div class="superseded" role="note"><p>%s</p><p><a href="../../">%s</a> · <a href="../../changes/">%s</a></p></div>`,
		text, html.EscapeString(cur), html.EscapeString(changes)), nil
}

// timeHTML is date t in lang as a <time> element.
func (r *Renderer) timeHTML(lang string, t time.Time) string {
	d := r.date(lang, t)
	return `<time datetime="` + d.ISO + `">` + html.EscapeString(d.Text) + `</time>`
}
