package telegram

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot"
	"github.com/motcua/motcua/bot/telegram/telegramtest"
	"github.com/motcua/motcua/internal/memstore"
)

func echo(calls *atomic.Int32) handlerFunc {
	return func(_ context.Context, m motcua.Message) ([]motcua.Reply, error) {
		calls.Add(1)
		return []motcua.Reply{{Text: "đã nhận: " + m.Text}}, nil
	}
}

func shortLease(c *Config) { c.HandleLease = 300 * time.Millisecond }

// eventually polls cond until it holds or a deadline passes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func texts(msgs []telegramtest.Sent) string {
	var out []string
	for _, m := range msgs {
		out = append(out, m.Text)
	}
	return strings.Join(out, "|")
}

func TestThrottledMessageIsDeliveredOnceAfterRetryAfter(t *testing.T) {
	f := telegramtest.New(t, testToken)
	f.Throttle(42, 1, 0)
	var calls atomic.Int32
	startBot(t, f, memstore.New(nil), echo(&calls), nil)
	f.PushText(42, "phí bao nhiêu")
	f.WaitMessages(t, 1)
	n429, sent := f.Count429(), f.Messages()
	if n429 != 1 || len(sent) != 1 || sent[0].Text != "đã nhận: phí bao nhiêu" {
		t.Fatalf("429s %d, sent %q", n429, texts(sent))
	}
}

func TestCrashBetweenPutAndDoneIsHandledAfterRestart(t *testing.T) {
	f := telegramtest.New(t, testToken)
	st := memstore.New(nil)
	entered := make(chan struct{})
	var once sync.Once
	stuck := handlerFunc(func(ctx context.Context, m motcua.Message) ([]motcua.Reply, error) {
		once.Do(func() { close(entered) })
		<-ctx.Done() // the process dies while the engine works
		return nil, ctx.Err()
	})
	_, stopA := startBot(t, f, st, stuck, shortLease)
	f.PushText(42, "làm giấy khai sinh")
	<-entered
	if err := stopA(); err != nil {
		t.Fatal(err)
	}
	if pendingOf(st) != 1 {
		t.Fatalf("%d updates pending after the crash, want 1", pendingOf(st))
	}

	var calls atomic.Int32
	startBot(t, f, st, echo(&calls), shortLease)
	msgs := f.WaitMessages(t, 1)
	eventually(t, "the update done", func() bool { return pendingOf(st) == 0 })
	if calls.Load() != 1 || len(f.Messages()) != 1 || msgs[0].Text != "đã nhận: làm giấy khai sinh" {
		t.Fatalf("engine called %d times, sent %q", calls.Load(), texts(f.Messages()))
	}
}

func TestCrashMidRepliesSendsOnlyTheRest(t *testing.T) {
	f := telegramtest.New(t, testToken)
	st := memstore.New(nil)
	held := make(chan struct{})
	var holding atomic.Bool
	holding.Store(true)
	f.Hold(func(m telegramtest.Sent) bool {
		if m.Text == "hai" && holding.Load() {
			close(held)
			return true
		}
		return false
	})
	two := func(calls *atomic.Int32) handlerFunc {
		return func(context.Context, motcua.Message) ([]motcua.Reply, error) {
			calls.Add(1)
			return []motcua.Reply{{Text: "một"}, {Text: "hai"}}, nil
		}
	}
	var callsA, callsB atomic.Int32
	_, stopA := startBot(t, f, st, two(&callsA), shortLease)
	f.PushText(42, "hồ sơ")
	<-held
	holding.Store(false)
	_ = stopA()

	startBot(t, f, st, two(&callsB), shortLease)
	f.WaitMessages(t, 2)
	eventually(t, "the update done", func() bool { return pendingOf(st) == 0 })
	if got := texts(f.Messages()); got != "một|hai" || callsA.Load() != 1 || callsB.Load() != 0 {
		t.Fatalf("sent %q; engine calls %d then %d, want một|hai, 1 then 0", got, callsA.Load(), callsB.Load())
	}
}

