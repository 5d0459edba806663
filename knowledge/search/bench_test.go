package search

import (
	"context"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge"
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

// TestLatencyReport prints build time and p50/p99 query latency over the
// dev questions (MOTCUA_BENCH=1); figures for BENCHMARKS.md, never asserted.
func TestLatencyReport(t *testing.T) {
	if os.Getenv("MOTCUA_BENCH") == "" {
		t.Skip("set MOTCUA_BENCH=1")
	}
	qs := loadDev(t)
	for _, c := range []struct {
		name string
		cat  func(testing.TB) *knowledge.KB
	}{{"built-in", builtinKB}, {"all 2,642", allCatalogue}} {
		t0 := time.Now()
		cat := c.cat(t)
		loaded := time.Since(t0)
		t0 = time.Now()
		x, err := New(cat, builtinLexicon(t))
		if err != nil {
			t.Fatal(err)
		}
		built := time.Since(t0)
		var lat []time.Duration
		for round := 0; round < 5; round++ {
			for _, q := range qs {
				s := time.Now()
				x.Search(context.Background(), q.Q, 5)
				lat = append(lat, time.Since(s))
			}
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		t.Logf("%s: %d procedures, load %v, index build %v, %d queries: p50 %v, p99 %v, max %v",
			c.name, len(cat.Procedures()), loaded.Round(time.Millisecond), built.Round(time.Millisecond), len(lat),
			lat[len(lat)/2].Round(time.Microsecond), lat[len(lat)*99/100].Round(time.Microsecond), lat[len(lat)-1].Round(time.Microsecond))
		x.Close()
	}
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
