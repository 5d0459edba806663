package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

var _ motcua.TurnStore = (*DB)(nil)

// AddTurn keeps one message of a conversation; At defaults to now.
func (db *DB) AddTurn(ctx context.Context, t motcua.Turn) error {
	if t.At.IsZero() {
		t.At = db.now()
	}
	// The channel is the key's prefix (Message.ConversationKey), kept apart
	// so reports can count messages per channel.
	channel, _, _ := strings.Cut(t.Key, ":")
	_, err := db.exec(ctx, db.w, "INSERT INTO turns (key, channel, sender, text, at) VALUES (?, ?, ?, ?, ?)",
		t.Key, channel, t.From, t.Text, ts(t.At))
	if err != nil {
		return fmt.Errorf("store: add turn: %w", err)
	}
	return nil
}

// RecentTurns returns the last n turns of a conversation, oldest first.
func (db *DB) RecentTurns(ctx context.Context, key string, n int) ([]motcua.Turn, error) {
	if n <= 0 {
		return nil, nil
	}
	rows, err := db.query(ctx, db.r, "SELECT sender, text, at FROM turns WHERE key = ? ORDER BY id DESC LIMIT ?", key, n)
	if err != nil {
		return nil, fmt.Errorf("store: recent turns: %w", err)
	}
	defer rows.Close()
	var out []motcua.Turn
	for rows.Next() {
		t := motcua.Turn{Key: key}
		var at int64
		if err := rows.Scan(&t.From, &t.Text, &at); err != nil {
			return nil, fmt.Errorf("store: recent turns: %w", err)
		}
		t.At = fromTS(at)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: recent turns: %w", err)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}

// DeleteTurnsBefore deletes conversation texts older than before.
func (db *DB) DeleteTurnsBefore(ctx context.Context, before time.Time) (int64, error) {
	n, err := db.exec(ctx, db.w, "DELETE FROM turns WHERE at < ?", ts(before))
	if err != nil {
		return 0, fmt.Errorf("store: delete turns: %w", err)
	}
	return n, nil
}
