package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"golang.org/x/time/rate"
)

func getMessages(t *testing.T, ts string, session, after string) (int, messagesResponse, string) {
	t.Helper()
	q := url.Values{"session_id": {session}, "after": {after}}
	res, err := http.Get(ts + "/api/chat/messages?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var got messagesResponse
	if res.StatusCode == 200 {
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%v: %s", err, b)
		}
	}
	return res.StatusCode, got, string(b)
}

func TestMessagesFromSender(t *testing.T) {
	box := newMemMailbox()
	ts := newTestServer(t, Config{Handler: &echoHandler{}, Mailbox: box, Limits: noLimits})
	code, got, body := getMessages(t, ts.URL, session, "")
	if code != 200 || len(got.Messages) != 0 || !strings.Contains(body, `"messages":[]`) {
		t.Fatalf("empty mailbox: %d %s", code, body)
	}
	send := &Sender{Mailbox: box}
	news := []motcua.Reply{
		{Text: "Hồ sơ H12-0001 đã có kết quả, mời nhận.", Buttons: []motcua.Button{{Label: "Xem chi tiết", Action: "dossier:H12-0001"}}},
		{Text: "Cảm ơn bạn đã theo dõi."},
	}
	if err := send.Send(context.Background(), session, news); err != nil {
		t.Fatal(err)
	}
	code, got, body = getMessages(t, ts.URL, session, got.Cursor)
	if code != 200 || len(got.Messages) != 2 || got.Messages[0].Buttons[0].Action != "dossier:H12-0001" {
		t.Fatalf("after send: %d %s", code, body)
	}
	code, again, body := getMessages(t, ts.URL, session, got.Cursor)
	if code != 200 || len(again.Messages) != 0 || again.Cursor != got.Cursor {
		t.Errorf("after cursor: %d %s", code, body)
	}
	if code, other, _ := getMessages(t, ts.URL, session+"-other", ""); code != 200 || len(other.Messages) != 0 {
		t.Errorf("another session sees %d messages", len(other.Messages))
	}
}

func TestMessagesErrors(t *testing.T) {
	box := newMemMailbox()
	ts := newTestServer(t, Config{Handler: &echoHandler{}, Mailbox: box, Limits: noLimits})
	cases := []struct {
		name, session, after string
		status               int
		want                 string
	}{
		{"no session", "", "", 400, msgSession},
		{"short session", "abc", "", 400, msgSession},
		{"bad cursor", session, "x", 400, msgCursor},
		{"long cursor", session, strings.Repeat("1", 200), 400, msgCursor},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, body := getMessages(t, ts.URL, c.session, c.after)
			if code != c.status || !strings.Contains(body, c.want) {
				t.Errorf("%d %s", code, body)
			}
		})
	}
	box.fail = errDown
	if code, _, body := getMessages(t, ts.URL, session, ""); code != 500 || !strings.Contains(body, msgInternal) {
		t.Errorf("store down: %d %s", code, body)
	}
}

func TestMessagesWithoutMailbox(t *testing.T) {
	ts := newTestServer(t, Config{Handler: &echoHandler{}, Limits: noLimits})
	code, got, body := getMessages(t, ts.URL, session, "7")
	if code != 200 || len(got.Messages) != 0 || got.Cursor != "7" {
		t.Errorf("%d %s", code, body)
	}
}

func TestMessagesRateLimitIsSeparateFromChat(t *testing.T) {
	ts := newTestServer(t, Config{Handler: &echoHandler{}, Mailbox: newMemMailbox(), Limits: Limits{
		AddrRate: rate.Inf, SessionRate: rate.Every(time.Hour), SessionBurst: 2,
	}})
	for i := 0; i < 2; i++ {
		if code, _, _ := getMessages(t, ts.URL, session, ""); code != 200 {
			t.Fatalf("poll %d: %d", i, code)
		}
	}
	if code, _, _ := getMessages(t, ts.URL, session, ""); code != 429 {
		t.Errorf("third poll: %d", code)
	}
	if res, _ := postChat(t, ts, chatBody(t, map[string]string{"session_id": session, "text": "x"})); res.StatusCode != 200 {
		t.Errorf("chat after polls: %d", res.StatusCode)
	}
}

func TestSenderRejectsForeignChatID(t *testing.T) {
	s := &Sender{Mailbox: newMemMailbox()}
	err := s.Send(context.Background(), "12345", []motcua.Reply{{Text: "x"}})
	if motcua.ErrorCode(err) != motcua.EINVALID {
		t.Errorf("err %v", err)
	}
	s.Mailbox.(*memMailbox).fail = errDown
	if err := s.Send(context.Background(), session, []motcua.Reply{{Text: "x"}}); err == nil || motcua.ErrorCode(err) != motcua.EINTERNAL {
		t.Errorf("store down: %v", err)
	}
}
