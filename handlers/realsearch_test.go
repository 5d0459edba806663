package handlers

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge"
	"github.com/motcua/motcua/knowledge/builtin"
	"github.com/motcua/motcua/knowledge/search"
)

var (
	realOnce sync.Once
	realKB   *knowledge.KB
	realIdx  *search.Index
	realErr  error
)

// realSearch returns the built-in knowledge base and its search, built once
// for all tests.
func realSearch(t testing.TB) (*knowledge.KB, *search.Index) {
	t.Helper()
	realOnce.Do(func() {
		if realKB, realErr = knowledge.Load(builtin.FS()); realErr != nil {
			return
		}
		var lex *knowledge.Lexicon
		if lex, realErr = knowledge.LoadLexicon(builtin.FS()); realErr != nil {
			return
		}
		realIdx, realErr = search.New(realKB, lex)
	})
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realKB, realIdx
}

func withRealSearch(t testing.TB) func(*Config) {
	kb, idx := realSearch(t)
	return func(c *Config) { c.Catalog, c.Searcher = kb, idx }
}

func TestConversationsWithRealSearch(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
	}{
		{"birth registration", []step{
			{text: "lam giay khai sinh cho con", procedure: "1.001193", want: []string{"1.001193", "Giấy tờ:", "Miễn phí"},
				notWant: []string{"Sổ hộ khẩu"}, buttons: []string{"docs:1.001193", "fee:1.001193"}},
			{text: "phi bao nhieu", procedure: "1.001193", want: []string{"Phí, lệ phí", "Miễn phí"}},
			{text: "mất bao lâu", want: []string{"Thời hạn giải quyết", "ngày làm việc"}},
			{text: "lam onl dc ko", want: []string{"nộp trực tuyến được", "https://"}},
			{text: "can giay to gi", want: []string{"Giấy tờ cần nộp:", "Tờ khai đăng ký khai sinh"}},
			{action: "steps:1.001193", want: []string{"Các bước thực hiện"}},
		}},
		{"marriage, then back to the menu", []step{
			{text: "đăng ký kết hôn cần giấy tờ gì", procedure: "1.000894", want: []string{"kết hôn", "1.000894"}},
			{text: "nộp ở đâu", want: []string{"Nơi nộp hồ sơ"}},
			{action: "menu", want: []string{"Xin chào"}, procedure: "1.000894"},
		}},
		{"out of scope", []step{
			{text: "cho hỏi giá vàng hôm nay", want: []string{"chưa có thông tin"}, procedure: "-"},
			{text: "vợ chồng tôi muốn ly hôn thì làm ở đâu", want: []string{"chưa có thông tin", "do tòa án giải quyết"}},
			{text: "bố tôi mới mất", want: []string{"Xin chia buồn", "khai tử"}, procedure: "1.000656"},
			{text: "mất căn cước", procedure: "1.014064", notWant: []string{"Lĩnh vực"}}, // a lost card, not the field
		}},
		{"a field's name alone offers its main procedures", []step{
			{text: "hộ tịch", want: []string{"Lĩnh vực Hộ tịch có nhiều thủ tục"}, notWant: []string{"chưa có thông tin"},
				buttons: []string{"p:1.001193", "p:1.000894", "menu"}, procedure: "-"},
			{text: "số 9", want: []string{"Không có lựa chọn số 9"}, procedure: "-"},
			{text: "2", procedure: "1.000656", want: []string{"khai tử", "1.000656"}}, // the order of common.yaml
			{text: "2", notWant: []string{"Không có lựa chọn"}},                       // the choice is over
			{text: "chung thuc", want: []string{"Lĩnh vực Chứng thực"}, notWant: []string{"chưa có thông tin"}},
			{text: "bhxh", want: []string{"Lĩnh vực Bảo hiểm xã hội"}, buttons: []string{"p:1.001613"}}, // a field of common.yaml only
			{text: "chứng thực chữ ký", procedure: "2.000884"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, withRealSearch(t))
			h.run("real-"+tt.name, tt.steps)
		})
	}
}

// devQuestion is one line of ../shared/eval/dev.jsonl.
type devQuestion struct {
	ID   string   `json:"id"`
	Q    string   `json:"q"`
	Gold []string `json:"gold"`
}

// TestDevSetCards counts how many questions of the shared dev set get, as
// their first answer, a card of a right procedure (or, for questions the
// catalogue cannot answer, the "no information" answer). The figure goes
// to BENCHMARKS.md; run with -v to see it.
func TestDevSetCards(t *testing.T) {
	f, err := os.Open(sharedFile("eval/dev.jsonl"))
	if err != nil {
		t.Skip("no dev set:", err)
	}
	defer f.Close()
	h := newHarness(t, withRealSearch(t))
	var n, card, right, clarify, rightChoice, oos, oosRight int
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q devQuestion
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatal(err)
		}
		n++
		replies := h.send("dev-"+q.ID, step{text: q.Q})
		conv := h.convs.get(motcua.ChannelWeb + ":dev-" + q.ID)
		if len(q.Gold) == 0 {
			oos++
			if conv.Procedure == "" && !hasAnyChoice(replies) {
				oosRight++
			}
			continue
		}
		switch {
		case conv.Procedure != "":
			card++
			if contains(q.Gold, conv.Procedure) {
				right++
			}
		case hasAnyChoice(replies):
			clarify++
			for _, g := range q.Gold {
				if hasButton(replies, "p:"+g) {
					rightChoice++
					break
				}
			}
		}
	}
	inScope := n - oos
	t.Logf("dev set: %d questions, %d answerable", n, inScope)
	t.Logf("card of a right procedure: %d/%d (%.0f%%); cards: %d", right, inScope, pct(right, inScope), card)
	t.Logf("clarifying question: %d, with a right choice: %d", clarify, rightChoice)
	t.Logf("right first answer (card right, or a right choice offered): %d/%d (%.0f%%)", right+rightChoice, inScope, pct(right+rightChoice, inScope))
	t.Logf("unanswerable questions told 'no information': %d/%d", oosRight, oos)
}

func hasAnyChoice(rs []motcua.Reply) bool {
	for _, b := range buttonsOf(rs) {
		if len(b.Action) > 2 && b.Action[:2] == "p:" {
			return true
		}
	}
	return false
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// sharedFile finds rel in the shared folder beside the repository (or the
// worktree holding it).
func sharedFile(rel string) string {
	dir, _ := filepath.Abs(".")
	for i := 0; i < 6; i++ {
		p := filepath.Join(dir, "shared", rel)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		dir = filepath.Dir(dir)
	}
	return filepath.Join("..", "..", "shared", rel)
}
