package bot

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/pii"
)

// Dispatcher delivers the outbox: it claims due messages, sends each through
// the Sender of its channel, and marks it delivered, retried later or given
// up. Several dispatchers may share one outbox; the claim's lease keeps them
// from sending the same message twice.
type Dispatcher struct {
	outbox  motcua.Outbox
	senders map[string]motcua.Sender

	batch, workers, maxAttempts int
	lease, poll                 time.Duration
	minBackoff, maxBackoff      time.Duration
	now                         func() time.Time
	log                         *slog.Logger

	wake  chan struct{}
	stats stats
}

// NewDispatcher returns a dispatcher of outbox through senders, keyed by
// channel name (motcua.ChannelWeb, motcua.ChannelTelegram, …).
func NewDispatcher(outbox motcua.Outbox, senders map[string]motcua.Sender, opts ...Option) *Dispatcher {
	d := &Dispatcher{
		outbox:      outbox,
		senders:     senders,
		batch:       DefaultBatch,
		workers:     DefaultWorkers,
		maxAttempts: DefaultMaxAttempts,
		lease:       DefaultLease,
		poll:        DefaultPoll,
		minBackoff:  DefaultMinBackoff,
		maxBackoff:  DefaultMaxBackoff,
		now:         time.Now,
		log:         slog.New(slog.DiscardHandler),
		wake:        make(chan struct{}, 1),
	}
	for _, o := range opts {
		o(d)
	}
	return d
}

// Notify wakes the dispatcher now, for a message just queued. It never
// blocks; wakes that come while one is pending merge into it.
func (d *Dispatcher) Notify() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run delivers until ctx ends, then returns nil. It looks at the outbox when
// notified and at every poll interval, and again at once after a full batch.
func (d *Dispatcher) Run(ctx context.Context) error {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		n, err := d.DeliverDue(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			d.log.Error("outbox claim failed", "err", err)
		} else if n == d.batch {
			continue // more may be waiting
		}
		timer.Reset(d.poll)
		select {
		case <-ctx.Done():
			return nil
		case <-d.wake:
		case <-timer.C:
		}
	}
}

// DeliverDue claims one batch of due messages and delivers it; it returns
// how many messages it claimed.
func (d *Dispatcher) DeliverDue(ctx context.Context) (int, error) {
	msgs, err := d.outbox.ClaimOutbox(ctx, d.batch, d.lease)
	if err != nil {
		return 0, err
	}
	d.deliverBatch(ctx, byChat(msgs))
	return len(msgs), nil
}

// deliverBatch sends to up to d.workers chats at once.
func (d *Dispatcher) deliverBatch(ctx context.Context, chats [][]motcua.OutboxMessage) {
	jobs := make(chan []motcua.OutboxMessage)
	var wg sync.WaitGroup
	for i := 0; i < min(d.workers, len(chats)); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for chat := range jobs {
				d.deliverChat(ctx, chat)
			}
		}()
	}
	for _, chat := range chats {
		jobs <- chat
	}
	close(jobs)
	wg.Wait()
}

// deliverChat sends one chat's messages in order. After a failure that will
// be retried it stops, so that a later message does not overtake an earlier
// one; the rest stay claimed until their lease ends.
func (d *Dispatcher) deliverChat(ctx context.Context, msgs []motcua.OutboxMessage) {
	for _, m := range msgs {
		if ctx.Err() != nil || !d.deliver(ctx, m) {
			return
		}
	}
}

// byChat groups messages by chat, keeping the claim's order within a chat.
func byChat(msgs []motcua.OutboxMessage) [][]motcua.OutboxMessage {
	index := map[string]int{}
	var chats [][]motcua.OutboxMessage
	for _, m := range msgs {
		key := m.Channel + "\x00" + m.ChatID
		i, ok := index[key]
		if !ok {
			i = len(chats)
			index[key] = i
			chats = append(chats, nil)
		}
		chats[i] = append(chats[i], m)
	}
	return chats
}

// deliver sends one message and records the outcome; it reports false when
// the message will be retried.
func (d *Dispatcher) deliver(ctx context.Context, m motcua.OutboxMessage) bool {
	s := d.senders[m.Channel]
	if s == nil {
		d.giveUp(ctx, m, Permanent(motcua.Errorf(motcua.EINVALID, "no sender for channel %q", m.Channel)))
		return true
	}
	err := s.Send(ctx, m.ChatID, []motcua.Reply{m.Reply})
	if err == nil {
		d.markDelivered(ctx, m)
		return true
	}
	if ctx.Err() != nil {
		return false // shutting down: the lease hands it out again
	}
	if IsPermanent(err) || m.Attempts+1 >= d.maxAttempts {
		d.giveUp(ctx, m, err)
		return true
	}
	d.retry(ctx, m, err)
	return false
}

func (d *Dispatcher) markDelivered(ctx context.Context, m motcua.OutboxMessage) {
	d.stats.delivered.Add(1)
	if err := d.outbox.MarkDelivered(ctx, m.ID); err != nil {
		// Sent but not recorded: it will be sent again after the lease.
		d.log.Error("outbox mark delivered failed", "id", m.ID, "err", err)
	}
}

func (d *Dispatcher) retry(ctx context.Context, m motcua.OutboxMessage, err error) {
	d.stats.retried.Add(1)
	wait := d.backoff(m.Attempts + 1)
	if w, ok := RetryAfterOf(err); ok {
		wait = w
	}
	d.log.Warn("outbox delivery failed, will retry", "id", m.ID, "channel", m.Channel,
		"attempt", m.Attempts+1, "wait", wait, "err", errText(err))
	if err := d.outbox.MarkFailed(ctx, m.ID, errText(err), d.now().Add(wait)); err != nil {
		d.log.Error("outbox mark failed failed", "id", m.ID, "err", err)
	}
}

func (d *Dispatcher) giveUp(ctx context.Context, m motcua.OutboxMessage, err error) {
	d.stats.gaveUp.Add(1)
	d.log.Error("outbox delivery given up", "id", m.ID, "channel", m.Channel,
		"attempts", m.Attempts+1, "err", errText(err))
	if err := d.outbox.MarkFailed(ctx, m.ID, errText(err), time.Time{}); err != nil {
		d.log.Error("outbox mark failed failed", "id", m.ID, "err", err)
	}
}

// backoff is the wait before attempt n+1: it doubles from minBackoff up to
// maxBackoff.
func (d *Dispatcher) backoff(attempt int) time.Duration {
	wait := d.minBackoff
	for i := 1; i < attempt && wait < d.maxBackoff; i++ {
		wait *= 2
	}
	return min(wait, d.maxBackoff)
}

// errText is an error as kept for staff: masked and bounded.
func errText(err error) string {
	s := pii.Mask(err.Error())
	if len(s) > 500 {
		s = strings.ToValidUTF8(s[:500], "")
	}
	return s
}

// Stats counts what a dispatcher has done since it started.
type Stats struct {
	Delivered, Retried, GaveUp int64
}

type stats struct {
	delivered, retried, gaveUp atomic.Int64
}

// Stats returns the dispatcher's counters.
func (d *Dispatcher) Stats() Stats {
	return Stats{Delivered: d.stats.delivered.Load(), Retried: d.stats.retried.Load(), GaveUp: d.stats.gaveUp.Load()}
}
