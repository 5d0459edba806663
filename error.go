package motcua

import (
	"errors"
	"fmt"
)

// Error codes shared by every part of motcua. Edges map them once: to an HTTP
// status in the admin API, to a polite sentence in the conversation.
const (
	ECONFLICT  = "conflict"  // the action cannot be performed now
	EINTERNAL  = "internal"  // a failure inside motcua or a dependency
	EINVALID   = "invalid"   // bad input
	ENOTFOUND  = "not_found" // the entity does not exist
	ETHROTTLED = "throttled" // too many attempts
	EUNAUTH    = "unauthorized"
)

// Error is a domain error: a code for programs and a message for people.
type Error struct {
	Code    string
	Message string
}

// Error gives the code and the message, for logs.
func (e *Error) Error() string {
	return fmt.Sprintf("motcua error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns a domain error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first domain error in err's chain,
// EINTERNAL for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the human message of a domain error, or a generic one.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
