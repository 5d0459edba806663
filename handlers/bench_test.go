package handlers

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// benchTurns sends msgs round robin, each b.N iteration in a new
// conversation every len(msgs) turns.
func benchTurns(b *testing.B, e *Engine, msgs []motcua.Message) {
	b.Helper()
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := msgs[i%len(msgs)]
		m.Channel, m.ChatID = motcua.ChannelWeb, "bench-"+strconv.Itoa(i/len(msgs))
		if _, err := e.Handle(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
}

var benchConversation = []motcua.Message{
	{Text: "lam giay khai sinh cho con"},
	{Text: "phí bao nhiêu"},
	{Action: "docs:1.001193"},
	{Text: "cảm ơn"},
}

// BenchmarkTurnMemory is the engine alone: a fake search, state in memory.
func BenchmarkTurnMemory(b *testing.B) {
	h := newHarness(&testing.T{}, nil)
	benchTurns(b, h.e, benchConversation)
}

// BenchmarkTurnSQLite keeps state and turns in a real SQLite store.
func BenchmarkTurnSQLite(b *testing.B) {
	db, err := store.Open(context.Background(), "sqlite:"+filepath.Join(b.TempDir(), "motcua.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	h := newHarness(&testing.T{}, func(c *Config) { c.Conversations, c.Turns, c.Unanswered = db, db, db })
	benchTurns(b, h.e, benchConversation)
}

// BenchmarkTurnRealSearch is a turn on the built-in knowledge base and its
// search (state in memory): the question turns pay for the search.
func BenchmarkTurnRealSearch(b *testing.B) {
	h := newHarness(&testing.T{}, withRealSearch(b))
	benchTurns(b, h.e, benchConversation)
}

// BenchmarkQuestionRealSearch is the dearest turn: a new question, searched
// and answered with a card.
func BenchmarkQuestionRealSearch(b *testing.B) {
	h := newHarness(&testing.T{}, withRealSearch(b))
	benchTurns(b, h.e, []motcua.Message{{Text: "lam giay khai sinh cho con"}})
}
