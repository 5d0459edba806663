package bot

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/motcua/motcua"
)

// clock is a fake clock moved by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// memOutbox is an in-memory Outbox that follows the contract of the store:
// due messages oldest first, a lease per claim, given-up messages kept.
type memOutbox struct {
	mu     sync.Mutex
	now    func() time.Time
	nextID int64
	msgs   map[int64]*outboxRow
}

type outboxRow struct {
	m            motcua.OutboxMessage
	leasedUntil  time.Time
	delivered    bool
	gaveUp       bool
	deliverCount int
}

var _ motcua.Outbox = (*memOutbox)(nil)

func newMemOutbox(now func() time.Time) *memOutbox {
	return &memOutbox{now: now, msgs: map[int64]*outboxRow{}}
}

func (o *memOutbox) Enqueue(ctx context.Context, m motcua.OutboxMessage) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.nextID++
	m.ID = o.nextID
	m.CreatedAt = o.now()
	if m.NextAt.IsZero() {
		m.NextAt = m.CreatedAt
	}
	o.msgs[m.ID] = &outboxRow{m: m}
	return nil
}

func (o *memOutbox) ClaimOutbox(ctx context.Context, n int, lease time.Duration) ([]motcua.OutboxMessage, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	now := o.now()
	var ids []int64
	for id, r := range o.msgs {
		if !r.delivered && !r.gaveUp && !r.m.NextAt.After(now) && !r.leasedUntil.After(now) {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var out []motcua.OutboxMessage
	for _, id := range ids[:min(n, len(ids))] {
		r := o.msgs[id]
		r.leasedUntil = now.Add(lease)
		out = append(out, r.m)
	}
	return out, nil
}

func (o *memOutbox) MarkDelivered(ctx context.Context, id int64) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	r := o.msgs[id]
	if r == nil {
		return motcua.Errorf(motcua.ENOTFOUND, "no message %d", id)
	}
	r.delivered = true
	r.deliverCount++
	return nil
}

func (o *memOutbox) MarkFailed(ctx context.Context, id int64, errText string, next time.Time) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	r := o.msgs[id]
	if r == nil {
		return motcua.Errorf(motcua.ENOTFOUND, "no message %d", id)
	}
	r.m.Attempts++
	r.m.LastError = errText
	r.leasedUntil = time.Time{}
	if next.IsZero() {
		r.gaveUp = true
	} else {
		r.m.NextAt = next
	}
	return nil
}

func (o *memOutbox) row(id int64) outboxRow {
	o.mu.Lock()
	defer o.mu.Unlock()
	return *o.msgs[id]
}

// sent is one call of a fake sender.
type sent struct {
	chatID string
	text   string
}

// fakeSender records sends and fails with the errors queued for it, one
// per call, then succeeds.
type fakeSender struct {
	mu     sync.Mutex
	calls  []sent
	errs   []error
	notify chan sent
}

func newFakeSender(errs ...error) *fakeSender {
	return &fakeSender{errs: errs, notify: make(chan sent, 1000)}
}

func (s *fakeSender) Send(ctx context.Context, chatID string, replies []motcua.Reply) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	call := sent{chatID: chatID, text: replies[0].Text}
	s.calls = append(s.calls, call)
	if len(s.errs) > 0 {
		err := s.errs[0]
		s.errs = s.errs[1:]
		if err != nil {
			return err
		}
	}
	s.notify <- call
	return nil
}

func (s *fakeSender) sentCalls() []sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]sent(nil), s.calls...)
}
