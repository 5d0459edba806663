package complaintflow

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// benchWorkers is how many citizens send complaints at once.
const benchWorkers = 50

func BenchmarkConcurrentIntakesSQLite(b *testing.B) {
	benchIntakes(b, storetest.OpenSQLite(b))
}

func BenchmarkConcurrentIntakesPostgres(b *testing.B) {
	benchIntakes(b, storetest.OpenPostgres(b))
}

// benchIntakes runs b.N whole intakes (8 messages each, through the
// engine) by 50 citizens at once and reports complaints committed per
// second; it fails unless every intake is stored, once.
func benchIntakes(b *testing.B, db *store.DB) {
	h := newHarness(b, db)
	var next, failed atomic.Int64
	steps := benchSteps()
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < benchWorkers; w++ {
		wg.Go(func() {
			for {
				i := next.Add(1)
				if i > int64(b.N) {
					return
				}
				if !runIntake(h, fmt.Sprintf("bench-citizen-%06d", i), steps) {
					failed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	stored := len(h.complaints())
	if failed.Load() != 0 || stored != b.N {
		b.Fatalf("%d intakes, %d failed, %d stored", b.N, failed.Load(), stored)
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "complaints/s")
	b.ReportMetric(float64(b.N*len(steps))/elapsed.Seconds(), "msgs/s")
	b.ReportMetric(0, "ns/op")
}

func benchSteps() []step {
	return []step{
		{text: "Tôi muốn gửi phản ánh"},
		{action: "f:complaint:cat:late"},
		{text: lateText},
		{action: "f:complaint:skip"},
		{action: "f:complaint:consent:yes"},
		{text: "Nguyễn Văn An"},
		{text: "0905 123 456"},
		{action: "f:complaint:send"},
	}
}

// runIntake sends one citizen's intake; it reports whether the last
// answer gave a tracking code.
func runIntake(h *harness, chat string, steps []step) bool {
	var replies []motcua.Reply
	for _, s := range steps {
		var err error
		replies, err = h.eng.Handle(context.Background(), h.msg(motcua.ChannelWeb, chat, s))
		if err != nil {
			return false
		}
	}
	return strings.Contains(joinTexts(replies), "Mã theo dõi: PA-")
}
