package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// vietnam is the time zone complaint codes are dated in (UTC+7, no DST).
var vietnam = time.FixedZone("ICT", 7*3600)

// NewComplaintCode returns a new, unique tracking code such as
// "PA-2611-0042": PA (phản ánh), year and month of now in Vietnam, and a
// number counted per month. Short enough to read over the phone.
func (db *DB) NewComplaintCode(ctx context.Context, now time.Time) (string, error) {
	var code string
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var err error
		code, err = db.nextComplaintCode(ctx, tx, now)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("store: new complaint code: %w", err)
	}
	return code, nil
}

func (db *DB) nextComplaintCode(ctx context.Context, tx *sql.Tx, now time.Time) (string, error) {
	month := now.In(vietnam).Format("0601")
	var n int64
	err := db.queryRow(ctx, tx, `INSERT INTO counters (name, value) VALUES (?, 1)
		ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value`, "complaint:"+month).Scan(&n)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("PA-%s-%04d", month, n), nil
}
