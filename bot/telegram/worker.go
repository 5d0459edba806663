package telegram

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot"
)

// Worker settings.
const (
	idlePoll        = 2 * time.Second // look for updates whose lease ran out
	engineTimeout   = time.Minute
	engineAttempts  = 3 // tries of a failing engine call before the apology
	maxClaims       = 8 // claims of one update (crashes) before the apology
	queuePerWorker  = 4 // updates claimed ahead per worker
	maxBatchClaimed = 256
)

// job is one claimed update on its way through a chat's queue.
type job struct {
	item motcua.InboxItem
	in   incoming
}

// queues runs the updates of each chat one after the other, in the order
// they were claimed (oldest first), and different chats side by side.
type queues struct {
	mu       sync.Mutex
	chats    map[int64][]job
	inflight map[string]bool // update ids claimed and not yet finished
	slots    chan struct{}   // one per running chat goroutine
	free     chan struct{}   // signalled when an update finishes
}

// work claims updates from the inbox and handles them until ctx ends; the
// running updates are finished first.
func (b *Bot) work(ctx context.Context) {
	q := &queues{
		chats:    map[int64][]job{},
		inflight: map[string]bool{},
		slots:    make(chan struct{}, b.cfg.Workers),
		free:     make(chan struct{}, 1),
	}
	// Updates being handled when ctx ends get a grace period to finish, so
	// that a restart does not leave them waiting for their lease.
	hctx, cancel := b.graceful(ctx)
	defer cancel()
	var wg sync.WaitGroup
	defer wg.Wait()
	tick := time.NewTicker(idlePoll)
	defer tick.Stop()
	capacity := min(b.cfg.Workers*queuePerWorker, maxBatchClaimed)
	for ctx.Err() == nil {
		n := capacity - q.count()
		claimed := 0
		if n > 0 {
			items, err := b.st.ClaimInbox(ctx, Channel, n, b.cfg.HandleLease)
			if err != nil && ctx.Err() == nil {
				b.log.Error("telegram: claim updates", "err", err)
			}
			claimed = b.enqueue(ctx, hctx, q, &wg, items)
		}
		if claimed > 0 && claimed == n {
			continue // more may be waiting
		}
		select {
		case <-ctx.Done():
		case <-b.wake:
		case <-q.free:
		case <-tick.C:
		}
	}
}

func (q *queues) count() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.inflight)
}

// enqueue puts claimed updates in their chats' queues and starts a goroutine
// for each chat that has none. It returns how many were new.
// Updates still queued when ctx ends are left for their lease; those
// already running go on with hctx.
func (b *Bot) enqueue(ctx, hctx context.Context, q *queues, wg *sync.WaitGroup, items []motcua.InboxItem) int {
	n := 0
	for _, it := range items {
		q.mu.Lock()
		dup := q.inflight[it.ID]
		q.inflight[it.ID] = true
		q.mu.Unlock()
		if dup {
			continue // its lease ran out while it waited here
		}
		n++
		in, err := b.decodeUpdate(ctx, it.ID, it.Payload)
		if err != nil {
			b.log.Error("telegram: bad update", "update_id", it.ID, "err", err)
		}
		q.mu.Lock()
		waiting, running := q.chats[in.chatID]
		q.chats[in.chatID] = append(waiting, job{it, in})
		q.mu.Unlock()
		if !running {
			wg.Add(1)
			go func(chat int64) {
				defer wg.Done()
				q.slots <- struct{}{}
				defer func() { <-q.slots }()
				b.drain(ctx, hctx, q, chat)
			}(in.chatID)
		}
	}
	return n
}

// drain handles a chat's queued updates until the queue is empty or ctx
// ends; each runs with hctx.
func (b *Bot) drain(ctx, hctx context.Context, q *queues, chat int64) {
	for {
		q.mu.Lock()
		waiting := q.chats[chat]
		if len(waiting) == 0 || ctx.Err() != nil {
			delete(q.chats, chat)
			q.mu.Unlock()
			return
		}
		j := waiting[0]
		q.chats[chat] = waiting[1:]
		q.mu.Unlock()

		b.handle(hctx, j)

		q.mu.Lock()
		delete(q.inflight, j.item.ID)
		q.mu.Unlock()
		select {
		case q.free <- struct{}{}:
		default:
		}
	}
}

