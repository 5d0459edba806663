package handlers

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

// step is one turn of a conversation: a text or a button in, and what the
// replies must (and must not) say.
type step struct {
	text, action string
	want         []string // substrings of the joined reply texts
	notWant      []string
	buttons      []string // actions (or URLs) of buttons that must be offered
	procedure    string   // Conversation.Procedure after the turn; "-" for empty
	flow         string   // Conversation.Flow after the turn; "-" for empty
}

type harness struct {
	t     *testing.T
	e     *Engine
	convs *memConversations
	un    *memUnanswered
	turns *memTurns
	srch  *fakeSearcher
}

func testCentre() Centre {
	return Centre{
		Name: "Trung tâm Phục vụ hành chính công xã Vĩnh Bảo", Address: "Số 1 đường Trung tâm",
		Hours: "7h30–17h00, thứ Hai đến thứ Sáu", Hotline: "0225 3888 888",
		Fields: []string{"Hộ tịch", "Chứng thực", "Đất đai"}, Website: "https://dichvucong.gov.vn",
	}
}

func newHarness(t *testing.T, mod func(*Config)) *harness {
	t.Helper()
	h := &harness{t: t, convs: newMemConversations(), un: &memUnanswered{}, turns: &memTurns{}, srch: &fakeSearcher{}}
	cfg := Config{
		Searcher: h.srch, Catalog: newCatalog(), Conversations: h.convs,
		Unanswered: h.un, Turns: h.turns, Centre: testCentre(), Flows: []Flow{fakeFlow{}},
		Now: func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) },
	}
	if mod != nil {
		mod(&cfg)
	}
	e, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h.e = e
	return h
}

func (h *harness) send(chat string, s step) []motcua.Reply {
	h.t.Helper()
	m := motcua.Message{Channel: motcua.ChannelWeb, ChatID: chat, Text: s.text, Action: s.action}
	replies, err := h.e.Handle(context.Background(), m)
	if err != nil {
		h.t.Fatalf("Handle(%q %q): %v", s.text, s.action, err)
	}
	return replies
}

func (h *harness) run(chat string, steps []step) {
	h.t.Helper()
	for i, s := range steps {
		replies := h.send(chat, s)
		text := joinTexts(replies)
		where := func() string { return "step " + itoa(i) + " (" + s.text + s.action + "): " }
		if len(replies) == 0 {
			h.t.Fatalf("%sno reply", where())
		}
		for _, w := range s.want {
			if !strings.Contains(text, w) {
				h.t.Errorf("%sreply lacks %q:\n%s", where(), w, text)
			}
		}
		for _, w := range s.notWant {
			if strings.Contains(text, w) {
				h.t.Errorf("%sreply has %q:\n%s", where(), w, text)
			}
		}
		for _, b := range s.buttons {
			if !hasButton(replies, b) {
				h.t.Errorf("%sno button %q in %+v", where(), b, buttonsOf(replies))
			}
		}
		conv := h.convs.get(motcua.ChannelWeb + ":" + chat)
		checkState(h.t, where(), "procedure", conv.Procedure, s.procedure)
		checkState(h.t, where(), "flow", conv.Flow, s.flow)
		for _, r := range replies {
			if n := utf8.RuneCountInString(r.Text); n > motcua.MaxReplyRunes || n == 0 {
				h.t.Errorf("%sreply of %d runes", where(), n)
			}
		}
	}
}

func checkState(t *testing.T, where, name, got, want string) {
	t.Helper()
	if want == "" {
		return
	}
	if want == "-" {
		want = ""
	}
	if got != want {
		t.Errorf("%s%s = %q, want %q", where, name, got, want)
	}
}

func joinTexts(rs []motcua.Reply) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, r.Text)
	}
	return strings.Join(parts, "\n---\n")
}

func hasButton(rs []motcua.Reply, actionOrURL string) bool {
	for _, b := range buttonsOf(rs) {
		if b.Action == actionOrURL || (b.URL != "" && b.URL == actionOrURL) || b.Label == actionOrURL {
			return true
		}
	}
	return false
}

