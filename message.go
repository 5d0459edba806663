package motcua

import (
	"context"
	"time"
)

// Channel names.
const (
	ChannelWeb      = "web"
	ChannelTelegram = "telegram"
	ChannelZalo     = "zalo"
	ChannelTerminal = "terminal"
)

// Limits on what a citizen may send in one message.
const (
	MaxMessageRunes = 4000 // longer texts are refused with a clear answer
	MaxReplyRunes   = 4000 // replies are split under this at sensible boundaries
)

// Message is one incoming message from a citizen, whatever the channel.
type Message struct {
	Channel string // ChannelWeb, ChannelTelegram, …
	// ChatID identifies the conversation within the channel (a web session
	// id, a Telegram chat id, a Zalo user id).
	ChatID string
	// ID identifies this message within the channel, for de-duplication of
	// redelivered messages; empty when the channel has none.
	ID          string
	Text        string
	Action      string // the action of a button the citizen pressed, if any
	Attachments []Attachment
	At          time.Time
}

// ConversationKey is the store key of the conversation the message belongs to.
func (m Message) ConversationKey() string { return m.Channel + ":" + m.ChatID }

// Attachment is a photo or file carried by a message or a reply.
type Attachment struct {
	Kind string `json:"kind"` // "image" or "file"
	URL  string `json:"url,omitempty"`
	Name string `json:"name,omitempty"`
	// ChannelRef is the channel's own reference (a Telegram file_id), used
	// when there is no public URL.
	ChannelRef string `json:"channel_ref,omitempty"`
}

// Reply is one message the bot sends: text, optional buttons and images.
type Reply struct {
	Text        string       `json:"text"`
	Buttons     []Button     `json:"buttons,omitempty"`
	Attachments []Attachment `json:"attachments,omitempty"`
}

// Button is an action the citizen can take with one tap. A button with a URL
// opens a link; otherwise pressing it sends Action back to the engine. A
// link may carry an Action too, for a client that cannot open links.
type Button struct {
	Label  string `json:"label"`
	Action string `json:"action,omitempty"`
	URL    string `json:"url,omitempty"`
}

// Handler is the conversation engine: one message in, the replies out. Every
// channel calls the same Handler.
type Handler interface {
	Handle(ctx context.Context, m Message) ([]Reply, error)
}

// Sender delivers replies to a chat on one channel, on the bot's own
// initiative (notifications, staff answers).
type Sender interface {
	Send(ctx context.Context, chatID string, replies []Reply) error
}
