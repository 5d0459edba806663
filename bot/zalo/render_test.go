package zalo

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

func TestRenderSplitsLongTextAndKeepsButtonsLast(t *testing.T) {
	para := strings.Repeat("Thành phần hồ sơ gồm tờ khai và giấy chứng sinh. ", 30) // ~1500 runes
	r := motcua.Reply{Text: para + "\n\n" + para, Buttons: []motcua.Button{{Label: "Tiếp", Action: "next"}}}
	ms := render(r)
	if len(ms) != 2 {
		t.Fatalf("%d messages, want 2", len(ms))
	}
	for i, m := range ms {
		if n := utf8.RuneCountInString(m.Text); n > maxTextRunes || n == 0 {
			t.Errorf("message %d has %d runes", i, n)
		}
	}
	if ms[0].Attachment != nil || ms[1].Attachment == nil || len(ms[1].Attachment.Payload.Buttons) != 1 {
		t.Errorf("buttons not under the last piece: %+v", ms)
	}
	if got := strings.Fields(ms[0].Text + " " + ms[1].Text); strings.Join(got, " ") != strings.Join(strings.Fields(r.Text), " ") {
		t.Errorf("text changed by splitting")
	}
}

func TestRenderButtons(t *testing.T) {
	var bs []motcua.Button
	for i := range 7 {
		bs = append(bs, motcua.Button{Label: strings.Repeat("Chọn ", 30) + string(rune('A'+i)), Action: "a"})
	}
	bs = append(bs, motcua.Button{Label: "Gọi đường dây nóng", URL: "tel:02353812345"},
		motcua.Button{Label: "Quá dài", Action: strings.Repeat("x", 2000)})
	ms := render(motcua.Reply{Buttons: bs})
	if len(ms) != 2 || ms[0].Text != chooseText || ms[1].Text != moreText {
		t.Fatalf("messages = %+v", ms)
	}
	first, second := ms[0].Attachment.Payload.Buttons, ms[1].Attachment.Payload.Buttons
	if len(first) != 5 || len(second) != 3 {
		t.Fatalf("buttons split %d+%d, want 5+3 (the overlong action dropped)", len(first), len(second))
	}
	if n := utf8.RuneCountInString(first[0].Title); n > maxTitleRunes {
		t.Errorf("title of %d runes", n)
	}
	if tel := second[2]; tel.Type != "oa.open.phone" || tel.Payload.(map[string]string)["phone_code"] != "02353812345" {
		t.Errorf("phone button = %+v", tel)
	}
}

func TestRenderImages(t *testing.T) {
	ms := render(motcua.Reply{Text: "Mẫu tờ khai:", Attachments: []motcua.Attachment{
		{Kind: "image", URL: "https://example.vn/tokhai.png"},
		{Kind: "image", ChannelRef: "telegram-file-id"},
		{Kind: "file", Name: "Tờ khai.pdf", URL: "https://example.vn/tokhai.pdf"}}})
	if len(ms) != 3 {
		t.Fatalf("%d messages: %+v", len(ms), ms)
	}
	if el := ms[1].Attachment.Payload; el.TemplateType != "media" || el.Elements[0].URL != "https://example.vn/tokhai.png" {
		t.Errorf("image = %+v", el)
	}
	if ms[2].Text != "Tờ khai.pdf https://example.vn/tokhai.pdf" {
		t.Errorf("file = %q", ms[2].Text)
	}
}
