package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot/zalo"
	"github.com/motcua/motcua/bot/zalo/zalotest"
)

// zaloRig is the whole program with Zalo settings pointing at a fake Zalo
// platform: the citizen's events are signed by the fake and posted to the
// program's webhook; what the program sends arrives at the fake.
type zaloRig struct {
	t  *testing.T
	m  *Main
	fz *zalotest.Server
	n  int // events posted, for unique message ids
}

func startZalo(t *testing.T, cfg Config) *zaloRig {
	t.Helper()
	fz := zalotest.NewServer()
	t.Cleanup(fz.Close)
	cfg.ZaloAppID, cfg.ZaloAppSecret, cfg.ZaloOASecretKey = fz.AppID, fz.AppSecret, fz.OASecretKey
	cfg.ZaloAccessToken, cfg.ZaloRefreshToken = fz.Tokens()
	cfg.ZaloAPIURL, cfg.ZaloOAuthURL = fz.URL, fz.URL
	return &zaloRig{t: t, m: startMain(t, cfg), fz: fz}
}

// post sends a raw webhook request and returns its status.
func (z *zaloRig) post(body []byte, sig string) int {
	z.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, "http://"+z.m.Addr()+zalo.WebhookPath, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if sig != "" {
		req.Header.Set("X-ZEvent-Signature", sig)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		z.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// event posts a signed event of user and returns its message id.
func (z *zaloRig) event(name, user, text string, images ...string) string {
	z.t.Helper()
	z.n++
	id := "zmsg-" + user + "-" + strconv.Itoa(z.n)
	body, sig := z.fz.Event(name, user, id, text, time.Now(), images...)
	if st := z.post(body, sig); st != http.StatusOK {
		z.t.Fatalf("%s %q: webhook status %d", name, text, st)
	}
	return id
}

// until collects what Zalo accepted until a message contains want; it
// returns them, the last one holding want.
func (z *zaloRig) until(want string) []zalotest.Sent {
	z.t.Helper()
	var got []zalotest.Sent
	deadline := time.Now().Add(10 * time.Second)
	for {
		m, ok := z.fz.Next(time.Until(deadline))
		if !ok {
			z.t.Fatalf("no message with %q reached Zalo; got %s", want, sentText(got))
		}
		got = append(got, m)
		if strings.Contains(m.Text, want) {
			return got
		}
	}
}

// say posts a text and returns the replies up to the one containing want.
func (z *zaloRig) say(user, text, want string) []zalotest.Sent {
	z.t.Helper()
	z.event("user_send_text", user, text)
	return z.until(want)
}

// click taps the button titled label (its payload comes back as text) in
// msgs and returns the replies up to the one containing want.
func (z *zaloRig) click(user string, msgs []zalotest.Sent, label, want string) []zalotest.Sent {
	z.t.Helper()
	return z.say(user, z.payload(msgs, label), want)
}

// payload is the hidden query of the button whose title contains label.
func (z *zaloRig) payload(msgs []zalotest.Sent, label string) string {
	z.t.Helper()
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, b := range msgs[i].Buttons {
			if strings.Contains(b.Title, label) && b.Type == "oa.query.hide" {
				return b.Payload
			}
		}
	}
	z.t.Fatalf("no button %q in %s", label, sentText(msgs))
	return ""
}

func sentText(ms []zalotest.Sent) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString("\n> " + m.Text)
		for _, bt := range m.Buttons {
			b.WriteString(" [" + bt.Title + "|" + bt.Payload + "]")
		}
	}
	return b.String()
}

// action is the hidden query a Zalo button of the engine's action carries.
func action(a string) string { return "#mc:" + a }

// buttonsOf lists the engine actions of the query buttons in msgs.
func buttonsOf(msgs []zalotest.Sent) []string {
	var out []string
	for _, m := range msgs {
		for _, b := range m.Buttons {
			if b.Type == "oa.query.hide" {
				out = append(out, strings.TrimPrefix(b.Payload, "#mc:"))
			}
		}
	}
	return out
}

