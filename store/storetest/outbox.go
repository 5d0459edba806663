package storetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

var outboxTests = map[string]func(*testing.T, Opener){
	"ClaimDeliver": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		reply := motcua.Reply{Text: "Hồ sơ H1 đã có kết quả", Buttons: []motcua.Button{{Label: "Hủy theo dõi", Action: "unsub:H1"}}}
		must(t, db.Enqueue(ctx(), motcua.OutboxMessage{Channel: "telegram", ChatID: "42", Reply: reply}))
		must(t, db.Enqueue(ctx(), motcua.OutboxMessage{Channel: "web", ChatID: "s1", Reply: motcua.Reply{Text: "later"}, NextAt: T0.Add(time.Hour)}))
		got, err := db.ClaimOutbox(ctx(), 10, time.Minute)
		must(t, err)
		if len(got) != 1 {
			t.Fatalf("claimed %d, want 1 (the other is not due)", len(got))
		}
		m := got[0]
		if m.Channel != "telegram" || m.ChatID != "42" || m.Reply.Text != reply.Text || m.Reply.Buttons[0].Action != "unsub:H1" ||
			m.Attempts != 0 || !m.CreatedAt.Equal(T0) || !m.NextAt.Equal(T0) || m.ID == 0 {
			t.Fatalf("claimed %+v", m)
		}
		if again, _ := db.ClaimOutbox(ctx(), 10, time.Minute); len(again) != 0 {
			t.Fatalf("leased message claimed again: %+v", again)
		}
		must(t, db.MarkDelivered(ctx(), m.ID))
		clock.Advance(2 * time.Hour)
		got, err = db.ClaimOutbox(ctx(), 10, time.Minute)
		must(t, err)
		if len(got) != 1 || got[0].Reply.Text != "later" {
			t.Fatalf("after delivery: %+v", got)
		}
	},
	"LeaseExpires": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		must(t, db.Enqueue(ctx(), motcua.OutboxMessage{Channel: "zalo", ChatID: "u1", Reply: motcua.Reply{Text: "x"}}))
		first, _ := db.ClaimOutbox(ctx(), 1, time.Minute)
		clock.Advance(61 * time.Second) // the claimer died
		second, err := db.ClaimOutbox(ctx(), 1, time.Minute)
		must(t, err)
		if len(first) != 1 || len(second) != 1 || first[0].ID != second[0].ID {
			t.Fatalf("first %+v second %+v", first, second)
		}
	},
	"FailRetryGiveUp": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		must(t, db.Enqueue(ctx(), motcua.OutboxMessage{Channel: "zalo", ChatID: "u1", Reply: motcua.Reply{Text: "x"}}))
		m, _ := db.ClaimOutbox(ctx(), 1, time.Minute)
		must(t, db.MarkFailed(ctx(), m[0].ID, "HTTP 503", T0.Add(10*time.Second)))
		if got, _ := db.ClaimOutbox(ctx(), 1, time.Minute); len(got) != 0 {
			t.Fatal("claimed before its retry time")
		}
		clock.Advance(10 * time.Second)
		got, err := db.ClaimOutbox(ctx(), 1, time.Minute)
		must(t, err)
		if len(got) != 1 || got[0].Attempts != 1 || got[0].LastError != "HTTP 503" {
			t.Fatalf("retry: %+v", got)
		}
		must(t, db.MarkFailed(ctx(), got[0].ID, "window closed (-230)", time.Time{}))
		clock.Advance(time.Hour)
		if got, _ := db.ClaimOutbox(ctx(), 1, time.Minute); len(got) != 0 {
			t.Fatal("given-up message claimed")
		}
		failed, err := db.FailedOutbox(ctx(), 10)
		must(t, err)
		if len(failed) != 1 || failed[0].Attempts != 2 || failed[0].LastError != "window closed (-230)" {
			t.Fatalf("failed: %+v", failed)
		}
		stats, err := db.OutboxStats(ctx())
		must(t, err)
		if len(stats) != 1 || stats[0].Channel != "zalo" || stats[0].Failed != 1 || stats[0].Pending != 0 {
			t.Fatalf("stats: %+v", stats)
		}
		must(t, db.RetryOutbox(ctx(), failed[0].ID))
		if got, _ := db.ClaimOutbox(ctx(), 1, time.Minute); len(got) != 1 {
			t.Fatal("retried message not claimed")
		}
		if err := db.MarkFailed(ctx(), 999999, "x", time.Time{}); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("unknown id: %v", err)
		}
		if err := db.MarkDelivered(ctx(), 999999); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("unknown id: %v", err)
		}
	},
	"OrderAndStats": func(t *testing.T, open Opener) {
		db, _ := clocked(t, open)
		for i := 0; i < 5; i++ {
			must(t, db.Enqueue(ctx(), motcua.OutboxMessage{Channel: "telegram", ChatID: "1", Reply: motcua.Reply{Text: fmt.Sprint(i)}}))
		}
		must(t, db.Enqueue(ctx(), motcua.OutboxMessage{Channel: "web", ChatID: "s", Reply: motcua.Reply{Text: "w"}, NextAt: T0.Add(time.Hour)}))
		got, err := db.ClaimOutbox(ctx(), 3, time.Minute)
		must(t, err)
		for i, m := range got {
			if m.Reply.Text != fmt.Sprint(i) {
				t.Fatalf("order: %+v", got)
			}
		}
		must(t, db.MarkDelivered(ctx(), got[0].ID))
		stats, err := db.OutboxStats(ctx())
		must(t, err)
		want := []struct {
			ch                            string
			pending, due, delivered, fail int
		}{{"telegram", 4, 4, 1, 0}, {"web", 1, 0, 0, 0}}
		if len(stats) != 2 {
			t.Fatalf("stats: %+v", stats)
		}
		for i, w := range want {
			s := stats[i]
			if s.Channel != w.ch || s.Pending != w.pending || s.Due != w.due || s.Delivered != w.delivered || s.Failed != w.fail {
				t.Fatalf("stats[%d] = %+v, want %+v", i, s, w)
			}
		}
		if err := db.Enqueue(ctx(), motcua.OutboxMessage{Channel: "web"}); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("no chat: %v", err)
		}
	},
	"ConcurrentClaimersNeverShare": func(t *testing.T, open Opener) {
		db := open(t)
		const total = 200
		for i := 0; i < total; i++ {
			must(t, db.Enqueue(ctx(), motcua.OutboxMessage{Channel: "telegram", ChatID: fmt.Sprint(i), Reply: motcua.Reply{Text: "n"}}))
		}
		var mu sync.Mutex
		seen := map[int64]int{}
		var wg sync.WaitGroup
		for w := 0; w < 6; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					ms, err := db.ClaimOutbox(ctx(), 7, time.Hour)
					if err != nil {
						t.Error(err)
						return
					}
					if len(ms) == 0 {
						return
					}
					for _, m := range ms {
						mu.Lock()
						seen[m.ID]++
						mu.Unlock()
						if err := db.MarkDelivered(ctx(), m.ID); err != nil {
							t.Error(err)
						}
					}
				}
			}()
		}
		wg.Wait()
		if len(seen) != total {
			t.Fatalf("claimed %d distinct messages, want %d", len(seen), total)
		}
		for id, n := range seen {
			if n != 1 {
				t.Fatalf("message %d claimed %d times", id, n)
			}
		}
	},
	"DeleteDeliveredBefore": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		must(t, db.Enqueue(ctx(), motcua.OutboxMessage{Channel: "web", ChatID: "s", Reply: motcua.Reply{Text: "a"}}))
		must(t, db.Enqueue(ctx(), motcua.OutboxMessage{Channel: "web", ChatID: "s", Reply: motcua.Reply{Text: "b"}}))
		ms, _ := db.ClaimOutbox(ctx(), 1, time.Minute)
		must(t, db.MarkDelivered(ctx(), ms[0].ID))
		clock.Advance(time.Hour)
		n, err := db.DeleteDeliveredOutboxBefore(ctx(), clock.Now())
		must(t, err)
		if n != 1 {
			t.Fatalf("deleted %d, want 1 (pending kept)", n)
		}
	},
}
