package admin

import (
	"net/http"
	"strings"
	"testing"

	"github.com/motcua/motcua"
)

func TestDisabledWithoutToken(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.Token = "" })
	for _, p := range []string{"/admin/api/v1/dossiers/HS000001", "/admin/api/v1/complaints", "/admin/login", "/admin/"} {
		if st, _ := h.doAuth("GET", p, "Bearer ", nil); st != http.StatusNotFound {
			t.Errorf("GET %s without a configured token = %d, want 404", p, st)
		}
	}
}

func TestAuth(t *testing.T) {
	h := newHarness(t)
	paths := []struct{ method, path string }{
		{"GET", "/admin/api/v1/dossiers/HS000001"},
		{"PUT", "/admin/api/v1/dossiers/HS000001"},
		{"POST", "/admin/api/v1/dossiers/HS000001/events"},
		{"POST", "/admin/api/v1/dossiers/import"},
		{"GET", "/admin/api/v1/complaints"},
		{"GET", "/admin/api/v1/complaints/PA0001"},
		{"POST", "/admin/api/v1/complaints/PA0001/replies"},
		{"GET", "/admin/api/v1/nothing-here"},
	}
	for _, auth := range []string{"", "Bearer", "Bearer wrong", "Basic " + testToken, "Bearer " + testToken + "x", testToken} {
		for _, p := range paths {
			st, body := h.doAuth(p.method, p.path, auth, nil)
			if st != http.StatusUnauthorized || body["error"] == nil {
				t.Errorf("%s %s with %q = %d %v, want 401 with an error", p.method, p.path, auth, st, body)
			}
		}
	}
	if st, _ := h.doAuth("GET", "/admin/api/v1/complaints", "bearer "+testToken, nil); st != http.StatusOK {
		t.Errorf("lower-case scheme = %d, want 200", st)
	}
}

func TestPutDossier(t *testing.T) {
	h := newHarness(t)
	st, body := h.do("PUT", "/admin/api/v1/dossiers/hs 000001", dossierBody("HS000001"))
	if st != http.StatusCreated {
		t.Fatalf("create = %d %v, want 201", st, body)
	}
	if body["code"] != "HS000001" || body["status_label"] != "Đã tiếp nhận" || body["overdue"] != false {
		t.Errorf("created dossier = %v", body)
	}
	b := dossierBody("HS000001")
	b["due_at"] = "2026-01-12T17:00:00+07:00"
	if st, body = h.do("PUT", "/admin/api/v1/dossiers/HS000001", b); st != http.StatusOK {
		t.Fatalf("replace = %d %v, want 200", st, body)
	}
	st, body = h.do("GET", "/admin/api/v1/dossiers/hs000001", nil)
	if st != http.StatusOK || body["due_at"] != "2026-01-12T17:00:00+07:00" || body["phone"] != "0905123456" {
		t.Errorf("GET = %d %v", st, body)
	}
	if st, _ := h.do("GET", "/admin/api/v1/dossiers/HS999999", nil); st != http.StatusNotFound {
		t.Errorf("GET unknown = %d, want 404", st)
	}
}

func TestPutDossierCodeWithSlash(t *testing.T) {
	h := newHarness(t)
	for _, path := range []string{"/admin/api/v1/dossiers/000.12/2026/HS-01", "/admin/api/v1/dossiers/000.12%2F2026%2FHS-01"} {
		st, body := h.do("PUT", path, dossierBody("000.12/2026/hs-01"))
		if st != http.StatusCreated && st != http.StatusOK {
			t.Fatalf("PUT %s = %d %v", path, st, body)
		}
	}
	st, body := h.do("POST", "/admin/api/v1/dossiers/000.12/2026/HS-01/events", map[string]any{"status": "processing"})
	if st != http.StatusCreated || body["status"] != "processing" {
		t.Errorf("event on a code with slashes = %d %v", st, body)
	}
}

