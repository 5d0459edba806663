package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/motcua/motcua"
)

var _ motcua.Outbox = (*DB)(nil)

// Outbox message states.
const (
	outboxPending   = "pending"
	outboxDelivered = "delivered"
	outboxFailed    = "failed" // given up; kept for staff
)

// Enqueue queues a message for delivery; NextAt defaults to now.
func (db *DB) Enqueue(ctx context.Context, m motcua.OutboxMessage) error {
	return db.enqueue(ctx, db.w, m)
}

// enqueue queues m on q, so that callers can do it inside their transaction.
func (db *DB) enqueue(ctx context.Context, q querier, m motcua.OutboxMessage) error {
	if m.Channel == "" || m.ChatID == "" {
		return motcua.Errorf(motcua.EINVALID, "store: enqueue: empty channel or chat")
	}
	b, err := json.Marshal(m.Reply)
	if err != nil {
		return fmt.Errorf("store: enqueue: %w", err)
	}
	now := db.now()
	if m.NextAt.IsZero() {
		m.NextAt = now
	}
	_, err = db.exec(ctx, q, "INSERT INTO outbox (channel, chat_id, reply, next_at, created_at) VALUES (?, ?, ?, ?, ?)",
		m.Channel, m.ChatID, string(b), ts(m.NextAt), ts(now))
	if err != nil {
		return fmt.Errorf("store: enqueue: %w", err)
	}
	return nil
}

// ClaimOutbox takes up to n due messages, oldest first, and leases them for
// lease: no other claimer (in this process or another replica) gets them
// until they are marked or the lease ends. On PostgreSQL, SKIP LOCKED lets
// concurrent claimers take different rows without waiting on each other.
//
// A chat's messages keep their order: a message is claimable only as the
// head of its chat (no earlier pending message of the same channel and chat),
// or behind its head in the same claim when every message between them is
// due and free too. So two replicas never send one chat's messages at once,
// and a message waiting for its retry holds back the later ones until it is
// delivered or given up (given-up messages are no longer pending).
func (db *DB) ClaimOutbox(ctx context.Context, n int, lease time.Duration) ([]motcua.OutboxMessage, error) {
	t := db.now()
	now := ts(t)
	rows, err := db.query(ctx, db.w, claimOutboxSQL, now, now, limitOr(n, 1), now, now, now, now, limitOr(n, 1),
		ts(t.Add(lease)), now)
	if err != nil {
		return nil, fmt.Errorf("store: claim outbox: %w", err)
	}
	out, err := scanOutbox(rows)
	if err != nil {
		return nil, fmt.Errorf("store: claim outbox: %w", err)
	}
	sortOutbox(out)
	return out, nil
}

// claimOutboxSQL picks the chats' heads first and locks them (SKIP LOCKED on
// PostgreSQL): a concurrent claimer skips a locked head and cannot take what
// follows it, since that is not a head while the head is pending. Then it
// adds the heads' followers up to the first one not due or leased, and
// leases the lot. The followers and the per-chat MIN probes use the partial
// index outbox_chat_pending; SQLite is told so, or it walks every pending
// message after each head. The probes are scalar subqueries, not NOT EXISTS,
// so that PostgreSQL cannot turn them into a hash anti-join over the whole
// queue.
const claimOutboxSQL = `WITH heads AS (
		SELECT o.id, o.channel, o.chat_id FROM outbox o
		WHERE o.state = 'pending' AND o.next_at <= ? AND o.lease_until <= ?
			AND o.id = (SELECT MIN(p.id) FROM outbox p WHERE p.state = 'pending'
				AND p.channel = o.channel AND p.chat_id = o.chat_id)
		ORDER BY o.id LIMIT ?{{skiplocked}}
	), picked AS (
		SELECT f.id FROM outbox f{{chatindex}} JOIN heads h ON f.channel = h.channel AND f.chat_id = h.chat_id
		WHERE f.state = 'pending' AND f.id >= h.id AND f.next_at <= ? AND f.lease_until <= ?
			AND f.id < COALESCE((SELECT MIN(p.id) FROM outbox p{{chatindex}} WHERE p.state = 'pending'
				AND p.channel = h.channel AND p.chat_id = h.chat_id AND p.id > h.id
				AND (p.next_at > ? OR p.lease_until > ?)), f.id + 1)
		ORDER BY f.id LIMIT ?
	)
	UPDATE outbox SET lease_until = ?
	WHERE id IN (SELECT id FROM picked) AND state = 'pending' AND lease_until <= ?
	RETURNING ` + outboxColumns

const outboxColumns = "id, channel, chat_id, reply, attempts, next_at, created_at, last_error"

