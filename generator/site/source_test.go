package site

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// entityText is numbered in the comments of TestSourceKeyPos.
const entityText = `# Entity
name = "Acme"
address = """
x = 1
email = "fake"
Germany"""
email = "p@acme.example"
literal = '''
omit = 1
'''
omit = ["events"]
notices = ["website", "online-meetings"]
uses = [
  "hosting/ionos",
  'conferencing/teams',
]
dpo.name = "D"
authority = { name = { en = "A", de = "B" }, url = "https://a.example" }
"quoted" = 1

[params]
  newsletterTool = "Brevo"
[ register ]   # a comment
en = "x"
[[items]]
name = "i"
`

func TestSourceKeyPos(t *testing.T) {
	tests := []struct {
		name      string
		offset    int
		key       []string
		line, col int
	}{
		{"top-level key", 0, []string{"name"}, 2, 1},
		{"key after multi-line string containing key lines", 0, []string{"email"}, 7, 1},
		{"key after multi-line literal string", 0, []string{"omit"}, 11, 1},
		{"key only inside a multi-line string is not found", 0, []string{"x"}, 1, 0},
		{"multi-line array", 0, []string{"uses"}, 13, 1},
		{"dotted key", 0, []string{"dpo", "name"}, 17, 1},
		{"key inside inline table falls back to parent", 0, []string{"authority", "url"}, 18, 1},
		{"nested inline table falls back to parent", 0, []string{"authority", "name", "de"}, 18, 1},
		{"quoted key", 0, []string{"quoted"}, 19, 1},
		{"table header", 0, []string{"params"}, 21, 1},
		{"indented key in table", 0, []string{"params", "newsletterTool"}, 22, 3},
		{"unknown key in table falls back to table", 0, []string{"params", "nope"}, 21, 1},
		{"spaced header with comment", 0, []string{"register"}, 23, 1},
		{"key in spaced table", 0, []string{"register", "en"}, 24, 1},
		{"array of tables", 0, []string{"items", "name"}, 26, 1},
		{"unknown key is line 1", 0, []string{"nope"}, 1, 0},
		{"line offset applied", 1, []string{"email"}, 8, 1},
		{"line offset applied to fallback", 1, []string{"nope"}, 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := Source{Path: "content/entities/acme.toml", Text: []byte(entityText), LineOffset: tt.offset}
			line, col := src.KeyPos(tt.key...)
			if line != tt.line || col != tt.col {
				t.Errorf("KeyPos(%q) = %d:%d, want %d:%d", tt.key, line, col, tt.line, tt.col)
			}
			// KeyIndex answers the same after one scan.
			if line, col := src.KeyIndex()(tt.key...); line != tt.line || col != tt.col {
				t.Errorf("KeyIndex()(%q) = %d:%d, want %d:%d as KeyPos", tt.key, line, col, tt.line, tt.col)
			}
		})
	}
}

func TestSourceKeyPosQuotedDottedKey(t *testing.T) {
	src := Source{Text: []byte("[params]\n\"news.tool\" = \"x\"\n")}
	if line, _ := src.KeyPos("params", "news.tool"); line != 2 {
		t.Errorf("KeyPos(params, news.tool) line = %d, want 2", line)
	}
}

func TestSourceValuePos(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		offset    int
		value     string
		key       []string
		line, col int
	}{
		{"second element of one-line array", entityText, 0, "online-meetings", []string{"notices"}, 12, 23},
		{"first element", entityText, 0, "website", []string{"notices"}, 12, 12},
		{"element of multi-line array", entityText, 0, "hosting/ionos", []string{"uses"}, 14, 3},
		{"single-quoted element", entityText, 0, "conferencing/teams", []string{"uses"}, 15, 3},
		{"after multi-line strings", entityText, 0, "events", []string{"omit"}, 11, 9},
		{"value not found falls back to key", entityText, 0, "missing", []string{"uses"}, 13, 1},
		{"line offset applied", entityText, 1, "hosting/ionos", []string{"uses"}, 15, 3},
		{"line offset applied to fallback", entityText, 1, "missing", []string{"uses"}, 14, 1},
		{"column counts characters, not bytes", "uses = [\"ä\", \"b\"]\n", 0, "b", []string{"uses"}, 1, 14},
		{"same value under an earlier key is skipped", "notices = [\"a\"]\nomit = [\"a\"]\n", 0, "a", []string{"omit"}, 2, 9},
		{"value in table", "[dpo]\nemail = \"e\"\n", 0, "e", []string{"dpo", "email"}, 2, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := Source{Text: []byte(tt.text), LineOffset: tt.offset}
			line, col := src.ValuePos(tt.value, tt.key...)
			if line != tt.line || col != tt.col {
				t.Errorf("ValuePos(%q, %q) = %d:%d, want %d:%d", tt.value, tt.key, line, col, tt.line, tt.col)
			}
		})
	}
}

func TestInvalidUTF8(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		line, col int
	}{
		{"empty", "", 0, 0},
		{"ascii", "a = 1\n", 0, 0},
		{"valid multibyte", "name = \"Müller – 東京\"\n", 0, 0},
		{"replacement character itself is valid", "a = \"\uFFFD\"", 0, 0},
		{"first byte", "\xff", 1, 1},
		{"after ascii", "ab\xff", 1, 3},
		{"second line", "a\nb\xffc", 2, 2},
		{"columns count characters", "ä\xfe", 1, 2},
		{"third line after multibyte", "x\n\ny = \"é\" \xc3", 3, 9},
		{"truncated sequence", "ok\n\xe2\x82", 2, 1},
		{"overlong encoding", "a\xc0\xaf", 1, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, col := invalidUTF8([]byte(tt.in))
			if line != tt.line || col != tt.col {
				t.Errorf("invalidUTF8(%q) = %d:%d, want %d:%d", tt.in, line, col, tt.line, tt.col)
			}
		})
	}
}

// splitFront gives what splitting the file into lines gives, which is how
// it was first written.
func TestSplitFrontIsLineSplit(t *testing.T) {
	byLines := func(b []byte) (front, body []byte, bodyLine int, ok bool) {
		lines := bytes.SplitAfter(b, []byte("\n"))
		if len(lines) == 0 || !bytes.Equal(bytes.TrimRight(lines[0], " \t\r\n"), fence) {
			return nil, nil, 0, false
		}
		for i := 1; i < len(lines); i++ {
			if bytes.Equal(bytes.TrimRight(lines[i], " \t\r\n"), fence) {
				return bytes.Join(lines[1:i], nil), bytes.Join(lines[i+1:], nil), i + 2, true
			}
		}
		return nil, nil, 0, false
	}
	pieces := []string{"+++", "+++ ", "+++\r", "\n", "a = 1", " ", "++", "x", "\t", "\r\n"}
	r := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		var sb strings.Builder
		for range r.IntN(10) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		b := []byte(sb.String())
		l := &loader{}
		front, body, line, ok := l.splitFront("f.md", b, "")
		wf, wb, wl, wok := byLines(b)
		if ok != wok || ok && (!bytes.Equal(front.Text, wf) || !bytes.Equal(body, wb) || line != wl) {
			t.Fatalf("splitFront(%q) = %q %q %d %v, want %q %q %d %v", b, front.Text, body, line, ok, wf, wb, wl, wok)
		}
		if ok == (len(l.diags) > 0) {
			t.Fatalf("splitFront(%q): ok %v with diagnostics %v", b, ok, l.diags)
		}
	}
}
