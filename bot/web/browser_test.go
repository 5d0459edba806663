package web

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/browsertest"
)

// TestBrowserConversation drives the page in headless Chromium: a typed
// question, the answer with its buttons, a tapped button, a message the bot
// sends later, and a reload that keeps the conversation.
func TestBrowserConversation(t *testing.T) {
	ctx := browsertest.New(t)
	h := &echoHandler{}
	box := newMemMailbox()
	ts := newTestServer(t, Config{Handler: h, Mailbox: box, Limits: noLimits, SiteVerification: "zalo-code"})

	browsertest.Do(t, ctx, chromedp.Navigate(ts.URL+"/"))
	browsertest.WaitText(t, ctx, ".msg.bot .bubble", "Xin chào")

	browsertest.Do(t, ctx, chromedp.SendKeys(chromedp.CSS("#input"), "lam giay khai sinh"+kb.Enter))
	browsertest.WaitText(t, ctx, ".msg.me .bubble", "lam giay khai sinh")
	browsertest.WaitText(t, ctx, ".msg.bot .bubble", "Bạn hỏi: lam giay khai sinh")
	browsertest.WaitText(t, ctx, ".msg.bot .buttons button", "Giấy tờ cần mang")
	href := browsertest.Eval[string](t, ctx, `document.querySelector('.msg.bot .buttons a').href`)
	if href != "https://dichvucong.gov.vn/" {
		t.Errorf("URL button links to %q", href)
	}
	if v := browsertest.Eval[string](t, ctx, `document.getElementById('input').value.trim()`); v != "" {
		t.Errorf("input not cleared: %q", v)
	}

	browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS(".msg.bot .buttons button")))
	browsertest.WaitText(t, ctx, ".msg.bot .bubble", "Bạn chọn: docs")

	got := h.messages()
	if len(got) != 2 || got[1].Action != "docs" {
		t.Fatalf("engine got %+v", got)
	}
	sessionID := browsertest.Eval[string](t, ctx, `localStorage.getItem('motcua.session')`)
	if len(sessionID) < minSessionLen || got[0].ChatID != sessionID {
		t.Errorf("session %q, engine saw %q", sessionID, got[0].ChatID)
	}

	// A notification arrives later; the page shows it on its next poll,
	// which coming back to the page starts at once.
	send := &Sender{Mailbox: box}
	if err := send.Send(context.Background(), sessionID, []motcua.Reply{{Text: "Hồ sơ của bạn đã có kết quả."}}); err != nil {
		t.Fatal(err)
	}
	browsertest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.dispatchEvent(new Event('visibilitychange'))`))
	browsertest.WaitText(t, ctx, ".msg.bot .bubble", "Hồ sơ của bạn đã có kết quả.")

	// A reload keeps the session and the conversation.
	browsertest.Do(t, ctx, chromedp.Reload())
	browsertest.WaitText(t, ctx, ".msg.bot .bubble", "Bạn chọn: docs")
	if again := browsertest.Eval[string](t, ctx, `localStorage.getItem('motcua.session')`); again != sessionID {
		t.Errorf("session changed on reload")
	}
	n := browsertest.Eval[int](t, ctx, `document.querySelectorAll('.bubble').length`)
	if n != 6 {
		t.Errorf("%d bubbles after reload, want 6", n)
	}
}
