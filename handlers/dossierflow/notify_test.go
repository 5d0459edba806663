package dossierflow_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/admin"
	"github.com/motcua/motcua/bot"
	"github.com/motcua/motcua/bot/web"
	"github.com/motcua/motcua/handlers"
	"golang.org/x/time/rate"
)

const (
	adminToken = "s3cret-admin-token-for-tests"
	session    = "web-session-0123456789abcdef"
)

// server is the program as serve wires it, on one mux: the web chat and
// the admin API over the store, the engine with the dossier flow, and the
// outbox dispatcher with the web channel's sender.
type server struct {
	*harness
	srv  *httptest.Server
	disp *bot.Dispatcher
}

func newServer(t *testing.T) *server {
	t.Helper()
	h := newHarness(t)
	mux := http.NewServeMux()
	web.New(web.Config{Handler: h.engine, Mailbox: h.db, Limits: web.Limits{AddrRate: rate.Inf, SessionRate: rate.Inf}}).Register(mux)
	admin.New(admin.Config{Token: adminToken, Dossiers: h.db, Complaints: h.db, Now: h.clock}).Register(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	disp := bot.NewDispatcher(h.db, map[string]motcua.Sender{motcua.ChannelWeb: &web.Sender{Mailbox: h.db}}, bot.WithClock(h.clock))
	return &server{harness: h, srv: srv, disp: disp}
}

// call sends a JSON request and decodes the JSON answer into out.
func (s *server) call(method, path, token string, body, out any) int {
	s.t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		s.t.Fatal(err)
	}
	req, err := http.NewRequest(method, s.srv.URL+path, bytes.NewReader(b))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	if out != nil && len(raw) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			s.t.Fatalf("%s %s: %v: %s", method, path, err, raw)
		}
	}
	return res.StatusCode
}

type chatAnswer struct {
	Messages []motcua.Reply `json:"messages"`
	Cursor   string         `json:"cursor"`
}

// chat is one turn through POST /api/chat.
func (s *server) chat(text, action string) chatAnswer {
	s.t.Helper()
	var a chatAnswer
	if st := s.call("POST", "/api/chat", "", map[string]string{"session_id": session, "text": text, "action": action}, &a); st != 200 {
		s.t.Fatalf("chat %q: status %d", text+action, st)
	}
	return a
}

// mailbox reads GET /api/chat/messages after cursor.
func (s *server) mailbox(cursor string) chatAnswer {
	s.t.Helper()
	var a chatAnswer
	if st := s.call("GET", "/api/chat/messages?session_id="+session+"&after="+cursor, "", nil, &a); st != 200 {
		s.t.Fatalf("messages: status %d", st)
	}
	return a
}

// event posts a status change through the admin API.
func (s *server) event(status, note string) {
	s.t.Helper()
	if st := s.call("POST", "/admin/api/v1/dossiers/"+code+"/events", adminToken, map[string]string{"status": status, "note": note}, nil); st != 201 {
		s.t.Fatalf("event %s: status %d", status, st)
	}
}

