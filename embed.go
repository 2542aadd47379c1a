// Package noticegen embeds the example site. It is the default that
// `noticegen new site` writes, and its layouts/ and i18n/ are built into
// every build, so a site needs only the files it changes.
package noticegen

import "embed"

// Example is the example site: site.toml, content/, layouts/ and i18n/.
// content/ is embedded with all: because folder intros are named _index.
//
//go:embed site.toml all:content layouts i18n
var Example embed.FS