func buttonsOf(rs []motcua.Reply) []motcua.Button {
	var bs []motcua.Button
	for _, r := range rs {
		bs = append(bs, r.Buttons...)
	}
	return bs
}

func itoa(i int) string { return string(rune('0'+i/10)) + string(rune('0'+i%10)) }

func TestConversations(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
	}{
		{"greeting and menu", []step{
			{text: "xin chào", want: []string{"Xin chào", "Vĩnh Bảo"}, buttons: []string{"help", "f:dossier", "info"}},
			{text: "/start", buttons: []string{"f:dossier"}},
			{action: "menu", buttons: []string{"info"}},
			{text: "chao ban a", want: []string{"Xin chào"}},
		}},
		{"procedure card then follow-ups", []step{
			{text: "lam giay khai sinh cho con", procedure: "1.001193",
				want:    []string{"đăng ký khai sinh", "1.001193", "Giấy tờ:", "Tờ khai đăng ký khai sinh", "Thời hạn: 1 ngày làm việc", "Miễn phí", "Nộp trực tuyến: có", "15/01/2026", "Cổng Dịch vụ công quốc gia"},
				notWant: []string{"Sổ hộ khẩu"},
				buttons: []string{"docs:1.001193", "steps:1.001193", "fee:1.001193", "time:1.001193", "where:1.001193", khaiSinh.SourceURL, "menu"}},
			{text: "phí bao nhiêu", want: []string{"Phí, lệ phí", "Miễn phí", "1.001193"}, procedure: "1.001193"},
			{text: "mat bao lau", want: []string{"Thời hạn giải quyết: 1 ngày làm việc (trực tiếp, trực tuyến)."}},
			{text: "lam online duoc ko", want: []string{"nộp trực tuyến được", khaiSinh.SourceURL}},
			{text: "nộp ở đâu", want: []string{"Nơi nộp hồ sơ", "Vĩnh Bảo", "Số 1 đường Trung tâm"}},
			{text: "can giay to gi", want: []string{"Giấy tờ cần nộp:", "1. Tờ khai đăng ký khai sinh (theo mẫu) — 1 bản chính", "2. Giấy chứng sinh", "Lưu ý", "không cần mang"}, notWant: []string{"3. Sổ hộ khẩu"}},
			{text: "cần mang gì ạ", want: []string{"Giấy tờ cần nộp:"}},
			{text: "thế còn phí và thời hạn thì sao", want: []string{"Phí, lệ phí", "Thời hạn giải quyết"}},
			{text: "bao lâu thì xong", want: []string{"Thời hạn giải quyết"}, procedure: "1.001193"},
			{text: "bao giờ có kết quả", want: []string{"Thời hạn giải quyết"}},
			{text: "cần những giấy tờ nào", want: []string{"Giấy tờ cần nộp:"}},
			{text: "có cần bản gốc không", want: []string{"Giấy tờ cần nộp:"}},
		}},
		{"follow-up without a procedure", []step{
			{text: "phi bao nhieu", want: []string{"thủ tục nào"}, procedure: "-"},
			{text: "nop o dau", want: []string{"Số 1 đường Trung tâm"}},
		}},
		{"new question replaces the procedure", []step{
			{text: "khai sinh", procedure: "1.001193"},
			{text: "dang ky ket hon can gi", procedure: "1.000894", want: []string{"kết hôn", "Ngay trong ngày tiếp nhận", "Miễn lệ phí", "chưa có, bạn nộp trực tiếp"}},
			{text: "phi bn", want: []string{"Miễn lệ phí"}},
			{text: "noi nop", notWant: []string{"Xin lỗi, hệ thống"}},
		}},
		{"buttons", []step{
			{action: "docs:1.001193", want: []string{"Giấy chứng sinh"}, procedure: "1.001193"},
			{action: "steps:1.001193", want: []string{"Bước 1"}},
			{action: "fee:1.000894", want: []string{"Miễn lệ phí"}, procedure: "1.000894"},
			{action: "time:1.000894", want: []string{"Ngay trong ngày"}},
			{action: "where:1.000894", want: []string{"Ủy ban nhân dân cấp xã"}},
			{action: "p:1.001193", want: []string{"Giấy tờ:"}, procedure: "1.001193"},
			{action: "info", want: []string{"0225 3888 888", "7h30", "Hộ tịch, Chứng thực"}},
			{action: "help", want: []string{"làm giấy khai sinh cho con"}},
		}},
		{"clarification", []step{
			{text: "xin giay doc than", procedure: "-", want: []string{"chọn đúng thủ tục", "Cấp xã, mã 1.004873", "Cấp tỉnh, mã 2.000001"},
				buttons: []string{"p:1.004873", "p:2.000001"}},
			{action: "p:2.000001", procedure: "2.000001", want: []string{"Sở Tư pháp", "cấp huyện"}},
		}},
		{"general case with variants", []step{
			{text: "con moi de", procedure: "1.001193", want: []string{"Giấy tờ:", "trường hợp riêng"},
				buttons: []string{"docs:1.001193", "p:1.003583"}},
		}},
		{"out of scope", []step{
			{text: "thời tiết hôm nay thế nào", procedure: "-", want: []string{"chưa có thông tin", "0225 3888 888", "Hộ tịch"}, buttons: []string{"menu", "info"}},
		}},
		{"centre information", []step{
			{text: "trung tam lam viec may gio", want: []string{"7h30"}},
			{text: "so dien thoai duong day nong", want: []string{"0225 3888 888"}},
		}},
		{"thanks and bye", []step{
			{text: "khai sinh", procedure: "1.001193"},
			{text: "cảm ơn nhé", want: []string{"không có gì"}, procedure: "1.001193"},
			{text: "ok", want: []string{"Dạ."}, buttons: []string{"p:1.001193", "menu"}},
			{text: "tạm biệt", want: []string{"tốt lành"}, buttons: []string{"menu"}},
			{text: "dạ ạ", want: []string{"Dạ."}, procedure: "1.001193"},
		}},
		{"bad input leaves state unchanged", []step{
			{text: "khai sinh", procedure: "1.001193"},
			{text: "   ", want: []string{"chưa nhập nội dung"}, procedure: "1.001193"},
			{text: strings.Repeat("a", 10000), want: []string{"dài quá"}, procedure: "1.001193"},
			{text: "abc\x00\x01\x02", want: []string{"không đọc được"}, procedure: "1.001193"},
			{text: "\xff\xfe", want: []string{"không đọc được"}},
			{text: "🤔🤔", want: []string{"chưa hiểu"}, procedure: "1.001193"},
			{text: "😀😀👍", want: []string{"Dạ."}, notWant: []string{"chưa hiểu"}, procedure: "1.001193"},
			{action: "frobnicate:1", want: []string{"không còn dùng được"}, procedure: "1.001193"},
			{action: "f:nosuchflow", want: []string{"không còn dùng được"}},
			{action: "docs:9.999999", want: []string{"Không tìm thấy thủ tục"}, procedure: "1.001193"},
			{text: "phi bao nhieu", want: []string{"Miễn phí"}},
		}},
		{"flow routing", []step{
			{text: "khai sinh", procedure: "1.001193"},
			{action: "f:dossier", want: []string{"nhập mã hồ sơ"}, flow: "dossier"},
			{text: "H12-0001", want: []string{"đang giải quyết"}, flow: "-"},
			{text: "cho toi tra cuu ho so", want: []string{"nhập mã hồ sơ"}, flow: "dossier"},
			{text: "lam giay khai sinh", want: []string{"Giấy tờ:"}, flow: "-", procedure: "1.001193"},
			{action: "f:dossier:start", flow: "dossier"},
			{action: "menu", want: []string{"Xin chào"}, flow: "-"},
			{action: "f:dossier", flow: "dossier"},
			{text: "loi", want: []string{"sự cố"}, flow: "dossier"},
			{text: "/start", flow: "-"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			h.run("chat-"+tt.name, tt.steps)
		})
	}
}