// graceful returns a context that ends ShutdownGrace after ctx does.
func (b *Bot) graceful(ctx context.Context) (context.Context, context.CancelFunc) {
	if b.cfg.ShutdownGrace < 0 {
		return context.WithCancel(ctx)
	}
	hctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(b.cfg.ShutdownGrace, cancel) })
	return hctx, func() { stop(); cancel() }
}

// handle processes one update and marks it done, unless it must be tried
// again: then its lease brings it back (after a restart too).
func (b *Bot) handle(ctx context.Context, j job) {
	err := b.process(ctx, j)
	if err != nil && !bot.IsPermanent(err) {
		if ctx.Err() != nil {
			return // shutting down: the update comes back after its lease
		}
		b.log.Warn("telegram: update not handled, will retry", "update_id", j.item.ID, "err", err)
		return
	}
	if err != nil {
		b.log.Info("telegram: reply refused for good", "update_id", j.item.ID, "err", err)
	}
	if err := b.st.DoneInbox(context.WithoutCancel(ctx), Channel, j.item.ID); err != nil {
		b.log.Error("telegram: mark update done", "update_id", j.item.ID, "err", err)
	}
}

// process answers one update: a button press is acknowledged, the engine
// is asked (once: its replies are kept until sent), and the replies not yet
// sent are sent.
func (b *Bot) process(ctx context.Context, j job) error {
	in := j.in
	if in.callbackID != "" {
		b.answerCallback(ctx, in.callbackID)
	}
	if in.chatID == 0 {
		return nil // an update kind the bot does not answer
	}
	p, err := b.progress(ctx, in.chatID)
	if err != nil {
		return err
	}
	if p.Update != j.item.ID {
		replies, err := b.answer(ctx, j)
		if err != nil {
			return err
		}
		p = progress{Update: j.item.ID, Replies: replies}
		// One reply needs no record: it is sent and the update marked
		// done at once, and a crash in between costs at most a repeat.
		if len(replies) > 1 {
			if err := b.saveProgress(ctx, in.chatID, p); err != nil {
				return err
			}
		}
	}
	return b.sendReplies(ctx, in.chatID, p.Replies, p.Sent, func(n int) error {
		if len(p.Replies) < 2 {
			return nil
		}
		done := progress{Update: p.Update, Replies: p.Replies, Sent: n}
		if n == len(p.Replies) {
			done.Replies = nil // nothing left to resend; keep no text
		}
		return b.saveProgress(ctx, in.chatID, done)
	})
}

// answer returns the replies to an update: the engine's, the "only text"
// answer for stickers and voice notes, or an apology when the engine keeps
// failing or panics. It fails only when ctx ends.
func (b *Bot) answer(ctx context.Context, j job) ([]motcua.Reply, error) {
	switch {
	case j.in.unsupported:
		return []motcua.Reply{onlyText}, nil
	case j.item.Attempts > maxClaims:
		b.log.Error("telegram: update claimed too often, giving up", "update_id", j.item.ID)
		return []motcua.Reply{apology}, nil
	}
	backoff := time.Duration(0)
	for attempt := 1; ; attempt++ {
		replies, err := b.callEngine(ctx, j)
		if err == nil {
			return replies, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		b.log.Warn("telegram: engine failed", "update_id", j.item.ID, "attempt", attempt,
			"code", motcua.ErrorCode(err))
		if attempt >= engineAttempts {
			return []motcua.Reply{apology}, nil
		}
		backoff = nextBackoff(backoff)
		if !wait(ctx, backoff) {
			return nil, ctx.Err()
		}
	}
}

// callEngine calls the engine, turning a panic into an apology so that one
// bad update cannot stop the bot. The panic value may quote the citizen: only
// its type is logged.
func (b *Bot) callEngine(ctx context.Context, j job) (replies []motcua.Reply, err error) {
	defer func() {
		if r := recover(); r != nil {
			b.log.Error("telegram: engine panic", "update_id", j.item.ID, "panic_type", fmt.Sprintf("%T", r))
			replies, err = []motcua.Reply{apology}, nil
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, engineTimeout)
	defer cancel()
	return b.h.Handle(ctx, j.in.msg)
}
