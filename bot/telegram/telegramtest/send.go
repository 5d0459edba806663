package telegramtest

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"strconv"
	"time"
	"unicode/utf16"

	"golang.org/x/time/rate"
)

// Limits the fake enforces once Enforce is called, as token buckets:
// Telegram's 30 messages a second overall and 1 a second in one chat, each
// with a short burst tolerated (Telegram's own words: "short bursts that go
// over this limit"), which also absorbs the scheduling jitter of a loaded
// test machine.
const (
	GlobalRate  = 30
	GlobalBurst = 15
	ChatRate    = 1
	ChatBurst   = 4
)

// MaxText is the longest message text Telegram takes, in UTF-16 units.
const MaxText = 4096

// Throttle makes the next n sends to chat answer 429 with retry_after
// seconds (0 means 1).
func (s *Server) Throttle(chat int64, n, retryAfter int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.throttle[chat] = n
	s.wait429 = retryAfter
}

// Forbid makes sends to chat answer 403, as when the user blocked the bot.
func (s *Server) Forbid(chat int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.forbidden[chat] = true
}

// Conflict makes every getUpdates answer 409, as when another instance
// polls or a webhook is set.
func (s *Server) Conflict() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.conflict = true
}

// Enforce makes the fake apply Telegram's rate limits and answer 429 to
// sends above them.
func (s *Server) Enforce() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.enforce = true
}

// Hold makes the fake never answer the sends for which hold reports true,
// until the caller gives up: a crash in the middle of a send.
func (s *Server) Hold(hold func(Sent) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hold = hold
}

func (s *Server) send(w http.ResponseWriter, r *http.Request, method string, p map[string]string) {
	chat, err := strconv.ParseInt(p["chat_id"], 10, 64)
	if err != nil {
		reply(w, 400, nil, "Bad Request: chat not found", 0)
		return
	}
	m := Sent{Method: method, Chat: chat, Text: p["text"] + p["caption"], ParseMode: p["parse_mode"],
		Markup: p["reply_markup"], File: p["photo"] + p["document"], At: time.Now()}
	s.mu.Lock()
	hold := s.hold
	s.mu.Unlock()
	if hold != nil && hold(m) {
		// Until the body is read to its end the server cannot notice that
		// the caller went away.
		_, _ = io.Copy(io.Discard, r.Body)
		<-r.Context().Done()
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.forbidden[chat]:
		reply(w, 403, nil, "Forbidden: bot was blocked by the user", 0)
		return
	case s.throttle[chat] > 0:
		s.throttle[chat]--
		s.too(w, max(s.wait429, 1))
		return
	case s.enforce && s.overLimit(m):
		s.too(w, 1)
		return
	}
	if textLength(m) > MaxText {
		reply(w, 400, nil, "Bad Request: message is too long", 0)
		return
	}
	s.sent = append(s.sent, m)
	s.signal()
	reply(w, 200, map[string]any{"message_id": len(s.sent), "date": time.Now().Unix(),
		"chat": map[string]any{"id": chat, "type": "private"}, "text": m.Text}, "", 0)
}

// too answers 429 and counts it; call with s.mu held.
func (s *Server) too(w http.ResponseWriter, after int) {
	s.n429++
	s.signal()
	reply(w, 429, nil, fmt.Sprintf("Too Many Requests: retry after %d", after), after)
}

// textLength is the length Telegram checks: UTF-16 units after entities
// are parsed.
func textLength(m Sent) int {
	text := m.Text
	if m.ParseMode == "HTML" {
		text = html.UnescapeString(text)
	}
	return len(utf16.Encode([]rune(text)))
}

// overLimit reports whether m breaks a limit, and takes its tokens if not;
// call with s.mu held.
func (s *Server) overLimit(m Sent) bool {
	if s.global == nil {
		s.global = rate.NewLimiter(GlobalRate, GlobalBurst)
		s.perChat = map[int64]*rate.Limiter{}
	}
	c, ok := s.perChat[m.Chat]
	if !ok {
		c = rate.NewLimiter(ChatRate, ChatBurst)
		s.perChat[m.Chat] = c
	}
	now := time.Now()
	if c.TokensAt(now) < 1 || s.global.TokensAt(now) < 1 {
		return true
	}
	c.AllowN(now, 1)
	s.global.AllowN(now, 1)
	return false
}
