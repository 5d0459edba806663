package admin

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/motcua/motcua"
)

// Body size limits: a JSON request is a few fields; a CSV import may hold
// tens of thousands of rows.
const (
	maxJSONBody = 64 << 10
	maxCSVBody  = 32 << 20
)

// errorBody is every error answer of the API.
type errorBody struct {
	Error string `json:"error"`
}

// httpStatus maps a domain error code to an HTTP status, in one place.
func httpStatus(code string) int {
	switch code {
	case motcua.EINVALID:
		return http.StatusBadRequest
	case motcua.EUNAUTH:
		return http.StatusUnauthorized
	case motcua.ENOTFOUND:
		return http.StatusNotFound
	case motcua.ECONFLICT:
		return http.StatusConflict
	case motcua.ETHROTTLED:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// writeError answers with the status for err and its message; internal
// errors get a generic message, their detail goes to the log instead.
func writeError(w http.ResponseWriter, err error) {
	code := motcua.ErrorCode(err)
	msg := motcua.ErrorMessage(err)
	if code == motcua.EINTERNAL {
		msg = "lỗi hệ thống, vui lòng thử lại sau"
	}
	writeJSON(w, httpStatus(code), errorBody{Error: msg})
}

// fail logs an internal error (detail only; callers never pass personal
// data into errors) and answers it.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, op string, err error) {
	if motcua.ErrorCode(err) == motcua.EINTERNAL {
		s.log.ErrorContext(r.Context(), "admin request failed", "op", op, "err", err)
	}
	writeError(w, err)
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// decodeJSON reads a JSON body into v, refusing unknown fields (a typo in a
// field name must not silently drop a value), trailing data and bodies over
// the limit.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxJSONBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return motcua.Errorf(motcua.EINVALID, "nội dung quá lớn (tối đa %d byte)", maxJSONBody)
		}
		return motcua.Errorf(motcua.EINVALID, "JSON không hợp lệ: %v", err)
	}
	if dec.More() {
		return motcua.Errorf(motcua.EINVALID, "JSON không hợp lệ: có dữ liệu thừa sau đối tượng")
	}
	return nil
}
