package telegram

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

// fanOut sends one notification to each of chats chats at once, as the
// outbox does after a mass status change, and returns the achieved rate.
func fanOut(t testing.TB, b *Bot, chats int) float64 {
	t.Helper()
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
			t.Errorf("send: %v", err)
		}
	}
	return float64(chats) / time.Since(start).Seconds()
}

func newSender(t testing.TB, f *fakeAPI, pacingOff bool) *Bot {
	t.Helper()
	b, err := New(Config{Token: testToken, APIURL: f.URL(), PacingOff: pacingOff, Logger: quiet},
		echo(new(atomic.Int32)), newMemStore())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFanOutStaysUnderTheLimits(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	f.enforce = true
	rate := fanOut(t, newSender(t, f, false), 90)
	t.Logf("fan-out to 90 chats: %.1f messages/s", rate)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n429 != 0 || len(f.sent) != 90 {
		t.Fatalf("%d answers 429, %d delivered, want 0 and 90", f.n429, len(f.sent))
	}
}

func TestOneChatIsPacedAndKeepsItsOrder(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	f.enforce = true
	b := newSender(t, f, false)
	var replies []motcua.Reply
	for i := range 7 {
		replies = append(replies, motcua.Reply{Text: strconv.Itoa(i)})
	}
	if err := b.Send(context.Background(), "55", replies); err != nil {
		t.Fatal(err)
	}
	if got := texts(f.sentMsgs()); got != "0|1|2|3|4|5|6" {
		t.Fatalf("order %q", got)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n429 != 0 {
		t.Fatalf("%d answers 429", f.n429)
	}
}

// Without the pacer the same fan-out breaks the fake's limits: the test
// above can fail.
func TestWithoutPacingTheLimitsAreBroken(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	f.enforce = true
	fanOut(t, newSender(t, f, true), 60)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n429 == 0 {
		t.Fatal("no 429 without pacing: the fake does not enforce its limits")
	}
	if len(f.sent) != 60 {
		t.Fatalf("%d delivered after retry_after, want 60", len(f.sent))
	}
}
