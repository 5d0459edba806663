// Package zalotest is a fake Zalo OA platform for tests: it serves the OA
// API (/v3.0/oa/message/cs) and the OAuth token endpoint
// (/v4/oa/access_token) speaking their JSON envelopes and error codes, and it
// signs webhook events the way Zalo does.
package zalotest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
)

// Error codes the fake answers with, as the real API does.
const (
	CodeTokenInvalid = -216
	CodeNotFollower  = -213
	CodeNoInteract   = -230
	CodeRateLimit    = -32
	CodeParamInvalid = -201
	CodeBadRefresh   = -14014
)

// Server is a fake Zalo platform on an httptest server; its URL serves as
// both ZALO_API_URL and ZALO_OAUTH_URL.
type Server struct {
	*httptest.Server
	AppID, AppSecret, OASecretKey string

	mu          sync.Mutex
	refreshGate chan struct{} // holds refreshes while set
	gen         int
	access      string
	refresh     string
	refreshes   int
	rejected    int // sends refused for a bad token
	sent        []Sent
	sentCh      chan Sent
	closed      map[string]int // user id → error code for every send
	failNext    []failure
}

type failure struct{ status, code int }

// Sent is a message the fake accepted.
type Sent struct {
	UserID    string
	MessageID string // the user's message replied to, if named
	Text      string
	Buttons   []Button
	Images    []string
	Token     string // the access token used
}

// Button is a button of a sent message; Payload is the query payload, or
// the URL / phone of a link button.
type Button struct{ Title, Type, Payload string }

// NewServer starts a fake with fixed app credentials and a first token pair.
func NewServer() *Server {
	s := &Server{AppID: "1234567890", AppSecret: "app-secret", OASecretKey: "oa-secret-key",
		closed: map[string]int{}, sentCh: make(chan Sent, 1000)}
	s.rotate()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v3.0/oa/message/cs", s.serveSend)
	mux.HandleFunc("POST /v4/oa/access_token", s.serveRefresh)
	s.Server = httptest.NewServer(mux)
	return s
}

// rotate issues a new token pair; the caller holds mu or is NewServer.
func (s *Server) rotate() {
	s.gen++
	s.access = fmt.Sprintf("access-%d", s.gen)
	s.refresh = fmt.Sprintf("refresh-%d", s.gen)
}

// HoldRefreshes makes token refreshes wait until release is called, so that
// a test can line up concurrent senders behind one refresh.
func (s *Server) HoldRefreshes() (release func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	gate := make(chan struct{})
	s.refreshGate = gate
	var once sync.Once
	return func() { once.Do(func() { close(gate) }) }
}

// ForceRefresh issues a new pair, as when the OA admin authorises the app
// again; the old refresh token stops working.
func (s *Server) ForceRefresh() (access string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rotate()
	return s.access, nil
}

// Tokens returns the valid pair.
func (s *Server) Tokens() (access, refresh string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.access, s.refresh
}

// Expire makes the current access token invalid, as when it expired; the
// refresh token stays valid.
func (s *Server) Expire() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.access = fmt.Sprintf("access-%d-expired-successor", s.gen)
}

// CloseWindow makes every send to user fail with code (-213 or -230).
func (s *Server) CloseWindow(user string, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed[user] = code
}

// FailNext makes the next send answer HTTP status (when not 200) or the
// error code in a 200 envelope.
func (s *Server) FailNext(status, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = append(s.failNext, failure{status, code})
}

// Refreshes counts successful token refreshes.
func (s *Server) Refreshes() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refreshes
}

// Rejected counts sends refused for a bad access token.
func (s *Server) Rejected() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rejected
}

// Sent returns the messages accepted so far.
func (s *Server) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Sent(nil), s.sent...)
}

// Next waits up to d for the next accepted message.
func (s *Server) Next(d time.Duration) (Sent, bool) {
	select {
	case m := <-s.sentCh:
		return m, true
	case <-time.After(d):
		return Sent{}, false
	}
}

// Sign returns the X-ZEvent-Signature header for an event body.
func (s *Server) Sign(body []byte, timestamp string) string {
	h := sha256.Sum256([]byte(s.AppID + string(body) + timestamp + s.OASecretKey))
	return "mac=" + hex.EncodeToString(h[:])
}

// Event builds a webhook event body and its signature header. For
// user_send_image, text is the caption and images their URLs.
func (s *Server) Event(name, user, msgID, text string, at time.Time, images ...string) (body []byte, sig string) {
	ts := strconv.FormatInt(at.UnixMilli(), 10)
	ev := map[string]any{"app_id": s.AppID, "event_name": name, "timestamp": ts,
		"user_id_by_app": "app-" + user, "sender": map[string]string{"id": user},
		"recipient": map[string]string{"id": "oa-1"}}
	switch name {
	case "follow", "unfollow":
		delete(ev, "sender")
		ev["follower"] = map[string]string{"id": user}
		ev["oa_id"] = "oa-1"
	default:
		msg := map[string]any{"msg_id": msgID, "text": text}
		var atts []any
		for _, u := range images {
			atts = append(atts, map[string]any{"type": "image", "payload": map[string]string{"url": u, "thumbnail": u}})
		}
		if atts != nil {
			msg["attachments"] = atts
		}
		ev["message"] = msg
	}
	body, _ = json.Marshal(ev)
	return body, s.Sign(body, ts)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// envelope is the API's answer.
func envelope(code int, msg string, data any) map[string]any {
	return map[string]any{"error": code, "message": msg, "data": data}
}

// validText reports whether a text fits a message.
func validText(t string) bool { return utf8.RuneCountInString(t) <= 2000 }
