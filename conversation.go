package motcua

import (
	"context"
	"encoding/json"
	"time"
)

// Conversation is the state the engine keeps between turns of one chat, so
// that a restart does not break a conversation.
type Conversation struct {
	Key       string // Message.ConversationKey()
	Procedure string // code of the procedure under discussion
	Flow      string // name of a multi-step flow in progress, "" when none
	// FlowData is the flow's own state (answers given so far), as JSON.
	FlowData json.RawMessage
	// Proven lists dossier codes this conversation has proven ownership of.
	Proven    []string
	UpdatedAt time.Time
}

// Turn is one message of a conversation kept for context and retention.
type Turn struct {
	Key  string
	From string // "citizen" or "bot"
	Text string
	At   time.Time
}

// ConversationStore keeps conversation state. A conversation never saved is
// returned empty (with its Key set), not as an error.
type ConversationStore interface {
	Conversation(ctx context.Context, key string) (Conversation, error)
	SaveConversation(ctx context.Context, c Conversation) error
}

// UnansweredStore records questions the bot could not answer, without
// personal data, for staff to grow the lexicon.
type UnansweredStore interface {
	RecordUnanswered(ctx context.Context, channel, question string, at time.Time) error
}
