package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestServeDossierLookupAndNotice runs the whole program: staff create a
// dossier through the admin API, a web-chat citizen looks it up and
// subscribes, staff change its status, and the notice reaches the page's
// mailbox through the outbox.
func TestServeDossierLookupAndNotice(t *testing.T) {
	m := startMain(t, testConfig(t.TempDir()))
	base := "http://" + m.Addr()
	staff := func(method, path string, body any) int {
		t.Helper()
		b, _ := json.Marshal(body)
		req, _ := http.NewRequest(method, base+path, bytes.NewReader(b))
		req.Header.Set("Authorization", "Bearer staff-token")
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	due := time.Now().AddDate(0, 0, 5).Format(time.RFC3339)
	if st := staff("PUT", "/admin/api/v1/dossiers/H47-260301-0007", map[string]string{
		"code": "H47-260301-0007", "procedure_code": "1.001193", "applicant_name": "Lê Thị Hoa", "phone": "0935111222",
		"received_at": time.Now().AddDate(0, 0, -1).Format(time.RFC3339), "due_at": due, "status": "processing",
	}); st != 201 {
		t.Fatalf("put dossier: %d", st)
	}
	const session = "dossier-session-0123456789"
	say := func(text, action, want string) {
		t.Helper()
		st, r := chat(t, m, map[string]string{"session_id": session, "text": text, "action": action})
		if st != 200 || !strings.Contains(r.text(), want) {
			t.Fatalf("%q: %d %q, want %q", text+action, st, r.text(), want)
		}
	}
	say("hồ sơ h47-260301-0007 của tôi đến đâu rồi", "", "4 số cuối")
	say("1222", "", "Đang giải quyết")
	say("", "f:dossier:sub:H47-260301-0007", "Đã đăng ký nhận thông báo")

	if st := staff("POST", "/admin/api/v1/dossiers/H47-260301-0007/events", map[string]string{"status": "result_ready"}); st != 201 {
		t.Fatalf("event: %d", st)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		resp, err := http.Get(base + "/api/chat/messages?session_id=" + session)
		if err != nil {
			t.Fatal(err)
		}
		var box chatReply
		err = json.NewDecoder(resp.Body).Decode(&box)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if text := box.text(); strings.Contains(text, "Đã có kết quả, mời nhận") {
			if strings.Contains(text, "Hoa") || strings.Contains(text, "0935") {
				t.Errorf("notice shows personal data: %s", text)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no notice in the mailbox: %+v", box)
		}
		time.Sleep(100 * time.Millisecond) // polling with a deadline, as the page does
	}
}
