package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

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
