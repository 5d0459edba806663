package storetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

var inboxTests = map[string]func(*testing.T, Opener){
	"PutClaimDone": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		for i := 1; i <= 3; i++ {
			first, err := db.PutInbox(ctx(), "telegram", fmt.Sprint(100+i), []byte(fmt.Sprintf(`{"update_id":%d}`, 100+i)))
			must(t, err)
			if !first {
				t.Fatalf("event %d: first = false", i)
			}
		}
		first, err := db.PutInbox(ctx(), "zalo", "101", []byte("z"))
		must(t, err)
		if !first {
			t.Fatal("same id on another channel counted as seen")
		}
		items, err := db.ClaimInbox(ctx(), "telegram", 2, time.Minute)
		must(t, err)
		if len(items) != 2 || items[0].ID != "101" || items[1].ID != "102" || string(items[0].Payload) != `{"update_id":101}` ||
			items[0].Attempts != 1 || items[0].Channel != "telegram" {
			t.Fatalf("claim: %+v", items)
		}
		// Leased events are not handed out again; the third is.
		more, err := db.ClaimInbox(ctx(), "telegram", 10, time.Minute)
		must(t, err)
		if len(more) != 1 || more[0].ID != "103" {
			t.Fatalf("second claim: %+v", more)
		}
		must(t, db.DoneInbox(ctx(), "telegram", "101"))
		// After the lease, the undone ones come back, oldest first, counted.
		clock.Advance(time.Minute)
		again, err := db.ClaimInbox(ctx(), "telegram", 10, time.Minute)
		must(t, err)
		if len(again) != 2 || again[0].ID != "102" || again[0].Attempts != 2 || again[1].ID != "103" {
			t.Fatalf("after lease: %+v", again)
		}
		n, err := db.PendingInbox(ctx(), "telegram")
		must(t, err)
		if n != 2 {
			t.Fatalf("pending %d", n)
		}
	},
	"RedeliveryIgnored": func(t *testing.T, open Opener) {
		db, _ := clocked(t, open)
		first, err := db.PutInbox(ctx(), "telegram", "7", []byte("a"))
		must(t, err)
		again, err := db.PutInbox(ctx(), "telegram", "7", []byte("a"))
		must(t, err)
		if !first || again {
			t.Fatalf("first=%v again=%v", first, again)
		}
		items, _ := db.ClaimInbox(ctx(), "telegram", 10, time.Minute)
		must(t, db.DoneInbox(ctx(), "telegram", items[0].ID))
		after, err := db.PutInbox(ctx(), "telegram", "7", []byte("a"))
		must(t, err)
		if after {
			t.Fatal("redelivery after done counted as first")
		}
		if items, _ := db.ClaimInbox(ctx(), "telegram", 10, time.Minute); len(items) != 0 {
			t.Fatalf("done event handed out again: %+v", items)
		}
	},
	"ConcurrentPutOneFirst": func(t *testing.T, open Opener) {
		db := open(t)
		var mu sync.Mutex
		firsts := 0
		var wg sync.WaitGroup
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				first, err := db.PutInbox(ctx(), "zalo", "msg-1", []byte("x"))
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				if first {
					firsts++
				}
				mu.Unlock()
			}()
		}
		wg.Wait()
		if firsts != 1 {
			t.Fatalf("%d puts saw themselves first, want 1", firsts)
		}
	},
	"ConcurrentClaimersNeverShare": func(t *testing.T, open Opener) {
		db := open(t)
		const total = 100
		for i := 0; i < total; i++ {
			db.PutInbox(ctx(), "telegram", fmt.Sprint(i), []byte("u"))
		}
		var mu sync.Mutex
		seen := map[string]int{}
		var wg sync.WaitGroup
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					items, err := db.ClaimInbox(ctx(), "telegram", 3, time.Hour)
					if err != nil || len(items) == 0 {
						if err != nil {
							t.Error(err)
						}
						return
					}
					for _, it := range items {
						mu.Lock()
						seen[it.ID]++
						mu.Unlock()
						if err := db.DoneInbox(ctx(), "telegram", it.ID); err != nil {
							t.Error(err)
						}
					}
				}
			}()
		}
		wg.Wait()
		if len(seen) != total {
			t.Fatalf("handled %d distinct events, want %d", len(seen), total)
		}
		for id, n := range seen {
			if n != 1 {
				t.Fatalf("event %s handed out %d times", id, n)
			}
		}
	},
	"DoneUnknown": func(t *testing.T, open Opener) {
		db := open(t)
		if err := db.DoneInbox(ctx(), "telegram", "nope"); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("got %v", err)
		}
		if _, err := db.PutInbox(ctx(), "", "1", nil); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("empty channel: %v", err)
		}
	},
	"DeleteDoneBefore": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		db.PutInbox(ctx(), "telegram", "1", []byte("a"))
		db.PutInbox(ctx(), "telegram", "2", []byte("b"))
		must(t, db.DoneInbox(ctx(), "telegram", "1"))
		clock.Advance(48 * time.Hour)
		n, err := db.DeleteInboxDoneBefore(ctx(), clock.Now().Add(-24*time.Hour))
		must(t, err)
		if n != 1 {
			t.Fatalf("deleted %d, want 1 (the undone one stays)", n)
		}
		items, _ := db.ClaimInbox(ctx(), "telegram", 10, time.Minute)
		if len(items) != 1 || items[0].ID != "2" {
			t.Fatalf("left: %+v", items)
		}
	},
}

