package telegram

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot/telegram/telegramtest"
	"github.com/motcua/motcua/internal/memstore"
)

const testToken = "123456:TEST-token"

// pendingOf counts the Telegram updates of st not yet done.
func pendingOf(st *memstore.Store) int {
	n, _ := st.PendingInbox(context.Background(), Channel)
	return n
}

// startBot runs a bot against the fake until the test ends; it returns the
// bot and a stop function that waits for Run to return.
func startBot(t testing.TB, f *telegramtest.Server, st Store, h motcua.Handler, tune func(*Config)) (*Bot, func() error) {
	t.Helper()
	cfg := Config{Token: testToken, APIURL: f.URL, PollTimeout: time.Second, HandleLease: time.Minute, ShutdownGrace: -1,
		Logger: slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	if tune != nil {
		tune(&cfg)
	}
	b, err := New(cfg, h, st)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	var once sync.Once
	var runErr error
	stop := func() error {
		once.Do(func() { cancel(); runErr = <-done })
		return runErr
	}
	t.Cleanup(func() { _ = stop() })
	return b, stop
}

// testLog sends the bot's log to the test's.
type testLog struct{ t testing.TB }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// handlerFunc is an engine written inline in a test.
type handlerFunc func(ctx context.Context, m motcua.Message) ([]motcua.Reply, error)

func (h handlerFunc) Handle(ctx context.Context, m motcua.Message) ([]motcua.Reply, error) {
	return h(ctx, m)
}

// quiet is a logger for tests that expect warnings.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))
