package zalo

import (
	"context"
	"sync"
	"time"
)

// defaultSendInterval spaces API sends so that a burst of notifications
// (a batch of dossiers ready) does not run into Zalo's rate limit.
const defaultSendInterval = 50 * time.Millisecond

// pacer lets one send through every gap, in the order callers arrive.
type pacer struct {
	mu   sync.Mutex
	gap  time.Duration
	next time.Time
}

// wait blocks until the caller's turn, or until ctx ends.
func (p *pacer) wait(ctx context.Context) error {
	if p.gap <= 0 {
		return nil
	}
	p.mu.Lock()
	now := time.Now()
	at := p.next
	if at.Before(now) {
		at = now
	}
	p.next = at.Add(p.gap)
	p.mu.Unlock()
	if d := at.Sub(now); d > 0 {
		return sleep(ctx, d)
	}
	return nil
}
