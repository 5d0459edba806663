package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/pii"
)

// Input limits.
const (
	// maxBody bounds a request body: 4,000 characters of up to 4 bytes each,
	// JSON escapes, and the other fields.
	maxBody         = 64 << 10
	minSessionLen   = 16
	maxSessionLen   = 128
	maxActionLen    = 1024
	maxMessageIDLen = 64
)

// chatRequest is the body of POST /api/chat.
type chatRequest struct {
	SessionID string `json:"session_id"`
	Text      string `json:"text"`
	Action    string `json:"action"`
	// MessageID, optional, is chosen by the page for each message and sent
	// again when it retries, so that the engine can ignore the duplicate.
	MessageID string `json:"message_id"`
}

// chatResponse is the answer of POST /api/chat.
type chatResponse struct {
	Messages []motcua.Reply `json:"messages"`
}

// errorResponse is the answer to a request that cannot be served.
type errorResponse struct {
	Error string `json:"error"`
}

// requestError is a bad request with the sentence a citizen reads.
type requestError struct{ msg string }

func (e *requestError) Error() string { return e.msg }

func (s *Server) serveChat(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	addr := s.clientAddr(r)
	if s.limited(w, s.chatAddr, addr, addr == "", now) {
		return
	}
	req, err := decodeChat(w, r)
	if err != nil {
		s.stats.refused.Add(1)
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if s.limited(w, s.chatSession, req.SessionID, addr == "", now) {
		return
	}
	replies, err := s.turn(r, req, now)
	if err != nil {
		s.log.Error("web chat turn failed", "code", motcua.ErrorCode(err), "err", pii.Mask(err.Error()))
		s.stats.failed.Add(1)
		writeError(w, http.StatusInternalServerError, msgInternal)
		return
	}
	s.stats.turns.Add(1)
	if replies == nil {
		replies = []motcua.Reply{}
	}
	writeJSON(w, http.StatusOK, chatResponse{Messages: replies})
}

// turn runs one turn of the engine, one at a time per session, and turns a
// panic in the engine into an error so the citizen still gets an answer.
func (s *Server) turn(r *http.Request, req chatRequest, now time.Time) (replies []motcua.Reply, err error) {
	unlock := s.turns.lock(req.SessionID)
	defer unlock()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("web: engine panic: %v", p)
		}
	}()
	ctx, cancel := s.turnContext(r)
	defer cancel()
	return s.handler.Handle(ctx, motcua.Message{
		Channel: motcua.ChannelWeb,
		ChatID:  req.SessionID,
		ID:      req.MessageID,
		Text:    req.Text,
		Action:  req.Action,
		At:      now,
	})
}

// decodeChat reads and checks the body of POST /api/chat.
func decodeChat(w http.ResponseWriter, r *http.Request) (chatRequest, error) {
	var req chatRequest
	body := http.MaxBytesReader(w, r.Body, maxBody)
	if err := json.NewDecoder(body).Decode(&req); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return req, &requestError{msgTooLong}
		}
		return req, &requestError{msgBadRequest}
	}
	return req, req.check()
}

// check validates a request and cleans its text of hidden characters.
func (req *chatRequest) check() error {
	if !validSession(req.SessionID) {
		return &requestError{msgSession}
	}
	if len(req.MessageID) > maxMessageIDLen || len(req.Action) > maxActionLen {
		return &requestError{msgBadRequest}
	}
	if utf8.RuneCountInString(req.Text) > motcua.MaxMessageRunes {
		return &requestError{msgTooLong}
	}
	req.Text = strings.TrimSpace(pii.StripHidden(req.Text))
	req.Action = strings.TrimSpace(pii.StripHidden(req.Action))
	if req.Text == "" && req.Action == "" {
		return &requestError{msgEmpty}
	}
	return nil
}

// validSession accepts the page's random secret: 16 to 128 visible ASCII
// characters, so that it is safe to use as a key and in logs of lengths.
func validSession(id string) bool {
	if len(id) < minSessionLen || len(id) > maxSessionLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] <= ' ' || id[i] > '~' {
			return false
		}
	}
	return true
}

// writeJSON writes v as the JSON answer with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError writes {"error": msg} with status.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, errorResponse{Error: msg})
}
