package check

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/vocab"
)

// BuildErrorRule is the rule id given in json and SARIF output to problems
// found while loading and rendering (syntax, types, templates), which carry
// no rule of their own.
const BuildErrorRule = vocab.RuleBuildError

// Finding is one line of JSON output; docs/check.md documents the schema.
type Finding struct {
	File     string `json:"file"`
	Line     int    `json:"line"` // ≥ 1 when File is set; 0 only for a finding of no file
	Column   int    `json:"column"`
	Severity string `json:"severity"` // "error" or "warning"
	Rule     string `json:"rule"`
	Message  string `json:"message"`
	Entity   string `json:"entity,omitempty"`
	Notice   string `json:"notice,omitempty"`
	Lang     string `json:"lang,omitempty"`
	// Acknowledged marks a finding site.toml [[acknowledge]] accepts, for
	// Reason; it does not fail the check.
	Acknowledged bool   `json:"acknowledged,omitempty"`
	Reason       string `json:"reason,omitempty"`
}

// RuleOf returns the rule id a finding is reported under: its own, or
// build-error for a problem of loading and rendering that has none.
func RuleOf(d diag.Diagnostic) string {
	if d.Rule == "" {
		return BuildErrorRule
	}
	return d.Rule
}

// WriteText writes one finding per line: file:line:col: severity: message
// [rule], followed by " (acknowledged: reason)" for one site.toml accepts.
// Problems of loading and rendering (build-error) print without a rule, as
// build prints them.
func WriteText(w io.Writer, diags diag.List) error {
	for _, d := range diags {
		if r := RuleOf(d); r != BuildErrorRule {
			d.Rule = r
		}
		line := d.String()
		if d.Acknowledged {
			line += " (acknowledged: " + d.Escaped().Reason + ")"
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSON writes the findings as a JSON array (empty when clean).
func WriteJSON(w io.Writer, diags diag.List) error {
	out := make([]Finding, 0, len(diags))
	for _, d := range diags {
		d = d.Located().Escaped()
		out = append(out, Finding{
			File: d.File, Line: d.Line, Column: d.Col, Severity: d.Severity.String(), Rule: RuleOf(d),
			Message: d.Message, Entity: d.Entity, Notice: d.Notice, Lang: d.Lang,
			Acknowledged: d.Acknowledged, Reason: d.Reason,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WriteSARIF writes the findings as a SARIF 2.1.0 log, the format code
// hosting platforms read to annotate the changed lines of a pull request.
func WriteSARIF(w io.Writer, diags diag.List, version string) error {
	rules := append(Rules(), Rule{BuildErrorRule, "Build error", "Every file parses, every value has the expected type, and every template executes."})
	index := map[string]int{}
	var sarifRules []map[string]any
	for i, r := range rules {
		index[r.ID] = i
		sarifRules = append(sarifRules, map[string]any{
			"id":               r.ID,
			"name":             r.Title,
			"shortDescription": map[string]string{"text": r.Title},
			"fullDescription":  map[string]string{"text": r.Article},
			"helpUri":          "https://github.com/noticegen/noticegen/blob/main/docs/check.md#" + r.ID,
		})
	}
	results := []map[string]any{}
	for _, d := range diags {
		d = d.Located().Escaped() // a file's finding has a line ≥ 1, as SARIF's startLine must
		loc := map[string]any{"artifactLocation": map[string]any{"uri": d.File, "uriBaseId": "%SRCROOT%"}}
		region := map[string]any{"startLine": d.Line}
		if d.Col > 0 {
			region["startColumn"] = d.Col
		}
		loc["region"] = region
		res := map[string]any{
			"ruleId":    RuleOf(d),
			"ruleIndex": index[RuleOf(d)],
			"level":     d.Severity.String(),
			"message":   map[string]string{"text": d.Message},
			"locations": []map[string]any{{"physicalLocation": loc}},
		}
		props := map[string]string{}
		for k, v := range map[string]string{"entity": d.Entity, "notice": d.Notice, "lang": d.Lang} {
			if v != "" {
				props[k] = v
			}
		}
		if len(props) > 0 {
			res["properties"] = props
		}
		if d.File == "" {
			delete(res, "locations")
		}
		if d.Acknowledged {
			// external: the suppression is kept in site.toml, not in the
			// file the finding is about
			res["suppressions"] = []map[string]string{{"kind": "external", "justification": d.Reason}}
		}
		results = append(results, res)
	}
	log := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []map[string]any{{
			"tool": map[string]any{"driver": map[string]any{
				"name":           "noticegen",
				"version":        version,
				"informationUri": "https://github.com/noticegen/noticegen",
				"rules":          sarifRules,
			}},
			"results": results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}
