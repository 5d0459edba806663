package zalo

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot/zalo/zalotest"
	"github.com/motcua/motcua/internal/memstore"
	"github.com/motcua/motcua/store/storetest"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock {
	return &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fakeEngine answers like a small conversation engine and records what it got.
type fakeEngine struct {
	mu  sync.Mutex
	got []motcua.Message
}

func (e *fakeEngine) Handle(_ context.Context, m motcua.Message) ([]motcua.Reply, error) {
	e.mu.Lock()
	e.got = append(e.got, m)
	e.mu.Unlock()
	switch {
	case m.Action == "menu":
		return []motcua.Reply{{Text: "Xin chào! Tôi là trợ lý của Trung tâm Phục vụ hành chính công.",
			Buttons: []motcua.Button{{Label: "Hỏi thủ tục", Action: "ask"}, {Label: "Tra cứu hồ sơ", Action: "f:dossier"},
				{Label: "Phản ánh, kiến nghị", Action: "f:complaint"}}}}, nil
	case m.Action == "f:dossier":
		return []motcua.Reply{{Text: "Mời bạn nhập mã hồ sơ in trên giấy tiếp nhận."}}, nil
	case len(m.Attachments) > 0:
		return []motcua.Reply{{Text: "Đã nhận ảnh của bạn, cảm ơn bạn."}}, nil
	}
	return []motcua.Reply{{Text: "Thủ tục đăng ký khai sinh (mã 1.001193).",
		Buttons: []motcua.Button{{Label: "Giấy tờ cần nộp", Action: "p:1.001193:docs"},
			{Label: "Xem trên Cổng DVC", URL: "https://dichvucong.gov.vn/p/1.001193"}}}}, nil
}

func (e *fakeEngine) messages() []motcua.Message {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]motcua.Message(nil), e.got...)
}

// fixture is a bot wired to a fake Zalo and a store, behind a real HTTP server.
type fixture struct {
	t     testing.TB
	fz    *zalotest.Server
	st    Store
	clock *clock
	eng   *fakeEngine
	bot   *Bot
	web   *httptest.Server
	// access and refresh are the tokens in the settings.
	access, refresh string
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	c := newClock()
	return newFixtureWith(t, zalotestServer(t), memstore.New(c.Now), c)
}

func zalotestServer(t testing.TB) *zalotest.Server {
	fz := zalotest.NewServer()
	t.Cleanup(fz.Close)
	return fz
}

func newFixtureWith(t testing.TB, fz *zalotest.Server, st Store, c *clock) *fixture {
	t.Helper()
	f := &fixture{t: t, fz: fz, st: st, clock: c, eng: &fakeEngine{}}
	f.access, f.refresh = fz.Tokens()
	f.bot = f.newBot()
	mux := http.NewServeMux()
	mux.Handle("POST "+WebhookPath, f.bot.WebhookHandler())
	f.web = httptest.NewServer(mux)
	t.Cleanup(f.web.Close)
	return f
}

// newBot makes another replica over the same store and fake Zalo, with the
// same settings.
func (f *fixture) newBot() *Bot { return f.newBotWith(f.access, f.refresh) }

// newBotWith makes a replica whose settings hold the given tokens.
func (f *fixture) newBotWith(access, refresh string) *Bot {
	b, err := New(Config{AppID: f.fz.AppID, AppSecret: f.fz.AppSecret, OASecretKey: f.fz.OASecretKey,
		AccessToken: access, RefreshToken: refresh, APIURL: f.fz.URL, OAuthURL: f.fz.URL,
		Now: f.clock.Now, SendInterval: -1}, f.st, f.eng)
	if err != nil {
		f.t.Fatal(err)
	}
	return b
}

// post sends a webhook request and returns its status.
func (f *fixture) post(body []byte, sig string) int {
	f.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, f.web.URL+WebhookPath, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if sig != "" {
		req.Header.Set("X-ZEvent-Signature", sig)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// event posts a signed event at the current time and expects 200.
func (f *fixture) event(name, user, msgID, text string, images ...string) {
	f.t.Helper()
	body, sig := f.fz.Event(name, user, msgID, text, f.clock.Now(), images...)
	if code := f.post(body, sig); code != http.StatusOK {
		f.t.Fatalf("%s: status %d, want 200", name, code)
	}
}

// run starts the worker until the test ends.
func (f *fixture) run() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = f.bot.Run(ctx); close(done) }()
	f.t.Cleanup(func() { cancel(); <-done })
}

// next waits for the next message the fake Zalo accepted.
func (f *fixture) next() zalotest.Sent {
	f.t.Helper()
	m, ok := f.fz.Next(5 * time.Second)
	if !ok {
		f.t.Fatal("no message reached Zalo")
	}
	return m
}

// storedTokens reads the token pair the bot keeps.
func (f *fixture) storedTokens() tokenSet {
	f.t.Helper()
	ts, _, err := f.bot.tokens.current(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	return ts
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// newSQLFixture is a fixture over the real store: SQLite in a temporary
// folder, or PostgreSQL when MOTCUA_TEST_POSTGRES is set.
func newSQLFixture(t testing.TB) *fixture {
	t.Helper()
	c := newClock()
	db := storetest.Open(t)
	db.Now = c.Now
	return newFixtureWith(t, zalotestServer(t), db, c)
}

// eachStore runs a test over the in-memory store and the real one.
func eachStore(t *testing.T, test func(t *testing.T, f *fixture)) {
	for _, s := range []struct {
		name string
		mk   func(testing.TB) *fixture
	}{{"mem", newFixture}, {"sql", newSQLFixture}} {
		t.Run(s.name, func(t *testing.T) { test(t, s.mk(t)) })
	}
}

// pending counts events not yet done.
func (f *fixture) pending() int {
	f.t.Helper()
	n, err := f.st.(interface {
		PendingInbox(context.Context, string) (int, error)
	}).PendingInbox(context.Background(), motcua.ChannelZalo)
	if err != nil {
		f.t.Fatal(err)
	}
	return n
}
