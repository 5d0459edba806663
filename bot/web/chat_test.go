package web

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"context"

	"github.com/motcua/motcua"
	"golang.org/x/time/rate"
)

const session = "s3cret-session-0123456789"

// noLimits turns every rate limit off.
var noLimits = Limits{AddrRate: rate.Inf, SessionRate: rate.Inf}

func newTestServer(t *testing.T, cfg Config) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	New(cfg).Register(mux)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts
}

func postChat(t *testing.T, ts *httptest.Server, body string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("POST", ts.URL+"/api/chat", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, b
}

func chatBody(t *testing.T, v map[string]string) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestChatTurn(t *testing.T) {
	h := &echoHandler{}
	ts := newTestServer(t, Config{Handler: h, Limits: noLimits})
	res, body := postChat(t, ts, chatBody(t, map[string]string{"session_id": session, "text": "  lam giay khai sinh \u200b", "message_id": "m1"}))
	if res.StatusCode != 200 {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("content type %q", ct)
	}
	var got struct {
		Messages []struct {
			Text    string `json:"text"`
			Buttons []struct {
				Label, Action, URL string
			} `json:"buttons"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Messages) != 1 || got.Messages[0].Text != "Bạn hỏi: lam giay khai sinh" {
		t.Fatalf("messages %s", body)
	}
	if b := got.Messages[0].Buttons; len(b) != 2 || b[0].Action != "docs" || b[1].URL == "" {
		t.Errorf("buttons %s", body)
	}
	m := h.messages()[0]
	if m.Channel != motcua.ChannelWeb || m.ChatID != session || m.ID != "m1" || m.At.IsZero() {
		t.Errorf("message %+v", m)
	}
}

func TestChatAction(t *testing.T) {
	h := &echoHandler{}
	ts := newTestServer(t, Config{Handler: h, Limits: noLimits})
	res, body := postChat(t, ts, chatBody(t, map[string]string{"session_id": session, "action": "docs"}))
	if res.StatusCode != 200 || !strings.Contains(string(body), "Bạn chọn: docs") {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	if m := h.messages()[0]; m.Action != "docs" || m.Text != "" {
		t.Errorf("message %+v", m)
	}
}

func TestChatAcceptsOddButValidText(t *testing.T) {
	for name, text := range map[string]string{
		"emoji only":      "🙏🙏😀",
		"exactly 4000":    strings.Repeat("á", motcua.MaxMessageRunes),
		"newlines":        "dòng 1\ndòng 2",
		"html":            "<script>alert(1)</script>",
		"no diacritics":   "lam can cuoc o dau",
		"control in text": "hỏi\x00 phí",
	} {
		t.Run(name, func(t *testing.T) {
			h := &echoHandler{}
			ts := newTestServer(t, Config{Handler: h, Limits: noLimits})
			res, body := postChat(t, ts, chatBody(t, map[string]string{"session_id": session, "text": text}))
			if res.StatusCode != 200 {
				t.Fatalf("status %d: %s", res.StatusCode, body)
			}
			if got := h.messages()[0].Text; strings.ContainsRune(got, 0) {
				t.Errorf("control character reached the engine: %q", got)
			}
		})
	}
}

func TestChatBadRequests(t *testing.T) {
	long := strings.Repeat("a", motcua.MaxMessageRunes+1)
	cases := []struct {
		name, body, want string
	}{
		{"bad json", `{"session_id":`, msgBadRequest},
		{"not json", "hello", msgBadRequest},
		{"binary", "\x00\x01\x02\xff\xfe", msgBadRequest},
		{"wrong types", `{"session_id":1,"text":true}`, msgBadRequest},
		{"empty", chatBody(t, map[string]string{"session_id": session, "text": ""}), msgEmpty},
		{"blank", chatBody(t, map[string]string{"session_id": session, "text": " \n\t "}), msgEmpty},
		{"hidden only", chatBody(t, map[string]string{"session_id": session, "text": "\u200b\u202e\x00"}), msgEmpty},
		{"no text nor action", `{"session_id":"` + session + `"}`, msgEmpty},
		{"4001 characters", chatBody(t, map[string]string{"session_id": session, "text": long}), msgTooLong},
		{"10,000 characters", chatBody(t, map[string]string{"session_id": session, "text": strings.Repeat("ệ", 10000)}), msgTooLong},
		{"huge body", `{"session_id":"` + session + `","text":"` + strings.Repeat("x", 1<<20) + `"}`, msgTooLong},
		{"no session", chatBody(t, map[string]string{"text": "xin chào"}), msgSession},
		{"short session", chatBody(t, map[string]string{"session_id": "abc", "text": "xin chào"}), msgSession},
		{"15-char session", chatBody(t, map[string]string{"session_id": strings.Repeat("a", 15), "text": "xin chào"}), msgSession},
		{"session with space", chatBody(t, map[string]string{"session_id": "abcdefgh ijklmnopq", "text": "x"}), msgSession},
		{"long session", chatBody(t, map[string]string{"session_id": strings.Repeat("a", 200), "text": "x"}), msgSession},
		{"long action", chatBody(t, map[string]string{"session_id": session, "action": strings.Repeat("a", 2000)}), msgBadRequest},
		{"long message id", chatBody(t, map[string]string{"session_id": session, "text": "x", "message_id": strings.Repeat("a", 100)}), msgBadRequest},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := &echoHandler{}
			ts := newTestServer(t, Config{Handler: h, Limits: noLimits})
			res, body := postChat(t, ts, c.body)
			if res.StatusCode != 400 {
				t.Fatalf("status %d: %s", res.StatusCode, body)
			}
			var e errorResponse
			if err := json.Unmarshal(body, &e); err != nil || e.Error != c.want {
				t.Errorf("error %s, want %q", body, c.want)
			}
			if n := len(h.messages()); n != 0 {
				t.Errorf("engine called %d times", n)
			}
		})
	}
}

func TestChatEngineFailure(t *testing.T) {
	var logs bytes.Buffer
	h := &echoHandler{fail: motcua.Errorf(motcua.EINTERNAL, "lookup for 0912345678 failed")}
	logger := slog.New(slog.NewTextHandler(&syncWriter{w: &logs}, nil))
	ts := newTestServer(t, Config{Handler: h, Limits: noLimits, Logger: logger})
	res, body := postChat(t, ts, chatBody(t, map[string]string{"session_id": session, "text": "hồ sơ của tôi"}))
	if res.StatusCode != 500 || !strings.Contains(string(body), msgInternal) {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	if strings.Contains(logs.String(), "0912345678") || !strings.Contains(logs.String(), "turn failed") {
		t.Errorf("log %q", logs.String())
	}
}

func TestChatEnginePanic(t *testing.T) {
	ts := newTestServer(t, Config{Handler: &echoHandler{}, Limits: noLimits})
	res, body := postChat(t, ts, chatBody(t, map[string]string{"session_id": session, "text": "panic"}))
	if res.StatusCode != 500 || !strings.Contains(string(body), msgInternal) {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	// The server still serves the next turn.
	res, _ = postChat(t, ts, chatBody(t, map[string]string{"session_id": session, "text": "xin chào"}))
	if res.StatusCode != 200 {
		t.Fatalf("after panic: status %d", res.StatusCode)
	}
}

func TestChatMethodNotAllowed(t *testing.T) {
	ts := newTestServer(t, Config{Handler: &echoHandler{}})
	res, err := http.Get(ts.URL + "/api/chat")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("status %d", res.StatusCode)
	}
}

func TestChatSessionRateLimit(t *testing.T) {
	ts := newTestServer(t, Config{Handler: &echoHandler{}, Limits: Limits{
		AddrRate: rate.Inf, SessionRate: rate.Every(time.Hour), SessionBurst: 2,
	}})
	ask := func(s string) *http.Response {
		res, _ := postChat(t, ts, chatBody(t, map[string]string{"session_id": s, "text": "phí bao nhiêu"}))
		return res
	}
	for i := 0; i < 2; i++ {
		if res := ask(session); res.StatusCode != 200 {
			t.Fatalf("turn %d: status %d", i, res.StatusCode)
		}
	}
	res, body := postChat(t, ts, chatBody(t, map[string]string{"session_id": session, "text": "phí bao nhiêu"}))
	if res.StatusCode != 429 || !strings.Contains(string(body), msgTooMany) || res.Header.Get("Retry-After") == "" {
		t.Fatalf("status %d %q: %s", res.StatusCode, res.Header.Get("Retry-After"), body)
	}
	if res := ask(session + "-other"); res.StatusCode != 200 {
		t.Errorf("another session limited: %d", res.StatusCode)
	}
}

func TestChatAddrRateLimit(t *testing.T) {
	byHeader := func(r *http.Request) string { return r.Header.Get("X-Test-Addr") }
	ts := newTestServer(t, Config{Handler: &echoHandler{}, ClientAddr: byHeader, Limits: Limits{
		AddrRate: rate.Every(time.Hour), AddrBurst: 3, SessionRate: rate.Inf,
	}})
	ask := func(i int, addr string) int {
		s := session + "-" + string(rune('a'+i))
		res, _ := postChat(t, ts, chatBody(t, map[string]string{"session_id": s, "text": "x"}), "X-Test-Addr", addr)
		return res.StatusCode
	}
	for i := 0; i < 3; i++ {
		if c := ask(i, "10.0.0.1"); c != 200 {
			t.Fatalf("turn %d: status %d", i, c)
		}
	}
	if c := ask(4, "10.0.0.1"); c != 429 {
		t.Errorf("4th turn from one address: status %d", c)
	}
	if c := ask(5, "10.0.0.2"); c != 200 {
		t.Errorf("other address: status %d", c)
	}
	// A client named "" is exempt: neither its address nor its session
	// is limited.
	for i := 0; i < 10; i++ {
		res, _ := postChat(t, ts, chatBody(t, map[string]string{"session_id": session, "text": "x"}), "X-Test-Addr", "")
		if res.StatusCode != 200 {
			t.Fatalf("exempt turn %d: status %d", i, res.StatusCode)
		}
	}
}

func TestChatLimitsOff(t *testing.T) {
	ts := newTestServer(t, Config{Handler: &echoHandler{}, Limits: noLimits})
	for i := 0; i < 100; i++ {
		if res, _ := postChat(t, ts, chatBody(t, map[string]string{"session_id": session, "text": "x"})); res.StatusCode != 200 {
			t.Fatalf("turn %d: status %d", i, res.StatusCode)
		}
	}
}

// blockingHandler records how many turns of one session run at once.
type blockingHandler struct {
	running, most atomic.Int32
	release       chan struct{}
	entered       chan struct{}
}

func (h *blockingHandler) Handle(ctx context.Context, m motcua.Message) ([]motcua.Reply, error) {
	n := h.running.Add(1)
	defer h.running.Add(-1)
	for {
		old := h.most.Load()
		if n <= old || h.most.CompareAndSwap(old, n) {
			break
		}
	}
	h.entered <- struct{}{}
	<-h.release
	return []motcua.Reply{{Text: "ok"}}, nil
}

func TestChatTurnsOfOneSessionAreSerialised(t *testing.T) {
	h := &blockingHandler{release: make(chan struct{}), entered: make(chan struct{}, 4)}
	ts := newTestServer(t, Config{Handler: h, Limits: noLimits})
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			postChat(t, ts, chatBody(t, map[string]string{"session_id": session, "action": "docs"}))
		}()
	}
	for i := 0; i < 3; i++ {
		<-h.entered
		h.release <- struct{}{}
	}
	wg.Wait()
	if m := h.most.Load(); m != 1 {
		t.Errorf("%d turns of one session ran at once", m)
	}
}

// syncWriter makes a buffer safe for the logger of a running server.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
