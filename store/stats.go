package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/motcua/motcua"
)

// reportZone is the time zone days are counted in: the centres are in Vietnam.
var reportZone = time.FixedZone("ICT", 7*60*60)

// Day is the calendar day of t in Vietnam, as YYYY-MM-DD.
func Day(t time.Time) string { return t.In(reportZone).Format(time.DateOnly) }

// AddDailyCounts adds one to each named count of the day of at (in
// Vietnam). Names carry no personal data: "question:answered",
// "field:Hộ tịch", "lookup:found". They outlive conversation retention, so
// that a centre can report on past years.
func (db *DB) AddDailyCounts(ctx context.Context, at time.Time, names []string) error {
	if len(names) == 0 {
		return nil
	}
	if at.IsZero() {
		at = db.now()
	}
	day := Day(at)
	err := db.tx(ctx, func(tx *sql.Tx) error {
		for _, name := range names {
			if _, err := db.exec(ctx, tx, `INSERT INTO daily_counts (day, name, value) VALUES (?, ?, 1)
				ON CONFLICT (day, name) DO UPDATE SET value = daily_counts.value + 1`, day, name); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: add daily counts: %w", err)
	}
	return nil
}

// DailyCounts sums the counts of the days from..to (YYYY-MM-DD, both
// included), by name.
func (db *DB) DailyCounts(ctx context.Context, from, to string) (map[string]int, error) {
	out, err := db.countBy(ctx, "SELECT name, SUM(value) FROM daily_counts WHERE day >= ? AND day <= ? GROUP BY name", from, to)
	if err != nil {
		return nil, fmt.Errorf("store: daily counts: %w", err)
	}
	return out, nil
}

// ComplaintCounts counts complaints by status, and those overdue now.
func (db *DB) ComplaintCounts(ctx context.Context) (byStatus map[string]int, overdue int, err error) {
	byStatus, err = db.countBy(ctx, "SELECT status, COUNT(*) FROM complaints GROUP BY status")
	if err != nil {
		return nil, 0, fmt.Errorf("store: complaint counts: %w", err)
	}
	now := ts(db.now())
	if err := db.queryRow(ctx, db.r, "SELECT COUNT(*) FROM complaints WHERE "+complaintOverdueSQL, now, now).Scan(&overdue); err != nil {
		return nil, 0, fmt.Errorf("store: complaint counts: %w", err)
	}
	return byStatus, overdue, nil
}

// ParseDay reads a YYYY-MM-DD day: its first instant in Vietnam's time.
func ParseDay(s string) (time.Time, error) {
	t, err := time.ParseInLocation(time.DateOnly, s, reportZone)
	if err != nil {
		return time.Time{}, motcua.Errorf(motcua.EINVALID, "store: day %q: want YYYY-MM-DD", s)
	}
	return t, nil
}
