// Package history works out what a notice page's released versions mean
// for the build: which version is in force, which are archived or still
// upcoming (Periods), how an archived page differs from the stored one
// (Archive), and what changed in a section's words between two versions
// (WordDiff). It is pure: no I/O, no clock; the caller passes the date.
package history

import "strings"

// OpKind says whether a run of words is kept, inserted or deleted.
type OpKind int

// The kinds of Op.
const (
	Equal OpKind = iota
	Insert
	Delete
)

// Op is one run of words of a word diff, joined by single spaces.
type Op struct {
	Kind OpKind
	Text string
}

// WordDiff returns the word-level difference from old to new as a
// longest common subsequence of their words (split at white space), with
// neighbouring words of one kind merged into one Op. Deletions come before
// insertions where both replace the same words, which reads as "was …,
// now …". Paragraph breaks count as white space: the changes page shows
// the wording, not the layout.
func WordDiff(old, new string) []Op {
	a, b := strings.Fields(old), strings.Fields(new)
	// Trim the common prefix and suffix: most edits are local, and the
	// table is then small.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	// Each op's words are joined at the end: adding them one by one to its
	// Text copied a long unchanged run once per word.
	var ops []Op
	var words [][]string // the words of ops[i]
	add := func(k OpKind, w string) {
		if n := len(ops); n > 0 && ops[n-1].Kind == k {
			words[n-1] = append(words[n-1], w)
			return
		}
		ops = append(ops, Op{Kind: k})
		words = append(words, []string{w})
	}
	for _, w := range a[:pre] {
		add(Equal, w)
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	// lcs[i][j] is the length of the LCS of ma[i:] and mb[j:].
	lcs := make([][]int, len(ma)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(mb)+1)
	}
	for i := len(ma) - 1; i >= 0; i-- {
		for j := len(mb) - 1; j >= 0; j-- {
			if ma[i] == mb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ins []string // insertions held back until the deletions beside them are out
	flush := func() {
		for _, w := range ins {
			add(Insert, w)
		}
		ins = ins[:0]
	}
	i, j := 0, 0
	for i < len(ma) || j < len(mb) {
		switch {
		case i < len(ma) && j < len(mb) && ma[i] == mb[j]:
			flush()
			add(Equal, ma[i])
			i, j = i+1, j+1
		case j < len(mb) && (i == len(ma) || lcs[i][j+1] >= lcs[i+1][j]):
			ins = append(ins, mb[j])
			j++
		default:
			add(Delete, ma[i])
			i++
		}
	}
	flush()
	for _, w := range a[len(a)-suf:] {
		add(Equal, w)
	}
	for i := range ops {
		ops[i].Text = strings.Join(words[i], " ")
	}
	return ops
}

// Changed reports whether ops hold an insertion or deletion.
func Changed(ops []Op) bool {
	for _, o := range ops {
		if o.Kind != Equal {
			return true
		}
	}
	return false
}
