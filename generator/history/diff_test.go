package history

import (
	"reflect"
	"testing"
)

func TestWordDiff(t *testing.T) {
	for _, tc := range []struct {
		name, old, new string
		want           []Op
	}{
		{"empty", "", "", nil},
		{"same", "a b  c", "a b\nc", []Op{{Equal, "a b c"}}},
		{"all new", "", "we keep data", []Op{{Insert, "we keep data"}}},
		{"all gone", "we keep data", "", []Op{{Delete, "we keep data"}}},
		{"replace middle", "we keep it six months", "we keep it two years",
			[]Op{{Equal, "we keep it"}, {Delete, "six months"}, {Insert, "two years"}}},
		{"insert middle", "we share with banks", "we share data with banks",
			[]Op{{Equal, "we share"}, {Insert, "data"}, {Equal, "with banks"}}},
		{"delete end", "we ask and store", "we ask",
			[]Op{{Equal, "we ask"}, {Delete, "and store"}}},
		{"interleaved", "a b c d", "a x c y",
			[]Op{{Equal, "a"}, {Delete, "b"}, {Insert, "x"}, {Equal, "c"}, {Delete, "d"}, {Insert, "y"}}},
		{"repeated words", "the data the", "the the data the",
			[]Op{{Equal, "the"}, {Insert, "the"}, {Equal, "data the"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := WordDiff(tc.old, tc.new)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("WordDiff(%q, %q) = %v, want %v", tc.old, tc.new, got, tc.want)
			}
			if Changed(got) != (tc.want != nil && !reflect.DeepEqual(tc.want, []Op{{Equal, tc.want[0].Text}})) {
				t.Errorf("Changed = %v", Changed(got))
			}
		})
	}
}
