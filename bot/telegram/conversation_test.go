package telegram

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot/telegram/telegramtest"
	"github.com/motcua/motcua/internal/memstore"
)

// seen records the messages an engine got.
type seen struct {
	mu   sync.Mutex
	msgs []motcua.Message
}

func (s *seen) add(m motcua.Message) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgs = append(s.msgs, m)
	return len(s.msgs)
}

func (s *seen) all() []motcua.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]motcua.Message(nil), s.msgs...)
}

const longAction = "f:complaint:cat:late:with-a-very-long-suffix-that-does-not-fit-in-sixty-four-bytes"

// menuEngine answers the menu action with buttons (one with an action too
// long for callback data, one link) and anything else with an echo.
func menuEngine(s *seen) handlerFunc {
	return func(_ context.Context, m motcua.Message) ([]motcua.Reply, error) {
		s.add(m)
		if m.Action == "menu" {
			return []motcua.Reply{{
				Text: "Chào bạn! Tôi có thể giúp gì? <Trung tâm> & bạn",
				Buttons: []motcua.Button{
					{Label: "Tra cứu hồ sơ", Action: "f:dossier"},
					{Label: "Phản ánh", Action: longAction},
					{Label: "Nộp trực tuyến", URL: "https://dichvucong.gov.vn"},
				},
			}}, nil
		}
		return []motcua.Reply{{Text: "Bạn đã chọn: " + m.Action + m.Text}}, nil
	}
}

func markup(t *testing.T, m telegramtest.Sent) inlineKeyboard {
	t.Helper()
	var kb inlineKeyboard
	if err := json.Unmarshal([]byte(m.Markup), &kb); err != nil {
		t.Fatalf("reply_markup %q: %v", m.Markup, err)
	}
	return kb
}

func TestConversationWithButtons(t *testing.T) {
	f := telegramtest.New(t, testToken)
	var s seen
	startBot(t, f, memstore.New(nil), menuEngine(&s), nil)

	f.PushText(42, "/start")
	menu := f.WaitMessages(t, 1)[0]
	if got := s.all()[0]; got.Action != "menu" || got.ChatID != "42" || got.Channel != motcua.ChannelTelegram {
		t.Fatalf("/start reached the engine as %+v", got)
	}
	if menu.ParseMode != "HTML" || menu.Text != "Chào bạn! Tôi có thể giúp gì? &lt;Trung tâm&gt; &amp; bạn" {
		t.Fatalf("menu text %q (%s), want HTML-escaped", menu.Text, menu.ParseMode)
	}
	kb := markup(t, menu)
	if len(kb.InlineKeyboard) != 3 {
		t.Fatalf("want 3 button rows, got %+v", kb)
	}
	if b := kb.InlineKeyboard[2][0]; b.URL != "https://dichvucong.gov.vn" || b.CallbackData != "" {
		t.Fatalf("link button %+v", b)
	}
	if strings.Contains(menu.Markup, "copy_text") {
		t.Fatalf("markup carries an empty copy_text: %s", menu.Markup)
	}
	long := kb.InlineKeyboard[1][0].CallbackData
	if len(long) > 64 || long == longAction {
		t.Fatalf("long action sent as callback data %q", long)
	}

	// The citizen presses the long button.
	f.Push(map[string]any{"callback_query": map[string]any{
		"id": "cbq-1", "data": long, "chat_instance": "1",
		"from":    map[string]any{"id": 42, "is_bot": false, "first_name": "An"},
		"message": telegramtest.MessageFields(42, "menu"),
	}})
	got := f.WaitMessages(t, 2)[1]
	if got.Text != "Bạn đã chọn: "+longAction {
		t.Fatalf("button press answered %q", got.Text)
	}
	f.WaitFor(t, "answerCallbackQuery", func() bool { c := f.Callbacks(); return len(c) == 1 && c[0] == "cbq-1" })
}

