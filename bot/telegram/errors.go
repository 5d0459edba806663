package telegram

import (
	"errors"
	"net/url"
	"strings"

	tg "github.com/go-telegram/bot"
)

// permanent reports whether a Bot API error is one that repeating the same
// request cannot fix: 400 (bad request, chat not found), 401, 403 (the
// citizen blocked the bot), 404, or a group that became a supergroup.
func permanent(err error) bool {
	var mig *tg.MigrateError
	return errors.Is(err, tg.ErrorForbidden) || errors.Is(err, tg.ErrorBadRequest) ||
		errors.Is(err, tg.ErrorUnauthorized) || errors.Is(err, tg.ErrorNotFound) ||
		errors.As(err, &mig)
}

// redact removes the bot token from a transport error, whose URL holds it.
func redact(err error, token string) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = strings.ReplaceAll(ue.URL, token, "***")
	}
	return err
}
