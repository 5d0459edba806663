package telegram

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strconv"

	tg "github.com/go-telegram/bot"

	"github.com/motcua/motcua/bot"
)

// WebhookPath is where the webhook handler is mounted.
const WebhookPath = "/telegram/webhook"

// maxUpdateBytes bounds one webhook body; real updates are a few kilobytes.
const maxUpdateBytes = 1 << 20

// WebhookHandler returns the handler for POST /telegram/webhook. It answers
// 401 to a missing or wrong X-Telegram-Bot-Api-Secret-Token and 200 only
// once the update is in the inbox; on a store failure it answers 500, and
// Telegram delivers the update again. The library's own webhook handler
// answers 200 before anything is stored and only logs a bad secret.
func (b *Bot) WebhookHandler() http.Handler {
	return http.HandlerFunc(b.serveWebhook)
}

func (b *Bot) serveWebhook(w http.ResponseWriter, r *http.Request) {
	if !bot.AllowPost(w, r) {
		return
	}
	got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
	if subtle.ConstantTimeCompare([]byte(got), []byte(b.secret)) != 1 {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	raw, ok := bot.ReadBody(w, r, maxUpdateBytes)
	if !ok {
		return
	}
	id, err := updateID(raw)
	if err != nil {
		// Telegram would resend a malformed update forever on an error;
		// acknowledge it and drop it.
		b.log.Warn("telegram: webhook body without update_id")
		w.WriteHeader(http.StatusOK)
		return
	}
	if _, err := b.st.PutInbox(r.Context(), Channel, strconv.FormatInt(id, 10), raw); err != nil {
		b.log.Error("telegram: webhook put", "update_id", id, "err", err)
		http.Error(w, "try again", http.StatusInternalServerError)
		return
	}
	b.notify()
	w.WriteHeader(http.StatusOK)
}

// registerWebhook points Telegram at WebhookURL with the secret and the
// update kinds the bot handles.
func (b *Bot) registerWebhook(ctx context.Context) error {
	_, err := b.api.SetWebhook(ctx, &tg.SetWebhookParams{
		URL:            b.cfg.WebhookURL,
		SecretToken:    b.secret,
		AllowedUpdates: allowedUpdates,
	})
	return err
}
