package dossierflow_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/browsertest"
)

// TestBrowserLookupAndNotice drives the web chat in headless Chromium: the
// citizen looks up a dossier created by staff, taps "Nhận thông báo…", and
// sees the notice appear when staff change the status.
func TestBrowserLookupAndNotice(t *testing.T) {
	ctx := browsertest.New(t)
	s := newServer(t)
	s.put(code, phone, motcua.StatusProcessing, "")

	browsertest.Do(t, ctx, chromedp.Navigate(s.srv.URL+"/"))
	browsertest.WaitText(t, ctx, ".msg.bot .bubble", "Xin chào")
	click := func(label string) {
		t.Helper()
		js := `(() => { const b = Array.from(document.querySelectorAll('.msg.bot .buttons button')).reverse()` +
			`.find(b => b.textContent.includes(` + jsString(label) + `)); if (!b) return false; b.click(); return true; })()`
		if !browsertest.Eval[bool](t, ctx, js) {
			t.Fatalf("no button %q", label)
		}
	}
	browsertest.Do(t, ctx, chromedp.SendKeys(chromedp.CSS("#input"), "tra cứu hồ sơ"+kb.Enter))
	browsertest.WaitText(t, ctx, ".msg.bot .bubble", "nhập mã hồ sơ")
	browsertest.Do(t, ctx, chromedp.SendKeys(chromedp.CSS("#input"), strings.ToLower(code)+kb.Enter))
	browsertest.WaitText(t, ctx, ".msg.bot .bubble", "4 số cuối")
	browsertest.Do(t, ctx, chromedp.SendKeys(chromedp.CSS("#input"), "3456"+kb.Enter))
	browsertest.WaitText(t, ctx, ".msg.bot .bubble", "Trạng thái: Đang giải quyết")
	click("Nhận thông báo khi có thay đổi")
	browsertest.WaitText(t, ctx, ".msg.bot .bubble", "Đã đăng ký nhận thông báo")

	s.event(motcua.StatusResultReady, "")
	s.deliver()
	browsertest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.dispatchEvent(new Event('visibilitychange'))`))
	browsertest.WaitText(t, ctx, ".msg.bot .bubble", "Trạng thái: Đã có kết quả, mời nhận")

	page := browsertest.Eval[string](t, ctx, `document.body.innerText`)
	for _, secret := range []string{"Nguyễn", phone} {
		if strings.Contains(page, secret) {
			t.Errorf("page shows %q", secret)
		}
	}
}

func jsString(s string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", `\'`) + "'"
}
