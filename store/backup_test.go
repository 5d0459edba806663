package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// TestBackupWhileWriting copies the database while another goroutine
// writes, then opens the copy as a store: what was written before the
// backup started is there, and the copy is a consistent database.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	db := storetest.OpenSQLite(t)
	for i := range 50 {
		must(t, db.AddTurn(ctx, motcua.Turn{Key: "web:before", From: "citizen", Text: fmt.Sprint("trước ", i)}))
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := db.AddTurn(ctx, motcua.Turn{Key: "web:during", From: "citizen", Text: fmt.Sprint("trong ", i)}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	path := filepath.Join(t.TempDir(), "backup.db")
	err := db.Backup(ctx, path)
	close(stop)
	wg.Wait()
	must(t, err)
	if err := db.Backup(ctx, path); motcua.ErrorCode(err) != motcua.ECONFLICT {
		t.Errorf("backup over an existing file: %v", err)
	}

	cp, err := store.Open(ctx, "sqlite:"+path)
	must(t, err)
	defer cp.Close()
	turns, err := cp.RecentTurns(ctx, "web:before", 100)
	must(t, err)
	if len(turns) != 50 {
		t.Fatalf("copy holds %d turns written before the backup, want 50", len(turns))
	}
	// The copy is a working database.
	must(t, cp.AddTurn(ctx, motcua.Turn{Key: "web:after", From: "citizen", Text: "sau"}))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// BenchmarkBackup copies a database of 100,000 turns (about a month of a
// busy centre's conversations).
func BenchmarkBackup(b *testing.B) {
	ctx := context.Background()
	db := storetest.OpenSQLite(b)
	for i := range 100_000 {
		if err := db.AddTurn(ctx, motcua.Turn{Key: fmt.Sprint("web:s", i%5000), From: "citizen",
			Text: "cho tôi hỏi thủ tục đăng ký khai sinh cho con cần giấy tờ gì ạ"}); err != nil {
			b.Fatal(err)
		}
	}
	dir := b.TempDir()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if err := db.Backup(ctx, filepath.Join(dir, fmt.Sprint(i, ".db"))); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAddDailyCounts is the write each handled message adds for the
// centre's statistics.
func BenchmarkAddDailyCounts(b *testing.B) {
	ctx := context.Background()
	db := storetest.OpenSQLite(b)
	names := []string{"message:web", "question:answered", "field:Hộ tịch"}
	for b.Loop() {
		if err := db.AddDailyCounts(ctx, time.Time{}, names); err != nil {
			b.Fatal(err)
		}
	}
}
