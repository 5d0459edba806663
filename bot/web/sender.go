package web

import (
	"context"
	"fmt"

	"github.com/motcua/motcua"
)

// Sender delivers what the bot sends a web session on its own initiative by
// posting it to the session's mailbox; the chat id is the session id.
type Sender struct {
	Mailbox motcua.WebMailbox
}

var _ motcua.Sender = (*Sender)(nil)

// Send posts each reply to the mailbox of session chatID, in order.
func (s *Sender) Send(ctx context.Context, chatID string, replies []motcua.Reply) error {
	if !validSession(chatID) {
		return motcua.Errorf(motcua.EINVALID, "web: send: not a web session id")
	}
	for _, r := range replies {
		if err := s.Mailbox.PostWebMessage(ctx, chatID, r); err != nil {
			return fmt.Errorf("web: send: %w", err)
		}
	}
	return nil
}
