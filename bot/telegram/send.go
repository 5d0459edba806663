package telegram

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot"
	"github.com/motcua/motcua/split"
)

// Retry policy of one Bot API call.
const (
	maxAttempts   = 5                // per call, 429s and 5xx together
	maxInlineWait = 30 * time.Second // a longer retry_after goes back to the caller
)

// Send delivers replies to a Telegram chat on the bot's own initiative
// (notifications from the outbox). It goes through the same pacer and the
// same per-chat order as the replies to citizens' messages. Failures are
// marked for the outbox dispatcher: bot.Permanent when no retry can help
// (the citizen blocked the bot), bot.RetryAfter when Telegram asked for a
// wait longer than a send may block.
func (b *Bot) Send(ctx context.Context, chatID string, replies []motcua.Reply) error {
	chat, err := strconv.ParseInt(chatID, 10, 64)
	if err != nil {
		return bot.Permanent(motcua.Errorf(motcua.EINVALID, "telegram: bad chat id %q", chatID))
	}
	return b.sendReplies(ctx, chat, replies, 0, nil)
}

// sendReplies sends replies[from:] in order, holding the chat's lock so that
// nothing else is sent to the chat in between; sent(n) records that the
// first n replies are out.
func (b *Bot) sendReplies(ctx context.Context, chat int64, replies []motcua.Reply, from int, sent func(n int) error) error {
	unlock := b.chats.lock(chat)
	defer unlock()
	for i := from; i < len(replies); i++ {
		if err := b.sendReply(ctx, chat, replies[i]); err != nil {
			return err
		}
		if sent != nil {
			if err := sent(i + 1); err != nil {
				return err
			}
		}
	}
	return nil
}

// sendReply sends one reply: its images and files, then its text (split when
// long) with the buttons under the last part.
func (b *Bot) sendReply(ctx context.Context, chat int64, r motcua.Reply) error {
	for _, a := range r.Attachments {
		if err := b.sendAttachment(ctx, chat, a); err != nil {
			return err
		}
	}
	markup, err := b.keyboard(ctx, r.Buttons)
	if err != nil {
		return err
	}
	parts := split.Text(r.Text, maxTextRunes)
	if len(parts) == 0 && markup != nil {
		parts = []string{"Mời bạn chọn:"} // Telegram refuses buttons without text
	}
	for i, p := range parts {
		var kb *inlineKeyboard
		if i == len(parts)-1 {
			kb = markup
		}
		if err := b.sendText(ctx, chat, p, kb); err != nil {
			return err
		}
	}
	return nil
}

func (b *Bot) sendText(ctx context.Context, chat int64, text string, kb *inlineKeyboard) error {
	p := &tg.SendMessageParams{
		ChatID:             chat,
		Text:               htmlEscaper.Replace(text),
		ParseMode:          models.ParseModeHTML,
		LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tg.True()},
	}
	if kb != nil {
		p.ReplyMarkup = kb
	}
	err := b.call(ctx, chat, func(ctx context.Context) error {
		_, err := b.api.SendMessage(ctx, p)
		return err
	})
	if err != nil && errors.Is(err, tg.ErrorBadRequest) && strings.Contains(err.Error(), "parse entities") {
		// Should the escaping ever miss a case, plain text still arrives.
		p.Text, p.ParseMode = text, ""
		err = b.call(ctx, chat, func(ctx context.Context) error {
			_, err := b.api.SendMessage(ctx, p)
			return err
		})
	}
	return err
}

func (b *Bot) sendAttachment(ctx context.Context, chat int64, a motcua.Attachment) error {
	ref := a.ChannelRef
	if ref == "" {
		ref = a.URL
	}
	if ref == "" {
		return nil
	}
	file := &models.InputFileString{Data: ref}
	return b.call(ctx, chat, func(ctx context.Context) error {
		var err error
		if a.Kind == "image" {
			_, err = b.api.SendPhoto(ctx, &tg.SendPhotoParams{ChatID: chat, Photo: file})
		} else {
			_, err = b.api.SendDocument(ctx, &tg.SendDocumentParams{ChatID: chat, Document: file})
		}
		return err
	})
}

// call makes one Bot API call to chat through the pacer, waiting out a 429's
// retry_after and backing off after a server or network error. Errors that a
// retry cannot fix come back at once, marked bot.Permanent.
func (b *Bot) call(ctx context.Context, chat int64, f func(context.Context) error) error {
	backoff := time.Duration(0)
	for attempt := 1; ; attempt++ {
		if err := b.pace.wait(ctx, chat); err != nil {
			return err
		}
		err := f(ctx)
		var tmr *tg.TooManyRequestsError
		switch {
		case err == nil:
			return nil
		case ctx.Err() != nil:
			return ctx.Err()
		case permanent(err):
			return bot.Permanent(fmt.Errorf("telegram: %w", redact(err, b.cfg.Token)))
		case errors.As(err, &tmr):
			after := max(time.Duration(tmr.RetryAfter)*time.Second, time.Second)
			b.log.Warn("telegram: throttled", "retry_after", after)
			if after > maxInlineWait || attempt >= maxAttempts {
				return bot.RetryAfter(fmt.Errorf("telegram: %w", err), after)
			}
			backoff = after
		default:
			if attempt >= maxAttempts {
				return fmt.Errorf("telegram: %w", redact(err, b.cfg.Token))
			}
			backoff = nextBackoff(backoff)
		}
		if !wait(ctx, backoff) {
			return ctx.Err()
		}
	}
}
