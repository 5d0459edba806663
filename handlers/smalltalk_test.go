package handlers

import (
	"testing"

	"github.com/motcua/motcua/knowledge/vi"
)

func TestSmallTalkKinds(t *testing.T) {
	tests := []struct {
		text string
		want talk
	}{
		{"bạn là ai", talkIdentity},
		{"ban la ai vay", talkIdentity},
		{"ad là người hay máy?", talkIdentity},
		{"bạn làm được gì", talkIdentity},
		{"bạn khỏe không", talkWellbeing},
		{"ban co khoe ko", talkWellbeing},
		{"haha", talkLaugh},
		{"hihi", talkLaugh},
		{"ok", talkAck},
		{"Oke ạ", talkAck},
		{"vâng", talkAck},
		{"dạ", talkAck},
		{"hiểu rồi", talkAck},
		{"cảm ơn", talkThanks},
		{"cam on ban nhieu nha", talkThanks},
		{"tks", talkThanks},
		{"ok cảm ơn bạn", talkThanks},
		{"tạm biệt", talkBye},
		{"bye", talkBye},
		{"bot ngu vl", talkInsult},
		{"ngu thế", talkInsult},
		{"trả lời linh tinh", talkInsult},
		{"vô dụng quá", talkInsult},
		{"còn gì nữa không", talkMore},
		{"con j nua ko", talkMore},
		// Not small talk: questions that share words with it.
		{"cần mang gì ạ", talkNone},
		{"ok phí bao nhiêu", talkNone},
		{"hộ nông nghiệp ngư nghiệp", talkNone},
		{"làm cc cho con", talkNone},
		{"đăng ký kết hôn", talkNone},
		{"cảm ơn, cho hỏi làm khai sinh", talkNone},
		{"ai được đăng ký khai sinh", talkNone},
		{"chán quá, làm sổ đỏ mãi không xong", talkNone},
		{"", talkNone},
	}
	for _, tt := range tests {
		if got := smallTalk(words(vi.Fold(tt.text))); got != tt.want {
			t.Errorf("smallTalk(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

func TestSymbolTalk(t *testing.T) {
	tests := []struct {
		text string
		want talk
	}{
		{"👍", talkAck}, {"👍🏻", talkAck}, {"❤️", talkAck}, {"🙏🙏", talkAck}, {":)", talkAck},
		{"😂", talkLaugh}, {"👍😂", talkLaugh},
		{"🤔", talkNone}, {"???", talkNone}, {"👍 ???", talkNone}, {"", talkNone},
	}
	for _, tt := range tests {
		if got := symbolTalk(tt.text); got != tt.want {
			t.Errorf("symbolTalk(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

func TestSmallTalkConversations(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
	}{
		{"identity and wellbeing get a friendly word and the menu", []step{
			{text: "bạn là ai", want: []string{"trợ lý trực tuyến", "Vĩnh Bảo", "tra cứu hồ sơ"}, notWant: []string{"chưa có thông tin"},
				buttons: []string{"help", "f:dossier", "info"}, procedure: "-"},
			{text: "bạn khỏe không", want: []string{"hỏi thăm"}, notWant: []string{"chưa có thông tin"}, buttons: []string{"help", "menu"}},
			{text: "haha", want: []string{"😊"}, notWant: []string{"chưa có thông tin"}, buttons: []string{"menu"}},
			{text: "👍", want: []string{"Dạ."}, buttons: []string{"menu"}},
			{text: ":)", want: []string{"Dạ."}},
		}},
		{"small talk keeps the procedure and offers it again", []step{
			{text: "khai sinh", procedure: "1.001193"},
			{text: "haha", procedure: "1.001193", buttons: []string{"p:1.001193"}},
			{text: "cảm ơn bạn nhiều", want: []string{"không có gì"}, procedure: "1.001193", buttons: []string{"p:1.001193", "help", "menu"}},
			{text: "còn gì nữa không", want: []string{"đăng ký khai sinh", "xem thêm"},
				buttons: []string{"docs:1.001193", "fee:1.001193", "menu"}, procedure: "1.001193"},
			{text: "👍", want: []string{"Dạ."}, buttons: []string{"p:1.001193"}, procedure: "1.001193"},
		}},
		{"more without a procedure says how to ask", []step{
			{text: "còn gì nữa không", want: []string{"làm giấy khai sinh cho con"}, procedure: "-", buttons: []string{"menu"}},
		}},
		{"insults get an apology and a way to a person", []step{
			{text: "khai sinh", procedure: "1.001193"},
			{text: "bot ngu vl", want: []string{"Xin lỗi", "0225 3888 888"}, notWant: []string{"chưa có thông tin"},
				buttons: []string{"help", "info", "menu"}, procedure: "1.001193"},
		}},
		{"a menu button's label typed does what the button does", []step{
			{text: "Thông tin trung tâm", want: []string{"Vĩnh Bảo"}, notWant: []string{"chưa có thông tin"}},
			{text: "hoi ve thu tuc", want: []string{"làm giấy khai sinh cho con"}},
		}},
		{"an action without its papers asks which papers", []step{
			{text: "cấp lại", want: []string{"cho giấy tờ nào"}, notWant: []string{"chưa có thông tin"}, buttons: []string{"help", "f:dossier"}},
			{text: "lam lai giay to bi mat", want: []string{"cho giấy tờ nào"}},
		}},
		{"going back or cancelling with nothing in progress", []step{
			{text: "quay lại", want: []string{"không có việc nào đang làm dở"}, notWant: []string{"chưa có thông tin"},
				buttons: []string{"help", "info"}},
			{text: "hủy", want: []string{"không có việc nào đang làm dở"}},
			{text: "khai sinh", procedure: "1.001193"},
			{text: "thôi ạ", want: []string{"không có việc nào đang làm dở"}},
		}},
		{"a symbol outside a flow is not read inside one", []step{
			{action: "f:dossier", flow: "dossier"},
			{text: "👍", notWant: []string{"Dạ."}, flow: "dossier"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			h.run("chat-"+tt.name, tt.steps)
		})
	}
}
