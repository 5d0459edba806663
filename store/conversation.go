package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

var _ motcua.ConversationStore = (*DB)(nil)
var _ motcua.UnansweredStore = (*DB)(nil)

// Conversation returns the state of a conversation; one never saved comes
// back empty with its Key set.
func (db *DB) Conversation(ctx context.Context, key string) (motcua.Conversation, error) {
	c := motcua.Conversation{Key: key}
	var flowData, proven string
	var at int64
	err := db.queryRow(ctx, db.r, "SELECT procedure, flow, flow_data, proven, updated_at FROM conversations WHERE key = ?", key).
		Scan(&c.Procedure, &c.Flow, &flowData, &proven, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return c, nil
	} else if err != nil {
		return c, fmt.Errorf("store: conversation: %w", err)
	}
	if flowData != "" {
		c.FlowData = json.RawMessage(flowData)
	}
	if proven != "" {
		c.Proven = strings.Split(proven, "\n")
	}
	c.UpdatedAt = fromTS(at)
	return c, nil
}

// SaveConversation stores a conversation's state; UpdatedAt defaults to now.
func (db *DB) SaveConversation(ctx context.Context, c motcua.Conversation) error {
	if c.Key == "" {
		return motcua.Errorf(motcua.EINVALID, "store: save conversation: empty key")
	}
	if len(c.FlowData) > 0 && !json.Valid(c.FlowData) {
		return motcua.Errorf(motcua.EINVALID, "store: save conversation: flow data is not JSON")
	}
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = db.now()
	}
	_, err := db.exec(ctx, db.w, `INSERT INTO conversations (key, procedure, flow, flow_data, proven, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET procedure = excluded.procedure, flow = excluded.flow,
			flow_data = excluded.flow_data, proven = excluded.proven, updated_at = excluded.updated_at`,
		c.Key, c.Procedure, c.Flow, string(c.FlowData), strings.Join(c.Proven, "\n"), ts(c.UpdatedAt))
	if err != nil {
		return fmt.Errorf("store: save conversation: %w", err)
	}
	return nil
}

// DeleteConversationsBefore deletes conversation states last saved before
// before, for retention; it returns how many went.
func (db *DB) DeleteConversationsBefore(ctx context.Context, before time.Time) (int64, error) {
	n, err := db.exec(ctx, db.w, "DELETE FROM conversations WHERE updated_at < ?", ts(before))
	if err != nil {
		return 0, fmt.Errorf("store: delete conversations: %w", err)
	}
	return n, nil
}
