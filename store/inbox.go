package store

import (
	"context"
	"fmt"
	"time"

	"github.com/motcua/motcua"
)

var _ motcua.Inbox = (*DB)(nil)

// PutInbox stores a channel event before it is acknowledged; first is false
// for a redelivery of an event seen before, even one already done.
func (db *DB) PutInbox(ctx context.Context, channel, id string, payload []byte) (bool, error) {
	if channel == "" || id == "" {
		return false, motcua.Errorf(motcua.EINVALID, "store: put inbox: empty channel or id")
	}
	if payload == nil {
		payload = []byte{}
	}
	n, err := db.exec(ctx, db.w, `INSERT INTO inbox (channel, event_id, payload, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (channel, event_id) DO NOTHING`, channel, id, payload, ts(db.now()))
	if err != nil {
		return false, fmt.Errorf("store: put inbox: %w", err)
	}
	return n == 1, nil
}

// ClaimInbox hands out up to n events of channel not yet done, oldest first,
// each to one claimer until lease has passed.
func (db *DB) ClaimInbox(ctx context.Context, channel string, n int, lease time.Duration) ([]motcua.InboxItem, error) {
	now := db.now()
	rows, err := db.query(ctx, db.w, `UPDATE inbox SET lease_until = ?, attempts = attempts + 1
		WHERE seq IN (SELECT seq FROM inbox WHERE channel = ? AND done_at = 0 AND lease_until <= ?
			ORDER BY seq LIMIT ?{{skiplocked}})
		RETURNING seq, event_id, payload, attempts`, ts(now.Add(lease)), channel, ts(now), limitOr(n, 1))
	if err != nil {
		return nil, fmt.Errorf("store: claim inbox: %w", err)
	}
	defer rows.Close()
	var out []motcua.InboxItem
	var seqs []int64
	for rows.Next() {
		it := motcua.InboxItem{Channel: channel}
		var seq int64
		if err := rows.Scan(&seq, &it.ID, &it.Payload, &it.Attempts); err != nil {
			return nil, fmt.Errorf("store: claim inbox: %w", err)
		}
		out = append(out, it)
		seqs = append(seqs, seq)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: claim inbox: %w", err)
	}
	sortBySeq(out, seqs) // RETURNING gives no order guarantee
	return out, nil
}

// DoneInbox marks an event handled; it is kept (for de-duplication) until
// DeleteInboxDoneBefore.
func (db *DB) DoneInbox(ctx context.Context, channel, id string) error {
	n, err := db.exec(ctx, db.w, "UPDATE inbox SET done_at = ?, lease_until = 0, payload = ? WHERE channel = ? AND event_id = ?",
		ts(db.now()), []byte{}, channel, id)
	if err != nil {
		return fmt.Errorf("store: done inbox: %w", err)
	}
	if n == 0 {
		return motcua.Errorf(motcua.ENOTFOUND, "store: done inbox: no event %s/%s", channel, id)
	}
	return nil
}

// PendingInbox counts events of channel not yet done, for metrics.
func (db *DB) PendingInbox(ctx context.Context, channel string) (int, error) {
	var n int
	err := db.queryRow(ctx, db.r, "SELECT COUNT(*) FROM inbox WHERE channel = ? AND done_at = 0", channel).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: pending inbox: %w", err)
	}
	return n, nil
}

// DeleteInboxDoneBefore forgets events done before before. A redelivery
// after that is no longer recognised, so keep it well past the platforms'
// redelivery windows (Telegram: 24 hours).
func (db *DB) DeleteInboxDoneBefore(ctx context.Context, before time.Time) (int64, error) {
	n, err := db.exec(ctx, db.w, "DELETE FROM inbox WHERE done_at > 0 AND done_at < ?", ts(before))
	if err != nil {
		return 0, fmt.Errorf("store: delete inbox: %w", err)
	}
	return n, nil
}

// sortBySeq orders items by their sequence numbers (insertion sort: n is small).
func sortBySeq(items []motcua.InboxItem, seqs []int64) {
	for i := 1; i < len(items); i++ {
		for j := i; j > 0 && seqs[j] < seqs[j-1]; j-- {
			seqs[j], seqs[j-1] = seqs[j-1], seqs[j]
			items[j], items[j-1] = items[j-1], items[j]
		}
	}
}
