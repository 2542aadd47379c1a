package locale

import (
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/noticegen/noticegen/generator/site"
)

// guideMessage is one built-in message as a new language's file shows it:
// the guide language's text of each form, and the language that gave it.
type guideMessage struct {
	id    string
	lang  string
	forms [][2]string // name, text; only "other" for a message without plural forms
}

// Skeleton writes a message file for a new language lang: every built-in
// message id (from builtin, files named <lang>.toml), each set to the text
// of guideLang (the site's default language) with that text in a comment
// above, so the file loads as it is and a translator overwrites the values.
// own, when not nil, is the site's own i18n/<guideLang>.toml: its texts
// come first, since they are the ones its pages show. Where guideLang has
// no text the built-in English one guides. Messages with plural forms get
// a note: lang needs the forms of its own plural rules. Ids are sorted, so
// the output depends only on the inputs.
func Skeleton(builtin fs.FS, own []byte, lang, guideLang string) ([]byte, error) {
	sources := []map[string]*i18n.Message{}
	langs := []string{}
	if own != nil {
		ms, err := messagesOf(own, "i18n/"+guideLang+".toml")
		if err != nil {
			return nil, err
		}
		sources, langs = append(sources, ms), append(langs, guideLang)
	}
	for _, l := range []string{guideLang, lastResort} {
		b, err := fs.ReadFile(builtin, l+".toml")
		if err != nil {
			continue // no built-in messages for l
		}
		ms, err := messagesOf(b, builtinPrefix+l+".toml")
		if err != nil {
			return nil, err
		}
		sources, langs = append(sources, ms), append(langs, l)
	}
	if len(sources) == 0 || langs[len(langs)-1] != lastResort {
		return nil, fmt.Errorf("the built-in messages (%s.toml) are missing; expected them in the program", lastResort)
	}
	// The built-in ids (English has every one), and the site's own ones
	// (its legal bases, say), which a new language needs as well.
	ids := map[string]bool{}
	for _, ms := range sources {
		for id := range ms {
			ids[id] = true
		}
	}
	var msgs []guideMessage
	for _, id := range slices.Sorted(maps.Keys(ids)) {
		for l, ms := range sources {
			if m, ok := ms[id]; ok && m.Other != "" {
				msgs = append(msgs, guideMessage{id: id, lang: langs[l], forms: formsOf(m)})
				break
			}
		}
	}
	return writeSkeleton(msgs, lang), nil
}

// messagesOf parses a go-i18n TOML message file into its messages by id.
func messagesOf(b []byte, name string) (map[string]*i18n.Message, error) {
	unmarshal := map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal}
	mf, err := i18n.ParseMessageFileBytes(b, "x.toml", unmarshal)
	if err != nil {
		return nil, fmt.Errorf("%s: %v; expected a go-i18n message file", name, err)
	}
	ms := map[string]*i18n.Message{}
	for _, m := range mf.Messages {
		ms[m.ID] = m
	}
	return ms, nil
}

// formsOf lists the plural forms a message has, in CLDR order.
func formsOf(m *i18n.Message) [][2]string {
	var forms [][2]string
	for _, f := range [][2]string{{"zero", m.Zero}, {"one", m.One}, {"two", m.Two}, {"few", m.Few}, {"many", m.Many}, {"other", m.Other}} {
		if f[1] != "" {
			forms = append(forms, f)
		}
	}
	return forms
}

// writeSkeleton prints msgs as TOML: plain messages as id = "text" first,
// then, since TOML wants tables last, every message under a table (dotted
// ids, plural messages) as [table] with its keys.
func writeSkeleton(msgs []guideMessage, lang string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# UI messages for %s (go-i18n), written by noticegen new i18n %s.\n", lang, lang)
	b.WriteString("# Each value is the text of the language named in the comment above it, as a\n")
	b.WriteString("# guide: replace the value with its translation and keep the id. Keep the\n")
	b.WriteString("# {{.Name}}-style fields as they are; punctuation such as the colon after a\n")
	b.WriteString("# label belongs to the message, so write the one your language uses.\n")
	b.WriteString("# A message you delete is shown in the default language, with a warning.\n")
	tables := map[string][]guideMessage{}
	var tableNames []string
	for _, m := range msgs {
		table, key := "", m.id
		if len(m.forms) > 1 {
			table, key = m.id, ""
		} else if i := strings.LastIndex(m.id, "."); i >= 0 {
			table, key = m.id[:i], m.id[i+1:]
		}
		if table == "" {
			writeForm(&b, m.lang, key, m.forms[0][1])
			continue
		}
		if _, ok := tables[table]; !ok {
			tableNames = append(tableNames, table)
		}
		m.id = key
		tables[table] = append(tables[table], m)
	}
	slices.Sort(tableNames)
	for _, t := range tableNames {
		ms := tables[t]
		if len(ms) == 1 && ms[0].id == "" {
			fmt.Fprintf(&b, "\n# A message with plural forms: give the forms %s's plural rules need\n", lang)
			b.WriteString("# (CLDR: zero, one, two, few, many, other; other is always needed).\n")
		}
		fmt.Fprintf(&b, "\n[%s]\n", tomlKeys(t))
		for _, m := range ms {
			if m.id == "" {
				for _, f := range m.forms {
					writeForm(&b, m.lang, f[0], f[1])
				}
				continue
			}
			writeForm(&b, m.lang, m.id, m.forms[0][1])
		}
	}
	return []byte(b.String())
}

func writeForm(b *strings.Builder, guideLang, key, text string) {
	fmt.Fprintf(b, "# %s: %s\n%s = %s\n", guideLang, site.TOMLString(text), tomlKey(key), site.TOMLString(text))
}

// tomlKeys writes a dotted id as TOML keys, each quoted where it must be.
func tomlKeys(id string) string {
	parts := strings.Split(id, ".")
	for i, p := range parts {
		parts[i] = tomlKey(p)
	}
	return strings.Join(parts, ".")
}

// tomlKey writes a bare key as it is and any other quoted.
func tomlKey(k string) string {
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return site.TOMLString(k)
		}
	}
	if k == "" {
		return `""`
	}
	return k
}
