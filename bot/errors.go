package bot

import (
	"errors"
	"time"

	"github.com/motcua/motcua"
)

// permanentError marks a failure that retrying cannot heal.
type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// Permanent marks err as a failure that retrying cannot heal (a blocked bot,
// an unknown chat, a malformed message): the dispatcher gives the message up
// at once. Permanent(nil) is nil.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &permanentError{err: err}
}

// IsPermanent reports whether err is marked Permanent or is a domain error
// of kind EINVALID or ENOTFOUND, which no retry changes.
func IsPermanent(err error) bool {
	var p *permanentError
	if errors.As(err, &p) {
		return true
	}
	var e *motcua.Error
	if errors.As(err, &e) {
		return e.Code == motcua.EINVALID || e.Code == motcua.ENOTFOUND
	}
	return false
}

// retryAfterError carries the wait a platform asked for.
type retryAfterError struct {
	err  error
	wait time.Duration
}

func (e *retryAfterError) Error() string { return e.err.Error() }
func (e *retryAfterError) Unwrap() error { return e.err }

// RetryAfter marks err as a throttle: the platform asked to wait at least
// wait before trying again (Telegram's 429 retry_after). The dispatcher
// waits that long instead of its own back-off. RetryAfter(nil, d) is nil.
func RetryAfter(err error, wait time.Duration) error {
	if err == nil {
		return nil
	}
	return &retryAfterError{err: err, wait: wait}
}

// RetryAfterOf returns the wait carried by err, if any.
func RetryAfterOf(err error) (time.Duration, bool) {
	var r *retryAfterError
	if errors.As(err, &r) {
		return r.wait, true
	}
	return 0, false
}
