package zalo

import (
	"errors"
	"fmt"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot"
)

// Error codes of the OA API that change what the channel does. Zalo answers
// HTTP 200 with a non-zero "error" field for most failures.
const (
	codeTokenInvalid = -216 // access token invalid (also what an expired one gives)
	codeTokenExpired = -124 // access token expired
	codeNotFollower  = -213 // the user does not follow the OA / cannot be reached
	codeNoInteract   = -230 // no interaction from the user within the allowed window
	codeRateLimit    = -32  // the app exceeded its rate limit
)

// ErrWindowClosed is returned by Send when Zalo refuses a message because
// the user has not written to the OA recently enough (errors −213, −230).
// It is permanent: retrying does not help until the citizen writes again,
// so the message is kept and staff see it was not delivered.
var ErrWindowClosed = motcua.Errorf(motcua.EINVALID, "zalo: the user's interaction window is closed")

// APIError is a failure the OA API reported in its JSON envelope.
type APIError struct {
	Code    int
	Message string
}

// Error gives the code and the message the OA API returned.
func (e *APIError) Error() string {
	return fmt.Sprintf("zalo: api error %d: %s", e.Code, e.Message)
}

// classify turns an API error into what the delivery loop acts on
// (bot.Permanent, bot.RetryAfter): ErrWindowClosed and other permanent
// errors, rate limits with a delay, the rest transient.
func classify(e *APIError) error {
	switch {
	case e.Code == codeNotFollower || e.Code == codeNoInteract:
		return bot.Permanent(fmt.Errorf("%w (%d)", ErrWindowClosed, e.Code))
	case e.Code == codeRateLimit:
		return bot.RetryAfter(fmt.Errorf("%w: %w", motcua.Errorf(motcua.ETHROTTLED, "zalo: rate limited"), e), time.Minute)
	case e.Code <= -200 && e.Code > -300:
		// -2xx are about the request itself (parameters, permissions,
		// message too long): the same request will fail again.
		return bot.Permanent(fmt.Errorf("%w: %w", motcua.Errorf(motcua.EINVALID, "zalo: message refused"), e))
	}
	return fmt.Errorf("%w: %w", motcua.Errorf(motcua.EINTERNAL, "zalo: api failure"), e)
}

// isTokenError reports whether the API refused the access token.
func isTokenError(err error) bool {
	var e *APIError
	return errors.As(err, &e) && (e.Code == codeTokenInvalid || e.Code == codeTokenExpired)
}
