package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// AnonymizeClosedComplaintsBefore drops the name and phone of complaints
// closed before before: the complaint, its history and rating stay for
// reports, the contact data goes. It returns how many changed.
func (db *DB) AnonymizeClosedComplaintsBefore(ctx context.Context, before time.Time) (int64, error) {
	n, err := db.exec(ctx, db.w, `UPDATE complaints SET name = '', phone = '', anonymized = 1
		WHERE status = 'closed' AND closed_at > 0 AND closed_at < ? AND anonymized = 0`, ts(before))
	if err != nil {
		return 0, fmt.Errorf("store: anonymize closed complaints: %w", err)
	}
	return n, nil
}

// DeleteDossiersBefore deletes finished dossiers (returned, rejected,
// withdrawn) last changed before before, with their history and
// subscriptions. It returns how many dossiers went.
func (db *DB) DeleteDossiersBefore(ctx context.Context, before time.Time) (int64, error) {
	// Children first: PostgreSQL cascades, but SQLite only with foreign
	// keys on, and this must not depend on it.
	const finished = `SELECT code FROM dossiers WHERE status IN ('returned', 'rejected', 'withdrawn') AND updated_at < ?`
	var n int64
	err := db.tx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{
			"DELETE FROM dossier_events WHERE code IN (" + finished + ")",
			"DELETE FROM subscriptions WHERE dossier_code IN (" + finished + ")",
		} {
			if _, err := db.exec(ctx, tx, q, ts(before)); err != nil {
				return err
			}
		}
		var err error
		n, err = db.exec(ctx, tx, "DELETE FROM dossiers WHERE status IN ('returned', 'rejected', 'withdrawn') AND updated_at < ?", ts(before))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: delete dossiers: %w", err)
	}
	return n, nil
}
