package admin

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/browsertest"
)

// TestBrowserAnswerAndClose drives the staff pages in headless Chromium: log
// in, open the overdue complaint from the inbox, answer it, then close it;
// both answers reach the citizen through the outbox.
func TestBrowserAnswerAndClose(t *testing.T) {
	ctx := browsertest.New(t)
	h := newHarness(t)
	h.addComplaint("PA0001", motcua.ComplaintAnswered, motcua.ChannelWeb, "s", testNow.Add(-time.Hour))
	h.addComplaint("PA0002", motcua.ComplaintNew, motcua.ChannelTelegram, "4242", testNow.Add(-73*time.Hour))
	h.outbox()

	browsertest.Do(t, ctx, chromedp.Navigate(h.srv.URL+"/admin/"))
	browsertest.WaitText(t, ctx, "h1", "Đăng nhập")
	browsertest.Do(t, ctx, chromedp.SendKeys(chromedp.CSS(`input[name="token"]`), testToken))
	navigate(t, ctx, chromedp.Click(chromedp.CSS(`button[type="submit"]`)))
	browsertest.WaitText(t, ctx, "h1", "Phản ánh, kiến nghị")
	first := browsertest.Eval[string](t, ctx, `document.querySelector('tbody tr').textContent`)
	if !strings.Contains(first, "PA0002") || !strings.Contains(first, "Quá hạn") {
		t.Errorf("first row = %q, want the overdue complaint", first)
	}

	navigate(t, ctx, chromedp.Click(chromedp.CSS(`a[href="/admin/complaints/PA0002"]`)))
	browsertest.WaitText(t, ctx, "h1", "Phản ánh PA0002")
	reply(t, ctx, "Chúng tôi đã liên hệ bộ phận tiếp nhận và đang xác minh.", "in_progress")
	browsertest.WaitText(t, ctx, ".ok", "Đã ghi nhận trả lời")
	browsertest.WaitText(t, ctx, "table", "đang xác minh")

	reply(t, ctx, "Hồ sơ của ông/bà đã có kết quả. Xin lỗi vì sự chậm trễ.", "closed")
	browsertest.WaitText(t, ctx, "dd", "Đã kết thúc")

	msgs := h.outbox()
	if len(msgs) != 2 || msgs[0].ChatID != "4242" || msgs[1].ChatID != "4242" {
		t.Fatalf("outbox = %+v, want two messages to telegram 4242", msgs)
	}
	if len(msgs[0].Reply.Buttons) != 0 || len(msgs[1].Reply.Buttons) != 3 {
		t.Errorf("buttons: in progress %d, closed %d; want 0 and 3 rating buttons", len(msgs[0].Reply.Buttons), len(msgs[1].Reply.Buttons))
	}
}

// reply fills the reply form and sends it.
func reply(t *testing.T, ctx context.Context, text, status string) {
	t.Helper()
	browsertest.Do(t, ctx,
		chromedp.SendKeys(chromedp.CSS(`textarea[name="text"]`), text),
		chromedp.SetValue(chromedp.CSS(`select[name="status"]`), status))
	navigate(t, ctx, chromedp.Click(chromedp.CSS(`form.card button[type="submit"]`)))
}

// navigate runs an action that loads another page and waits for it.
func navigate(t *testing.T, ctx context.Context, a chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, browsertest.Timeout)
	defer cancel()
	resp, err := chromedp.RunResponse(tctx, a)
	if err != nil {
		t.Fatalf("navigate: %v", err)
	}
	if resp.Status != 200 {
		t.Fatalf("navigate: %s answered %d", resp.URL, resp.Status)
	}
}
