package handlers

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motcua/motcua/store"
)

// TestRestartOnRealStore holds a conversation, closes the database and the
// engine as a restart would, and continues it with new ones on the same file.
func TestRestartOnRealStore(t *testing.T) {
	ctx := context.Background()
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "motcua.db")
	open := func() *store.DB {
		db, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	withStore := func(db *store.DB) func(*Config) {
		return func(c *Config) { c.Conversations, c.Turns, c.Unanswered = db, db, db }
	}
	db := open()
	h := newHarness(t, withStore(db))
	h.convs = newMemConversations() // state checks below read the real store
	steps := []step{
		{text: "lam giay khai sinh cho con", want: []string{"1.001193"}},
		{action: "f:dossier", want: []string{"nhập mã hồ sơ"}},
	}
	for _, s := range steps {
		h.send("restart", s)
	}
	db.Close()

	db = open()
	defer db.Close()
	h2 := newHarness(t, withStore(db))
	conv, err := db.Conversation(ctx, "web:restart")
	if err != nil || conv.Procedure != "1.001193" || conv.Flow != "dossier" {
		t.Fatalf("after restart: %+v, %v", conv, err)
	}
	for _, s := range []step{
		{text: "H12-0001", want: []string{"đang giải quyết"}},
		{text: "phi bao nhieu", want: []string{"Miễn phí", "1.001193"}},
	} {
		if text := joinTexts(h2.send("restart", s)); !containsAll(text, s.want) {
			t.Fatalf("%q: got %q", s.text, text)
		}
	}
	turns, err := db.RecentTurns(ctx, "web:restart", 10)
	if err != nil || len(turns) != 8 {
		t.Fatalf("turns: %d, %v", len(turns), err)
	}
}

func containsAll(s string, subs []string) bool {
	for _, x := range subs {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return true
}
