package telegram

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	tg "github.com/go-telegram/bot"
)

// SendError is a failed send, classified for whoever retries it (the
// outbox): a permanent failure (the citizen blocked the bot, the chat is
// gone, Telegram refused the message) must not be retried; a throttled one
// may be retried after RetryAfter.
type SendError struct {
	Err   error
	Perm  bool
	After time.Duration
}

func (e *SendError) Error() string {
	switch {
	case e.Perm:
		return "telegram: permanent: " + e.Err.Error()
	case e.After > 0:
		return fmt.Sprintf("telegram: retry after %s: %v", e.After, e.Err)
	}
	return "telegram: " + e.Err.Error()
}

func (e *SendError) Unwrap() error { return e.Err }

// Permanent reports whether retrying cannot help.
func (e *SendError) Permanent() bool { return e.Perm }

// RetryAfter is how long Telegram asked to wait; 0 when it did not say.
func (e *SendError) RetryAfter() time.Duration { return e.After }

// IsPermanent reports whether err is a send failure that retrying cannot fix.
func IsPermanent(err error) bool {
	var se *SendError
	return errors.As(err, &se) && se.Perm
}

// RetryAfter returns the wait Telegram asked for in err, or 0.
func RetryAfter(err error) time.Duration {
	var se *SendError
	if errors.As(err, &se) {
		return se.After
	}
	return 0
}

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
