package complaintflow

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/motcua/motcua"
	"github.com/motcua/motcua/admin"
	"github.com/motcua/motcua/bot"
	"github.com/motcua/motcua/internal/browsertest"
)

// onePixelPNG is a valid 1×1 image, the citizen's photo.
var onePixelPNG, _ = base64.StdEncoding.DecodeString(
	"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")

// recordingSender keeps what the dispatcher sends to a channel.
type recordingSender struct {
	mu   sync.Mutex
	sent map[string][]motcua.Reply
}

func (s *recordingSender) Send(ctx context.Context, chatID string, replies []motcua.Reply) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sent == nil {
		s.sent = map[string][]motcua.Reply{}
	}
	s.sent[chatID] = append(s.sent[chatID], replies...)
	return nil
}

func (s *recordingSender) to(chat string) []motcua.Reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]motcua.Reply(nil), s.sent[chat]...)
}

// TestStaffPageInBrowser sends a complaint with a photo from Zalo, then a
// staff member, in headless Chromium, logs in, finds it in the inbox, opens
// it, sees the photo, answers and closes it; the answer reaches the citizen
// through the outbox with the rating buttons, and the rating shows on the page.
func TestStaffPageInBrowser(t *testing.T) {
	ctx := browsertest.New(t)
	h := newHarness(t, nil)
	mux := http.NewServeMux()
	admin.New(admin.Config{Token: adminToken, Dossiers: h.db, Complaints: h.db, Calendar: h.cal}).Register(mux)
	mux.HandleFunc("GET /files/photo.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(onePixelPNG)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	const ch, chat = motcua.ChannelZalo, "zalo-user-1"
	h.run(ch, chat, []step{{text: "phản ánh"}, {action: "f:complaint:cat:facilities"}})
	m := h.msg(ch, chat, step{text: "Máy lấy số ở tầng 1 hỏng cả tuần nay, người dân phải chen nhau."})
	m.Attachments = []motcua.Attachment{{Kind: "image", URL: srv.URL + "/files/photo.png"}}
	h.handle(m)
	h.run(ch, chat, []step{{action: "f:complaint:next"}, {action: "f:complaint:skip"}, {action: "f:complaint:consent:no"},
		{action: "f:complaint:send", want: []string{"PA-2601-0001"}}})
	const code = "PA-2601-0001"

	browsertest.Do(t, ctx, chromedp.Navigate(srv.URL+"/admin/"))
	browsertest.WaitText(t, ctx, "h1", "Đăng nhập")
	browsertest.Do(t, ctx,
		chromedp.SendKeys(chromedp.CSS(`input[name=token]`), adminToken),
		chromedp.Click(chromedp.CSS(`button[type=submit]`)))
	waitAfterSubmit(t, ctx, "td a", code)
	browsertest.WaitText(t, ctx, "td", "Máy lấy số ở tầng 1")

	browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS(`td a[href="/admin/complaints/`+code+`"]`)))
	waitAfterSubmit(t, ctx, "h1", "Phản ánh "+code)
	browsertest.WaitText(t, ctx, "dd", "Cơ sở vật chất")
	loaded := `(() => { const i = document.querySelector('img[alt="Ảnh đính kèm"]'); return !!i && i.complete && i.naturalWidth === 1 })()`
	if !browsertest.Eval[bool](t, ctx, loaded) {
		browsertest.Do(t, ctx, chromedp.Poll[chromedp.Void](loaded, chromedp.WithPollingTimeout(browsertest.Timeout)))
	}

	answer := "Trung tâm đã thay máy lấy số mới. Cảm ơn ông/bà đã phản ánh."
	browsertest.Do(t, ctx,
		chromedp.SendKeys(chromedp.CSS(`textarea[name=text]`), answer),
		chromedp.SetValue(chromedp.CSS(`select[name=status]`), motcua.ComplaintClosed),
		chromedp.SendKeys(chromedp.CSS(`input[name=by]`), "Tổ giám sát"),
		chromedp.Click(chromedp.CSS(`form[action$="/replies"] button[type=submit]`)))
	waitAfterSubmit(t, ctx, ".ok", "Đã ghi nhận trả lời")
	browsertest.WaitText(t, ctx, "td.msg", answer)
	browsertest.WaitText(t, ctx, "dd", "Đã kết thúc")

	zalo := &recordingSender{}
	d := bot.NewDispatcher(h.db, map[string]motcua.Sender{motcua.ChannelZalo: zalo})
	if n, err := d.DeliverDue(context.Background()); err != nil || n != 1 {
		t.Fatalf("delivered %d: %v", n, err)
	}
	got := zalo.to(chat)
	rate := "rate:" + code + ":" + admin.RatingVerySatisfied
	if len(got) != 1 || !strings.Contains(got[0].Text, answer) || !hasButton(got, rate) {
		t.Fatalf("citizen got %+v", got)
	}
	h.send(ch, chat, step{action: rate, want: []string{"Rất hài lòng"}})

	browsertest.Do(t, ctx, chromedp.Reload())
	waitAfterSubmit(t, ctx, "dd", "Rất hài lòng")
}

// waitAfterSubmit waits, across the navigation a form or link starts,
// until an element matching sel holds want: a check that fails because the
// page is being replaced is tried again, until browsertest.Timeout.
func waitAfterSubmit(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	expr := `Array.from(document.querySelectorAll(` + mustJSON(t, sel) + `)).some(e => e.textContent.includes(` + mustJSON(t, want) + `))`
	deadline := time.Now().Add(browsertest.Timeout)
	for {
		tctx, cancel := context.WithTimeout(ctx, time.Second)
		ok, err := chromedp.Run(tctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(time.Second)))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s with text %q: %v", sel, want, err)
		}
	}
}
