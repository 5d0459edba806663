package zalo

import (
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot"
	"github.com/motcua/motcua/bot/zalo/zalotest"
	"github.com/motcua/motcua/store"
)

// Notifications from the outbox go out through the Zalo sender; one to a
// citizen whose window is closed is given up at once and kept for staff.
func TestOutboxDeliversThroughZalo(t *testing.T) {
	f := newSQLFixture(t)
	db := f.st.(*store.DB)
	f.fz.CloseWindow("u-old", zalotest.CodeNoInteract)
	for _, chat := range []string{"u-ok", "u-old"} {
		if err := db.Enqueue(t.Context(), motcua.OutboxMessage{Channel: motcua.ChannelZalo, ChatID: chat, Reply: notice[0]}); err != nil {
			t.Fatal(err)
		}
	}
	d := bot.NewDispatcher(db, map[string]motcua.Sender{motcua.ChannelZalo: f.bot}, bot.WithClock(f.clock.Now))
	if _, err := d.DeliverDue(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := f.next(); got.UserID != "u-ok" || !contains(got.Text, "kết quả") {
		t.Errorf("delivered %+v", got)
	}
	failed, err := db.FailedOutbox(t.Context(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(failed) != 1 || failed[0].ChatID != "u-old" || failed[0].Attempts != 1 || !strings.Contains(failed[0].LastError, "window") {
		t.Errorf("failed = %+v, want the closed-window message given up after one attempt", failed)
	}
}
