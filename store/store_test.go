package store_test

import (
	"context"
	"path/filepath"
	"testing"

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
