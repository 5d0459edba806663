package bot

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestWebhookChecks covers the answers the channel webhooks share: 405 to
// a GET, 413 to an oversized body, the body itself otherwise.
func TestWebhookChecks(t *testing.T) {
	w := httptest.NewRecorder()
	if AllowPost(w, httptest.NewRequest(http.MethodGet, "/hook", nil)) {
		t.Fatal("GET allowed")
	}
	if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != http.MethodPost {
		t.Errorf("GET: %d, Allow %q", w.Code, w.Header().Get("Allow"))
	}

	w = httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodPost, "/hook", strings.NewReader(strings.Repeat("x", 11)))
	if !AllowPost(w, r) {
		t.Fatal("POST refused")
	}
	if _, ok := ReadBody(w, r, 10); ok || w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: ok=%v, %d", ok, w.Code)
	}

	w = httptest.NewRecorder()
	r = httptest.NewRequest(http.MethodPost, "/hook", strings.NewReader(`{"update_id":1}`))
	if body, ok := ReadBody(w, r, 1<<10); !ok || string(body) != `{"update_id":1}` {
		t.Errorf("body %q, ok=%v", body, ok)
	}
}
