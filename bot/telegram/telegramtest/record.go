package telegramtest

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// waitLimit bounds every wait, so that a stuck test fails rather than
// hangs.
const waitLimit = 30 * time.Second

// WaitFor waits until cond holds, or fails the test. cond is checked
// again on every change to the server's state, without the server's lock
// held, so it may call the methods below.
func (s *Server) WaitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(waitLimit)
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if cond() {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// WaitMessages waits until n messages were sent and returns them all.
func (s *Server) WaitMessages(t testing.TB, n int) []Sent {
	t.Helper()
	s.WaitFor(t, fmt.Sprintf("%d sent messages", n), func() bool { return len(s.Messages()) >= n })
	return s.Messages()
}

// Next waits up to d for the next sent message Next has not handed out
// yet.
func (s *Server) Next(d time.Duration) (Sent, bool) {
	timeout := time.After(d)
	for {
		s.mu.Lock()
		ch := s.changed
		if s.read < len(s.sent) {
			m := s.sent[s.read]
			s.read++
			s.mu.Unlock()
			return m, true
		}
		s.mu.Unlock()
		select {
		case <-ch:
		case <-timeout:
			return Sent{}, false
		}
	}
}

// Messages returns every message sent so far, in order.
func (s *Server) Messages() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Sent(nil), s.sent...)
}

// MessagesTo returns the messages sent to chat so far, in order.
func (s *Server) MessagesTo(chat int64) []Sent {
	var out []Sent
	for _, m := range s.Messages() {
		if m.Chat == chat {
			out = append(out, m)
		}
	}
	return out
}

// Count429 counts the 429 answers given so far.
func (s *Server) Count429() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n429
}

// Polls counts getUpdates calls.
func (s *Server) Polls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.polls
}

// Callbacks returns the query ids of the answerCallbackQuery calls, in
// order.
func (s *Server) Callbacks() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.callbacks...)
}

// CallbackCount counts answerCallbackQuery calls for one query id.
func (s *Server) CallbackCount(id string) int {
	n := 0
	for _, c := range s.Callbacks() {
		if c == id {
			n++
		}
	}
	return n
}

// Webhooks returns the parameters of every setWebhook call, in order.
func (s *Server) Webhooks() []map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]map[string]string(nil), s.webhooks...)
}

// Webhook returns the last setWebhook parameters, or nil before the bot
// registered.
func (s *Server) Webhook() map[string]string {
	hooks := s.Webhooks()
	if len(hooks) == 0 {
		return nil
	}
	return hooks[len(hooks)-1]
}

// Button is one inline keyboard button.
type Button struct {
	Text string `json:"text"`
	Data string `json:"callback_data"`
}

// Buttons returns the inline buttons of m, row by row.
func (m Sent) Buttons() []Button {
	var kb struct {
		Rows [][]Button `json:"inline_keyboard"`
	}
	_ = json.Unmarshal([]byte(m.Markup), &kb)
	var out []Button
	for _, row := range kb.Rows {
		out = append(out, row...)
	}
	return out
}

// Callbacks returns the callback data of the inline buttons of m, by
// button text.
func (m Sent) Callbacks() map[string]string {
	out := map[string]string{}
	for _, b := range m.Buttons() {
		if b.Data != "" {
			out[b.Text] = b.Data
		}
	}
	return out
}
