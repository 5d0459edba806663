package bot

import (
	"io"
	"net/http"
)

// AllowPost answers 405 to any method but POST and reports whether the
// request may go on: webhooks take only POST.
func AllowPost(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodPost {
		return true
	}
	w.Header().Set("Allow", http.MethodPost)
	http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	return false
}

// ReadBody reads a webhook body of at most max bytes. A longer or broken
// body is answered with 413 and ok is false; real updates are a few
// kilobytes, so a larger one is not worth reading.
func ReadBody(w http.ResponseWriter, r *http.Request, max int64) (body []byte, ok bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
	if err != nil {
		http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
		return nil, false
	}
	return body, true
}
