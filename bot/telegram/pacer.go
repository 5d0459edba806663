package telegram

import (
	"context"
	"sync"

	"golang.org/x/time/rate"
)

// Telegram's published limits are about 30 messages a second overall and one
// a second per chat (short bursts allowed), 20 a minute per group. The
// overall rate is kept a little under 30 so that network jitter cannot push
// any one-second window over the limit.
const (
	defaultGlobalRate = 29
	defaultChatRate   = 1
	chatBurst         = 3 // a turn is often a card and a follow-up or two
	groupPerMinute    = 20
	maxIdleLimiters   = 10000
)

// pacer spaces sends to Telegram's limits. It is shared by every send: the
// replies of the workers and the notifications of the outbox.
type pacer struct {
	on       bool
	global   *rate.Limiter
	chatRate rate.Limit

	mu    sync.Mutex
	chats map[int64]*rate.Limiter
}

func newPacer(on bool, global, chat float64) *pacer {
	return &pacer{
		on:       on,
		global:   rate.NewLimiter(rate.Limit(global), 1),
		chatRate: rate.Limit(chat),
		chats:    map[int64]*rate.Limiter{},
	}
}

// wait blocks until a message to chat may be sent. It waits for the chat
// first, so that a busy chat does not hold a slot of the overall budget.
func (p *pacer) wait(ctx context.Context, chat int64) error {
	if !p.on {
		return nil
	}
	if err := p.chat(chat).Wait(ctx); err != nil {
		return err
	}
	return p.global.Wait(ctx)
}

func (p *pacer) chat(id int64) *rate.Limiter {
	p.mu.Lock()
	defer p.mu.Unlock()
	l, ok := p.chats[id]
	if !ok {
		if len(p.chats) >= maxIdleLimiters {
			p.dropIdle()
		}
		l = rate.NewLimiter(p.chatRate, chatBurst)
		if id < 0 { // groups and channels have negative ids
			l = rate.NewLimiter(rate.Limit(groupPerMinute)/60, 1)
		}
		p.chats[id] = l
	}
	return l
}

// dropIdle forgets limiters whose bucket is full again: a new one would
// behave the same.
func (p *pacer) dropIdle() {
	for id, l := range p.chats {
		if l.Tokens() >= float64(l.Burst()) {
			delete(p.chats, id)
		}
	}
}

// chatLocks keeps the messages of one chat in order: replies to an update
// and notifications for the same chat are sent one batch at a time.
type chatLocks struct {
	mu    sync.Mutex
	locks map[int64]*chatLock
}

type chatLock struct {
	mu   sync.Mutex
	refs int
}

func newChatLocks() *chatLocks { return &chatLocks{locks: map[int64]*chatLock{}} }

// lock takes the chat's lock and returns its release.
func (c *chatLocks) lock(chat int64) func() {
	c.mu.Lock()
	l, ok := c.locks[chat]
	if !ok {
		l = &chatLock{}
		c.locks[chat] = l
	}
	l.refs++
	c.mu.Unlock()
	l.mu.Lock()
	return func() {
		l.mu.Unlock()
		c.mu.Lock()
		if l.refs--; l.refs == 0 {
			delete(c.locks, chat)
		}
		c.mu.Unlock()
	}
}
