package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	"github.com/motcua/motcua"
)

// Backup writes a consistent copy of the SQLite database to path while the
// store keeps serving (VACUUM INTO); path must not exist. Restoring is
// copying the file back in place of the database while motcua is stopped.
// A PostgreSQL store is backed up with pg_dump instead.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.d.postgres {
		return motcua.Errorf(motcua.EINVALID, "store: backup: the database is PostgreSQL; back it up with pg_dump")
	}
	if _, err := os.Stat(path); err == nil {
		return motcua.Errorf(motcua.ECONFLICT, "store: backup: %s already exists", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	// A connection of its own: the readers are query-only, and the writer
	// must stay free for the bot while the copy is made.
	conn, err := sql.Open("sqlite", db.sqliteDSN)
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	return nil
}