var valueTests = map[string]func(*testing.T, Opener){
	"GetSet": func(t *testing.T, open Opener) {
		db := open(t)
		if _, err := db.Value(ctx(), "telegram.offset"); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("missing: %v", err)
		}
		must(t, db.SetValue(ctx(), "telegram.offset", "100"))
		must(t, db.SetValue(ctx(), "telegram.offset", "101"))
		v, err := db.Value(ctx(), "telegram.offset")
		must(t, err)
		if v != "101" {
			t.Fatalf("got %q", v)
		}
	},
	"Swap": func(t *testing.T, open Opener) {
		db := open(t)
		ok, err := db.SwapValue(ctx(), "zalo.token", "", "t1")
		must(t, err)
		if !ok {
			t.Fatal("swap from absent failed")
		}
		if ok, _ := db.SwapValue(ctx(), "zalo.token", "", "t9"); ok {
			t.Fatal("swap from absent succeeded on a present key")
		}
		if ok, _ := db.SwapValue(ctx(), "zalo.token", "wrong", "t9"); ok {
			t.Fatal("swap with wrong old succeeded")
		}
		ok, err = db.SwapValue(ctx(), "zalo.token", "t1", "t2")
		must(t, err)
		if v, _ := db.Value(ctx(), "zalo.token"); !ok || v != "t2" {
			t.Fatalf("swap: ok=%v value=%q", ok, v)
		}
	},
	"ConcurrentSwapOneWins": func(t *testing.T, open Opener) {
		db := open(t)
		must(t, db.SetValue(ctx(), "refresh", "r0"))
		var mu sync.Mutex
		wins := 0
		var wg sync.WaitGroup
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				ok, err := db.SwapValue(ctx(), "refresh", "r0", fmt.Sprint("r", i+1))
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				if ok {
					wins++
				}
				mu.Unlock()
			}(i)
		}
		wg.Wait()
		if wins != 1 {
			t.Fatalf("%d swaps won, want 1", wins)
		}
	},
}

