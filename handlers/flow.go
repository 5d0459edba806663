// Package handlers is the conversation engine: one message in, the replies
// out, the same for every channel. It knows nothing of Telegram, Zalo or HTTP.
package handlers

import (
	"context"
	"errors"
	"time"

	"github.com/motcua/motcua"
)

// Request is one incoming message as the engine and its flows see it.
type Request struct {
	Msg motcua.Message
	// Conv is the conversation state; a flow changes it in place (its
	// FlowData, Proven, or Flow = "" to end itself) and the engine saves it.
	Conv *motcua.Conversation
	Text string    // Msg.Text trimmed, hidden characters removed
	Fold string    // Text folded with vi.Fold, for matching
	Now  time.Time // the engine's clock

	// fromFlow is set when a flow wrote the answer: it may echo personal
	// data, so its turn is masked; the engine's own texts come from the
	// public catalogue.
	fromFlow bool
}

// Flow is a multi-step conversation (dossier lookup, complaint intake) that
// the engine hands messages to while it is in progress.
//
// Button actions of a flow start with "f:" + Name(): "f:dossier",
// "f:complaint:cat:late". The engine routes such actions to the flow, starts
// it when Match accepts a message outside any flow, and passes it every
// message while Conv.Flow == Name(), except the global "menu" action.
type Flow interface {
	Name() string  // kept in Conversation.Flow
	Label() string // the label of its button in the main menu
	// Match reports whether a message, outside any flow, starts this flow.
	Match(req *Request) bool
	// Handle answers a message that belongs to the flow. The flow sets
	// req.Conv.Flow to its Name while it waits for more, and to "" when done.
	Handle(ctx context.Context, req *Request) ([]motcua.Reply, error)
}

// ErrPass is returned by a flow's Handle for a message that is not for it
// (a procedure question in the middle of a lookup): the engine ends the flow
// and answers the message as usual.
var ErrPass = errors.New("handlers: message is not for this flow")

// ActionClaimer is a Flow that also answers buttons outside its own "f:NAME"
// actions, such as the rating buttons "rate:CODE:RATING" sent with a staff
// answer long after the flow ended. An action starting with one of its
// prefixes reaches the flow whatever the conversation is doing; the flow
// must then leave another flow's state (Conv.Flow, Conv.FlowData) as it is.
type ActionClaimer interface {
	ActionPrefixes() []string // e.g. "rate:"
}

// RawInputTaker is a Flow that, while it is in progress, reads the messages
// the engine would otherwise refuse (empty, only a photo, only emoji, too
// long) so that it can answer them in the words of its current step. Text
// that is not valid UTF-8 or holds control characters is still refused.
type RawInputTaker interface {
	// TakesRawInput reports whether the flow reads such a message in the
	// conversation's present state (its step, kept in FlowData).
	TakesRawInput(c *motcua.Conversation) bool
}
