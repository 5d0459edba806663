package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeModel is an OpenAI-compatible server whose answer the test sets, and
// which keeps every prompt it was sent.
type fakeModel struct {
	mu      sync.Mutex
	answer  string
	delay   time.Duration
	prompts []string
}

func (f *fakeModel) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Messages []struct{ Content string } `json:"messages"`
	}
	json.NewDecoder(r.Body).Decode(&req)
	f.mu.Lock()
	for _, m := range req.Messages {
		f.prompts = append(f.prompts, m.Content)
	}
	answer, delay := f.answer, f.delay
	f.mu.Unlock()
	select {
	case <-time.After(delay):
	case <-r.Context().Done():
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"id": "x", "object": "chat.completion",
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": answer}}},
	})
}

func (f *fakeModel) set(answer string, delay time.Duration) {
	f.mu.Lock()
	f.answer, f.delay = answer, delay
	f.mu.Unlock()
}

func (f *fakeModel) sent() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return strings.Join(f.prompts, "\n")
}

// TestServeWithModel runs the whole program with a language model: a
// grounded answer is sent, an invented code or a slow model gives the card,
// and no personal data reaches the model.
func TestServeWithModel(t *testing.T) {
	model := &fakeModel{}
	srv := httptest.NewServer(model)
	defer srv.Close()
	cfg := testConfig(t.TempDir())
	cfg.OpenAIBaseURL, cfg.OpenAIKey, cfg.OpenAIModel, cfg.OpenAITimeout = srv.URL+"/v1", "key", "m", "500ms"
	m := startMain(t, cfg)

	const phrased = "Để làm khai sinh cho bé (mã 1.001193), bạn mang:\n- Tờ khai đăng ký khai sinh theo mẫu\n- Giấy chứng sinh"
	model.set(phrased, 0)
	q := "dang ky khai sinh cho con, so cua toi 001203004567, sdt 0912345678"
	_, r := chat(t, m, map[string]string{"session_id": "llm-session-000000001", "text": q})
	if !strings.Contains(r.text(), "Để làm khai sinh cho bé") || !strings.Contains(r.text(), "1.001193") {
		t.Errorf("grounded answer not used: %q", r.text())
	}
	for _, secret := range []string{"001203004567", "0912345678"} {
		if strings.Contains(model.sent(), secret) {
			t.Errorf("the model was sent %s", secret)
		}
	}

	model.set("Bạn làm theo thủ tục mã 9.999999 nhé.", 0)
	_, r = chat(t, m, map[string]string{"session_id": "llm-session-000000002", "text": "dang ky khai sinh"})
	if strings.Contains(r.text(), "9.999999") || !strings.Contains(r.text(), "Mã thủ tục 1.001193") {
		t.Errorf("ungrounded answer not replaced by the card: %q", r.text())
	}

	model.set(phrased, 5*time.Second)
	start := time.Now()
	_, r = chat(t, m, map[string]string{"session_id": "llm-session-000000003", "text": "dang ky khai sinh"})
	if !strings.Contains(r.text(), "Mã thủ tục 1.001193") {
		t.Errorf("slow model: no card: %q", r.text())
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("slow model held the citizen %v", d)
	}
}
