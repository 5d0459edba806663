package bot

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot/web"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// Two processes on one database never send a message twice.
func TestTwoDispatchersSQLite(t *testing.T) {
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "motcua.db")
	testNoDoubleSend(t, storetest.OpenDSN(t, dsn), storetest.OpenDSN(t, dsn))
}

func TestTwoDispatchersPostgres(t *testing.T) {
	dsn := storetest.PostgresDSN(t)
	testNoDoubleSend(t, storetest.OpenDSN(t, dsn), storetest.OpenDSN(t, dsn))
}

// clockedStore is a fresh SQLite store whose time is a fake clock.
func clockedStore(t *testing.T) (*store.DB, *storetest.Clock) {
	db := storetest.OpenSQLite(t)
	c := storetest.NewClock(time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC))
	db.Now = c.Now
	return db, c
}

func enqueue(t *testing.T, o motcua.Outbox, channel, chat, text string) {
	t.Helper()
	if err := o.Enqueue(context.Background(), motcua.OutboxMessage{Channel: channel, ChatID: chat, Reply: motcua.Reply{Text: text}}); err != nil {
		t.Fatal(err)
	}
}

func drain(t *testing.T, d *Dispatcher) {
	t.Helper()
	for {
		n, err := d.DeliverDue(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}

func TestStoreRetryThenGiveUp(t *testing.T) {
	db, c := clockedStore(t)
	s := newFakeSender(RetryAfter(errNet, 30*time.Second), errNet, Permanent(errors.New("403 blocked")))
	d := NewDispatcher(db, map[string]motcua.Sender{motcua.ChannelTelegram: s}, WithClock(c.Now), WithBackoff(time.Second, time.Minute))
	enqueue(t, db, motcua.ChannelTelegram, "42", "Hồ sơ cần bổ sung")

	drain(t, d)
	c.Advance(29 * time.Second)
	drain(t, d)
	if n := len(s.sentCalls()); n != 1 {
		t.Fatalf("%d sends before retry_after passed", n)
	}
	c.Advance(time.Second)
	drain(t, d) // second attempt fails: back-off 2 s (attempt 2)
	c.Advance(2 * time.Second)
	drain(t, d) // third attempt: permanent
	failed, err := db.FailedOutbox(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(failed) != 1 || failed[0].Attempts != 3 || !strings.Contains(failed[0].LastError, "403") {
		t.Fatalf("failed %+v", failed)
	}
	c.Advance(time.Hour)
	drain(t, d)
	if n := len(s.sentCalls()); n != 3 {
		t.Errorf("%d sends, want 3", n)
	}
}

// A dispatcher that died after claiming leaves the message to the next one
// once the lease has passed; a restart loses nothing.
func TestStoreCrashedDispatcherIsTakenOver(t *testing.T) {
	dir := t.TempDir()
	dsn := "sqlite:" + filepath.Join(dir, "motcua.db")
	c := storetest.NewClock(time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC))
	first, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	first.Now = c.Now
	enqueue(t, first, motcua.ChannelTelegram, "42", "Hồ sơ đã có kết quả")
	if _, err := first.ClaimOutbox(context.Background(), 10, time.Minute); err != nil {
		t.Fatal(err)
	}
	first.Close() // the process dies holding the claim

	db := storetest.OpenDSN(t, dsn)
	db.Now = c.Now
	s := newFakeSender()
	d := NewDispatcher(db, map[string]motcua.Sender{motcua.ChannelTelegram: s}, WithClock(c.Now))
	drain(t, d)
	if n := len(s.sentCalls()); n != 0 {
		t.Fatalf("sent while another holds the lease")
	}
	c.Advance(time.Minute)
	drain(t, d)
	c.Advance(time.Hour)
	drain(t, d)
	if calls := s.sentCalls(); len(calls) != 1 || calls[0].text != "Hồ sơ đã có kết quả" {
		t.Errorf("calls %+v", calls)
	}
}

// A notification for a web session travels outbox → dispatcher →
// web.Sender → mailbox → GET /api/chat/messages.
func TestStoreWebNotificationReachesThePage(t *testing.T) {
	db := storetest.OpenSQLite(t)
	session := "web-session-0123456789abcdef"
	d := NewDispatcher(db, map[string]motcua.Sender{motcua.ChannelWeb: &web.Sender{Mailbox: db}}, WithPollInterval(time.Hour))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()

	mux := http.NewServeMux()
	web.New(web.Config{Handler: nopHandler{}, Mailbox: db}).Register(mux)
	ts := httptest.NewServer(mux)
	defer ts.Close()

	enqueue(t, db, motcua.ChannelWeb, session, "Hồ sơ H12-0001 đã có kết quả, mời nhận.")
	d.Notify()
	deadline := time.Now().Add(10 * time.Second)
	for {
		body := getBody(t, ts.URL+"/api/chat/messages?"+url.Values{"session_id": {session}}.Encode())
		if strings.Contains(body, "đã có kết quả") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("notification not in the mailbox: %s", body)
		}
		time.Sleep(10 * time.Millisecond) // polling with a deadline, as the page does
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
	if s := d.Stats(); s.Delivered != 1 {
		t.Errorf("stats %+v", s)
	}
}

type nopHandler struct{}

func (nopHandler) Handle(ctx context.Context, m motcua.Message) ([]motcua.Reply, error) {
	return nil, nil
}

func getBody(t *testing.T, u string) string {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
