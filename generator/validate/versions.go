package validate

import (
	"slices"
	"strings"

	"github.com/noticegen/noticegen/generator/diag"
)

// versions checks the released versions against the site as it is now. A
// version whose entity or notice no longer exists is no problem: an
// archive outlives what it archived, and the version holds its page. A
// version in a language the site no longer publishes is kept too, but
// warned about, since nothing links to it and a typo in the file's name
// looks the same.
func (v *validator) versions() {
	langs := v.s.Config.Languages
	for _, ver := range v.s.Versions {
		if !slices.Contains(langs, ver.Lang) {
			v.diags.Warnf(ver.Source.Path, 0, 0, "version in language %s, which site.toml languages does not list (%s); expected one of them in the file's name, or the language listed again",
				diag.Quote(ver.Lang), strings.Join(langs, ", "))
		}
	}
}
