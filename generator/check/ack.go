package check

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
)

// Acknowledge returns the build's findings and the rules' (found) with the
// ones that site.toml's [[acknowledge]] entries match marked acknowledged,
// with the entry's reason, plus a warning for each entry that matches
// nothing: a finding since fixed, or a typo in its rule or file. An entry
// matches the findings of its rule, in its file when it names one. The
// rules' findings can all be acknowledged, the build's warnings too, but
// not the build's errors: the site would not build, whatever check says.
func Acknowledge(s *site.Site, build, found diag.List) diag.List {
	out := slices.Clone(build) // escaped already, by diag.List
	out.Add(found...)
	if s == nil {
		return out
	}
	acks := s.Config.Acknowledge
	used := make([]bool, len(acks))
	stopsBuild := make([]bool, len(acks))
	for i := range out {
		d := &out[i]
		for j, a := range acks {
			if a.Rule != RuleOf(*d) || a.File != "" && a.File != d.File {
				continue
			}
			if i < len(build) && d.Severity == diag.Error {
				stopsBuild[j] = true
				continue
			}
			used[j] = true
			if !d.Acknowledged {
				d.Acknowledged, d.Reason = true, a.Reason
			}
		}
	}
	for j, a := range acks {
		if !used[j] {
			line, col := ackPos(s.Source, j)
			out.Add(diag.Diagnostic{File: s.Source.Path, Line: line, Col: col, Severity: diag.Warning, Rule: vocab.RuleUnusedAcknowledgement,
				Message: unusedAck(a, stopsBuild[j])})
		}
	}
	return out
}

// unusedAck says why acknowledgement a matches nothing, as far as can be
// told, and what is expected instead.
func unusedAck(a site.Acknowledgement, stopsBuild bool) string {
	what := fmt.Sprintf("rule %q", a.Rule)
	if a.File != "" {
		what += fmt.Sprintf(" in %q", a.File)
	}
	switch {
	case stopsBuild:
		return fmt.Sprintf("acknowledgement of %s matches only errors that stop the build, which cannot be acknowledged; expected the error fixed", what)
	case !slices.Contains(vocab.RuleIDs(), a.Rule) || a.Rule == vocab.RuleBuildError:
		ids := slices.DeleteFunc(vocab.RuleIDs(), func(id string) bool { return id == vocab.RuleBuildError || id == vocab.RuleUnusedAcknowledgement })
		return fmt.Sprintf("acknowledgement of %s matches no finding: no rule that can be acknowledged has that id; expected one of %s", what, strings.Join(ids, ", "))
	}
	return fmt.Sprintf("acknowledgement of %s matches no finding; expected it removed once the finding is fixed, or a file a finding of the rule is in", what)
}

// ackPos returns the position of the rule key of the i-th (from 0)
// [[acknowledge]] table of site.toml, or of the table's header when it has
// none, or of the acknowledge key written another way (an inline array).
func ackPos(src site.Source, i int) (line, col int) {
	n := -1
	inTable := false
	ln := 0
	for raw := range bytes.Lines(src.Text) {
		ln++
		t := strings.TrimSpace(string(raw))
		if strings.HasPrefix(t, "[") {
			inTable = false
			if strings.ReplaceAll(strings.ReplaceAll(t, " ", ""), "\t", "") == "[[acknowledge]]" || strings.HasPrefix(t, "[[acknowledge]]") {
				if n++; n == i {
					line, col = ln+src.LineOffset, len(raw)-len(bytes.TrimLeft(raw, " \t"))+1
					inTable = true
				}
			}
			continue
		}
		if inTable && (strings.HasPrefix(t, "rule ") || strings.HasPrefix(t, "rule=")) {
			return ln + src.LineOffset, len(raw) - len(bytes.TrimLeft(raw, " \t")) + 1
		}
	}
	if line == 0 {
		return src.KeyPos("acknowledge")
	}
	return line, col
}
