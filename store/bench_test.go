package store_test

import (
	"context"
	"encoding/json"
	"fmt"
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

func benchBoth(b *testing.B, fn func(b *testing.B, db *store.DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, storetest.OpenSQLite(b)) })
	b.Run("postgres", func(b *testing.B) { fn(b, storetest.OpenPostgres(b)) })
}

func BenchmarkSaveConversation(b *testing.B) {
	benchBoth(b, func(b *testing.B, db *store.DB) {
		ctx := context.Background()
		var n atomic.Int64
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
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := db.PutInbox(ctx, "telegram", fmt.Sprint(n.Add(1)), payload); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

// BenchmarkOutbox measures one message's way through the outbox: enqueued,
// claimed (in batches of 10) and marked delivered.
func BenchmarkOutbox(b *testing.B) {
	benchBoth(b, func(b *testing.B, db *store.DB) {
		ctx := context.Background()
		for i := 0; i < b.N; i++ {
			if err := db.Enqueue(ctx, motcua.OutboxMessage{Channel: "telegram", ChatID: fmt.Sprint(i), Reply: motcua.Reply{Text: "Hồ sơ đã có kết quả"}}); err != nil {
				b.Fatal(err)
			}
		}
		b.ResetTimer()
		var delivered atomic.Int64
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				ms, err := db.ClaimOutbox(ctx, 10, time.Minute)
				if err != nil {
					b.Fatal(err)
				}
				for _, m := range ms {
					if err := db.MarkDelivered(ctx, m.ID); err != nil {
						b.Fatal(err)
					}
					delivered.Add(1)
				}
			}
		})
		b.ReportMetric(float64(delivered.Load())/b.Elapsed().Seconds(), "msgs/s")
	})
}
