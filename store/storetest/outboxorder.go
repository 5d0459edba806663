package storetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// outboxOrderTests show that a chat's messages leave the outbox in order,
// whoever claims them.
var outboxOrderTests = map[string]func(*testing.T, Opener){
	"HeadBlocksTheChat": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		enqueueChat(t, db, "telegram", "7", 3)
		enqueueChat(t, db, "web", "s", 1)
		wantClaim(t, db, 1, "telegram:7:0")  // one replica takes the chat's first message
		b := wantClaim(t, db, 10, "web:s:0") // the other takes another chat's, not the next one
		must(t, db.MarkDelivered(ctx(), b[0].ID))
		wantClaim(t, db, 10)
		clock.Advance(61 * time.Second) // the first claimer died: its message goes again, first
		a0 := wantClaim(t, db, 1, "telegram:7:0")
		wantClaim(t, db, 10)
		must(t, db.MarkDelivered(ctx(), a0[0].ID))
		wantClaim(t, db, 10, "telegram:7:1", "telegram:7:2")
	},
	"RetryBlocksUntilDeliveredOrGivenUp": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		enqueueChat(t, db, "zalo", "u1", 3)
		enqueueChat(t, db, "zalo", "u2", 1)
		a0 := wantClaim(t, db, 1, "zalo:u1:0")[0]
		must(t, db.MarkFailed(ctx(), a0.ID, "HTTP 503", T0.Add(10*time.Second)))
		b := wantClaim(t, db, 10, "zalo:u2:0") // the chat waits for its first message's retry
		must(t, db.MarkDelivered(ctx(), b[0].ID))
		clock.Advance(10 * time.Second)
		wantClaim(t, db, 1, "zalo:u1:0")
		must(t, db.MarkFailed(ctx(), a0.ID, "HTTP 503", clock.Now().Add(10*time.Second)))
		clock.Advance(10 * time.Second)
		// All due and free: one claim takes the chat's run, in order.
		wantClaim(t, db, 10, "zalo:u1:0", "zalo:u1:1", "zalo:u1:2")
		must(t, db.MarkFailed(ctx(), a0.ID, "window closed", time.Time{}))
		clock.Advance(time.Minute)
		wantClaim(t, db, 10, "zalo:u1:1", "zalo:u1:2") // given up: no longer in the way
	},
	"LeasedFollowerEndsTheRun": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		enqueueChat(t, db, "telegram", "7", 3)
		a0 := wantClaim(t, db, 10, "telegram:7:0", "telegram:7:1", "telegram:7:2")[0]
		// The first failed; its sender stopped there, the rest stay leased.
		must(t, db.MarkFailed(ctx(), a0.ID, "HTTP 503", T0.Add(10*time.Second)))
		clock.Advance(10 * time.Second)
		wantClaim(t, db, 10, "telegram:7:0")
		must(t, db.MarkDelivered(ctx(), a0.ID))
		wantClaim(t, db, 10)
		clock.Advance(time.Minute)
		wantClaim(t, db, 10, "telegram:7:1", "telegram:7:2")
	},
	"ConcurrentClaimersKeepChatOrder": func(t *testing.T, open Opener) {
		db := open(t)
		const chats, per = 12, 8
		for i := 0; i < per; i++ {
			for c := 0; c < chats; c++ {
				enqueueChat(t, db, "telegram", fmt.Sprint(c), 1)
			}
		}
		var mu sync.Mutex
		sent := map[string][]int64{}
		var wg sync.WaitGroup
		for w := 0; w < 6; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					ms, err := db.ClaimOutbox(ctx(), 3, time.Hour)
					if err != nil {
						t.Error(err)
						return
					}
					if len(ms) == 0 {
						return
					}
					for _, m := range ms {
						mu.Lock()
						sent[m.ChatID] = append(sent[m.ChatID], m.ID)
						mu.Unlock()
						if err := db.MarkDelivered(ctx(), m.ID); err != nil {
							t.Error(err)
						}
					}
				}
			}()
		}
		wg.Wait()
		if len(sent) != chats {
			t.Fatalf("sent to %d chats, want %d", len(sent), chats)
		}
		for chat, ids := range sent {
			for i := 1; i < len(ids); i++ {
				if ids[i] <= ids[i-1] {
					t.Fatalf("chat %s sent out of order: %v", chat, ids)
				}
			}
			if len(ids) != per {
				t.Fatalf("chat %s got %d messages, want %d", chat, len(ids), per)
			}
		}
	},
}

// enqueueChat queues n messages for one chat, reading "channel:chat:i".
func enqueueChat(t *testing.T, db *store.DB, channel, chat string, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("%s:%s:%d", channel, chat, i)
		must(t, db.Enqueue(ctx(), motcua.OutboxMessage{Channel: channel, ChatID: chat, Reply: motcua.Reply{Text: text}}))
	}
}

// wantClaim claims up to n messages for a minute and checks their texts.
func wantClaim(t *testing.T, db *store.DB, n int, want ...string) []motcua.OutboxMessage {
	t.Helper()
	ms, err := db.ClaimOutbox(ctx(), n, time.Minute)
	must(t, err)
	var got []string
	for _, m := range ms {
		got = append(got, m.Reply.Text)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("claimed %q, want %q", got, want)
	}
	return ms
}
