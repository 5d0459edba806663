package telegram

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/motcua/motcua/bot/telegram/telegramtest"
	"github.com/motcua/motcua/internal/memstore"
)

func TestWebhook(t *testing.T) {
	f := telegramtest.New(t, testToken)
	st := memstore.New(nil)
	var calls atomic.Int32
	b, _ := startBot(t, f, st, echo(&calls), func(c *Config) {
		c.WebhookURL = "https://motcua.example.gov.vn/telegram/webhook"
		c.WebhookSecret = "s3cret-Token_1"
	})
	f.WaitFor(t, "setWebhook", func() bool { return f.Webhook()["url"] != "" })
	hook := f.Webhook()
	if hook["url"] != "https://motcua.example.gov.vn/telegram/webhook" || hook["secret_token"] != "s3cret-Token_1" ||
		!strings.Contains(hook["allowed_updates"], "callback_query") {
		t.Fatalf("setWebhook with %v", hook)
	}

	srv := httptest.NewServer(b.WebhookHandler())
	defer srv.Close()
	update, _ := json.Marshal(map[string]any{"update_id": 77, "message": telegramtest.MessageFields(42, "lệ phí")})
	post := func(secret string) int {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+WebhookPath, bytes.NewReader(update))
		req.Header.Set("Content-Type", "application/json")
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post(""); code != http.StatusUnauthorized {
		t.Fatalf("missing secret: %d, want 401", code)
	}
	if code := post("s3cret-Token_2"); code != http.StatusUnauthorized {
		t.Fatalf("wrong secret: %d, want 401", code)
	}
	if st.Puts() != 0 {
		t.Fatal("an unauthenticated update reached the inbox")
	}
	if code := post("s3cret-Token_1"); code != http.StatusOK {
		t.Fatalf("right secret: %d, want 200", code)
	}
	if code := post("s3cret-Token_1"); code != http.StatusOK { // Telegram retries
		t.Fatalf("redelivery: %d, want 200", code)
	}
	f.WaitMessages(t, 1)
	eventually(t, "inbox empty", func() bool { return pendingOf(st) == 0 })
	if calls.Load() != 1 || len(f.Messages()) != 1 {
		t.Fatalf("engine calls %d, sent %d, want 1 and 1", calls.Load(), len(f.Messages()))
	}
	if n := f.Polls(); n != 0 {
		t.Fatalf("webhook mode polled %d times", n)
	}
}

func TestWebhookSecretDefaultsToOneDerivedFromTheToken(t *testing.T) {
	b, err := New(Config{Token: testToken, WebhookURL: "https://x.example/telegram/webhook"}, echo(new(atomic.Int32)), memstore.New(nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.secret) < 32 || strings.Contains(b.secret, testToken) {
		t.Fatalf("derived secret %q", b.secret)
	}
	rec := httptest.NewRecorder()
	b.WebhookHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, WebhookPath, strings.NewReader(`{"update_id":1}`)))
	if rec.Code != http.StatusUnauthorized {
		t.Fatalf("no secret: %d, want 401", rec.Code)
	}
}