var leaseTests = map[string]func(*testing.T, Opener){
	"Exclusive": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		ok, err := db.AcquireLease(ctx(), "telegram.poll", "a", time.Minute)
		must(t, err)
		if !ok {
			t.Fatal("a could not take a free lease")
		}
		if ok, _ := db.AcquireLease(ctx(), "telegram.poll", "b", time.Minute); ok {
			t.Fatal("b took a's lease")
		}
		clock.Advance(30 * time.Second)
		if ok, _ := db.AcquireLease(ctx(), "telegram.poll", "a", time.Minute); !ok {
			t.Fatal("a could not renew")
		}
		clock.Advance(45 * time.Second) // a's renewed lease still runs
		if ok, _ := db.AcquireLease(ctx(), "telegram.poll", "b", time.Minute); ok {
			t.Fatal("b took a renewed lease")
		}
		clock.Advance(time.Minute)
		if ok, _ := db.AcquireLease(ctx(), "telegram.poll", "b", time.Minute); !ok {
			t.Fatal("b could not take an expired lease")
		}
		must(t, db.ReleaseLease(ctx(), "telegram.poll", "a")) // not a's any more: no effect
		if ok, _ := db.AcquireLease(ctx(), "telegram.poll", "a", time.Minute); ok {
			t.Fatal("a's release freed b's lease")
		}
		must(t, db.ReleaseLease(ctx(), "telegram.poll", "b"))
		if ok, _ := db.AcquireLease(ctx(), "telegram.poll", "a", time.Minute); !ok {
			t.Fatal("a could not take a released lease")
		}
	},
	"ConcurrentOneHolder": func(t *testing.T, open Opener) {
		db := open(t)
		var mu sync.Mutex
		holders := 0
		var wg sync.WaitGroup
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				ok, err := db.AcquireLease(ctx(), "zalo.refresh", fmt.Sprint("replica-", i), time.Minute)
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				if ok {
					holders++
				}
				mu.Unlock()
			}(i)
		}
		wg.Wait()
		if holders != 1 {
			t.Fatalf("%d holders, want 1", holders)
		}
	},
}

var attemptTests = map[string]func(*testing.T, Opener){
	"CountWindow": func(t *testing.T, open Opener) {
		db, _ := clocked(t, open)
		for i := 0; i < 5; i++ {
			must(t, db.AddAttempt(ctx(), "lookup:web:s1", T0.Add(time.Duration(i)*5*time.Minute)))
		}
		must(t, db.AddAttempt(ctx(), "lookup:web:s2", T0))
		n, err := db.CountAttempts(ctx(), "lookup:web:s1", T0.Add(10*time.Minute))
		must(t, err)
		if n != 3 {
			t.Fatalf("count %d, want 3", n)
		}
		d, err := db.DeleteAttemptsBefore(ctx(), T0.Add(time.Minute))
		must(t, err)
		if d != 2 {
			t.Fatalf("deleted %d, want 2", d)
		}
		if n, _ := db.CountAttempts(ctx(), "lookup:web:s1", time.Time{}); n != 4 {
			t.Fatalf("left %d, want 4", n)
		}
	},
}

var mailboxTests = map[string]func(*testing.T, Opener){
	"PostFetchCursor": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		r1 := motcua.Reply{Text: "Hồ sơ của bạn đã có kết quả.", Buttons: []motcua.Button{{Label: "Xem chi tiết", Action: "dossier:H1"}}}
		must(t, db.PostWebMessage(ctx(), "sess-1", r1))
		must(t, db.PostWebMessage(ctx(), "sess-2", motcua.Reply{Text: "other"}))
		got, cur, err := db.WebMessages(ctx(), "sess-1", "")
		must(t, err)
		if len(got) != 1 || got[0].Text != r1.Text || len(got[0].Buttons) != 1 || got[0].Buttons[0].Action != "dossier:H1" || cur == "" {
			t.Fatalf("got %+v cursor %q", got, cur)
		}
		none, cur2, err := db.WebMessages(ctx(), "sess-1", cur)
		must(t, err)
		if len(none) != 0 || cur2 != cur {
			t.Fatalf("nothing new: got %+v cursor %q", none, cur2)
		}
		must(t, db.PostWebMessage(ctx(), "sess-1", motcua.Reply{Text: "second"}))
		got, _, err = db.WebMessages(ctx(), "sess-1", cur)
		must(t, err)
		if len(got) != 1 || got[0].Text != "second" {
			t.Fatalf("after cursor: %+v", got)
		}
		if _, _, err := db.WebMessages(ctx(), "sess-1", "x'; drop"); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("bad cursor: %v", err)
		}
		clock.Advance(time.Hour)
		n, err := db.DeleteWebMessagesBefore(ctx(), clock.Now())
		must(t, err)
		if n != 3 {
			t.Fatalf("deleted %d", n)
		}
	},
}
