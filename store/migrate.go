package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"modernc.org/sqlite"
)

// migrate applies the migrations not yet recorded, in order, in one
// transaction. Two processes starting at once do not both apply them: on
// PostgreSQL an advisory lock (per schema) serialises them, on SQLite the
// immediate transaction holds the write lock.
func (db *DB) migrate(ctx context.Context) error {
	// SQLite answers BUSY without waiting while another process is still
	// setting up the WAL of a new file; try again for a while.
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := db.migrateOnce(ctx)
		if err == nil || !sqliteBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// sqliteBusy reports whether err is SQLite's SQLITE_BUSY (any extended code).
func sqliteBusy(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == 5
}

func (db *DB) migrateOnce(ctx context.Context) error {
	err := db.tx(ctx, func(tx *sql.Tx) error {
		if db.d.postgres {
			if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtext('motcua:' || current_schema()))"); err != nil {
				return fmt.Errorf("lock: %w", err)
			}
		}
		if _, err := db.exec(ctx, tx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`); err != nil {
			return fmt.Errorf("create schema_migrations: %w", err)
		}
		var have int
		if err := db.queryRow(ctx, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&have); err != nil {
			return fmt.Errorf("read version: %w", err)
		}
		if have > len(migrations) {
			return fmt.Errorf("database schema version %d is newer than this program (%d)", have, len(migrations))
		}
		for i := have; i < len(migrations); i++ {
			m := migrations[i]
			if _, err := tx.ExecContext(ctx, db.d.sql(m.sql)); err != nil {
				return fmt.Errorf("migration %d (%s): %w", i+1, m.name, err)
			}
			if m.fill != nil {
				if err := m.fill(ctx, db, tx); err != nil {
					return fmt.Errorf("migration %d (%s): fill: %w", i+1, m.name, err)
				}
			}
			if _, err := db.exec(ctx, tx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
				i+1, m.name, ts(db.now())); err != nil {
				return fmt.Errorf("record migration %d: %w", i+1, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	return nil
}

// SchemaVersion is the number of migrations applied.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	if err := db.queryRow(ctx, db.r, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v); err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	}
	return v, nil
}
