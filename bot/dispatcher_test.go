package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

var errNet = errors.New("connection reset")

type fixture struct {
	clock  *clock
	outbox *memOutbox
	sender *fakeSender
	d      *Dispatcher
}

func newFixture(t *testing.T, senderErrs []error, opts ...Option) *fixture {
	t.Helper()
	c := newClock()
	f := &fixture{clock: c, outbox: newMemOutbox(c.Now), sender: newFakeSender(senderErrs...)}
	opts = append([]Option{WithClock(c.Now), WithBackoff(time.Second, time.Minute), WithMaxAttempts(4)}, opts...)
	f.d = NewDispatcher(f.outbox, map[string]motcua.Sender{motcua.ChannelTelegram: f.sender}, opts...)
	return f
}

func (f *fixture) enqueue(t *testing.T, channel, chat, text string) {
	t.Helper()
	if err := f.outbox.Enqueue(context.Background(), motcua.OutboxMessage{Channel: channel, ChatID: chat, Reply: motcua.Reply{Text: text}}); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) deliver(t *testing.T) int {
	t.Helper()
	n, err := f.d.DeliverDue(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDeliver(t *testing.T) {
	f := newFixture(t, nil)
	f.enqueue(t, motcua.ChannelTelegram, "42", "Hồ sơ đã có kết quả")
	if n := f.deliver(t); n != 1 {
		t.Fatalf("claimed %d", n)
	}
	if r := f.outbox.row(1); !r.delivered || r.deliverCount != 1 {
		t.Errorf("row %+v", r)
	}
	if calls := f.sender.sentCalls(); len(calls) != 1 || calls[0].chatID != "42" {
		t.Errorf("calls %+v", calls)
	}
	if n := f.deliver(t); n != 0 {
		t.Errorf("delivered message claimed again: %d", n)
	}
	if s := f.d.Stats(); s.Delivered != 1 || s.Retried != 0 || s.GaveUp != 0 {
		t.Errorf("stats %+v", s)
	}
}

func TestRetryWithBackoff(t *testing.T) {
	f := newFixture(t, []error{errNet, errNet})
	f.enqueue(t, motcua.ChannelTelegram, "42", "x")
	start := f.clock.Now()
	f.deliver(t)
	r := f.outbox.row(1)
	if r.delivered || r.gaveUp || r.m.Attempts != 1 || !r.m.NextAt.Equal(start.Add(time.Second)) || r.m.LastError != errNet.Error() {
		t.Fatalf("after 1st failure: %+v", r)
	}
	if n := f.deliver(t); n != 0 {
		t.Fatalf("claimed before its retry time: %d", n)
	}
	f.clock.Advance(time.Second)
	f.deliver(t)
	if r := f.outbox.row(1); r.m.Attempts != 2 || !r.m.NextAt.Equal(f.clock.Now().Add(2*time.Second)) {
		t.Fatalf("after 2nd failure: %+v", r)
	}
	f.clock.Advance(2 * time.Second)
	f.deliver(t)
	if r := f.outbox.row(1); !r.delivered {
		t.Fatalf("not delivered on 3rd attempt: %+v", r)
	}
	if s := f.d.Stats(); s.Delivered != 1 || s.Retried != 2 {
		t.Errorf("stats %+v", s)
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	f := newFixture(t, []error{RetryAfter(errors.New("429 Too Many Requests"), 17*time.Second)})
	f.enqueue(t, motcua.ChannelTelegram, "42", "x")
	f.deliver(t)
	if r := f.outbox.row(1); !r.m.NextAt.Equal(f.clock.Now().Add(17 * time.Second)) {
		t.Fatalf("next %v, want now+17s", r.m.NextAt)
	}
	f.clock.Advance(16 * time.Second)
	if n := f.deliver(t); n != 0 {
		t.Fatal("sent before retry_after")
	}
	f.clock.Advance(time.Second)
	f.deliver(t)
	if r := f.outbox.row(1); !r.delivered || len(f.sender.sentCalls()) != 2 {
		t.Errorf("row %+v, %d sends", r, len(f.sender.sentCalls()))
	}
}

func TestPermanentErrorsGiveUpAtOnce(t *testing.T) {
	for name, err := range map[string]error{
		"marked":    Permanent(errors.New("403 Forbidden: bot was blocked by the user")),
		"wrapped":   fmt.Errorf("telegram: send: %w", Permanent(errNet)),
		"invalid":   motcua.Errorf(motcua.EINVALID, "chat id"),
		"not found": fmt.Errorf("zalo: %w", motcua.Errorf(motcua.ENOTFOUND, "user")),
	} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, []error{err})
			f.enqueue(t, motcua.ChannelTelegram, "42", "x")
			f.deliver(t)
			r := f.outbox.row(1)
			if !r.gaveUp || r.delivered || r.m.LastError == "" {
				t.Errorf("row %+v", r)
			}
			if s := f.d.Stats(); s.GaveUp != 1 || s.Retried != 0 {
				t.Errorf("stats %+v", s)
			}
		})
	}
}

