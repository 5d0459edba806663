package zalo

import (
	"context"
	"encoding/json"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot"
)

// Worker settings.
const (
	claimBatch  = 10
	claimLease  = 2 * time.Minute // an event not done by then is handed out again
	maxAttempts = 5               // then the event is dropped, and logged
)

// pendingKey keeps the replies of an event the engine answered but Zalo did
// not take, so that a retry sends them without running the engine again.
func pendingKey(id string) string { return "zalo:pending:" + id }

// Run handles stored events until ctx ends: it claims them from the inbox,
// calls the engine, sends the replies and marks them done. It also refreshes
// the access token ahead of its expiry. Run several (one per replica) safely.
func (b *Bot) Run(ctx context.Context) error {
	tick := time.NewTicker(b.cfg.Poll)
	defer tick.Stop()
	for {
		b.drain(ctx)
		if _, err := b.tokens.valid(ctx); err != nil && ctx.Err() == nil {
			b.log.Warn("zalo: access token", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-b.wake:
		case <-tick.C:
		}
	}
}

// drain handles events until none are waiting.
func (b *Bot) drain(ctx context.Context) {
	for ctx.Err() == nil {
		items, err := b.st.ClaimInbox(ctx, motcua.ChannelZalo, claimBatch, claimLease)
		if err != nil {
			if ctx.Err() == nil {
				b.log.Error("zalo: claim events", "err", err)
			}
			return
		}
		if len(items) == 0 {
			return
		}
		for _, it := range items {
			b.handleItem(ctx, it)
		}
	}
}

// handleItem handles one event and marks it done unless it should be tried
// again (a transient failure, fewer than maxAttempts tries).
func (b *Bot) handleItem(ctx context.Context, it motcua.InboxItem) {
	err := b.process(ctx, it)
	if err != nil && !bot.IsPermanent(err) && it.Attempts < maxAttempts && ctx.Err() == nil {
		b.log.Warn("zalo: event failed, will retry", "attempt", it.Attempts, "code", motcua.ErrorCode(err), "err", err)
		return
	}
	if err != nil {
		b.log.Error("zalo: event dropped", "attempt", it.Attempts, "code", motcua.ErrorCode(err), "err", err)
	}
	if err := b.st.DoneInbox(context.WithoutCancel(ctx), motcua.ChannelZalo, it.ID); err != nil {
		b.log.Error("zalo: mark event done", "err", err)
	}
}

// process hands one event to the engine and sends its replies.
func (b *Bot) process(ctx context.Context, it motcua.InboxItem) error {
	ev, err := parseEvent(it.Payload)
	if err != nil {
		return bot.Permanent(err)
	}
	m, ok := ev.message(b.cfg.WelcomeAction)
	if !ok {
		return nil // an event the engine does not need (unfollow, sticker…)
	}
	b.remember(ctx, m)
	replies, pending, err := b.repliesFor(ctx, it.ID, m)
	if err != nil {
		return err
	}
	sent, err := b.sendReplies(ctx, recipient{UserID: m.ChatID, MessageID: m.ID}, replies)
	switch {
	case err != nil && !bot.IsPermanent(err):
		b.keepPending(ctx, it.ID, replies[sent:])
	case pending:
		b.keepPending(ctx, it.ID, nil)
	}
	return err
}

// repliesFor returns the replies kept from an earlier try (pending true),
// or asks the engine.
func (b *Bot) repliesFor(ctx context.Context, id string, m motcua.Message) (rs []motcua.Reply, pending bool, err error) {
	if v, err := b.st.Value(ctx, pendingKey(id)); err == nil && v != "" {
		if json.Unmarshal([]byte(v), &rs) == nil {
			return rs, true, nil
		}
	}
	rs, err = b.h.Handle(ctx, m)
	return rs, false, err
}

// keepPending stores replies still to send for the next try; none clears it.
func (b *Bot) keepPending(ctx context.Context, id string, rs []motcua.Reply) {
	raw := []byte("")
	if len(rs) > 0 {
		raw, _ = json.Marshal(rs)
	}
	if err := b.st.SetValue(context.WithoutCancel(ctx), pendingKey(id), string(raw)); err != nil {
		b.log.Warn("zalo: keep pending replies", "err", err)
	}
}
