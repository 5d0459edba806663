package dossierflow_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/handlers"
	"github.com/motcua/motcua/handlers/dossierflow"
	"github.com/motcua/motcua/store"
)

// benchDossiers is how many dossiers the lookup benchmark loads;
// MOTCUA_BENCH_DOSSIERS changes it (1000000 for the published figure).
func benchDossiers(b *testing.B) int {
	n := 20000
	if s := os.Getenv("MOTCUA_BENCH_DOSSIERS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			b.Fatalf("MOTCUA_BENCH_DOSSIERS=%q", s)
		}
		n = v
	}
	return n
}

func benchCode(i int) string { return fmt.Sprintf("H12-%06d-%04d", i/10000, i%10000) }

// loadDossiers fills db with n dossiers in transactions of 10,000.
func loadDossiers(b *testing.B, db *store.DB, n int) {
	b.Helper()
	ctx := context.Background()
	batch := make([]*motcua.Dossier, 0, 10000)
	for i := 0; i < n; i++ {
		batch = append(batch, &motcua.Dossier{
			Code: benchCode(i), ProcedureCode: "1.001193", ApplicantName: "Nguyễn Văn An",
			Phone: fmt.Sprintf("09%08d", i), ReceivedAt: testNow.AddDate(0, 0, -7), DueAt: testNow.AddDate(0, 0, i%14-7),
			Status: motcua.StatusProcessing,
		})
		if len(batch) == cap(batch) || i == n-1 {
			if _, _, err := db.ImportDossiers(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
}

var bench struct {
	once sync.Once
	dir  string
	db   *store.DB
	n    int
	runs int
}

// benchStore opens and fills the benchmark's store once for every run of
// the benchmark (go test runs it again with a larger b.N).
func benchStore(b *testing.B) (*store.DB, int) {
	bench.once.Do(func() {
		dir, err := os.MkdirTemp("", "dossierflow-bench-")
		if err != nil {
			b.Fatal(err)
		}
		bench.dir = dir
		db, err := store.Open(context.Background(), "sqlite:"+filepath.Join(dir, "motcua.db"))
		if err != nil {
			b.Fatal(err)
		}
		bench.db, bench.n = db, benchDossiers(b)
		start := time.Now()
		loadDossiers(b, db, bench.n)
		b.Logf("loaded %d dossiers in %v", bench.n, time.Since(start).Round(time.Millisecond))
	})
	if bench.db == nil {
		b.Fatal("benchmark store failed to load")
	}
	return bench.db, bench.n
}

// TestMain removes the benchmark's store.
func TestMain(m *testing.M) {
	code := m.Run()
	if bench.db != nil {
		bench.db.Close()
		os.RemoveAll(bench.dir)
	}
	os.Exit(code)
}

// BenchmarkLookup is a whole lookup in a new web conversation — the code,
// then the four digits, answered with the status — through the engine on
// a SQLite store holding MOTCUA_BENCH_DOSSIERS dossiers. It reports the
// latency of the digits turn (the check and the answer) at p50 and p99.
func BenchmarkLookup(b *testing.B) {
	ctx := context.Background()
	db, n := benchStore(b)
	bench.runs++
	run := bench.runs // conversations of an earlier run have proven their codes
	flow := dossierflow.New(dossierflow.Config{Dossiers: db, Attempts: db, Catalog: catalog{}})
	eng, err := handlers.New(handlers.Config{Searcher: searcher{}, Catalog: catalog{}, Conversations: db, Turns: db, Flows: []handlers.Flow{flow}})
	if err != nil {
		b.Fatal(err)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := (i * 7919) % n // spread over the table
		chat := fmt.Sprintf("bench-%d-%d", run, i)
		m := motcua.Message{Channel: motcua.ChannelWeb, ChatID: chat, Text: benchCode(k)}
		if _, err := eng.Handle(ctx, m); err != nil {
			b.Fatal(err)
		}
		m.Text = fmt.Sprintf("%04d", k%10000)
		t0 := time.Now()
		replies, err := eng.Handle(ctx, m)
		lat = append(lat, time.Since(t0))
		if err != nil || len(replies) == 0 || len(replies[0].Buttons) < 4 {
			b.Fatalf("lookup %d: %+v %v", k, replies, err)
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}
