package handlers

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge"
	"github.com/motcua/motcua/knowledge/builtin"
)

// builtinKB loads the knowledge base that ships in the binary.
func builtinKB(t testing.TB) *knowledge.KB {
	t.Helper()
	kb, err := knowledge.Load(builtin.FS())
	if err != nil {
		t.Fatal(err)
	}
	return kb
}

// maxCardRunes keeps the first answer short enough to read on a phone.
const maxCardRunes = 900

// TestEveryBuiltinProcedureRenders renders the card and every detail of
// each built-in procedure: short cards, replies under the limit, the code and
// data date cited, and no stale paper offered to bring.
func TestEveryBuiltinProcedureRenders(t *testing.T) {
	kb := builtinKB(t)
	h := newHarness(t, func(c *Config) { c.Catalog = kb })
	for _, p := range kb.Procedures() {
		// The renderers directly: going through Handle for each of the
		// 2,000 answers would only test the store again, slowly under -race.
		card := finish([]motcua.Reply{h.e.card(p)})
		if len(card) != 1 {
			t.Fatalf("%s: %d card replies", p.Code, len(card))
		}
		text := card[0].Text
		if n := utf8.RuneCountInString(text); n > maxCardRunes {
			t.Errorf("%s: card of %d runes:\n%s", p.Code, n, text)
		}
		if !strings.Contains(text, p.Code) || (p.DataDate != "" && !strings.Contains(text, viDate(p.DataDate))) {
			t.Errorf("%s: card does not cite code and date:\n%s", p.Code, text)
		}
		if docs := lineOf(text, "• Giấy tờ:"); isStaleText(docs) {
			t.Errorf("%s: card offers a stale paper:\n%s", p.Code, text)
		}
		for _, a := range aspectOrder {
			for _, r := range finish(h.e.aspectReply(p, []aspect{a})) {
				if n := utf8.RuneCountInString(r.Text); n == 0 || n > motcua.MaxReplyRunes {
					t.Errorf("%s %s: reply of %d runes", p.Code, a, n)
				}
			}
		}
	}
}

// lineOf returns the line of text that starts with prefix.
func lineOf(text, prefix string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}
