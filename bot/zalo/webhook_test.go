package zalo

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestWebhookSignedEventIsStoredAndAnswered(t *testing.T) {
	eachStore(t, func(t *testing.T, f *fixture) {
		f.run()
		f.event("user_send_text", "u1", "m1", "làm giấy khai sinh cho con")
		got := f.next()
		if got.UserID != "u1" || got.MessageID != "m1" {
			t.Errorf("recipient = %q/%q, want u1 replying to m1", got.UserID, got.MessageID)
		}
		if !contains(got.Text, "1.001193") {
			t.Errorf("text = %q", got.Text)
		}
		if len(got.Buttons) != 2 {
			t.Fatalf("buttons = %+v", got.Buttons)
		}
		if b := got.Buttons[0]; b.Type != "oa.query.hide" || b.Payload != "#mc:p:1.001193:docs" || b.Title != "Giấy tờ cần nộp" {
			t.Errorf("action button = %+v", b)
		}
		if b := got.Buttons[1]; b.Type != "oa.open.url" || b.Payload != "https://dichvucong.gov.vn/p/1.001193" {
			t.Errorf("link button = %+v", b)
		}
		m := f.eng.messages()[0]
		if m.Channel != "zalo" || m.ChatID != "u1" || m.ID != "m1" || m.Text != "làm giấy khai sinh cho con" || m.Action != "" {
			t.Errorf("engine got %+v", m)
		}
	})
}

func TestWebhookRefusesUnauthenticEvents(t *testing.T) {
	eachStore(t, func(t *testing.T, f *fixture) {
		now := f.clock.Now()
		body, sig := f.fz.Event("user_send_text", "u1", "m1", "xin chào", now)
		ts := strconv.FormatInt(now.UnixMilli(), 10)
		stale, staleSig := f.fz.Event("user_send_text", "u1", "m2", "xin chào", now.Add(-2*time.Hour))
		other := strings.Replace(string(body), f.fz.AppID, "999", 1)
		cases := []struct {
			name string
			body []byte
			sig  string
		}{
			{"forged", body, "mac=" + strings.Repeat("ab", 32)},
			{"unsigned event", body, ""},
			{"no mac prefix", body, strings.TrimPrefix(sig, "mac=")},
			{"signed with the app secret", body, "mac=" + Sign(f.fz.AppID, body, ts, f.fz.AppSecret)},
			{"tampered body", []byte(strings.Replace(string(body), "xin chào", "chuyển tiền", 1)), sig},
			{"another app", []byte(other), "mac=" + Sign("999", []byte(other), ts, f.fz.OASecretKey)},
			{"stale replay", stale, staleSig},
			{"not json", []byte("not json"), sig},
		}
		for _, c := range cases {
			if code := f.post(c.body, c.sig); code != http.StatusUnauthorized {
				t.Errorf("%s: status %d, want 401", c.name, code)
			}
		}
		if n := f.pending(); n != 0 {
			t.Errorf("%d events stored, want none", n)
		}
	})
}

func TestWebhookProbeIsAcknowledged(t *testing.T) {
	eachStore(t, func(t *testing.T, f *fixture) {
		for _, body := range []string{"", "{}", `{"app_id":"1234567890"}`} {
			if code := f.post([]byte(body), ""); code != http.StatusOK {
				t.Errorf("probe %q: status %d, want 200", body, code)
			}
		}
		if n := f.pending(); n != 0 {
			t.Errorf("%d events stored, want none", n)
		}
	})
}

func TestWebhookOnlyPost(t *testing.T) {
	f := newFixture(t)
	resp, err := http.Get(f.web.URL + WebhookPath)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		t.Errorf("GET answered 200")
	}
}

func TestRedeliveredEventIsHandledOnce(t *testing.T) {
	eachStore(t, func(t *testing.T, f *fixture) {
		body, sig := f.fz.Event("user_send_text", "u1", "m1", "xin chào", f.clock.Now())
		for range 3 {
			if code := f.post(body, sig); code != http.StatusOK {
				t.Fatalf("status %d", code)
			}
		}
		f.bot.drain(t.Context())
		// Zalo delivers again after the first was handled.
		if code := f.post(body, sig); code != http.StatusOK {
			t.Fatalf("status %d", code)
		}
		f.bot.drain(t.Context())
		if n := len(f.eng.messages()); n != 1 {
			t.Errorf("engine called %d times, want 1", n)
		}
		if n := len(f.fz.Sent()); n != 1 {
			t.Errorf("%d messages sent, want 1", n)
		}
	})
}