func TestGiveUpAfterMaxAttempts(t *testing.T) {
	f := newFixture(t, []error{errNet, errNet, errNet, errNet, errNet})
	f.enqueue(t, motcua.ChannelTelegram, "42", "x")
	for i := 0; i < 4; i++ {
		if n := f.deliver(t); n != 1 {
			t.Fatalf("attempt %d: claimed %d", i+1, n)
		}
		f.clock.Advance(time.Hour)
	}
	r := f.outbox.row(1)
	if !r.gaveUp || r.m.Attempts != 4 {
		t.Fatalf("row %+v", r)
	}
	if n := f.deliver(t); n != 0 {
		t.Errorf("given-up message claimed again")
	}
}

func TestUnknownChannelIsPermanent(t *testing.T) {
	f := newFixture(t, nil)
	f.enqueue(t, "fax", "42", "x")
	f.deliver(t)
	if r := f.outbox.row(1); !r.gaveUp || !strings.Contains(r.m.LastError, "fax") {
		t.Errorf("row %+v", r)
	}
}

func TestOneChatKeepsItsOrder(t *testing.T) {
	f := newFixture(t, []error{errNet})
	for i := 1; i <= 3; i++ {
		f.enqueue(t, motcua.ChannelTelegram, "42", fmt.Sprint(i))
	}
	f.deliver(t)
	// The first failed: the two after it must wait for it.
	if calls := f.sender.sentCalls(); len(calls) != 1 {
		t.Fatalf("sent %+v after a failure", calls)
	}
	f.clock.Advance(DefaultLease)
	for f.deliver(t) > 0 {
	}
	var got []string
	for _, c := range f.sender.sentCalls()[1:] {
		got = append(got, c.text)
	}
	if strings.Join(got, ",") != "1,2,3" {
		t.Errorf("order %v", got)
	}
}

func TestErrorTextIsMasked(t *testing.T) {
	f := newFixture(t, []error{errors.New("chat of 0912345678 unreachable")})
	f.enqueue(t, motcua.ChannelTelegram, "42", "x")
	f.deliver(t)
	if r := f.outbox.row(1); strings.Contains(r.m.LastError, "0912345678") {
		t.Errorf("error kept with personal data: %q", r.m.LastError)
	}
}

func TestRunWakesOnNotify(t *testing.T) {
	f := newFixture(t, nil, WithPollInterval(time.Hour))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.d.Run(ctx) }()
	for i := 0; i < 3; i++ {
		f.enqueue(t, motcua.ChannelTelegram, fmt.Sprint(i), "x")
		f.d.Notify()
		select {
		case <-f.sender.notify:
		case <-time.After(10 * time.Second):
			t.Fatalf("message %d not sent after Notify", i)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
}

func TestRunDrainsFullBatches(t *testing.T) {
	f := newFixture(t, nil, WithBatch(2), WithPollInterval(time.Hour))
	for i := 0; i < 7; i++ {
		f.enqueue(t, motcua.ChannelTelegram, fmt.Sprint(i), "x")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go f.d.Run(ctx)
	for i := 0; i < 7; i++ {
		select {
		case <-f.sender.notify:
		case <-time.After(10 * time.Second):
			t.Fatalf("only %d of 7 sent without Notify", i)
		}
	}
}

func TestBackoffDoublesToCeiling(t *testing.T) {
	d := NewDispatcher(nil, nil, WithBackoff(time.Second, 10*time.Second))
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 10 * time.Second, 10 * time.Second}
	for i, w := range want {
		if got := d.backoff(i + 1); got != w {
			t.Errorf("attempt %d: %v, want %v", i+1, got, w)
		}
	}
}

func TestErrorMarkers(t *testing.T) {
	if Permanent(nil) != nil || RetryAfter(nil, time.Second) != nil {
		t.Error("marking nil is not nil")
	}
	err := fmt.Errorf("x: %w", RetryAfter(errNet, 3*time.Second))
	if w, ok := RetryAfterOf(err); !ok || w != 3*time.Second || !errors.Is(err, errNet) {
		t.Errorf("RetryAfterOf %v %v", w, ok)
	}
	if IsPermanent(errNet) || IsPermanent(motcua.Errorf(motcua.EINTERNAL, "x")) || !IsPermanent(Permanent(errNet)) {
		t.Error("IsPermanent")
	}
}
