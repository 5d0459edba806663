// Package store keeps motcua's state in SQLite (the default, embedded) or in
// PostgreSQL (several replicas sharing one database). Both speak the same SQL
// through database/sql; the few differences live in dialect.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/motcua/motcua"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DB is motcua's store. Create it with Open; it is safe for concurrent use.
type DB struct {
	// Now gives the current time; tests replace it.
	Now func() time.Time

	// w takes every write. On SQLite it holds one connection, so writers
	// queue in Go instead of spinning on SQLITE_BUSY; on PostgreSQL it is
	// the same pool as r.
	w *sql.DB
	// r serves reads; on SQLite several connections read while one writes (WAL).
	r *sql.DB
	d dialect
	// stmts caches prepared SQLite statements by stmtKey.
	stmts sync.Map
	// sqliteDSN is the writer's DSN, for the backup connection.
	sqliteDSN string
}

// DefaultDSN is the DSN of the embedded database in dataDir.
func DefaultDSN(dataDir string) string {
	return "sqlite:" + filepath.Join(dataDir, "motcua.db")
}

// Open connects to the database named by dsn ("sqlite:PATH" or
// "postgres://…") and brings its schema up to date.
func Open(ctx context.Context, dsn string) (*DB, error) {
	var db *DB
	var err error
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		db, err = openSQLite(strings.TrimPrefix(dsn, "sqlite:"))
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		db, err = openPostgres(dsn)
	default:
		return nil, motcua.Errorf(motcua.EINVALID, "store: unknown database %q: want sqlite:PATH or postgres://…", redact(dsn))
	}
	if err != nil {
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func openSQLite(path string) (*DB, error) {
	if path == "" {
		return nil, motcua.Errorf(motcua.EINVALID, "store: empty sqlite path")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("store: create data folder: %w", err)
	}
	// Immediate transactions take the write lock at BEGIN, so a transaction
	// that reads then writes never fails on a lock upgrade when another
	// process shares the file.
	q := "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(NORMAL)&_txlock=immediate"
	// The path goes into a file: URI, where "#", "?" and "%" would cut or
	// change it; SQLite decodes the escapes.
	path = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	w, err := sql.Open("sqlite", "file:"+path+q)
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	r, err := sql.Open("sqlite", "file:"+path+q+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	return &DB{Now: time.Now, w: w, r: r, d: sqliteDialect, sqliteDSN: "file:" + path + q}, nil
}

func openPostgres(dsn string) (*DB, error) {
	p, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	p.SetMaxOpenConns(20)
	p.SetMaxIdleConns(20)
	return &DB{Now: time.Now, w: p, r: p, d: postgresDialect}, nil
}

// redact hides a password in a DSN before it appears in an error.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	return u.Redacted()
}

// Close closes the database.
func (db *DB) Close() error {
	db.stmts.Range(func(k, v any) bool {
		v.(*sql.Stmt).Close()
		return true
	})
	err := db.w.Close()
	if db.r != db.w {
		if err2 := db.r.Close(); err == nil {
			err = err2
		}
	}
	return err
}

// Ping reports whether the database answers, for readiness checks.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.r.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	return nil
}

// Postgres reports whether the store is PostgreSQL (shared by replicas).
func (db *DB) Postgres() bool { return db.d.postgres }

// now is the current time from Now.
func (db *DB) now() time.Time { return db.Now() }
