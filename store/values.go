package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/motcua/motcua"
)

var _ motcua.Values = (*DB)(nil)

// Value returns a named value; a missing key is ENOTFOUND.
func (db *DB) Value(ctx context.Context, key string) (string, error) {
	var v string
	err := db.queryRow(ctx, db.r, "SELECT value FROM kv WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", motcua.Errorf(motcua.ENOTFOUND, "store: no value %q", key)
	} else if err != nil {
		return "", fmt.Errorf("store: value %q: %w", key, err)
	}
	return v, nil
}

// SetValue sets a named value.
func (db *DB) SetValue(ctx context.Context, key, value string) error {
	_, err := db.exec(ctx, db.w, `INSERT INTO kv (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		key, value, ts(db.now()))
	if err != nil {
		return fmt.Errorf("store: set value %q: %w", key, err)
	}
	return nil
}

// SwapValue sets key to new only if it holds old ("" matches an absent key
// or an empty value); it reports whether it did. One statement, so two
// processes racing cannot both win.
func (db *DB) SwapValue(ctx context.Context, key, old, new string) (bool, error) {
	var n int64
	var err error
	if old == "" {
		n, err = db.exec(ctx, db.w, `INSERT INTO kv (key, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
			WHERE kv.value = ''`, key, new, ts(db.now()))
	} else {
		n, err = db.exec(ctx, db.w, "UPDATE kv SET value = ?, updated_at = ? WHERE key = ? AND value = ?",
			new, ts(db.now()), key, old)
	}
	if err != nil {
		return false, fmt.Errorf("store: swap value %q: %w", key, err)
	}
	return n == 1, nil
}
