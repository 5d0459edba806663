package zalo

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// replyWindow is how long after a user's message a reply naming it is free.
const replyWindow = 48 * time.Hour

// lastKey is the store key of a user's last message: "msgID unixMillis".
func lastKey(userID string) string { return "zalo:last:" + userID }

// recipient addresses a message: the user, and while the free window is
// open the message answered, so Zalo counts it as a reply.
type recipient struct {
	UserID    string `json:"user_id"`
	MessageID string `json:"message_id,omitempty"`
}

type sendRequest struct {
	Recipient recipient  `json:"recipient"`
	Message   outMessage `json:"message"`
}

// Send delivers replies to a Zalo user on the bot's own initiative
// (notifications, staff answers). Inside the 48-hour window it names the
// user's last message; when Zalo refuses because the window is closed the
// error is ErrWindowClosed, permanent.
func (b *Bot) Send(ctx context.Context, chatID string, replies []motcua.Reply) error {
	if chatID == "" {
		return motcua.Errorf(motcua.EINVALID, "zalo: send: no user id")
	}
	_, err := b.sendReplies(ctx, b.recipientFor(ctx, chatID), replies)
	return err
}

// recipientFor addresses a user, naming their last message when recent.
func (b *Bot) recipientFor(ctx context.Context, userID string) recipient {
	rc := recipient{UserID: userID}
	v, err := b.st.Value(ctx, lastKey(userID))
	if err != nil {
		return rc
	}
	id, ms, ok := strings.Cut(v, " ")
	t, perr := strconv.ParseInt(ms, 10, 64)
	if ok && perr == nil && b.now().Sub(time.UnixMilli(t)) < replyWindow {
		rc.MessageID = id
	}
	return rc
}

// remember records a user's message, which opens the free window.
func (b *Bot) remember(ctx context.Context, m motcua.Message) {
	if m.ID == "" {
		return
	}
	at := m.At
	if at.IsZero() {
		at = b.now()
	}
	if err := b.st.SetValue(ctx, lastKey(m.ChatID), m.ID+" "+strconv.FormatInt(at.UnixMilli(), 10)); err != nil {
		b.log.Warn("zalo: record last message", "err", err)
	}
}

// sendReplies sends each reply in order and reports how many went out
// whole before an error.
func (b *Bot) sendReplies(ctx context.Context, rc recipient, replies []motcua.Reply) (int, error) {
	for i, r := range replies {
		for _, m := range render(r) {
			if _, err := b.call(ctx, sendPath, sendRequest{Recipient: rc, Message: m}); err != nil {
				return i, err
			}
		}
	}
	return len(replies), nil
}
