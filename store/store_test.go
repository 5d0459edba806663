package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

func TestSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) *store.DB { return storetest.OpenSQLite(t) })
}

func TestPostgres(t *testing.T) {
	storetest.Run(t, func(t *testing.T) *store.DB { return storetest.OpenPostgres(t) })
}

func TestReopenSQLite(t *testing.T) {
	dsn := store.DefaultDSN(filepath.Join(t.TempDir(), "nested", "data"))
	testReopen(t, dsn)
}

func TestReopenPostgres(t *testing.T) {
	testReopen(t, storetest.PostgresDSN(t))
}

// testReopen shows that data survives Close and Open, and that opening an
// up-to-date database applies no migration twice.
func testReopen(t *testing.T, dsn string) {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveConversation(ctx, motcua.Conversation{Key: "web:s", Procedure: "1.001193"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.PutInbox(ctx, "telegram", "1", []byte("u")); err != nil {
		t.Fatal(err)
	}
	v1, _ := db.SchemaVersion(ctx)
	db.Close()

	db, err = store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := db.Conversation(ctx, "web:s")
	if err != nil || c.Procedure != "1.001193" {
		t.Fatalf("after reopen: %+v, %v", c, err)
	}
	if first, _ := db.PutInbox(ctx, "telegram", "1", []byte("u")); first {
		t.Fatal("inbox forgot an event across reopen")
	}
	if v2, _ := db.SchemaVersion(ctx); v1 == 0 || v2 != v1 {
		t.Fatalf("schema version %d then %d", v1, v2)
	}
}

func TestOpenBadDSN(t *testing.T) {
	_, err := store.Open(context.Background(), "mysql://x")
	if motcua.ErrorCode(err) != motcua.EINVALID {
		t.Fatalf("got %v", err)
	}
}

func TestBackupSQLite(t *testing.T) {
	ctx := context.Background()
	db := storetest.OpenSQLite(t)
	if err := db.SaveConversation(ctx, motcua.Conversation{Key: "web:s", Procedure: "1.001193"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "backups", "motcua-backup.db")
	if err := db.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, path); motcua.ErrorCode(err) != motcua.ECONFLICT {
		t.Fatalf("second backup to the same file: %v", err)
	}
	// Restore: the copy opens as a database holding the data.
	restored := storetest.OpenDSN(t, "sqlite:"+path)
	c, err := restored.Conversation(ctx, "web:s")
	if err != nil || c.Procedure != "1.001193" {
		t.Fatalf("restored: %+v, %v", c, err)
	}
}

func TestBackupPostgresRefused(t *testing.T) {
	db := storetest.OpenPostgres(t)
	err := db.Backup(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	if motcua.ErrorCode(err) != motcua.EINVALID || !strings.Contains(err.Error(), "pg_dump") {
		t.Fatalf("got %v", err)
	}
}

// TestReplicasPostgres opens two stores on one schema at once (both
// migrate) and lets them claim one outbox from both sides.
func TestReplicasPostgres(t *testing.T) {
	testReplicas(t, openConcurrently(t, storetest.PostgresDSN(t), 2))
}

// TestReplicasSQLite does the same with two processes' worth of handles on one file.
func TestReplicasSQLite(t *testing.T) {
	testReplicas(t, openConcurrently(t, "sqlite:"+filepath.Join(t.TempDir(), "motcua.db"), 2))
}

// openConcurrently opens n stores on dsn at the same moment, as replicas
// starting together do; each applies the migrations or waits for the other.
func openConcurrently(t *testing.T, dsn string, n int) []*store.DB {
	dbs := make([]*store.DB, n)
	var wg sync.WaitGroup
	for i := range dbs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := store.Open(context.Background(), dsn)
			if err != nil {
				t.Error(err)
				return
			}
			t.Cleanup(func() { db.Close() })
			dbs[i] = db
		}()
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	for _, db := range dbs {
		if v, err := db.SchemaVersion(context.Background()); err != nil || v < 1 {
			t.Fatalf("schema version %d, %v", v, err)
		}
	}
	return dbs
}

func testReplicas(t *testing.T, dbs []*store.DB) {
	ctx := context.Background()
	const total = 100
	for i := 0; i < total; i++ {
		if err := dbs[i%2].Enqueue(ctx, motcua.OutboxMessage{Channel: "web", ChatID: fmt.Sprint(i), Reply: motcua.Reply{Text: "x"}}); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(db *store.DB) {
			defer wg.Done()
			for {
				ms, err := db.ClaimOutbox(ctx, 5, time.Hour)
				if err != nil {
					t.Error(err)
					return
				}
				if len(ms) == 0 {
					return
				}
				for _, m := range ms {
					mu.Lock()
					seen[m.ID]++
					mu.Unlock()
					if err := db.MarkDelivered(ctx, m.ID); err != nil {
						t.Error(err)
					}
				}
			}
		}(dbs[w%2])
	}
	wg.Wait()
	if len(seen) != total {
		t.Fatalf("delivered %d distinct, want %d", len(seen), total)
	}
	for id, n := range seen {
		if n != 1 {
			t.Fatalf("message %d claimed %d times", id, n)
		}
	}
}

// TestOpenPathWithHash opens a database in a folder whose name holds the
// characters a file: URI treats specially.
func TestOpenPathWithHash(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a#1?x%20")
	path := filepath.Join(dir, "motcua.db")
	db, err := store.Open(context.Background(), "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.SetValue(context.Background(), "k", "v"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not at %s: %v", path, err)
	}
}
