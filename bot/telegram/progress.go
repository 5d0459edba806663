package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	tg "github.com/go-telegram/bot"

	"github.com/motcua/motcua"
)

// progress is how far the replies to a chat's latest update have gone out.
// The engine's replies are kept until all are sent, so that an update
// handled again after a crash resends only what is missing, and the engine
// is not asked twice.
type progress struct {
	Update  string         `json:"update"` // update_id
	Replies []motcua.Reply `json:"replies,omitempty"`
	Sent    int            `json:"sent"`
}

func progressKey(chat int64) string { return "telegram:progress:" + strconv.FormatInt(chat, 10) }

func (b *Bot) progress(ctx context.Context, chat int64) (progress, error) {
	var p progress
	v, err := b.st.Value(ctx, progressKey(chat))
	switch motcua.ErrorCode(err) {
	case "":
	case motcua.ENOTFOUND:
		return p, nil
	default:
		return p, fmt.Errorf("telegram: read progress: %w", err)
	}
	if v == "" {
		return p, nil
	}
	if err := json.Unmarshal([]byte(v), &p); err != nil {
		// A damaged record must not block the chat: start afresh.
		b.log.Warn("telegram: damaged progress record", "err", err)
		return progress{}, nil
	}
	return p, nil
}

func (b *Bot) saveProgress(ctx context.Context, chat int64, p progress) error {
	v, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("telegram: encode progress: %w", err)
	}
	if err := b.st.SetValue(ctx, progressKey(chat), string(v)); err != nil {
		return fmt.Errorf("telegram: save progress: %w", err)
	}
	return nil
}

// answerCallback stops the spinner on a pressed button. It is best effort:
// a query answered once already, or too old, is refused, and that is fine.
func (b *Bot) answerCallback(ctx context.Context, id string) {
	if _, err := b.api.AnswerCallbackQuery(ctx, &tg.AnswerCallbackQueryParams{CallbackQueryID: id}); err != nil {
		b.log.Debug("telegram: answerCallbackQuery", "err", redact(err, b.cfg.Token))
	}
}
