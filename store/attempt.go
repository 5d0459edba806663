package store

import (
	"context"
	"fmt"
	"time"

	"github.com/motcua/motcua"
)

var _ motcua.Attempts = (*DB)(nil)

// AddAttempt counts one event for key at at (now when zero).
func (db *DB) AddAttempt(ctx context.Context, key string, at time.Time) error {
	if at.IsZero() {
		at = db.now()
	}
	if _, err := db.exec(ctx, db.w, "INSERT INTO attempts (key, at) VALUES (?, ?)", key, ts(at)); err != nil {
		return fmt.Errorf("store: add attempt: %w", err)
	}
	return nil
}

// CountAttempts counts events for key at or after since.
func (db *DB) CountAttempts(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	err := db.queryRow(ctx, db.r, "SELECT COUNT(*) FROM attempts WHERE key = ? AND at >= ?", key, ts(since)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: count attempts: %w", err)
	}
	return n, nil
}

// DeleteAttemptsBefore forgets events older than before.
func (db *DB) DeleteAttemptsBefore(ctx context.Context, before time.Time) (int64, error) {
	n, err := db.exec(ctx, db.w, "DELETE FROM attempts WHERE at < ?", ts(before))
	if err != nil {
		return 0, fmt.Errorf("store: delete attempts: %w", err)
	}
	return n, nil
}
