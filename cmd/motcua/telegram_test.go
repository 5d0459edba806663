package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot/telegram"
	"github.com/motcua/motcua/bot/telegram/telegramtest"
	"github.com/motcua/motcua/store"
)

// tgRig is the whole program in Telegram webhook mode against a fake Bot
// API: the test posts updates to the program's webhook as Telegram would.
type tgRig struct {
	t      *testing.T
	m      *Main
	f      *telegramtest.Server
	nextID int64
}

const tgSecret = "whole-program-secret"

// tgToken is the bot token the program is given; the fake serves only it.
const tgToken = "424242:whole-program-token"

func startTelegram(t *testing.T, cfg Config) *tgRig {
	t.Helper()
	f := telegramtest.New(t, tgToken)
	cfg.TelegramToken, cfg.TelegramAPIURL = tgToken, f.URL
	cfg.TelegramWebhookURL, cfg.TelegramWebhookSecret = "https://motcua.example/telegram/webhook", tgSecret
	cfg.TelegramPacing = false
	return &tgRig{t: t, m: startMain(t, cfg), f: f, nextID: 5000}
}

// post sends an update body with a secret header and returns the status.
func (g *tgRig) post(body []byte, secret string) int {
	g.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, "http://"+g.m.Addr()+telegram.WebhookPath, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		g.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// update posts an update made of fields with a new update_id and returns
// its body.
func (g *tgRig) update(fields map[string]any) []byte {
	g.t.Helper()
	g.nextID++
	fields["update_id"] = g.nextID
	body, _ := json.Marshal(fields)
	if st := g.post(body, tgSecret); st != http.StatusOK {
		g.t.Fatalf("webhook: %d", st)
	}
	return body
}

func tgMessage(chat int64, fields map[string]any) map[string]any {
	fields["message_id"] = 1
	fields["date"] = time.Now().Unix()
	fields["chat"] = map[string]any{"id": chat, "type": "private"}
	fields["from"] = map[string]any{"id": chat, "is_bot": false, "first_name": "An"}
	return map[string]any{"message": fields}
}

// say posts a text message and waits for the reply containing want.
func (g *tgRig) say(chat int64, text, want string) []telegramtest.Sent {
	g.t.Helper()
	g.update(tgMessage(chat, map[string]any{"text": text}))
	return g.until(want)
}

// press posts a callback query of an inline button and waits for want.
func (g *tgRig) press(chat int64, data, want string) []telegramtest.Sent {
	g.t.Helper()
	g.update(map[string]any{"callback_query": map[string]any{
		"id": "cb-" + strconv.FormatInt(g.nextID, 10), "chat_instance": "ci", "data": data,
		"from":    map[string]any{"id": chat, "is_bot": false, "first_name": "An"},
		"message": map[string]any{"message_id": 1, "date": time.Now().Unix(), "chat": map[string]any{"id": chat, "type": "private"}},
	}})
	return g.until(want)
}

// until collects sent messages until one contains want.
func (g *tgRig) until(want string) []telegramtest.Sent {
	g.t.Helper()
	var got []telegramtest.Sent
	deadline := time.Now().Add(10 * time.Second)
	for {
		m, ok := g.f.Next(time.Until(deadline))
		if !ok {
			g.t.Fatalf("no message with %q sent; got %+v", want, got)
		}
		got = append(got, m)
		if strings.Contains(m.Text, want) {
			return got
		}
	}
}

// TestTelegramWholeProgram runs a Telegram citizen through the whole
// program in webhook mode: a question without diacritics answered with an
// inline keyboard, a button, a complaint with a photo, and the staff
// answer delivered back once.
func TestTelegramWholeProgram(t *testing.T) {
	cfg := testConfig(t.TempDir())
	cfg.OutboxPoll = "200ms"
	g := startTelegram(t, cfg)
	const chat = int64(777000111)

	g.f.WaitFor(t, "the webhook to be registered", func() bool { return g.f.Webhook() != nil })
	if wh := g.f.Webhook(); wh["url"] != "https://motcua.example/telegram/webhook" || wh["secret_token"] != tgSecret {
		t.Errorf("setWebhook %v", wh)
	}
	for _, secret := range []string{"", "wrong-secret"} {
		body, _ := json.Marshal(tgMessage(chat, map[string]any{"text": "xin chào"}))
		if st := g.post(body, secret); st != http.StatusUnauthorized {
			t.Errorf("secret %q: %d, want 401", secret, st)
		}
	}

	question := tgMessage(chat, map[string]any{"text": "lam giay khai sinh cho con"})
	first := g.update(question)
	r := g.until("1.001193")
	data := r[len(r)-1].Callbacks()["Giấy tờ cần nộp"]
	if data == "" {
		t.Fatalf("no inline button for the papers: %s", r[len(r)-1].Markup)
	}
	if st := g.post(first, tgSecret); st != http.StatusOK { // Telegram delivers it again
		t.Fatalf("redelivery: %d", st)
	}
	g.press(chat, data, "bản chính")

	g.say(chat, "toi muon phan anh", "về việc gì")
	g.press(chat, "f:complaint:cat:late", "kể ngắn gọn")
	g.update(tgMessage(chat, map[string]any{"caption": lateComplaint, "photo": []map[string]any{
		{"file_id": "AgAD-small", "file_unique_id": "s1", "width": 90, "height": 67},
		{"file_id": "AgAD-large", "file_unique_id": "l1", "width": 1280, "height": 960},
	}}))
	g.until("Đã nhận 1 ảnh")
	g.press(chat, "f:complaint:next", "mã hồ sơ")
	g.press(chat, "f:complaint:skip", "Nghị định 13/2023")
	g.press(chat, "f:complaint:consent:no", "kiểm tra lại")
	chatID := strconv.FormatInt(chat, 10)
	r = g.press(chat, "f:complaint:send", "")
	c := complaintOf(t, g.m, motcua.ChannelTelegram, chatID)
	if !strings.Contains(r[len(r)-1].Text, c.Code) {
		t.Errorf("tracking code %s not given: %+v", c.Code, r)
	}
	if len(c.Photos) != 1 || c.Photos[0].ChannelRef != "AgAD-large" || c.Text != lateComplaint {
		t.Fatalf("complaint stored as %+v", c)
	}

	// Staff see the photo on the complaint page, fetched from the Bot API.
	g.f.AddFile("AgAD-large", "\xff\xd8\xff\xe0 photo bytes")
	photo := "/admin/complaints/" + c.Code + "/photos/0"
	if page := staffPage(t, g.m, "/admin/complaints/"+c.Code); !strings.Contains(page, `src="`+photo+`"`) {
		t.Errorf("the complaint page does not show the photo")
	}
	resp, err := staffClient(t, g.m).Get("http://" + g.m.Addr() + photo)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(got) != "\xff\xd8\xff\xe0 photo bytes" || resp.Header.Get("Content-Type") != "image/jpeg" {
		t.Errorf("photo: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), got)
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err = noRedirect.Get("http://" + g.m.Addr() + photo)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("photo without a session: %d", resp.StatusCode)
	}

	answer := "Trung tâm đã kiểm tra, kết quả của ông/bà được trả ngày mai."
	if st, body := staffCall(t, g.m, "POST", "/admin/api/v1/complaints/"+c.Code+"/replies",
		map[string]string{"text": answer, "status": "answered"}); st != http.StatusCreated {
		t.Fatalf("staff reply: %d %s", st, body)
	}
	r = g.until(answer)
	if m := r[len(r)-1]; m.Chat != chat || m.Method != "sendMessage" || m.Callbacks()["Hài lòng"] == "" {
		t.Errorf("answer sent as %+v", m)
	}
	// One more turn, and the outbox settled: whatever was still to come
	// has come.
	g.say(chat, "phi bao nhieu", "")
	if s := waitOutboxSettled(t, g.m); s.Delivered != 1 || s.Failed != 0 {
		t.Errorf("outbox %+v", s)
	}
	var answers, questions int
	for _, m := range g.f.Messages() {
		if strings.Contains(m.Text, answer) {
			answers++
		}
		if strings.Contains(m.Text, "Nếu bạn hỏi về một trường hợp riêng") {
			questions++
		}
	}
	if answers != 1 {
		t.Errorf("the staff answer was sent %d times", answers)
	}
	if questions > 1 {
		t.Errorf("a redelivered update was answered again (%d answers)", questions)
	}
}

// waitOutboxSettled waits until nothing is pending in the outbox and
// returns the totals.
func waitOutboxSettled(t *testing.T, m *Main) store.OutboxStat {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		stats, err := m.app.DB.OutboxStats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var sum store.OutboxStat
		for _, s := range stats {
			sum.Pending += s.Pending
			sum.Due += s.Due
			sum.Delivered += s.Delivered
			sum.Failed += s.Failed
		}
		if sum.Pending == 0 {
			return sum
		}
		if time.Now().After(deadline) {
			t.Fatalf("outbox not settled: %+v", stats)
		}
		time.Sleep(20 * time.Millisecond) // polling with a deadline
	}
}
