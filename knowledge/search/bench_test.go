package search

import (
	"context"
	"os"
	"runtime"
	"sort"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge"
	"github.com/motcua/motcua/knowledge/eval"
)

// allCatalogue imports the full national catalogue (2,642 procedures) with
// the project's importer into a temporary folder and loads it.
func allCatalogue(b testing.TB) *knowledge.KB {
	if _, err := os.Stat(allFile); err != nil {
		b.Skipf("full catalogue not available: %v", err)
	}
	dir := b.TempDir()
	if _, err := knowledge.ImportDVCQGFile(allFile, dir); err != nil {
		b.Fatal(err)
	}
	kb, err := knowledge.Load(os.DirFS(dir))
	if err != nil {
		b.Fatal(err)
	}
	return kb
}

func benchBuild(b *testing.B, cat motcua.Catalog) {
	lex := builtinLexicon(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x, err := New(cat, lex)
		if err != nil {
			b.Fatal(err)
		}
		x.Close()
	}
}

func benchSearch(b *testing.B, cat motcua.Catalog) {
	x, err := New(cat, builtinLexicon(b))
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	qs := loadDev(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := x.Search(context.Background(), qs[i%len(qs)].Q, 5); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuildBuiltin(b *testing.B)  { benchBuild(b, builtinKB(b)) }
func BenchmarkBuildAll(b *testing.B)      { benchBuild(b, allCatalogue(b)) }
func BenchmarkSearchBuiltin(b *testing.B) { benchSearch(b, builtinKB(b)) }
func BenchmarkSearchAll(b *testing.B)     { benchSearch(b, allCatalogue(b)) }

// TestLatencyReport prints index build time, start-up from the cache and
// p50/p99 query latency over the dev questions (MOTCUA_BENCH=1), both wall
// clock and the CPU time of the searching thread, which a loaded machine
// disturbs far less; figures for BENCHMARKS.md, never asserted.
// MOTCUA_BENCH_KB names an imported 2,642-procedure folder to skip the
// import.
func TestLatencyReport(t *testing.T) {
	if os.Getenv("MOTCUA_BENCH") == "" {
		t.Skip("set MOTCUA_BENCH=1")
	}
	qs := loadDev(t)
	all := func(tb testing.TB) *knowledge.KB {
		if dir := os.Getenv("MOTCUA_BENCH_KB"); dir != "" {
			kb, err := knowledge.Load(os.DirFS(dir))
			if err != nil {
				tb.Fatal(err)
			}
			return kb
		}
		return allCatalogue(tb)
	}
	for _, c := range []struct {
		name string
		cat  func(testing.TB) *knowledge.KB
	}{{"built-in", builtinKB}, {"all 2,642", all}} {
		cat, lex, dir := c.cat(t), builtinLexicon(t), t.TempDir()
		t0 := time.Now()
		x, err := Open(cat, lex, dir) // builds and caches
		if err != nil {
			t.Fatal(err)
		}
		built := time.Since(t0)
		x.Close()
		t0 = time.Now()
		if x, err = Open(cat, lex, dir); err != nil {
			t.Fatal(err)
		}
		opened := time.Since(t0)
		wall, cpu := latencies(x, qs, 5)
		t.Logf("%s: %d procedures, build+cache %v, open cached %v, %d queries: wall p50 %v p99 %v; CPU p50 %v p99 %v max %v",
			c.name, len(cat.Procedures()), built.Round(time.Millisecond), opened.Round(time.Millisecond), len(wall),
			pct(wall, 50), pct(wall, 99), pct(cpu, 50), pct(cpu, 99), pct(cpu, 100))
		x.Close()
	}
}

// latencies runs every question rounds times on one OS thread and returns
// the wall-clock and thread CPU time of each search.
func latencies(x *Index, qs []eval.Query, rounds int) (wall, cpu []time.Duration) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for r := 0; r < rounds; r++ {
		for _, q := range qs {
			c0, t0 := threadCPU(), time.Now()
			x.Search(context.Background(), q.Q, 5)
			wall = append(wall, time.Since(t0))
			cpu = append(cpu, threadCPU()-c0)
		}
	}
	return wall, cpu
}

func threadCPU() time.Duration {
	var ts unix.Timespec
	unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts)
	return time.Duration(ts.Nano())
}

// pct is the p-th percentile of ds (sorted in place).
func pct(ds []time.Duration, p int) time.Duration {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	i := len(ds) * p / 100
	if i >= len(ds) {
		i = len(ds) - 1
	}
	return ds[i].Round(10 * time.Microsecond)
}

// BenchmarkOpenCached is a start-up with the index cache warm: the
// catalogue's statistics and opening the index from disk.
func BenchmarkOpenCached(b *testing.B) {
	cat, lex, dir := builtinKB(b), builtinLexicon(b), b.TempDir()
	x, err := Open(cat, lex, dir)
	if err != nil {
		b.Fatal(err)
	}
	x.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x, err := Open(cat, lex, dir)
		if err != nil {
			b.Fatal(err)
		}
		x.Close()
	}
}
