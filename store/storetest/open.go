// Package storetest is the store test suite, run against every database
// motcua supports, and helpers that open a fresh store for other packages'
// tests.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua/store"
)

// PostgresEnv names the variable holding the URL of a PostgreSQL server for
// tests, e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable.
const PostgresEnv = "MOTCUA_TEST_POSTGRES"

// OpenSQLite opens a new SQLite store in a temporary folder, closed when
// the test ends.
func OpenSQLite(t testing.TB) *store.DB {
	t.Helper()
	return OpenDSN(t, "sqlite:"+filepath.Join(t.TempDir(), "motcua.db"))
}

// OpenPostgres opens a store in a fresh PostgreSQL schema, dropped when the
// test ends; it skips the test when MOTCUA_TEST_POSTGRES is unset.
func OpenPostgres(t testing.TB) *store.DB {
	t.Helper()
	return OpenDSN(t, PostgresDSN(t))
}

// Open opens a fresh store: PostgreSQL when MOTCUA_TEST_POSTGRES is set,
// SQLite otherwise.
func Open(t testing.TB) *store.DB {
	t.Helper()
	if os.Getenv(PostgresEnv) != "" {
		return OpenPostgres(t)
	}
	return OpenSQLite(t)
}

// OpenDSN opens the store at dsn, closed when the test ends.
func OpenDSN(t testing.TB, dsn string) *store.DB {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// PostgresDSN creates a schema of its own for this test on the server named
// by MOTCUA_TEST_POSTGRES and returns a DSN that uses it, so that tests and
// packages running in parallel never see each other's rows. Several stores
// opened on the DSN share the schema (replicas). The schema is dropped when
// the test ends. It skips the test when the variable is unset.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Skip(PostgresEnv + " is not set")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	schema := "motcua_test_" + randomHex(8)
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		t.Fatalf("postgres: create schema: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("postgres: drop schema: %v", err)
		}
	})
	return withSearchPath(t, base, schema)
}

func withSearchPath(t testing.TB, base, schema string) string {
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("postgres: bad %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Clock is a settable time source for DB.Now.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock standing at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}
