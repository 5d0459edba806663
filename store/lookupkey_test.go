package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

func TestLookupKeyMigrationSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "motcua.db")
	testLookupKeyMigration(t, "sqlite:"+path, "sqlite", path)
}

func TestLookupKeyMigrationPostgres(t *testing.T) {
	dsn := storetest.PostgresDSN(t)
	testLookupKeyMigration(t, dsn, "pgx", dsn)
}

// testLookupKeyMigration takes a database back to before the lookup key
// (the column and its migration record gone) and shows that opening it
// again fills the key of the dossiers already there.
func testLookupKeyMigration(t *testing.T, dsn, driver, raw string) {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	d := &motcua.Dossier{Code: "H47-260301-0042", Phone: "0905123456", Status: motcua.StatusReceived,
		ReceivedAt: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)}
	if _, err := db.PutDossier(ctx, d); err != nil {
		t.Fatal(err)
	}
	db.Close()

	conn, err := sql.Open(driver, raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"DROP INDEX dossiers_lookup",
		"ALTER TABLE dossiers DROP COLUMN lookup_key",
		// Later migrations go too, so that the lookup key's runs again.
		"DROP INDEX outbox_chat_pending",
		"DELETE FROM schema_migrations WHERE name IN ('dossier lookup key', 'outbox claimed in chat order')",
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			conn.Close()
			t.Fatalf("%s: %v", q, err)
		}
	}
	conn.Close()

	db, err = store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.Dossier(ctx, "h47 260301 0042")
	if err != nil || got.Code != d.Code {
		t.Fatalf("after migration: %+v, %v", got, err)
	}
}
