package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// mailbox returns what the bot sent a web session on its own so far.
func mailboxOf(t *testing.T, m *Main, session string) chatReply {
	t.Helper()
	resp, err := http.Get("http://" + m.Addr() + "/api/chat/messages?session_id=" + session)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var box chatReply
	if err := json.NewDecoder(resp.Body).Decode(&box); err != nil {
		t.Fatal(err)
	}
	return box
}

// TestDossierNoticeSurvivesRestart: a web citizen looks up a dossier staff
// created through the admin API and subscribes; staff change its status,
// and the process stops after the event is committed but before the outbox
// is delivered (the first process does not deliver: MOTCUA_OUTBOX=off).
// The next process delivers the notice, once; a third finds nothing left.
func TestDossierNoticeSurvivesRestart(t *testing.T) {
	cfg := testConfig(t.TempDir())
	cfg.OutboxOff = true
	m := startMain(t, cfg)
	due := time.Now().AddDate(0, 0, 5).Format(time.RFC3339)
	if st, body := staffCall(t, m, "PUT", "/admin/api/v1/dossiers/H47-260301-0042", map[string]string{
		"code": "H47-260301-0042", "procedure_code": "1.001193", "applicant_name": "Trần Văn Bình", "phone": "0912345678",
		"received_at": time.Now().AddDate(0, 0, -1).Format(time.RFC3339), "due_at": due, "status": "processing",
	}); st != http.StatusCreated {
		t.Fatalf("put dossier: %d %s", st, body)
	}
	const session = "restart-session-0123456789"
	say := func(m *Main, text, action, want string) {
		t.Helper()
		st, r := chat(t, m, map[string]string{"session_id": session, "text": text, "action": action})
		if st != http.StatusOK || !strings.Contains(r.text(), want) {
			t.Fatalf("%q: %d %q, want %q", text+action, st, r.text(), want)
		}
	}
	say(m, "tra cứu hồ sơ h47-260301-0042", "", "4 số cuối")
	say(m, "5678", "", "Đang giải quyết")
	say(m, "", "f:dossier:sub:H47-260301-0042", "Đã đăng ký nhận thông báo")
	if st, body := staffCall(t, m, "POST", "/admin/api/v1/dossiers/H47-260301-0042/events",
		map[string]string{"status": "need_supplement", "note": "Bổ sung bản sao giấy chứng sinh"}); st != http.StatusCreated {
		t.Fatalf("event: %d %s", st, body)
	}
	stats, err := m.app.DB.OutboxStats(context.Background())
	if err != nil || len(stats) != 1 || stats[0].Pending != 1 {
		t.Fatalf("outbox after the event: %+v %v", stats, err)
	}
	if box := mailboxOf(t, m, session); len(box.Messages) != 0 {
		t.Fatalf("delivered before the restart: %q", box.text())
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}

	cfg.OutboxOff, cfg.OutboxPoll = false, "100ms"
	m = startMain(t, cfg)
	const want = "Cần bổ sung"
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(mailboxOf(t, m, session).text(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("no notice after the restart: %q", mailboxOf(t, m, session).text())
		}
		time.Sleep(50 * time.Millisecond) // polling with a deadline, as the page does
	}
	if s := waitOutboxSettled(t, m); s.Delivered != 1 {
		t.Errorf("outbox %+v", s)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}

	m = startMain(t, cfg)
	if n, err := m.dispatcher.DeliverDue(context.Background()); err != nil || n != 0 {
		t.Errorf("a third process found %d to deliver (%v)", n, err)
	}
	text := mailboxOf(t, m, session).text()
	if n := strings.Count(text, want); n != 1 {
		t.Errorf("notice delivered %d times: %q", n, text)
	}
	if !strings.Contains(text, "giấy chứng sinh") || strings.Contains(text, "Bình") || strings.Contains(text, "0912") {
		t.Errorf("notice: %q", text)
	}
}