func TestLongReplyIsSplitWithButtonsOnTheLastPart(t *testing.T) {
	f := telegramtest.New(t, testToken)
	line := "Bản sao giấy tờ tùy thân của người yêu cầu đăng ký khai sinh.\n"
	text := strings.Repeat(line, 150) // ~9,500 runes
	h := handlerFunc(func(context.Context, motcua.Message) ([]motcua.Reply, error) {
		return []motcua.Reply{{Text: text, Buttons: []motcua.Button{{Label: "Menu", Action: "menu"}}}}, nil
	})
	startBot(t, f, memstore.New(nil), h, nil)
	f.PushText(7, "giay to khai sinh")
	f.WaitFor(t, "a reply with buttons", func() bool {
		sent := f.Messages()
		return len(sent) > 0 && sent[len(sent)-1].Markup != ""
	})
	msgs := f.Messages()
	if len(msgs) != 3 {
		t.Fatalf("want 3 parts, got %d", len(msgs))
	}
	var joined []string
	for i, m := range msgs {
		if n := len([]rune(m.Text)); n > 4096 {
			t.Fatalf("part %d has %d runes", i, n)
		}
		if !strings.HasSuffix(m.Text, "khai sinh.") {
			t.Fatalf("part %d cut mid-line: …%q", i, m.Text[len(m.Text)-20:])
		}
		if (m.Markup != "") != (i == len(msgs)-1) {
			t.Fatalf("buttons on part %d of %d", i, len(msgs))
		}
		joined = append(joined, m.Text)
	}
	if strings.Count(strings.Join(joined, "\n"), "khai sinh.") != 150 {
		t.Fatal("text lost in the split")
	}
}

func TestPhotoStickerAndDocument(t *testing.T) {
	f := telegramtest.New(t, testToken)
	var s seen
	startBot(t, f, memstore.New(nil), menuEngine(&s), nil)

	photo := telegramtest.MessageFields(5, "")
	delete(photo, "text")
	photo["caption"] = "giấy hẹn của tôi"
	photo["photo"] = []map[string]any{
		{"file_id": "small", "file_unique_id": "s", "width": 90, "height": 90},
		{"file_id": "large", "file_unique_id": "l", "width": 1280, "height": 960},
	}
	f.Push(map[string]any{"message": photo})
	f.WaitMessages(t, 1)
	m := s.all()[0]
	if m.Text != "giấy hẹn của tôi" || len(m.Attachments) != 1 ||
		m.Attachments[0] != (motcua.Attachment{Kind: "image", ChannelRef: "large"}) {
		t.Fatalf("photo reached the engine as %+v", m)
	}

	sticker := telegramtest.MessageFields(5, "")
	delete(sticker, "text")
	sticker["sticker"] = map[string]any{"file_id": "stk", "file_unique_id": "u", "type": "regular", "width": 512, "height": 512}
	f.Push(map[string]any{"message": sticker})
	got := f.WaitMessages(t, 2)[1]
	if got.Text != onlyText.Text {
		t.Fatalf("sticker answered %q", got.Text)
	}
	if len(s.all()) != 1 {
		t.Fatal("a sticker reached the engine")
	}
}

func TestRepliesWithImagesSendPhotos(t *testing.T) {
	f := telegramtest.New(t, testToken)
	h := handlerFunc(func(context.Context, motcua.Message) ([]motcua.Reply, error) {
		return []motcua.Reply{{Text: "Mẫu tờ khai", Attachments: []motcua.Attachment{
			{Kind: "image", URL: "https://example.org/mau.png"},
			{Kind: "file", ChannelRef: "doc-file-id"},
		}}}, nil
	})
	startBot(t, f, memstore.New(nil), h, nil)
	f.PushText(9, "mau to khai")
	msgs := f.WaitMessages(t, 3)
	if msgs[0].Method != "sendPhoto" || msgs[0].File != "https://example.org/mau.png" ||
		msgs[1].Method != "sendDocument" || msgs[1].File != "doc-file-id" ||
		msgs[2].Method != "sendMessage" {
		t.Fatalf("sent %+v", msgs)
	}
}

func TestGroupChatsAreNotServed(t *testing.T) {
	f := telegramtest.New(t, testToken)
	var s seen
	st := memstore.New(nil)
	startBot(t, f, st, menuEngine(&s), nil)
	group := telegramtest.MessageFields(-100123, "tra cứu hồ sơ")
	group["chat"] = map[string]any{"id": -100123, "type": "supergroup", "title": "Khu phố 3"}
	f.Push(map[string]any{"message": group})
	f.PushText(8, "xin chào")
	f.WaitMessages(t, 1)
	eventually(t, "inbox empty", func() bool { return pendingOf(st) == 0 })
	if msgs := s.all(); len(msgs) != 1 || msgs[0].ChatID != "8" || len(f.Messages()) != 1 {
		t.Fatalf("engine saw %+v, sent %d", msgs, len(f.Messages()))
	}
}