// deliver runs the dispatcher over every due message.
func (s *server) deliver() {
	s.t.Helper()
	for {
		n, err := s.disp.DeliverDue(context.Background())
		if err != nil {
			s.t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}

// TestNotifyEndToEnd: a dossier created through the admin API is looked up
// in the web chat, the citizen subscribes, staff change its status, and the
// notice reaches the page's mailbox; after unsubscribing nothing more does.
func TestNotifyEndToEnd(t *testing.T) {
	s := newServer(t)
	put := map[string]string{
		"code": code, "procedure_code": "1.001193", "applicant_name": "Trần Thị Bích", "phone": phone,
		"received_at": testNow.AddDate(0, 0, -3).Format("2006-01-02T15:04:05Z07:00"),
		"due_at":      testNow.AddDate(0, 0, 4).Format("2006-01-02T15:04:05Z07:00"), "status": motcua.StatusReceived,
	}
	if st := s.call("PUT", "/admin/api/v1/dossiers/"+code, adminToken, put, nil); st != 201 {
		t.Fatalf("put dossier: %d", st)
	}
	// A subscribe button for a code not proven here asks for the digits first.
	if a := s.chat("", "f:dossier:sub:"+code); !strings.Contains(a.Messages[0].Text, "4 số cuối") {
		t.Fatalf("unproven subscribe: %+v", a)
	}
	s.chat("", "f:dossier:cancel")
	if subs, _ := s.db.Subscriptions(context.Background(), code); len(subs) != 0 {
		t.Fatalf("subscribed before proof: %+v", subs)
	}

	if a := s.chat(strings.ToLower(code), ""); !strings.Contains(a.Messages[0].Text, "4 số cuối") {
		t.Fatalf("code: %+v", a)
	}
	a := s.chat("3456", "")
	if !strings.Contains(a.Messages[0].Text, "Đã tiếp nhận") || strings.Contains(a.Messages[0].Text, "Bích") {
		t.Fatalf("lookup: %+v", a)
	}
	a = s.chat("", "f:dossier:sub:"+code)
	if !strings.Contains(a.Messages[0].Text, "Đã đăng ký nhận thông báo") {
		t.Fatalf("subscribe: %+v", a)
	}
	cursor := s.mailbox("").Cursor

	s.event(motcua.StatusNeedSupplement, "Bản sao giấy chứng sinh")
	s.deliver()
	box := s.mailbox(cursor)
	if len(box.Messages) != 1 {
		t.Fatalf("mailbox after event: %+v", box)
	}
	notice := box.Messages[0]
	for _, w := range []string{code, "Cần bổ sung hồ sơ", "Bản sao giấy chứng sinh"} {
		if !strings.Contains(notice.Text, w) {
			t.Errorf("notice lacks %q: %s", w, notice.Text)
		}
	}
	if strings.Contains(notice.Text, "Bích") || strings.Contains(notice.Text, "0905") {
		t.Errorf("notice shows personal data: %s", notice.Text)
	}
	// Delivered once: another pass sends nothing more.
	s.deliver()
	if again := s.mailbox(box.Cursor); len(again.Messages) != 0 {
		t.Fatalf("delivered twice: %+v", again)
	}

	// The notice's own unsubscribe button stops further notices.
	var unsub string
	for _, b := range notice.Buttons {
		if strings.HasPrefix(b.Action, "f:dossier:unsub:") {
			unsub = b.Action
		}
	}
	if a := s.chat("", unsub); !strings.Contains(a.Messages[0].Text, "Đã hủy theo dõi") {
		t.Fatalf("unsubscribe: %+v", a)
	}
	s.event(motcua.StatusResultReady, "")
	s.deliver()
	if after := s.mailbox(box.Cursor); len(after.Messages) != 0 {
		t.Fatalf("notice after unsubscribing: %+v", after)
	}
	if st := s.disp.Stats(); st.Delivered != 1 || st.GaveUp != 0 {
		t.Errorf("dispatcher %+v", st)
	}
}

// TestUnsubscribeByText: "hủy theo dõi" typed outside any flow stops the
// notices of every dossier this conversation proved.
func TestUnsubscribeByText(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	h.put(code, phone, motcua.StatusProcessing, "")
	h.put("H12-240115-0002", "0912000001", motcua.StatusProcessing, "")
	h.run("u", []turn{
		{text: "huy theo doi", want: []string{"hồ sơ nào"}},
		{text: code}, {text: "3456"},
		{action: "f:dossier:sub:" + code, want: []string{"Đã đăng ký"}, buttons: []string{"f:dossier:unsub:" + code}},
		{text: "H12-240115-0002"}, {text: "0001"},
		{action: "f:dossier:sub:H12-240115-0002", want: []string{"Đã đăng ký"}},
	})
	for _, c := range []string{code, "H12-240115-0002"} {
		if subs, err := h.db.Subscriptions(ctx, c); err != nil || len(subs) != 1 || subs[0].ChatID != "u" {
			t.Fatalf("%s: %+v %v", c, subs, err)
		}
	}
	h.run("u", []turn{{text: "Hủy theo dõi", want: []string{"Đã hủy theo dõi các hồ sơ"}}})
	for _, c := range []string{code, "H12-240115-0002"} {
		if subs, _ := h.db.Subscriptions(ctx, c); len(subs) != 0 {
			t.Fatalf("%s still followed: %+v", c, subs)
		}
	}
	// A finished dossier needs no notices.
	h.put("H12-240115-0003", phone, motcua.StatusReturned, "")
	h.run("u", []turn{{text: "H12-240115-0003"}, {text: "3456"},
		{action: "f:dossier:sub:H12-240115-0003", want: []string{"đã hoàn tất"}, not: []string{"Đã đăng ký"}}})
}

// TestWiring shows how the program builds the flow into the engine: the
// store serves as both DossierStore and Attempts, and the flow goes in
// handlers.Config.Flows, where the main menu offers it.
func TestWiring(t *testing.T) {
	h := newHarness(t)
	flow := newFlowLike(h)
	eng, err := handlers.New(handlers.Config{Searcher: searcher{}, Catalog: catalog{}, Conversations: h.db, Flows: []handlers.Flow{flow}})
	if err != nil {
		t.Fatal(err)
	}
	replies, err := eng.Handle(context.Background(), motcua.Message{Channel: motcua.ChannelTelegram, ChatID: "42", Text: "/start"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(actions(replies), "|f:dossier|") {
		t.Fatalf("menu lacks the flow: %+v", replies)
	}
}