// staffCall makes an admin API request with the staff token and returns
// the status and body.
func staffCall(t *testing.T, m *Main, method, path string, body any) (int, []byte) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, "http://"+m.Addr()+path, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer staff-token")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// staffClient is an HTTP client logged in to the staff pages with the
// admin token.
func staffClient(t *testing.T, m *Main) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm("http://"+m.Addr()+"/admin/login", url.Values{"token": {"staff-token"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return c
}

// staffPage logs in to the staff pages and returns the page at path.
func staffPage(t *testing.T, m *Main, path string) string {
	t.Helper()
	resp, err := staffClient(t, m).Get("http://" + m.Addr() + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, resp.StatusCode)
	}
	return string(page)
}

// complaintOf returns the one complaint sent from a chat.
func complaintOf(t *testing.T, m *Main, channel, chatID string) *motcua.Complaint {
	t.Helper()
	list, err := m.app.DB.Complaints(context.Background(), motcua.ComplaintFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var found *motcua.Complaint
	for _, c := range list {
		if c.Channel == channel && c.ChatID == chatID {
			if found != nil {
				t.Fatalf("two complaints from %s:%s", channel, chatID)
			}
			found = c
		}
	}
	if found == nil {
		t.Fatalf("no complaint from %s:%s", channel, chatID)
	}
	full, err := m.app.DB.Complaint(context.Background(), found.Code)
	if err != nil {
		t.Fatal(err)
	}
	return full
}

const lateComplaint = "Hồ sơ khai sinh của tôi hẹn trả ngày 05/01 nhưng đến nay vẫn chưa có kết quả, không ai báo lý do."

// TestZaloWholeProgram walks a Zalo citizen through the whole program: a
// question typed without diacritics, a button, a complaint with a photo,
// the staff answer coming back through the outbox, the rating; then a
// forged event, and a staff answer Zalo refuses because the window closed.
func TestZaloWholeProgram(t *testing.T) {
	cfg := testConfig(t.TempDir())
	cfg.OutboxPoll = "200ms"
	z := startZalo(t, cfg)
	const user = "8461234567890"

	id := z.event("user_send_text", user, "lam giay khai sinh cho con")
	r := z.until("1.001193")
	if last := r[len(r)-1]; last.MessageID != id || len(last.Buttons) == 0 {
		t.Fatalf("answer does not reply to %s with buttons: %+v", id, last)
	}
	if got := strings.Join(buttonsOf(r), " "); !strings.Contains(got, "docs:1.001193") {
		t.Fatalf("no papers button: %s", got)
	}
	// The click comes back as a text carrying the payload: an action, not
	// a question.
	z.click(user, r, "Giấy tờ cần nộp", "bản chính")

	// A complaint with a photo sent with its description.
	z.say(user, "toi muon phan anh", "về việc gì")
	z.say(user, action("f:complaint:cat:late"), "kể ngắn gọn")
	z.event("user_send_image", user, lateComplaint, "https://photo-stal.zadn.vn/a/b/late.jpg")
	r = z.until("Đã nhận 1 ảnh")
	z.click(user, r, "Tiếp tục", "mã hồ sơ")
	z.say(user, action("f:complaint:skip"), "Nghị định 13/2023")
	z.say(user, action("f:complaint:consent:no"), "kiểm tra lại")
	r = z.say(user, action("f:complaint:send"), "")
	c := complaintOf(t, z.m, motcua.ChannelZalo, user)
	if !strings.Contains(sentText(r), c.Code) {
		t.Errorf("tracking code %s not given: %s", c.Code, sentText(r))
	}
	if len(c.Photos) != 1 || c.Photos[0].URL != "https://photo-stal.zadn.vn/a/b/late.jpg" || c.Text != lateComplaint || c.Category != "late" {
		t.Fatalf("complaint stored as %+v", c)
	}

	// The staff answer reaches the citizen, replying to their last message
	// while the window is open, with the rating buttons.
	answer := "Trung tâm đã kiểm tra, kết quả của ông/bà được trả ngày mai. Xin lỗi ông/bà vì sự chậm trễ."
	if st, body := staffCall(t, z.m, "POST", "/admin/api/v1/complaints/"+c.Code+"/replies",
		map[string]string{"text": answer, "status": "answered"}); st != http.StatusCreated {
		t.Fatalf("staff reply: %d %s", st, body)
	}
	r = z.until("Xin lỗi ông/bà vì sự chậm trễ")
	notice := r[len(r)-1]
	if notice.UserID != user || notice.MessageID == "" {
		t.Errorf("answer not addressed as a reply to %s: %+v", user, notice)
	}
	if got := strings.Join(buttonsOf(r), " "); !strings.Contains(got, "rate:"+c.Code+":hai_long") {
		t.Fatalf("no rating buttons: %s", got)
	}
	z.click(user, r, "Hài lòng", "Cảm ơn bạn đã đánh giá")
	if c = complaintOf(t, z.m, motcua.ChannelZalo, user); c.Rating == "" {
		t.Errorf("rating not stored")
	}

	// A forged event is refused and leaves nothing behind.
	const stranger = "8460000000001"
	body, _ := z.fz.Event("user_send_text", stranger, "zmsg-forged", "tra cuu ho so", time.Now())
	forged := z.fz.Sign(body, "1") // signed over another timestamp
	if st := z.post(body, forged); st != http.StatusUnauthorized {
		t.Fatalf("forged signature: %d", st)
	}
	if st := z.post(body, ""); st != http.StatusUnauthorized {
		t.Fatalf("missing signature: %d", st)
	}
	z.say(user, "phi bao nhieu", "") // handled after anything taken before it
	for _, s := range z.fz.Sent() {
		if s.UserID == stranger {
			t.Fatalf("a forged event was answered: %+v", s)
		}
	}
	if conv, err := z.m.app.DB.Conversation(context.Background(), "zalo:"+stranger); err != nil || !conv.UpdatedAt.IsZero() {
		t.Fatalf("a forged event left a conversation: %+v %v", conv, err)
	}

	// Zalo refuses a later answer: the window closed (−213). The message is
	// given up, kept, and shown to staff.
	z.fz.CloseWindow(user, zalotest.CodeNotFollower)
	closing := "Trung tâm đóng phản ánh sau khi ông/bà đã nhận kết quả."
	if st, body := staffCall(t, z.m, "POST", "/admin/api/v1/complaints/"+c.Code+"/replies",
		map[string]string{"text": closing, "status": "closed"}); st != http.StatusCreated {
		t.Fatalf("staff reply: %d %s", st, body)
	}
	failed := waitFailed(t, z.m, closing)
	if failed.Channel != motcua.ChannelZalo || failed.ChatID != user || !strings.Contains(failed.LastError, "213") {
		t.Errorf("failed message: %+v", failed)
	}
	if page := staffPage(t, z.m, "/admin/outbox"); !strings.Contains(page, "đóng phản ánh") || !strings.Contains(page, "213") {
		t.Errorf("the staff outbox page does not show the undelivered answer")
	}
}

// waitFailed waits until the outbox gave up a message containing text.
func waitFailed(t *testing.T, m *Main, text string) motcua.OutboxMessage {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ms, err := m.app.DB.FailedOutbox(context.Background(), 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, om := range ms {
			if strings.Contains(om.Reply.Text, text) {
				return om
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no failed outbox message with %q: %+v", text, ms)
		}
		time.Sleep(50 * time.Millisecond) // polling with a deadline
	}
}