func TestRedeliveredUpdateIsIgnored(t *testing.T) {
	f := telegramtest.New(t, testToken)
	st := memstore.New(nil)
	var calls atomic.Int32
	_, stopA := startBot(t, f, st, echo(&calls), nil)
	id := f.PushText(42, "lần một")
	f.WaitMessages(t, 1)
	eventually(t, "the update done", func() bool { return pendingOf(st) == 0 })
	_ = stopA()

	// The offset never reached the store (a crash right after the put):
	// Telegram sends the same update again.
	st.DeleteValue(offsetKey)
	f.PushAgain(id, map[string]any{"message": telegramtest.MessageFields(42, "lần một")})
	f.PushText(42, "lần hai")

	startBot(t, f, st, echo(&calls), nil)
	f.WaitMessages(t, 2)
	eventually(t, "inbox empty", func() bool { return pendingOf(st) == 0 })
	if got := texts(f.Messages()); got != "đã nhận: lần một|đã nhận: lần hai" || calls.Load() != 2 {
		t.Fatalf("sent %q, engine calls %d", got, calls.Load())
	}
}

func TestEngineFailureIsRetried(t *testing.T) {
	f := telegramtest.New(t, testToken)
	var calls atomic.Int32
	flaky := handlerFunc(func(_ context.Context, m motcua.Message) ([]motcua.Reply, error) {
		if calls.Add(1) == 1 {
			return nil, motcua.Errorf(motcua.EINTERNAL, "database is locked")
		}
		return []motcua.Reply{{Text: "ok"}}, nil
	})
	st := memstore.New(nil)
	startBot(t, f, st, flaky, nil)
	f.PushText(42, "xin chào")
	f.WaitMessages(t, 1)
	eventually(t, "inbox empty", func() bool { return pendingOf(st) == 0 })
	if got := texts(f.Messages()); got != "ok" || calls.Load() != 2 {
		t.Fatalf("sent %q after %d calls", got, calls.Load())
	}
}

func TestPanicIsRecoveredWithAnApology(t *testing.T) {
	f := telegramtest.New(t, testToken)
	var calls atomic.Int32
	h := handlerFunc(func(ctx context.Context, m motcua.Message) ([]motcua.Reply, error) {
		if m.Text == "boom" {
			panic("index out of range for " + m.Text)
		}
		return echo(&calls)(ctx, m)
	})
	startBot(t, f, memstore.New(nil), h, nil)
	f.PushText(1, "boom")
	f.PushText(2, "vẫn chạy")
	f.WaitMessages(t, 2)
	byChat := map[int64]string{}
	for _, m := range f.Messages() {
		byChat[m.Chat] = m.Text
	}
	if byChat[1] != apology.Text || byChat[2] != "đã nhận: vẫn chạy" {
		t.Fatalf("sent %v", byChat)
	}
}

func TestBlockedCitizenIsPermanent(t *testing.T) {
	f := telegramtest.New(t, testToken)
	f.Forbid(13)
	st := memstore.New(nil)
	var calls atomic.Int32
	b, _ := startBot(t, f, st, echo(&calls), nil)
	f.PushText(13, "xin chào")
	eventually(t, "the update done", func() bool { return calls.Load() == 1 && pendingOf(st) == 0 })

	err := b.Send(context.Background(), "13", []motcua.Reply{{Text: "Hồ sơ đã có kết quả"}})
	if !bot.IsPermanent(err) {
		t.Fatalf("send to a blocked chat: %v, want permanent", err)
	}
	if err := b.Send(context.Background(), "not-a-chat", []motcua.Reply{{Text: "x"}}); !bot.IsPermanent(err) {
		t.Fatalf("send to a bad chat id: %v, want permanent", err)
	}
}

