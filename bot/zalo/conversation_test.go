package zalo

import (
	"testing"
)

// A whole conversation: follow, the menu's buttons, a click, a question
// typed without diacritics, a photo for a complaint.
func TestConversationWithButtons(t *testing.T) {
	eachStore(t, func(t *testing.T, f *fixture) {
		f.run()

		f.event("follow", "u7", "", "")
		welcome := f.next()
		if welcome.UserID != "u7" || welcome.MessageID != "" || !contains(welcome.Text, "Xin chào") {
			t.Fatalf("welcome = %+v", welcome)
		}
		if len(welcome.Buttons) != 3 || welcome.Buttons[1].Payload != "#mc:f:dossier" {
			t.Fatalf("welcome buttons = %+v", welcome.Buttons)
		}

		// The click comes back as a text carrying the hidden payload.
		f.event("user_send_text", "u7", "m10", welcome.Buttons[1].Payload)
		if got := f.next(); !contains(got.Text, "mã hồ sơ") || got.MessageID != "m10" {
			t.Errorf("after click: %+v", got)
		}

		f.event("user_send_text", "u7", "m11", "lam giay khai sinh het bao nhieu tien")
		if got := f.next(); !contains(got.Text, "khai sinh") {
			t.Errorf("answer: %+v", got)
		}

		f.event("user_send_image", "u7", "m12", "phòng chờ không có ghế", "https://photo.zdn.vn/a.jpg")
		if got := f.next(); !contains(got.Text, "Đã nhận ảnh") {
			t.Errorf("after photo: %+v", got)
		}

		got := f.eng.messages()
		if len(got) != 4 {
			t.Fatalf("engine got %d messages", len(got))
		}
		if got[0].Action != "menu" || got[0].ChatID != "u7" {
			t.Errorf("follow → %+v, want the menu action", got[0])
		}
		if got[1].Action != "f:dossier" || got[1].Text != "" {
			t.Errorf("click → action %q text %q, want the action, no question", got[1].Action, got[1].Text)
		}
		if got[2].Text != "lam giay khai sinh het bao nhieu tien" || got[2].Action != "" {
			t.Errorf("question → %+v", got[2])
		}
		if a := got[3].Attachments; len(a) != 1 || a[0].Kind != "image" || a[0].URL != "https://photo.zdn.vn/a.jpg" || got[3].Text != "phòng chờ không có ghế" {
			t.Errorf("photo → %+v", got[3])
		}
	})
}

func TestIgnoredEventsAreDone(t *testing.T) {
	eachStore(t, func(t *testing.T, f *fixture) {
		f.event("unfollow", "u1", "", "")
		f.event("user_send_sticker", "u1", "m1", "")
		f.bot.drain(t.Context())
		if n := len(f.eng.messages()); n != 0 {
			t.Errorf("engine called %d times", n)
		}
		if n := f.pending(); n != 0 {
			t.Errorf("%d events left", n)
		}
	})
}
