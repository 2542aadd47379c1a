package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"time"
)

// SitemapEntry is one URL of the sitemap with its language versions.
type SitemapEntry struct {
	Path       string // relative to the site root; "" for the root
	Updated    time.Time
	Alternates map[string]string // language → path
}

// Sitemap writes sitemap.xml with lastmod and xhtml:link alternates.
func (r *Renderer) Sitemap(entries []SitemapEntry) []byte {
	cfg := r.site.Config
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	for _, e := range entries {
		fmt.Fprintf(&b, "  <url>\n    <loc>%s</loc>\n", xmlText(cfg.BaseURL+e.Path))
		if !e.Updated.IsZero() {
			fmt.Fprintf(&b, "    <lastmod>%s</lastmod>\n", e.Updated.Format("2006-01-02"))
		}
		for _, l := range cfg.Languages {
			if p, ok := e.Alternates[l]; ok {
				fmt.Fprintf(&b, "    <xhtml:link rel=\"alternate\" hreflang=\"%s\" href=\"%s\"/>\n", xmlText(l), xmlText(cfg.BaseURL+p))
			}
		}
		if p, ok := e.Alternates[cfg.DefaultLanguage]; ok && len(e.Alternates) > 1 {
			fmt.Fprintf(&b, "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"%s\"/>\n", xmlText(cfg.BaseURL+p))
		}
		b.WriteString("  </url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

func xmlText(s string) string {
	var b strings.Builder
	template.HTMLEscape(&b, []byte(s))
	return b.String()
}
