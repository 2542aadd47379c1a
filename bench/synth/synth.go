// Package synth writes large synthetic group sites for benchmarks: the
// example site's notices and sections in many languages, and as many
// subsidiaries as asked for, each with its own address, DPO and tools.
package synth

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/noticegen/noticegen"
)

// Languages returns the language codes a synthetic site draws from.
func Languages() []string {
	return []string{"en", "de", "fr", "es", "it", "nl", "pl", "sv", "da", "fi", "pt", "cs", "hu", "ro", "el", "bg"}
}

// Write writes a site with the given number of entities and the first
// langs languages of Languages into out. Each entity publishes the
// example's three notices, so pages = entities × 3 × langs.
func Write(out string, entities, nlangs int) error {
	langs := Languages()[:nlangs]
	put := func(name, text string) error {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, []byte(text), 0o644)
	}
	quoted := make([]string, len(langs))
	for i, l := range langs {
		quoted[i] = fmt.Sprintf("%q", l)
	}
	if err := put("site.toml", fmt.Sprintf("title = \"Synthetic Group Privacy Center\"\nbaseURL = \"https://privacy.synthetic.example/\"\ndefaultLanguage = \"en\"\nlanguages = [%s]\n", strings.Join(quoted, ", "))); err != nil {
		return err
	}
	// Notices as in the example.
	notices, _ := fs.Glob(noticegen.Example, "content/notices/*.toml")
	var noticeIDs []string
	for _, n := range notices {
		b, _ := fs.ReadFile(noticegen.Example, n)
		if err := put(n, retitle(string(b), langs)); err != nil {
			return err
		}
		noticeIDs = append(noticeIDs, strings.TrimSuffix(path.Base(n), ".toml"))
	}
	// Sections: the example's en and de text; other languages get the
	// English text, as an untranslated site would before its translators.
	err := fs.WalkDir(noticegen.Example, "content/sections", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".en.md") {
			return err
		}
		en, _ := fs.ReadFile(noticegen.Example, p)
		base := strings.TrimSuffix(p, ".en.md")
		for _, l := range langs {
			text := en
			if b, err := fs.ReadFile(noticegen.Example, base+"."+l+".md"); err == nil {
				text = b
			}
			if err := put(base+"."+l+".md", string(text)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	tools := []string{"conferencing/jitsi", "conferencing/teams", "conferencing/zoom", "conferencing/webex"}
	hosts := []string{"hosting/hetzner", "hosting/cloudflare"}
	for i := range entities {
		uses := []string{hosts[i%2], tools[i%4], tools[(i+1)%4]}
		if i%3 == 0 {
			uses = append(uses, hosts[(i+1)%2])
		}
		e := fmt.Sprintf(`name = "Synthetic Subsidiary %[1]d GmbH"
address = """
Musterstraße %[1]d
%05[2]d Musterstadt
Germany"""
email = "privacy@sub%[1]d.synthetic.example"
phone = "+49 30 %07[1]d"
website = "https://sub%[1]d.synthetic.example"
register = { en = "Local Court Musterstadt, HRB %[1]d", de = "Amtsgericht Musterstadt, HRB %[1]d" }
vatID = "DE%09[1]d"
representedBy = "Managing Director %[1]d"
updated = 2025-%02[3]d-01
notices = [%[4]s]
uses = [%[5]s]

[dpo]
name = "Data Protection Office %[6]d"
email = "dpo%[6]d@synthetic.example"
address = "Datenschutzweg %[6]d\n10115 Berlin\nGermany"

[authority]
name = { en = "Data Protection Authority %[6]d", de = "Datenschutzbehörde %[6]d" }
url = "https://authority%[6]d.example"

[params]
newsletterTool = "MailTool %[1]d"
ticketPlatform = "TicketTool %[1]d"
applicantPortal = "JobPortal %[1]d"
`, i, 10000+i, 1+i%12, quotedList(noticeIDs), quotedList(uses), i%10)
		if err := put(fmt.Sprintf("content/entities/sub-%05d.toml", i), e); err != nil {
			return err
		}
	}
	return nil
}

// retitle keeps a notice's en and de titles and gives other languages the
// English one, so every localized string names only the site's languages.
func retitle(toml string, langs []string) string {
	keep := map[string]bool{}
	for _, l := range langs {
		keep[l] = true
	}
	if !keep["de"] {
		// drop `de = "…"` parts of inline tables
		for {
			i := strings.Index(toml, `, de = "`)
			if i < 0 {
				break
			}
			j := strings.Index(toml[i+8:], `"`)
			toml = toml[:i] + toml[i+8+j+1:]
		}
	}
	return toml
}

func quotedList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}
