package site

import (
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/noticegen/noticegen/generator/vocab"
)

// checkEntityFacts checks the keys of issue 16 in an entity's file: the
// DPO's none, the representative, the joint controllers and the entity's
// own facts per section, whose Given it fills from md.
func (l *loader) checkEntityFacts(e *Entity, md toml.MetaData) {
	src := e.Source
	if r := e.Representative; r != nil {
		l.requireText(src, r.Name, []string{"representative", "name"}, `the representative's name, e.g. name = "Example Representation B.V." in [representative]`)
	}
	for i, jc := range e.JointControllers {
		n := i + 1
		l.requireItemText(src, jc.Name, n, "jointControllers", "name", `the joint controller's legal name, e.g. name = "Partner Events GmbH"`)
		l.requireItemText(src, jc.Arrangement, n, "jointControllers", "arrangement", `the essence of the arrangement (Art. 26(2) GDPR), e.g. arrangement = "We run the registration; Partner Events answers requests about the event app."`)
	}
	for id, f := range e.Sections {
		if f == nil {
			continue
		}
		f.Given = map[string]bool{}
		for _, k := range md.Keys() {
			if len(k) == 3 && k[0] == "sections" && k[1] == id {
				f.Given[k[2]] = true
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(e.Sections)) {
		key := []string{"sections", id}
		if err := CheckID(id); err != nil {
			line, col := src.KeyPos(key...)
			l.diags.Errorf(src.Path, line, col, "sections: %v (a key of [sections.\"<id>\"] is a section's id)", err)
			continue
		}
		if f := e.Sections[id]; f != nil {
			l.checkIDList(src, f.Providers, "sections", id, "providers")
			l.checkCookies(src, append(key, "cookies"), f.Cookies, false)
		}
	}
}

// checkDPO checks [dpo]: either the DPO's contact, with a name, or none
// with the reason there is no DPO; not both.
func (l *loader) checkDPO(src Source, d *DPO) {
	if d.None == nil {
		l.requireText(src, d.Name, []string{"dpo", "name"}, `the data protection officer's name, e.g. name = "Dr. Miriam Feldkamp" in [dpo]`)
		return
	}
	l.requireText(src, d.None, []string{"dpo", "none"}, `why the entity has no data protection officer, e.g. none = "Not required under Art. 37 GDPR"`)
	var also []string
	if d.Name != nil {
		also = append(also, "name")
	}
	if d.Email != "" {
		also = append(also, "email")
	}
	if d.Phone != "" {
		also = append(also, "phone")
	}
	if d.Address != nil {
		also = append(also, "address")
	}
	if len(also) > 0 {
		line, col := src.KeyPos("dpo", "none")
		l.diags.Errorf(src.Path, line, col, "dpo.none says there is no data protection officer, but [dpo] also gives %s; expected either none = \"<reason>\" or the officer's contact, not both", strings.Join(also, ", "))
	}
}

// requireItemText is requireText for key in the n-th element of the array
// of tables at table.
func (l *loader) requireItemText(src Source, v Localized, n int, table, key, want string) {
	def := l.site.Config.DefaultLanguage
	if !missingText(v, def) {
		return
	}
	line, col := src.ItemPos(n, 0, "", []string{table}, key)
	name := itemName([]string{table}, n) + ": " + key
	if v == nil {
		l.diags.Errorf(src.Path, line, col, "%s is missing; expected %s", name, want)
		return
	}
	l.diags.Errorf(src.Path, line, col, "%s is empty in %s, the default language; expected %s", name, def, want)
}

// checkIDList reports the ids at key that are no valid content id, or
// listed twice.
func (l *loader) checkIDList(src Source, ids []string, key ...string) {
	name := strings.Join(key, ".")
	seen := map[string]int{}
	for _, id := range ids {
		seen[id]++
		if err := CheckID(id); err != nil {
			line, col := src.ValuePosN(seen[id], id, key...)
			l.diags.Errorf(src.Path, line, col, "%s: %v", name, err)
		} else if seen[id] == 2 {
			line, col := src.ValuePosN(2, id, key...)
			l.diags.Errorf(src.Path, line, col, "%s: %q is listed twice; expected each id once", name, id)
		}
	}
}

// checkObtained checks a notice's obtained.
func (l *loader) checkObtained(n *Notice) {
	if n.Obtained == "" || slices.Contains(vocab.ObtainedValues(), n.Obtained) {
		return
	}
	line, col := n.Source.ValuePos(n.Obtained, "obtained")
	l.diags.Errorf(n.Source.Path, line, col, "unknown obtained %s; expected one of %s (%s when left out)", quote(n.Obtained), strings.Join(vocab.ObtainedValues(), ", "), vocab.ObtainedFromSubject)
}

// checkFrontFacts checks the front-matter keys of issue 16.
func (l *loader) checkFrontFacts(f *SectionFile) {
	l.checkIDList(f.Front, f.Meta.Providers, "providers")
	l.checkCookies(f.Front, []string{"cookies"}, f.Meta.Cookies, true)
}

// checkAcknowledge checks site.toml's [[acknowledge]] entries: each names
// a rule and says why its finding is accepted, and a file, when given, is
// a path inside the site as findings name it.
func (l *loader) checkAcknowledge(src Source, acks []Acknowledgement) {
	for i, a := range acks {
		n := i + 1
		item := itemName([]string{"acknowledge"}, n)
		if strings.TrimSpace(a.Rule) == "" {
			line, col := src.ItemPos(n, 0, "", []string{"acknowledge"}, "rule")
			l.diags.Errorf(src.Path, line, col, "%s has no rule; expected the rule id of the finding accepted, e.g. rule = %q", item, vocab.RuleTranslationStale)
		}
		if strings.TrimSpace(a.Reason) == "" {
			line, col := src.ItemPos(n, 0, "", []string{"acknowledge"}, "reason")
			l.diags.Errorf(src.Path, line, col, "%s has no reason; expected why the finding is accepted, e.g. reason = \"Reviewed on 2026-11-30: …\"", item)
		}
		if f := a.File; f != "" && (path.IsAbs(f) || path.Clean(f) != f || f == ".." || strings.HasPrefix(f, "../") || strings.Contains(f, `\`)) {
			line, col := src.ItemPos(n, 1, f, []string{"acknowledge"}, "file")
			l.diags.Errorf(src.Path, line, col, "%s: file %s is not a path inside the site as check names it; expected a slash path from the site folder, e.g. \"content/sections/cookies.de.md\"", item, quote(f))
		}
	}
}
