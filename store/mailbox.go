package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/motcua/motcua"
)

var _ motcua.WebMailbox = (*DB)(nil)

// PostWebMessage appends a reply to a web session's mailbox.
func (db *DB) PostWebMessage(ctx context.Context, sessionID string, r motcua.Reply) error {
	return db.postWebMessage(ctx, db.w, sessionID, r)
}

func (db *DB) postWebMessage(ctx context.Context, q querier, sessionID string, r motcua.Reply) error {
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("store: post web message: %w", err)
	}
	if _, err := db.exec(ctx, q, "INSERT INTO web_messages (session_id, reply, created_at) VALUES (?, ?, ?)",
		sessionID, string(b), ts(db.now())); err != nil {
		return fmt.Errorf("store: post web message: %w", err)
	}
	return nil
}

// WebMessages returns a session's replies after cursor ("" for all) and the
// cursor to pass next time (unchanged when there is nothing new).
func (db *DB) WebMessages(ctx context.Context, sessionID, cursor string) ([]motcua.Reply, string, error) {
	var after int64
	if cursor != "" {
		var err error
		if after, err = strconv.ParseInt(cursor, 10, 64); err != nil || after < 0 {
			return nil, cursor, motcua.Errorf(motcua.EINVALID, "store: bad cursor")
		}
	}
	rows, err := db.query(ctx, db.r, "SELECT id, reply FROM web_messages WHERE session_id = ? AND id > ? ORDER BY id LIMIT 100",
		sessionID, after)
	if err != nil {
		return nil, cursor, fmt.Errorf("store: web messages: %w", err)
	}
	defer rows.Close()
	var out []motcua.Reply
	for rows.Next() {
		var id int64
		var raw string
		if err := rows.Scan(&id, &raw); err != nil {
			return nil, cursor, fmt.Errorf("store: web messages: %w", err)
		}
		var r motcua.Reply
		if err := json.Unmarshal([]byte(raw), &r); err != nil {
			return nil, cursor, fmt.Errorf("store: web messages: %w", err)
		}
		out = append(out, r)
		cursor = strconv.FormatInt(id, 10)
	}
	if err := rows.Err(); err != nil {
		return nil, cursor, fmt.Errorf("store: web messages: %w", err)
	}
	return out, cursor, nil
}

// DeleteWebMessagesBefore deletes mailbox messages posted before before.
func (db *DB) DeleteWebMessagesBefore(ctx context.Context, before time.Time) (int64, error) {
	n, err := db.exec(ctx, db.w, "DELETE FROM web_messages WHERE created_at < ?", ts(before))
	if err != nil {
		return 0, fmt.Errorf("store: delete web messages: %w", err)
	}
	return n, nil
}