func TestLongRetryAfterGoesBackToTheCaller(t *testing.T) {
	f := telegramtest.New(t, testToken)
	f.Throttle(5, 1, 120)
	b, err := New(Config{Token: testToken, APIURL: f.URL, Logger: quiet}, echo(new(atomic.Int32)), memstore.New(nil))
	if err != nil {
		t.Fatal(err)
	}
	err = b.Send(context.Background(), "5", []motcua.Reply{{Text: "Thông báo"}})
	if wait, ok := bot.RetryAfterOf(err); !ok || wait != 120*time.Second || bot.IsPermanent(err) {
		t.Fatalf("got %v, want retry after 2m0s", err)
	}
}

func TestConflictStopsPolling(t *testing.T) {
	f := telegramtest.New(t, testToken)
	f.Conflict()
	b, err := New(Config{Token: testToken, APIURL: f.URL, PollTimeout: time.Second, Logger: quiet}, echo(new(atomic.Int32)), memstore.New(nil))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := b.Run(ctx); !errors.Is(err, ErrPolling) {
		t.Fatalf("Run returned %v, want ErrPolling", err)
	}
}

// A process that has just stopped may still have a long poll on its way:
// when it reaches Telegram after the new poller's, the new one gets a 409.
func TestOneStaleConflictDoesNotStopPolling(t *testing.T) {
	f := telegramtest.New(t, testToken)
	var calls atomic.Int32
	_, stop := startBot(t, f, memstore.New(nil), echo(&calls), nil)
	polls := f.Polls()
	eventually(t, "a long poll in flight", func() bool { return f.Polls() > polls })
	time.Sleep(100 * time.Millisecond)
	resp, err := http.Post(f.URL+"/bot"+testToken+"/getUpdates", "application/json", strings.NewReader(`{"timeout":0}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	f.PushText(42, "làm giấy khai sinh")
	f.WaitMessages(t, 1)
	if err := stop(); err != nil {
		t.Fatalf("Run ended with %v after one stale conflict", err)
	}
}

func TestOnlyOneReplicaPolls(t *testing.T) {
	f := telegramtest.New(t, testToken)
	st := memstore.New(nil)
	var calls atomic.Int32
	_, stopA := startBot(t, f, st, echo(&calls), nil)
	_, stopB := startBot(t, f, st, echo(&calls), nil)
	for i := range 10 {
		f.PushText(int64(100+i), "câu hỏi")
	}
	f.WaitMessages(t, 10)
	eventually(t, "inbox empty", func() bool { return pendingOf(st) == 0 })
	if errA, errB := stopA(), stopB(); errA != nil || errB != nil {
		t.Fatalf("replicas ended with %v, %v", errA, errB)
	}
	if calls.Load() != 10 || len(f.Messages()) != 10 {
		t.Fatalf("engine calls %d, sent %d, want 10 and 10", calls.Load(), len(f.Messages()))
	}
}

func TestWrongTokenEndsRun(t *testing.T) {
	f := telegramtest.New(t, testToken)
	b, err := New(Config{Token: "999:wrong", APIURL: f.URL, Logger: quiet}, echo(new(atomic.Int32)), memstore.New(nil))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err = b.Run(ctx)
	if err == nil || ctx.Err() != nil || strings.Contains(err.Error(), "999:wrong") {
		t.Fatalf("Run with a wrong token: %v", err)
	}
}

func TestStopLetsRunningUpdatesFinish(t *testing.T) {
	f := telegramtest.New(t, testToken)
	st := memstore.New(nil)
	entered, release := make(chan struct{}), make(chan struct{})
	slow := handlerFunc(func(ctx context.Context, m motcua.Message) ([]motcua.Reply, error) {
		close(entered)
		<-release
		return []motcua.Reply{{Text: "xong"}}, ctx.Err()
	})
	_, stop := startBot(t, f, st, slow, func(c *Config) { c.ShutdownGrace = 20 * time.Second })
	f.PushText(42, "hồ sơ")
	<-entered
	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	// The poller gives its lease back once Run is stopped.
	eventually(t, "polling stopped", func() bool { return !st.LeaseTaken(pollLease) })
	close(release)
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	if pendingOf(st) != 0 || texts(f.Messages()) != "xong" {
		t.Fatalf("after a graceful stop: %d pending, sent %q", pendingOf(st), texts(f.Messages()))
	}
}
