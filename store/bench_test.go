package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// The hot paths, on both databases:
//
//	go test -run '^$' -bench . -benchtime 2s ./store/
//	MOTCUA_TEST_POSTGRES=postgres://… go test -run '^$' -bench . ./store/

// benchBoth runs fn on SQLite and on PostgreSQL (skipped without
// MOTCUA_TEST_POSTGRES). Parallel benchmarks run 8 goroutines per CPU, about
// as many requests in flight as a busy bot has.
func benchBoth(b *testing.B, fn func(b *testing.B, db *store.DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, storetest.OpenSQLite(b)) })
	b.Run("postgres", func(b *testing.B) { fn(b, storetest.OpenPostgres(b)) })
}

func BenchmarkSaveConversation(b *testing.B) {
	benchBoth(b, func(b *testing.B, db *store.DB) {
		ctx := context.Background()
		var n atomic.Int64
		b.SetParallelism(8)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				i := n.Add(1)
				c := motcua.Conversation{Key: fmt.Sprint("web:s", i%1000), Procedure: "1.001193", Flow: "complaint",
					FlowData: json.RawMessage(`{"step":3,"category":"late"}`)}
				if err := db.SaveConversation(ctx, c); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

func BenchmarkConversation(b *testing.B) {
	benchBoth(b, func(b *testing.B, db *store.DB) {
		ctx := context.Background()
		for i := 0; i < 1000; i++ {
			db.SaveConversation(ctx, motcua.Conversation{Key: fmt.Sprint("web:s", i), Procedure: "1.001193"})
		}
		var n atomic.Int64
		b.ResetTimer()
		b.SetParallelism(8)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := db.Conversation(ctx, fmt.Sprint("web:s", n.Add(1)%1000)); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

func BenchmarkPutInbox(b *testing.B) {
	benchBoth(b, func(b *testing.B, db *store.DB) {
		ctx := context.Background()
		payload := []byte(`{"update_id":1,"message":{"chat":{"id":42},"text":"lam giay khai sinh"}}`)
		var n atomic.Int64
		b.SetParallelism(8)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := db.PutInbox(ctx, "telegram", fmt.Sprint(n.Add(1)), payload); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

// BenchmarkOutbox measures one message's way through the outbox once it is
// queued: claimed (one per claim) and marked delivered.
func BenchmarkOutbox(b *testing.B) {
	benchBoth(b, func(b *testing.B, db *store.DB) {
		ctx := context.Background()
		fillOutbox(b, db, b.N)
		b.ResetTimer()
		b.SetParallelism(8)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				ms, err := db.ClaimOutbox(ctx, 1, time.Minute)
				if err != nil || len(ms) != 1 {
					b.Fatal(len(ms), err)
				}
				if err := db.MarkDelivered(ctx, ms[0].ID); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

// BenchmarkOutboxBatch is the delivery loop as a sender runs it: 16
// workers claim 10 messages at a time and mark each delivered.
func BenchmarkOutboxBatch(b *testing.B) {
	benchBoth(b, func(b *testing.B, db *store.DB) {
		ctx := context.Background()
		fillOutbox(b, db, b.N)
		b.ResetTimer()
		var wg sync.WaitGroup
		for w := 0; w < 16; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					ms, err := db.ClaimOutbox(ctx, 10, time.Minute)
					if err != nil {
						b.Error(err)
						return
					}
					if len(ms) == 0 {
						return
					}
					for _, m := range ms {
						if err := db.MarkDelivered(ctx, m.ID); err != nil {
							b.Error(err)
						}
					}
				}
			}()
		}
		wg.Wait()
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
	})
}

func fillOutbox(b *testing.B, db *store.DB, n int) {
	for i := 0; i < n; i++ {
		m := motcua.OutboxMessage{Channel: "telegram", ChatID: fmt.Sprint(i), Reply: motcua.Reply{Text: "Hồ sơ đã có kết quả"}}
		if err := db.Enqueue(context.Background(), m); err != nil {
			b.Fatal(err)
		}
	}
}
