package bot

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

// countingSender counts deliveries per text and signals each one.
type countingSender struct {
	mu    sync.Mutex
	count map[string]int
	done  chan struct{}
}

func (s *countingSender) Send(ctx context.Context, chatID string, replies []motcua.Reply) error {
	s.mu.Lock()
	s.count[replies[0].Text]++
	s.mu.Unlock()
	s.done <- struct{}{}
	return nil
}

// testNoDoubleSend runs one dispatcher on each outbox — replicas of one
// queue — and checks that every message is delivered exactly once.
func testNoDoubleSend(t *testing.T, outboxes ...motcua.Outbox) {
	outbox := outboxes[0]
	const n = 300
	ctx := context.Background()
	for i := 0; i < n; i++ {
		m := motcua.OutboxMessage{Channel: motcua.ChannelWeb, ChatID: fmt.Sprint("chat-", i%37), Reply: motcua.Reply{Text: fmt.Sprint(i)}}
		if err := outbox.Enqueue(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	s := &countingSender{count: map[string]int{}, done: make(chan struct{}, n*2)}
	senders := map[string]motcua.Sender{motcua.ChannelWeb: s}
	runCtx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for _, o := range outboxes {
		d := NewDispatcher(o, senders, WithBatch(7), WithPollInterval(5*time.Millisecond), WithLease(time.Hour))
		wg.Add(1)
		go func() { defer wg.Done(); d.Run(runCtx) }()
	}
	for i := 0; i < n; i++ {
		select {
		case <-s.done:
		case <-time.After(30 * time.Second):
			t.Fatalf("only %d of %d delivered", i, n)
		}
	}
	cancel()
	wg.Wait()
	for i := 0; i < n; i++ {
		if c := s.count[fmt.Sprint(i)]; c != 1 {
			t.Errorf("message %d delivered %d times", i, c)
		}
	}
}

func TestTwoDispatchersMemOutbox(t *testing.T) {
	o := newMemOutbox(time.Now)
	testNoDoubleSend(t, o, o)
}
