package telegram

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot/telegram/telegramtest"
	"github.com/motcua/motcua/handlers"
	"github.com/motcua/motcua/knowledge"
	"github.com/motcua/motcua/knowledge/builtin"
	"github.com/motcua/motcua/knowledge/search"
	"github.com/motcua/motcua/store"
)

// openSQLite opens a real SQLite store in a temporary folder.
func openSQLite(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), store.DefaultDSN(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// realEngine is the conversation engine on the built-in knowledge base.
func realEngine(t testing.TB, db *store.DB) motcua.Handler {
	t.Helper()
	kb, err := knowledge.Load(builtin.FS())
	if err != nil {
		t.Fatal(err)
	}
	lex, err := knowledge.LoadLexicon(builtin.FS())
	if err != nil {
		t.Fatal(err)
	}
	idx, err := search.New(kb, lex)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := handlers.New(handlers.Config{Searcher: idx, Catalog: kb, Conversations: db, Unanswered: db, Turns: db})
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// buttonData returns the callback data of the first button whose label
// contains label.
func buttonData(t *testing.T, m telegramtest.Sent, label string) string {
	t.Helper()
	for _, row := range markup(t, m).InlineKeyboard {
		for _, b := range row {
			if strings.Contains(b.Text, label) && b.CallbackData != "" {
				return b.CallbackData
			}
		}
	}
	t.Fatalf("no button %q in %s", label, m.Markup)
	return ""
}

func press(f *telegramtest.Server, chat int64, id, data string) {
	f.Push(map[string]any{"callback_query": map[string]any{
		"id": id, "data": data, "chat_instance": "1",
		"from":    map[string]any{"id": chat, "is_bot": false, "first_name": "An"},
		"message": telegramtest.MessageFields(chat, "card"),
	}})
}

// turn pushes one update and returns the messages sent in answer, once the
// update is done.
func turn(t *testing.T, f *telegramtest.Server, db *store.DB, push func()) []telegramtest.Sent {
	t.Helper()
	before := len(f.Messages())
	push()
	eventually(t, "the answer", func() bool {
		n, err := db.PendingInbox(context.Background(), Channel)
		return err == nil && n == 0 && len(f.Messages()) > before
	})
	return f.Messages()[before:]
}

// A whole conversation through the real engine and a real SQLite store:
// the menu, a question typed without diacritics, the clarifying buttons,
// the card's buttons, a restart in the middle that keeps the conversation,
// and a follow-up without diacritics.
func TestWholeConversationWithTheEngine(t *testing.T) {
	f := telegramtest.New(t, testToken)
	db := openSQLite(t)
	eng := realEngine(t, db)
	_, stop := startBot(t, f, db, eng, nil)

	menu := turn(t, f, db, func() { f.PushText(42, "/start") })
	if last := menu[len(menu)-1]; len(markup(t, last).InlineKeyboard) < 2 {
		t.Fatalf("menu %q with %s", last.Text, last.Markup)
	}

	// The engine answers with the card, or first asks which procedure is
	// meant; then the citizen picks the plain one.
	card := turn(t, f, db, func() { f.PushText(42, "lam giay khai sinh cho con") })
	presses := 0
	if !strings.Contains(card[len(card)-1].Markup, "Giấy tờ") {
		choice := buttonData(t, card[len(card)-1], "Đăng ký khai sinh")
		card = turn(t, f, db, func() { press(f, 42, "cbq-1", choice) })
		presses++
	}
	last := card[len(card)-1]
	if !strings.Contains(last.Text, "khai sinh") {
		t.Fatalf("card: %q", last.Text)
	}
	docs := buttonData(t, last, "Giấy tờ")

	// The process restarts; the citizen taps a button of the old card.
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	startBot(t, f, db, eng, nil)
	list := turn(t, f, db, func() { press(f, 42, "cbq-2", docs) })
	if !strings.Contains(strings.ToLower(list[0].Text), "giấy") {
		t.Fatalf("document list after the restart: %q", list[0].Text)
	}
	fee := turn(t, f, db, func() { f.PushText(42, "phi bao nhieu") })
	if !strings.Contains(strings.ToLower(fee[0].Text), "phí") {
		t.Fatalf("follow-up about the fee: %q", fee[0].Text)
	}
	f.WaitFor(t, "answerCallbackQuery", func() bool { return len(f.Callbacks()) == presses+1 })
}

// The durability guarantees hold on the real store too.
func TestCrashRecoveryOnSQLite(t *testing.T) {
	f := telegramtest.New(t, testToken)
	db := openSQLite(t)
	entered := make(chan struct{}, 1)
	stuck := handlerFunc(func(ctx context.Context, m motcua.Message) ([]motcua.Reply, error) {
		entered <- struct{}{}
		<-ctx.Done()
		return nil, ctx.Err()
	})
	_, stopA := startBot(t, f, db, stuck, shortLease)
	f.PushText(42, "hộ khẩu")
	<-entered
	_ = stopA()

	var calls atomic.Int32
	startBot(t, f, db, echo(&calls), shortLease)
	f.WaitMessages(t, 1)
	eventually(t, "inbox empty", func() bool {
		n, err := db.PendingInbox(context.Background(), Channel)
		return err == nil && n == 0
	})
	if calls.Load() != 1 || len(f.Messages()) != 1 {
		t.Fatalf("engine calls %d, sent %d", calls.Load(), len(f.Messages()))
	}
}
