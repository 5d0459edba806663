package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/motcua/motcua/internal/browsertest"
)

// testConfig is the default configuration on port 0 with a database in dir.
func testConfig(dir string) Config {
	cfg := loadConfig(func(string) string { return "" })
	cfg.Addr = "127.0.0.1:0"
	cfg.DataDir = dir
	cfg.DB = "sqlite:" + filepath.Join(dir, "motcua.db")
	cfg.AdminToken = "staff-token"
	cfg.LogLevel = "error"
	return cfg
}

// startMain runs the whole program and stops it when the test ends.
func startMain(t *testing.T, cfg Config) *Main {
	t.Helper()
	m := NewMain(cfg, io.Discard)
	if err := m.Run(context.Background()); err != nil {
		t.Fatalf("Run: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

type chatReply struct {
	Messages []struct {
		Text    string `json:"text"`
		Buttons []struct {
			Label  string `json:"label"`
			Action string `json:"action"`
		} `json:"buttons"`
	} `json:"messages"`
	Error string `json:"error"`
}

func (r chatReply) text() string {
	var b strings.Builder
	for _, m := range r.Messages {
		b.WriteString(m.Text + "\n")
	}
	return b.String()
}

func chat(t *testing.T, m *Main, body map[string]string) (int, chatReply) {
	t.Helper()
	buf, _ := json.Marshal(body)
	resp, err := http.Post("http://"+m.Addr()+"/api/chat", "application/json", bytes.NewReader(buf))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out chatReply
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return resp.StatusCode, out
}

func TestServeConversationSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig(dir)
	m := startMain(t, cfg)
	for _, path := range []string{"/healthz", "/readyz"} {
		resp, err := http.Get("http://" + m.Addr() + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d", path, resp.StatusCode)
		}
	}
	session := "serve-test-session-0001"
	code, r := chat(t, m, map[string]string{"session_id": session, "text": "lam giay khai sinh cho con"})
	if code != http.StatusOK || !strings.Contains(r.text(), "1.001193") {
		t.Fatalf("first turn: %d %q", code, r.text())
	}
	// The citizen taps the procedure (on a card it is already chosen; on a
	// clarifying question it is one of the buttons).
	if code, r = chat(t, m, map[string]string{"session_id": session, "action": "p:1.001193"}); code != http.StatusOK || !strings.Contains(r.text(), "1.001193") {
		t.Fatalf("tap p:1.001193: %d %q", code, r.text())
	}
	if code, r := chat(t, m, map[string]string{"session_id": session, "text": ""}); code != http.StatusBadRequest || r.Error == "" {
		t.Errorf("empty text: %d %+v", code, r)
	}
	if err := m.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	// A new process on the same database continues the conversation.
	m2 := startMain(t, cfg)
	code, r = chat(t, m2, map[string]string{"session_id": session, "text": "phi bao nhieu"})
	if code != http.StatusOK || !strings.Contains(r.text(), "1.001193") {
		t.Fatalf("follow-up after restart lost the procedure: %d %q", code, r.text())
	}
	if !strings.Contains(strings.ToLower(r.text()), "phí") {
		t.Errorf("follow-up does not speak of the fee: %q", r.text())
	}
}

func TestServeAdminNeedsToken(t *testing.T) {
	m := startMain(t, testConfig(t.TempDir()))
	req, _ := http.NewRequest(http.MethodGet, "http://"+m.Addr()+"/admin/api/v1/complaints", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("no token: %d", resp.StatusCode)
	}
	req.Header.Set("Authorization", "Bearer staff-token")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("with token: %d", resp.StatusCode)
	}
}

// TestServeBrowser drives the real program in headless Chromium: a question
// typed without diacritics, the procedure card, a tapped button, the papers.
func TestServeBrowser(t *testing.T) {
	m := startMain(t, testConfig(t.TempDir()))
	ctx := browsertest.New(t) // closed before the program stops
	browsertest.Do(t, ctx, chromedp.Navigate("http://"+m.Addr()+"/"))
	browsertest.Do(t, ctx, chromedp.SendKeys(chromedp.CSS("#input"), "lam giay khai sinh cho con"+kb.Enter))
	browsertest.WaitText(t, ctx, ".msg.bot .bubble", "1.001193")
	// On a clarifying question the citizen picks the plain procedure first.
	browsertest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const bs = Array.from(document.querySelectorAll('.msg.bot .buttons button'));
		if (!bs.some(b => b.textContent.includes('Giấy tờ cần nộp'))) {
			const pick = bs.find(b => b.textContent.trim() === 'Đăng ký khai sinh');
			if (pick) pick.click();
		}
	})()`))
	browsertest.WaitText(t, ctx, ".msg.bot .buttons button", "Giấy tờ cần nộp")
	browsertest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`Array.from(document.querySelectorAll('.msg.bot .buttons button')).filter(b => b.textContent.includes('Giấy tờ cần nộp')).pop().click()`))
	browsertest.WaitText(t, ctx, ".msg.bot .bubble", "Tờ khai")
}

// TestServeFlowsFromTheMenu walks the whole program from the dossier lookup
// to a complaint: the menu offers both flows, and asking to complain while
// the bot waits for a dossier code starts the complaint.
func TestServeFlowsFromTheMenu(t *testing.T) {
	m := startMain(t, testConfig(t.TempDir()))
	session := "flows-session-00000001"
	_, r := chat(t, m, map[string]string{"session_id": session, "action": "menu"})
	var actions []string
	for _, msg := range r.Messages {
		for _, b := range msg.Buttons {
			actions = append(actions, b.Action)
		}
	}
	got := strings.Join(actions, " ")
	if !strings.Contains(got, "f:dossier") || !strings.Contains(got, "f:complaint") {
		t.Fatalf("menu buttons: %s", got)
	}
	_, r = chat(t, m, map[string]string{"session_id": session, "text": "tra cuu ho so"})
	if !strings.Contains(strings.ToLower(r.text()), "mã") {
		t.Fatalf("lookup does not ask for the code: %q", r.text())
	}
	_, r = chat(t, m, map[string]string{"session_id": session, "text": "tôi muốn phản ánh"})
	if !strings.Contains(r.text(), "phản ánh, kiến nghị về việc gì") {
		t.Errorf("complaint did not start from the code step: %q", r.text())
	}
}

// TestClientAddr: the machine itself is not rate-limited; behind a trusted
// proxy the citizen's address is the last hop it appended.
func TestClientAddr(t *testing.T) {
	tests := []struct {
		trust      bool
		remote     string
		xff, wants string
	}{
		{false, "203.0.113.5:4000", "", "203.0.113.5"},
		{false, "127.0.0.1:4000", "", ""},
		{false, "[::1]:4000", "", ""},
		{false, "127.0.0.1:4000", "198.51.100.7", "127.0.0.1"}, // a proxy nobody trusts: limited as one client
		{true, "127.0.0.1:4000", "10.1.1.1, 198.51.100.7", "198.51.100.7"},
		{true, "127.0.0.1:4000", "", ""},
		{true, "203.0.113.5:4000", ",", "203.0.113.5"}, // an empty hop is no address
	}
	for _, tt := range tests {
		r := httptest.NewRequest("POST", "/api/chat", nil)
		r.RemoteAddr = tt.remote
		if tt.xff != "" {
			r.Header.Set("X-Forwarded-For", tt.xff)
		}
		if got := clientAddr(tt.trust)(r); got != tt.wants {
			t.Errorf("trust %v, %s, XFF %q: got %q, want %q", tt.trust, tt.remote, tt.xff, got, tt.wants)
		}
	}
}
