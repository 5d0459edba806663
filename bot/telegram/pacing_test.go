package telegram

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot/telegram/telegramtest"
	"github.com/motcua/motcua/internal/memstore"
)

// fanOut sends one notification to each of chats chats at once, as the
// outbox does after a mass status change, and returns the achieved rate.
func fanOut(t testing.TB, b *Bot, chats int) float64 {
	t.Helper()
	rate, failed := fanOutErrs(b, chats)
	if failed > 0 {
		t.Errorf("%d sends failed", failed)
	}
	return rate
}

// fanOutErrs is fanOut returning how many sends failed.
func fanOutErrs(b *Bot, chats int) (rate float64, failed int) {
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, chats)
	for i := range chats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- b.Send(context.Background(), strconv.Itoa(1000+i), []motcua.Reply{{Text: "Hồ sơ của bạn đã có kết quả."}})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			failed++
		}
	}
	return float64(chats) / time.Since(start).Seconds(), failed
}

func newSender(t testing.TB, f *telegramtest.Server, pacingOff bool) *Bot {
	t.Helper()
	b, err := New(Config{Token: testToken, APIURL: f.URL, PacingOff: pacingOff, Logger: quiet},
		echo(new(atomic.Int32)), memstore.New(nil))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFanOutStaysUnderTheLimits(t *testing.T) {
	t.Parallel()
	f := telegramtest.New(t, testToken)
	f.Enforce()
	// 150 messages: a pacer running 17% fast would drain the fake's burst
	// allowance before the end.
	rate := fanOut(t, newSender(t, f, false), 150)
	t.Logf("fan-out to 150 chats: %.1f messages/s", rate)
	if n429, sent := f.Count429(), len(f.Messages()); n429 != 0 || sent != 150 {
		t.Fatalf("%d answers 429, %d delivered, want 0 and 150", n429, sent)
	}
}

func TestOneChatIsPacedAndKeepsItsOrder(t *testing.T) {
	t.Parallel()
	f := telegramtest.New(t, testToken)
	f.Enforce()
	b := newSender(t, f, false)
	var replies []motcua.Reply
	for i := range 7 {
		replies = append(replies, motcua.Reply{Text: strconv.Itoa(i)})
	}
	if err := b.Send(context.Background(), "55", replies); err != nil {
		t.Fatal(err)
	}
	if got := texts(f.Messages()); got != "0|1|2|3|4|5|6" {
		t.Fatalf("order %q", got)
	}
	if n := f.Count429(); n != 0 {
		t.Fatalf("%d answers 429", n)
	}
}

// Without the pacer the same fan-out breaks the fake's limits: the test
// above can fail. Not parallel: its flood of requests would slow the paced
// tests enough to bunch their messages.
func TestWithoutPacingTheLimitsAreBroken(t *testing.T) {
	f := telegramtest.New(t, testToken)
	f.Enforce()
	fanOutErrs(newSender(t, f, true), 90) // some sends give up: expected
	if f.Count429() == 0 {
		t.Fatal("no 429 without pacing: the fake does not enforce its limits")
	}
}
