package handlers

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

// TestDemandingCitizen sends what citizens really type, through the real
// search, and holds every answer to the rules of the house: never empty,
// never a dead end (a button to go on, the menu reachable), button labels
// that fit a phone, and no "no information" for small talk.
func TestDemandingCitizen(t *testing.T) {
	h := newHarness(t, withRealSearch(t))
	conversation := []struct {
		text, action string
		want         []string
		notWant      []string
	}{
		{text: "chào ad"},
		{text: "bạn là ai", want: []string{"trợ lý"}, notWant: []string{"chưa có thông tin"}},
		{text: "bạn khỏe không", notWant: []string{"chưa có thông tin"}},
		{text: "bố tôi mới mất", want: []string{"khai tử", "Giấy báo tử"}},
		{text: "cần mang gì", want: []string{"Giấy tờ cần nộp:", "Giấy báo tử"}},
		{text: "phí bao nhiêu", want: []string{"Phí, lệ phí"}},
		{text: "mất mấy ngày", want: []string{"Thời hạn giải quyết"}},
		{text: "làm online được không", want: []string{"trực tuyến"}},
		{text: "nộp ở đâu", want: []string{"Nơi nộp hồ sơ"}},
		{text: "còn gì nữa không", want: []string{"xem thêm"}},
		{text: "ok", want: []string{"Dạ."}},
		{text: "haha", notWant: []string{"chưa có thông tin"}},
		{text: "👍", want: []string{"Dạ."}},
		{text: "dk ks cho be", want: []string{"khai sinh"}},
		{text: "lấy vợ người nước ngoài", want: []string{"kết hôn", "nước ngoài"}},
		{text: "sổ đỏ bị mất", want: []string{"Giấy chứng nhận"}},
		{text: "giờ làm việc", want: []string{"Giờ làm việc"}},
		{text: "hotline", want: []string{"Đường dây nóng"}},
		{text: "bot ngu vl", want: []string{"Xin lỗi"}, notWant: []string{"chưa có thông tin"}},
		{text: "cảm ơn", want: []string{"không có gì"}},
		{text: "", want: []string{"chưa nhập"}},
		{text: strings.Repeat("làm giấy khai sinh ", 600), want: []string{"dài quá"}},
		{text: "\x00\x01binary\xff", want: []string{"không đọc được"}},
		{text: "🤔🤔🤔", want: []string{"chưa hiểu"}},
		{action: "docs:1.999999", want: []string{"Không tìm thấy thủ tục"}},
		{action: "p:", want: []string{"Không tìm thấy thủ tục"}},
		{action: "f:complaint:cat:late", want: []string{"không còn dùng được"}},
		{action: "xyz", want: []string{"không còn dùng được"}},
		{text: "tạm biệt", want: []string{"tốt lành"}},
	}
	for i, c := range conversation {
		replies := h.send("citizen", step{text: c.text, action: c.action})
		where := itoa(i) + " " + shorten(c.text+c.action, 40)
		text := joinTexts(replies)
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: reply lacks %q:\n%s", where, w, text)
			}
		}
		for _, w := range c.notWant {
			if strings.Contains(text, w) {
				t.Errorf("%s: reply has %q:\n%s", where, w, text)
			}
		}
		checkNoDeadEnd(t, where, replies)
	}
}

// checkNoDeadEnd holds a turn's replies to the house rules.
func checkNoDeadEnd(t *testing.T, where string, replies []motcua.Reply) {
	t.Helper()
	if len(replies) == 0 {
		t.Fatalf("%s: no reply", where)
	}
	last := replies[len(replies)-1]
	if len(last.Buttons) == 0 {
		t.Errorf("%s: a dead end, no button:\n%s", where, last.Text)
	}
	menu := false
	for _, b := range last.Buttons {
		menu = menu || b.Action == "menu" || b.Action == "help"
		if n := utf8.RuneCountInString(b.Label); n > maxButtonRunes || n == 0 {
			t.Errorf("%s: button label of %d runes: %q", where, n, b.Label)
		}
	}
	if !menu {
		t.Errorf("%s: the menu is out of reach: %+v", where, last.Buttons)
	}
	for _, r := range replies {
		if strings.TrimSpace(r.Text) == "" {
			t.Errorf("%s: an empty reply", where)
		}
	}
}

// TestEveryChoiceLabelFits checks the labels of the clarifying question
// for every pair of built-in procedures with one name.
func TestEveryChoiceLabelFits(t *testing.T) {
	kb := builtinKB(t)
	procs := kb.Procedures()
	for i := 0; i+3 < len(procs); i += 4 {
		for _, l := range choiceLabels(procs[i : i+4]) {
			if n := utf8.RuneCountInString(l); n > maxButtonRunes {
				t.Errorf("label of %d runes: %q", n, l)
			}
		}
	}
	byName := map[string][]*motcua.Procedure{}
	for _, p := range procs {
		byName[p.Name] = append(byName[p.Name], p)
	}
	for _, same := range byName {
		if len(same) < 2 {
			continue
		}
		labels := choiceLabels(same)
		seen := map[string]bool{}
		for _, l := range labels {
			if seen[l] || utf8.RuneCountInString(l) > maxButtonRunes {
				t.Errorf("labels %q: a duplicate or too long", labels)
			}
			seen[l] = true
		}
	}
}
