package knowledge

import (
	"testing"
	"testing/fstest"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge/builtin"
)

func TestLoadLexicon(t *testing.T) {
	fsys := fstest.MapFS{LexiconFile: {Data: []byte(`
abbreviations:
  dk: đăng ký
rules:
  - when: [sổ đỏ, sổ hồng]
    means: giấy chứng nhận quyền sử dụng đất
out_of_scope:
  - when: [giá vàng]
    note: giá cả
stopwords: [thì, là]
chitchat: [xin chào]
`)}}
	lex, err := LoadLexicon(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if lex.Abbreviations["dk"] != "đăng ký" || len(lex.Rules) != 1 || len(lex.OutOfScope) != 1 ||
		len(lex.Stopwords) != 2 || len(lex.Chitchat) != 1 {
		t.Errorf("unexpected lexicon: %+v", lex)
	}
}

func TestLoadLexiconMissing(t *testing.T) {
	lex, err := LoadLexicon(fstest.MapFS{})
	if err != nil || lex == nil || len(lex.Rules) != 0 {
		t.Fatalf("missing file: %v, %+v", err, lex)
	}
}

func TestLexiconInvalid(t *testing.T) {
	for name, text := range map[string]string{
		"bad yaml":        "rules: [",
		"rule no means":   "rules:\n  - when: [a]\n",
		"rule no when":    "rules:\n  - means: b\n",
		"empty phrase":    "rules:\n  - when: ['']\n    means: b\n",
		"two-word abbrev": "abbreviations:\n  a b: c\n",
	} {
		_, err := ParseLexicon([]byte(text))
		if motcua.ErrorCode(err) != motcua.EINVALID {
			t.Errorf("%s: err = %v, want EINVALID", name, err)
		}
	}
}

func TestBuiltinLexicon(t *testing.T) {
	lex, err := LoadLexicon(builtin.FS())
	if err != nil {
		t.Fatal(err)
	}
	if len(lex.Rules) < 50 || len(lex.Abbreviations) < 50 || len(lex.OutOfScope) < 10 {
		t.Errorf("built-in lexicon looks truncated: %d rules, %d abbreviations", len(lex.Rules), len(lex.Abbreviations))
	}
}
