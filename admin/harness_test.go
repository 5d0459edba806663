package admin

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/worktime"
)

const testToken = "s3cret-admin-token-for-tests"

// testStore is every store interface the admin server and its tests use.
type testStore interface {
	motcua.DossierStore
	motcua.ComplaintStore
	motcua.Outbox
}

// harness runs the admin server over HTTP against a store.
type harness struct {
	t     *testing.T
	srv   *httptest.Server
	store testStore
	now   time.Time
	cal   *worktime.Calendar
}

// testNow is a Monday morning in Vietnam.
var testNow = time.Date(2026, 1, 5, 10, 0, 0, 0, vietnam)

func newHarness(t *testing.T, mutate ...func(*Config)) *harness {
	t.Helper()
	h := &harness{t: t, now: testNow}
	h.store = newTestStore(t, func() time.Time { return h.now })
	cal, err := worktime.FromSettings(8, 10, "2026-01-01")
	if err != nil {
		t.Fatal(err)
	}
	h.cal = cal
	cfg := Config{Token: testToken, Dossiers: h.store, Complaints: h.store, Calendar: cal, Now: func() time.Time { return h.now }}
	for _, m := range mutate {
		m(&cfg)
	}
	mux := http.NewServeMux()
	New(cfg).Register(mux)
	h.srv = httptest.NewServer(mux)
	t.Cleanup(h.srv.Close)
	return h
}

// do sends an API request with the admin token and returns the status and
// the decoded JSON body.
func (h *harness) do(method, path string, body any) (int, map[string]any) {
	h.t.Helper()
	return h.doAuth(method, path, "Bearer "+testToken, body)
}

func (h *harness) doAuth(method, path, auth string, body any) (int, map[string]any) {
	h.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		buf, _ := json.Marshal(b)
		rd = bytes.NewReader(buf)
	}
	req, err := http.NewRequest(method, h.srv.URL+path, rd)
	if err != nil {
		h.t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := h.srv.Client().Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if len(raw) > 0 && strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(raw, &out); err != nil {
			h.t.Fatalf("%s %s: bad JSON %q: %v", method, path, raw, err)
		}
	}
	return resp.StatusCode, out
}

// outbox drains the store's outbox.
func (h *harness) outbox() []motcua.OutboxMessage {
	h.t.Helper()
	ms, err := h.store.ClaimOutbox(h.t.Context(), 100, time.Minute)
	if err != nil {
		h.t.Fatal(err)
	}
	return ms
}

// dossierBody is a valid PUT body for code.
func dossierBody(code string) map[string]any {
	return map[string]any{
		"code": code, "procedure_code": "1.001193", "applicant_name": "Nguyễn Văn An",
		"phone": "0905123456", "received_at": "2026-01-02T08:00:00+07:00",
		"due_at": "2026-01-09T17:00:00+07:00", "status": "received", "note": "",
	}
}
