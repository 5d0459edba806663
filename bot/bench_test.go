package bot

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store/storetest"
)

// nopSender accepts every message at once, so that the benchmark measures
// the outbox and the dispatcher, not a channel.
type nopSender struct{}

func (nopSender) Send(ctx context.Context, chatID string, replies []motcua.Reply) error { return nil }

func benchmarkDelivery(b *testing.B, o motcua.Outbox) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		m := motcua.OutboxMessage{Channel: motcua.ChannelWeb, ChatID: fmt.Sprint("chat-", i%1000), Reply: motcua.Reply{Text: "Hồ sơ đã có kết quả, mời nhận."}}
		if err := o.Enqueue(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
	d := NewDispatcher(o, map[string]motcua.Sender{motcua.ChannelWeb: nopSender{}})
	b.ResetTimer()
	for {
		n, err := d.DeliverDue(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	b.StopTimer()
	if got := d.Stats().Delivered; got != int64(b.N) {
		b.Fatalf("delivered %d of %d", got, b.N)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

func BenchmarkDeliverySQLite(b *testing.B) {
	benchmarkDelivery(b, storetest.OpenDSN(b, "sqlite:"+filepath.Join(b.TempDir(), "motcua.db")))
}

func BenchmarkDeliveryPostgres(b *testing.B) {
	benchmarkDelivery(b, storetest.OpenDSN(b, storetest.PostgresDSN(b)))
}