// MarkDelivered records a message as delivered.
func (db *DB) MarkDelivered(ctx context.Context, id int64) error {
	n, err := db.exec(ctx, db.w, "UPDATE outbox SET state = ?, delivered_at = ?, lease_until = 0 WHERE id = ?",
		outboxDelivered, ts(db.now()), id)
	if err != nil {
		return fmt.Errorf("store: mark delivered: %w", err)
	}
	if n == 0 {
		return motcua.Errorf(motcua.ENOTFOUND, "store: mark delivered: no outbox message %d", id)
	}
	return nil
}

// MarkFailed records a failed attempt; the message is retried at next, or
// given up when next is zero (kept, listed by FailedOutbox).
func (db *DB) MarkFailed(ctx context.Context, id int64, errText string, next time.Time) error {
	state := outboxPending
	if next.IsZero() {
		state = outboxFailed
	}
	n, err := db.exec(ctx, db.w, `UPDATE outbox SET state = ?, attempts = attempts + 1, last_error = ?, next_at = ?, lease_until = 0
		WHERE id = ? AND state = 'pending'`, state, truncate(errText, 1000), ts(next), id)
	if err != nil {
		return fmt.Errorf("store: mark failed: %w", err)
	}
	if n == 0 {
		return motcua.Errorf(motcua.ENOTFOUND, "store: mark failed: no pending outbox message %d", id)
	}
	return nil
}

// FailedOutbox lists messages given up, newest first, for staff.
func (db *DB) FailedOutbox(ctx context.Context, limit int) ([]motcua.OutboxMessage, error) {
	rows, err := db.query(ctx, db.r, "SELECT "+outboxColumns+" FROM outbox WHERE state = 'failed' ORDER BY id DESC LIMIT ?",
		limitOr(limit, 100))
	if err != nil {
		return nil, fmt.Errorf("store: failed outbox: %w", err)
	}
	out, err := scanOutbox(rows)
	if err != nil {
		return nil, fmt.Errorf("store: failed outbox: %w", err)
	}
	return out, nil
}

// RetryOutbox puts a given-up message back in the queue, due now.
func (db *DB) RetryOutbox(ctx context.Context, id int64) error {
	n, err := db.exec(ctx, db.w, "UPDATE outbox SET state = 'pending', next_at = ?, lease_until = 0 WHERE id = ? AND state = 'failed'",
		ts(db.now()), id)
	if err != nil {
		return fmt.Errorf("store: retry outbox: %w", err)
	}
	if n == 0 {
		return motcua.Errorf(motcua.ENOTFOUND, "store: retry outbox: no failed message %d", id)
	}
	return nil
}

// OutboxStat counts a channel's outbox messages by state.
type OutboxStat struct {
	Channel   string
	Pending   int // waiting, due or not
	Due       int // pending and due now (the backlog)
	Delivered int
	Failed    int // given up
}

// OutboxStats counts messages per channel, for metrics and staff.
func (db *DB) OutboxStats(ctx context.Context) ([]OutboxStat, error) {
	rows, err := db.query(ctx, db.r, `SELECT channel,
		SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END),
		SUM(CASE WHEN state = 'pending' AND next_at <= ? THEN 1 ELSE 0 END),
		SUM(CASE WHEN state = 'delivered' THEN 1 ELSE 0 END),
		SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END)
		FROM outbox GROUP BY channel ORDER BY channel`, ts(db.now()))
	if err != nil {
		return nil, fmt.Errorf("store: outbox stats: %w", err)
	}
	defer rows.Close()
	var out []OutboxStat
	for rows.Next() {
		var s OutboxStat
		if err := rows.Scan(&s.Channel, &s.Pending, &s.Due, &s.Delivered, &s.Failed); err != nil {
			return nil, fmt.Errorf("store: outbox stats: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// DeleteDeliveredOutboxBefore deletes messages delivered before before.
func (db *DB) DeleteDeliveredOutboxBefore(ctx context.Context, before time.Time) (int64, error) {
	n, err := db.exec(ctx, db.w, "DELETE FROM outbox WHERE state = 'delivered' AND delivered_at < ?", ts(before))
	if err != nil {
		return 0, fmt.Errorf("store: delete outbox: %w", err)
	}
	return n, nil
}

type rowsScanner interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close() error
}

func scanOutbox(rows rowsScanner) ([]motcua.OutboxMessage, error) {
	defer rows.Close()
	var out []motcua.OutboxMessage
	for rows.Next() {
		var m motcua.OutboxMessage
		var raw string
		var next, created int64
		if err := rows.Scan(&m.ID, &m.Channel, &m.ChatID, &raw, &m.Attempts, &next, &created, &m.LastError); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(raw), &m.Reply); err != nil {
			return nil, err
		}
		m.NextAt, m.CreatedAt = fromTS(next), fromTS(created)
		out = append(out, m)
	}
	return out, rows.Err()
}

// sortOutbox orders claimed messages by id, so a chat's messages keep
// their order (RETURNING gives none).
func sortOutbox(ms []motcua.OutboxMessage) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].ID < ms[j-1].ID; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && (s[n]&0xC0) == 0x80 {
		n--
	}
	return s[:n]
}
