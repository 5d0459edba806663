package motcua

import (
	"context"
	"time"
)

// InboxItem is an event a channel received and durably took before
// acknowledging it (a Telegram update, a Zalo event), waiting to be handled.
type InboxItem struct {
	Channel  string
	ID       string // the channel's own id: update_id, msg_id
	Payload  []byte // the event as received
	Attempts int
}

// Inbox makes channel events at-least-once and de-duplicated: an event is
// put before it is acknowledged to the platform, handled, then marked done.
// A second put of the same (channel, id) — a redelivery — is ignored, even
// after the first was done.
type Inbox interface {
	// PutInbox stores an event; first is false when it was seen before.
	PutInbox(ctx context.Context, channel, id string, payload []byte) (first bool, err error)
	// ClaimInbox takes up to n events of channel not yet done, oldest first;
	// a claimed event is not handed out again until lease has passed.
	ClaimInbox(ctx context.Context, channel string, n int, lease time.Duration) ([]InboxItem, error)
	DoneInbox(ctx context.Context, channel, id string) error
}

// Values keeps small named values (a polling offset, OAuth tokens).
// A missing key is an ENOTFOUND error.
type Values interface {
	Value(ctx context.Context, key string) (string, error)
	SetValue(ctx context.Context, key, value string) error
	// SwapValue sets key to new only if it still holds old ("" for absent);
	// it reports whether it did.
	SwapValue(ctx context.Context, key, old, new string) (bool, error)
}

// Leases let one process among several do a job (refresh a token, poll).
type Leases interface {
	// AcquireLease takes or renews the named lease for holder; it reports
	// false while another holder's lease has not expired.
	AcquireLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error)
	ReleaseLease(ctx context.Context, name, holder string) error
}

// Attempts counts events per key in a time window (failed dossier lookups).
type Attempts interface {
	AddAttempt(ctx context.Context, key string, at time.Time) error
	CountAttempts(ctx context.Context, key string, since time.Time) (int, error)
}

// WebMailbox keeps what the bot sends a web session on its own initiative,
// for the page to fetch.
type WebMailbox interface {
	// PostWebMessage appends a reply to a session's mailbox.
	PostWebMessage(ctx context.Context, sessionID string, r Reply) error
	// WebMessages returns the replies after cursor ("" for all) and the new cursor.
	WebMessages(ctx context.Context, sessionID, cursor string) ([]Reply, string, error)
}

// TurnStore keeps conversation texts for context, deleted after retention.
type TurnStore interface {
	AddTurn(ctx context.Context, t Turn) error
	RecentTurns(ctx context.Context, key string, n int) ([]Turn, error)
	DeleteTurnsBefore(ctx context.Context, before time.Time) (int64, error)
}
