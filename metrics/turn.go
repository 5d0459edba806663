package metrics

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/motcua/motcua"
)

// Tally keeps daily counts for the centre's reports; the store implements
// it. Names are like "question:answered", "field:Hộ tịch", "lookup:found".
type Tally interface {
	AddDailyCounts(ctx context.Context, at time.Time, names []string) error
}

// note is what the layers under the handler learn about one turn: the
// searcher its outcome and field, a flow its intent and outcome.
type note struct {
	mu      sync.Mutex
	intent  string
	outcome string
	field   string
	lookup  string
}

type noteKey struct{}

func noteOf(ctx context.Context) *note {
	n, _ := ctx.Value(noteKey{}).(*note)
	return n
}

// Annotate tells the turn in ctx its intent and outcome, for the log line
// and the turn counter; a flow calls it ("complaint", "submitted"). Empty
// values are left as they were. Outside a turn it does nothing.
func Annotate(ctx context.Context, intent, outcome string) {
	n := noteOf(ctx)
	if n == nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if intent != "" {
		n.intent = intent
	}
	if outcome != "" {
		n.outcome = outcome
	}
}

// handler decorates a motcua.Handler with counters and a log line per turn.
type handler struct {
	next  motcua.Handler
	m     *Metrics
	log   *slog.Logger
	tally Tally
	now   func() time.Time
	key   []byte // keys the chat hash, so that a hash cannot be reversed by trying ids
}

// WrapHandler returns h counting every turn, writing one log line per turn
// (channel, hashed chat, intent, outcome, latency; never text) to log, and
// adding the turn to tally's daily counts when tally is not nil.
func (m *Metrics) WrapHandler(h motcua.Handler, log *slog.Logger, tally Tally) motcua.Handler {
	key := make([]byte, 16)
	rand.Read(key)
	return &handler{next: h, m: m, log: log, tally: tally, now: time.Now, key: key}
}

// Handle answers the message through the wrapped handler and records the turn.
func (h *handler) Handle(ctx context.Context, msg motcua.Message) ([]motcua.Reply, error) {
	n := &note{}
	ctx = context.WithValue(ctx, noteKey{}, n)
	start := h.now()
	replies, err := h.next.Handle(ctx, msg)
	d := h.now().Sub(start)

	n.mu.Lock()
	intent, outcome, field, lookup := n.intent, n.outcome, n.field, n.lookup
	n.mu.Unlock()
	if intent == "" {
		intent = intentOf(msg)
	}
	switch {
	case err != nil:
		outcome = "error"
	case outcome == "":
		outcome = "ok"
	}
	ch, intent, outcome := label(msg.Channel), label(intent), label(outcome)
	h.m.messages.WithLabelValues(ch).Inc()
	h.m.replies.WithLabelValues(ch).Add(float64(len(replies)))
	h.m.turns.WithLabelValues(ch, intent, outcome).Inc()
	h.m.latency.WithLabelValues(ch).Observe(d.Seconds())
	level := slog.LevelInfo
	if err != nil {
		level = slog.LevelError
	}
	h.log.LogAttrs(ctx, level, "turn", slog.String("channel", ch), slog.String("chat", h.chatHash(msg.ChatID)),
		slog.String("intent", intent), slog.String("outcome", outcome),
		slog.Int64("ms", d.Milliseconds()), slog.Int("replies", len(replies)))
	h.addDaily(ctx, start, ch, intent, outcome, field, lookup, err)
	return replies, err
}

// addDaily counts the turn for the centre's reports.
func (h *handler) addDaily(ctx context.Context, at time.Time, ch, intent, outcome, field, lookup string, err error) {
	if h.tally == nil || err != nil {
		return
	}
	names := []string{"message:" + ch}
	if intent == "question" {
		names = append(names, "question:"+outcome)
	}
	if field != "" {
		names = append(names, "field:"+field)
	}
	if lookup != "" {
		names = append(names, "lookup:"+lookup)
	}
	if err := h.tally.AddDailyCounts(context.WithoutCancel(ctx), at, names); err != nil {
		h.log.Warn("daily counts", "err", err)
	}
}

// chatHash names a chat in logs: 8 hex digits of a keyed hash, enough to
// follow one conversation through the log, useless to find the citizen.
func (h *handler) chatHash(chatID string) string {
	mac := hmac.New(sha256.New, h.key)
	mac.Write([]byte(chatID))
	return hex.EncodeToString(mac.Sum(nil)[:4])
}

// intentOf names a turn from the message alone, when no layer below said
// better: a flow's name for its buttons, a button's verb, or typed text.
func intentOf(m motcua.Message) string {
	if m.Action == "" {
		return "text"
	}
	verb, rest, _ := strings.Cut(m.Action, ":")
	switch verb {
	case "f":
		name, _, _ := strings.Cut(rest, ":")
		return name
	case "p", "docs", "steps", "fee", "time", "where", "online":
		return "procedure"
	case "menu", "info", "help":
		return verb
	}
	return "action"
}
