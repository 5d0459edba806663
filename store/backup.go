package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"os"

	"github.com/motcua/motcua"
)

// Backup writes a consistent copy of the SQLite database to path while the
// program keeps running: VACUUM INTO reads one snapshot of the database
// (writers are not blocked under WAL) and writes a compact, standalone file.
// path must not exist. PostgreSQL is backed up with pg_dump instead.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.d.postgres {
		return motcua.Errorf(motcua.EINVALID, "store: backup: the database is PostgreSQL; use pg_dump")
	}
	if _, err := os.Stat(path); err == nil {
		return motcua.Errorf(motcua.ECONFLICT, "store: backup: %s exists; choose a new file", path)
	}
	// On a connection of the read pool, so that writers do not queue behind
	// the copy; query_only is lifted for it, as VACUUM INTO counts as a
	// write even though it leaves this database untouched.
	conn, err := db.r.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA query_only = 0"); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	_, err = conn.ExecContext(ctx, "VACUUM INTO ?", path)
	if _, err2 := conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA query_only = 1"); err2 != nil {
		// Never hand a writable connection back to the read pool.
		conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	if err != nil {
		return fmt.Errorf("store: backup to %s: %w", path, err)
	}
	return nil
}