func TestPutDossierInvalid(t *testing.T) {
	h := newHarness(t)
	with := func(k string, v any) map[string]any {
		b := dossierBody("HS000001")
		if v == nil {
			delete(b, k)
		} else {
			b[k] = v
		}
		return b
	}
	tests := []struct {
		name, path string
		body       any
	}{
		{"short code", "/admin/api/v1/dossiers/HS01", with("code", "HS01")},
		{"bad character", "/admin/api/v1/dossiers/HS_000001", with("code", "HS_000001")},
		{"code mismatch", "/admin/api/v1/dossiers/HS000001", with("code", "HS000002")},
		{"unknown status", "/admin/api/v1/dossiers/HS000001", with("status", "done")},
		{"bad received_at", "/admin/api/v1/dossiers/HS000001", with("received_at", "02/01/2026")},
		{"missing due_at", "/admin/api/v1/dossiers/HS000001", with("due_at", nil)},
		{"due before received", "/admin/api/v1/dossiers/HS000001", with("due_at", "2026-01-01T08:00:00+07:00")},
		{"missing phone", "/admin/api/v1/dossiers/HS000001", with("phone", "")},
		{"missing procedure", "/admin/api/v1/dossiers/HS000001", with("procedure_code", " ")},
		{"unknown field", "/admin/api/v1/dossiers/HS000001", with("statuss", "received")},
		{"note too long", "/admin/api/v1/dossiers/HS000001", with("note", strings.Repeat("x", maxNoteRunes+1))},
		{"bad JSON", "/admin/api/v1/dossiers/HS000001", `{"code":`},
		{"trailing data", "/admin/api/v1/dossiers/HS000001", `{"code":"HS000001"} {}`},
		{"too big", "/admin/api/v1/dossiers/HS000001", `{"note":"` + strings.Repeat("a", maxJSONBody) + `"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, body := h.do("PUT", tt.path, tt.body)
			if st != http.StatusBadRequest || body["error"] == "" {
				t.Errorf("= %d %v, want 400 with an error", st, body)
			}
		})
	}
	for _, code := range []string{"HS000001", "HS000002"} {
		if st, _ := h.do("GET", "/admin/api/v1/dossiers/"+code, nil); st != http.StatusNotFound {
			t.Errorf("after refused PUTs, %s exists (%d)", code, st)
		}
	}
}

func TestDossierEventNotifiesSubscribers(t *testing.T) {
	h := newHarness(t)
	h.do("PUT", "/admin/api/v1/dossiers/HS000001", dossierBody("HS000001"))
	h.do("PUT", "/admin/api/v1/dossiers/HS000002", dossierBody("HS000002"))
	ctx := t.Context()
	for _, s := range []motcua.Subscription{
		{DossierCode: "HS000001", Channel: motcua.ChannelTelegram, ChatID: "42"},
		{DossierCode: "HS000001", Channel: motcua.ChannelWeb, ChatID: "session-abcdefghijklmnop"},
		{DossierCode: "HS000002", Channel: motcua.ChannelZalo, ChatID: "99"},
	} {
		if err := h.store.Subscribe(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	h.outbox()
	ev := map[string]any{"status": "need_supplement", "note": "Bổ sung bản sao giấy chứng nhận kết hôn"}
	st, body := h.do("POST", "/admin/api/v1/dossiers/hs000001/events", ev)
	if st != http.StatusCreated || body["status"] != "need_supplement" {
		t.Fatalf("event = %d %v, want 201", st, body)
	}
	msgs := h.outbox()
	if len(msgs) != 2 {
		t.Fatalf("queued %d messages, want 2 (one per subscriber): %+v", len(msgs), msgs)
	}
	got := map[string]string{}
	for _, m := range msgs {
		got[m.Channel] = m.ChatID
		if !strings.Contains(m.Reply.Text, "Cần bổ sung hồ sơ") || !strings.Contains(m.Reply.Text, "giấy chứng nhận kết hôn") {
			t.Errorf("notice text = %q", m.Reply.Text)
		}
		if strings.Contains(m.Reply.Text, "Nguyễn") || strings.Contains(m.Reply.Text, "0905") {
			t.Errorf("notice reveals personal data: %q", m.Reply.Text)
		}
		if len(m.Reply.Buttons) != 2 || m.Reply.Buttons[1].Action != "f:dossier:unsub:HS000001" {
			t.Errorf("notice buttons = %+v", m.Reply.Buttons)
		}
	}
	if got[motcua.ChannelTelegram] != "42" || got[motcua.ChannelWeb] != "session-abcdefghijklmnop" {
		t.Errorf("recipients = %v", got)
	}
	// A retried request changes nothing and notifies no one again.
	if st, _ := h.do("POST", "/admin/api/v1/dossiers/HS000001/events", ev); st != http.StatusOK {
		t.Errorf("retry = %d, want 200", st)
	}
	if msgs := h.outbox(); len(msgs) != 0 {
		t.Errorf("retry queued %d messages", len(msgs))
	}
	_, body = h.do("GET", "/admin/api/v1/dossiers/HS000001", nil)
	if hist, _ := body["history"].([]any); len(hist) != 2 {
		t.Errorf("history = %v, want the reception and one event", body["history"])
	}
}

func TestDossierEventWithTimeIsIdempotent(t *testing.T) {
	h := newHarness(t)
	h.do("PUT", "/admin/api/v1/dossiers/HS000001", dossierBody("HS000001"))
	h.store.Subscribe(t.Context(), motcua.Subscription{DossierCode: "HS000001", Channel: "telegram", ChatID: "1"})
	ev := map[string]any{"status": "result_ready", "at": "2026-01-05T09:00:00+07:00"}
	if st, _ := h.do("POST", "/admin/api/v1/dossiers/HS000001/events", ev); st != http.StatusCreated {
		t.Fatalf("first = %d", st)
	}
	if st, _ := h.do("POST", "/admin/api/v1/dossiers/HS000001/events", ev); st != http.StatusOK {
		t.Errorf("retry = %d, want 200", st)
	}
	if n := len(h.outbox()); n != 1 {
		t.Errorf("queued %d, want 1", n)
	}
}

func TestDossierEventInvalid(t *testing.T) {
	h := newHarness(t)
	h.do("PUT", "/admin/api/v1/dossiers/HS000001", dossierBody("HS000001"))
	tests := []struct {
		name, path string
		body       any
		want       int
	}{
		{"unknown dossier", "/admin/api/v1/dossiers/HS999999/events", map[string]any{"status": "processing"}, 404},
		{"unknown status", "/admin/api/v1/dossiers/HS000001/events", map[string]any{"status": "lost"}, 400},
		{"missing status", "/admin/api/v1/dossiers/HS000001/events", map[string]any{"note": "x"}, 400},
		{"bad time", "/admin/api/v1/dossiers/HS000001/events", map[string]any{"status": "processing", "at": "hôm nay"}, 400},
		{"bad code", "/admin/api/v1/dossiers/HS 1/events", map[string]any{"status": "processing"}, 400},
		{"unknown sub-path", "/admin/api/v1/dossiers/HS000001/notes", map[string]any{"status": "processing"}, 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if st, body := h.do("POST", tt.path, tt.body); st != tt.want || body["error"] == nil {
				t.Errorf("= %d %v, want %d with an error", st, body, tt.want)
			}
		})
	}
	_, body := h.do("GET", "/admin/api/v1/dossiers/HS000001", nil)
	if hist, _ := body["history"].([]any); body["status"] != "received" || len(hist) != 1 {
		t.Errorf("refused events changed the dossier: %v", body)
	}
}

func TestPutDossierStatusChangeNotifies(t *testing.T) {
	h := newHarness(t)
	h.do("PUT", "/admin/api/v1/dossiers/HS000001", dossierBody("HS000001"))
	h.store.Subscribe(t.Context(), motcua.Subscription{DossierCode: "HS000001", Channel: "zalo", ChatID: "77"})
	b := dossierBody("HS000001")
	b["status"] = "result_ready"
	if st, _ := h.do("PUT", "/admin/api/v1/dossiers/HS000001", b); st != http.StatusOK {
		t.Fatalf("replace = %d", st)
	}
	msgs := h.outbox()
	if len(msgs) != 1 || msgs[0].ChatID != "77" || !strings.Contains(msgs[0].Reply.Text, "Đã có kết quả") {
		t.Errorf("outbox after a status change by PUT = %+v", msgs)
	}
	h.do("PUT", "/admin/api/v1/dossiers/HS000001", b)
	if n := len(h.outbox()); n != 0 {
		t.Errorf("a PUT with the same status queued %d", n)
	}
}

func TestInternalErrorIsGeneric(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.Dossiers = failingDossiers{c.Dossiers} })
	st, body := h.do("GET", "/admin/api/v1/dossiers/HS000001", nil)
	if st != http.StatusInternalServerError || strings.Contains(body["error"].(string), "secret") {
		t.Errorf("= %d %v, want 500 without detail", st, body)
	}
}

var errSecret = motcua.Errorf(motcua.EINTERNAL, "database secret detail")

// TestDossierCodesWrittenAlike: a dossier is read by a code written with
// other separators, but staff write only to the code as stored: an event on
// another spelling is refused, and a PUT of another spelling is a dossier of
// its own, which takes no event from the first.
func TestDossierCodesWrittenAlike(t *testing.T) {
	h := newHarness(t)
	h.do("PUT", "/admin/api/v1/dossiers/HS-2026-0001", dossierBody("HS-2026-0001"))
	h.store.Subscribe(t.Context(), motcua.Subscription{DossierCode: "HS-2026-0001", Channel: "zalo", ChatID: "77"})
	h.outbox()
	if st, body := h.do("GET", "/admin/api/v1/dossiers/hs20260001", nil); st != http.StatusOK || body["code"] != "HS-2026-0001" {
		t.Errorf("GET by another spelling = %d %v", st, body)
	}
	if st, _ := h.do("POST", "/admin/api/v1/dossiers/HS20260001/events", map[string]any{"status": "processing"}); st != http.StatusNotFound {
		t.Errorf("event on another spelling = %d, want 404", st)
	}
	b := dossierBody("HS.2026.0001")
	b["status"] = "result_ready"
	if st, body := h.do("PUT", "/admin/api/v1/dossiers/HS.2026.0001", b); st != http.StatusCreated || body["code"] != "HS.2026.0001" {
		t.Fatalf("PUT of another spelling = %d %v, want a new dossier", st, body)
	}
	if msgs := h.outbox(); len(msgs) != 0 {
		t.Errorf("the first dossier's subscribers were told: %+v", msgs)
	}
	if _, body := h.do("GET", "/admin/api/v1/dossiers/HS-2026-0001", nil); body["status"] != "received" {
		t.Errorf("first dossier = %v", body)
	}
	if st, _ := h.do("GET", "/admin/api/v1/dossiers/HS20260001", nil); st != http.StatusNotFound {
		t.Errorf("GET of a spelling two dossiers share = %d, want 404", st)
	}
}
