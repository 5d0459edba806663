package complaintflow

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/handlers"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// flakyStore fails CreateComplaint once: before the commit (the process
// died before writing) or after it (the commit happened, its answer was lost).
type flakyStore struct {
	*store.DB
	afterCommit bool
	failures    atomic.Int32
}

func (s *flakyStore) CreateComplaint(ctx context.Context, c *motcua.Complaint) (bool, error) {
	if s.failures.Add(1) > 1 {
		return s.DB.CreateComplaint(ctx, c)
	}
	if s.afterCommit {
		if _, err := s.DB.CreateComplaint(ctx, c); err != nil {
			return false, err
		}
	}
	return false, motcua.Errorf(motcua.EINTERNAL, "injected crash")
}

// TestDuplicateConfirmation delivers the same "Gửi" several times at once,
// to one engine and to a second engine (another replica) on the same
// database: one complaint, and every answer gives its code.
func TestDuplicateConfirmation(t *testing.T) {
	db := storetest.OpenDSN(t, "sqlite:"+filepath.Join(t.TempDir(), "motcua.db"))
	h := newHarness(t, db)
	h2 := newHarness(t, db)
	h2.clock = h.clock
	h.run(motcua.ChannelWeb, "dup", intakeTo())
	m := h.msg(motcua.ChannelWeb, "dup", step{action: "f:complaint:send"})
	var wg sync.WaitGroup
	answers := make([]string, 6)
	for i := range answers {
		eng := h.eng
		if i%2 == 1 {
			eng = h2.eng
		}
		wg.Go(func() {
			replies, err := eng.Handle(context.Background(), m)
			if err != nil {
				t.Error(err)
				return
			}
			answers[i] = joinTexts(replies)
		})
	}
	wg.Wait()
	if n := len(h.complaints()); n != 1 {
		t.Fatalf("%d complaints from one confirmation", n)
	}
	for i, a := range answers {
		if !strings.Contains(a, "Mã theo dõi: PA-2601-0001") {
			t.Errorf("answer %d: %s", i, a)
		}
	}
	// A second press later, and the redelivered one after the intake ended.
	h.send(motcua.ChannelWeb, "dup", step{action: "f:complaint:send", want: []string{"PA-2601-0001"}})
	h.send(motcua.ChannelWeb, "dup", step{text: "xin chào"})
	h.send(motcua.ChannelWeb, "dup", step{action: "f:complaint:send", want: []string{"đã kết thúc"}})
	if n := len(h.complaints()); n != 1 {
		t.Fatalf("%d complaints after repeated presses", n)
	}
}

// TestCrashBeforeCommit fails the commit once, restarts the engine on the
// same database, and lets the citizen confirm again: one complaint, the
// code shown only once it is committed.
func TestCrashBeforeCommit(t *testing.T) {
	for _, after := range []bool{false, true} {
		name := map[bool]string{false: "before commit", true: "answer lost after commit"}[after]
		t.Run(name, func(t *testing.T) {
			dsn := "sqlite:" + filepath.Join(t.TempDir(), "motcua.db")
			db, err := store.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			flaky := &flakyStore{DB: db, afterCommit: after}
			h := newHarness(t, db, func(c *Config) { c.Complaints = flaky })
			h.run(motcua.ChannelWeb, "crash", intakeTo())
			h.send(motcua.ChannelWeb, "crash", step{action: "f:complaint:send", want: []string{"chưa lưu được"},
				not: []string{"PA-"}, button: "f:complaint:send"})
			if s := h.flowState(motcua.ChannelWeb, "crash"); s.Step != stepConfirm || s.Text != lateText {
				t.Fatalf("answers lost: %+v", s)
			}
			db.Close() // the restart

			db2 := storetest.OpenDSN(t, dsn)
			h2 := newHarness(t, db2)
			h2.send(motcua.ChannelWeb, "crash", step{action: "f:complaint:send", want: []string{"Mã theo dõi: PA-2601-000"}})
			list := h2.complaints()
			if len(list) != 1 || list[0].Text != lateText {
				t.Fatalf("%d complaints: %s", len(list), mustJSON(t, list))
			}
		})
	}
}

// TestCodesSetting numbers complaints with Config.Codes.
func TestCodesSetting(t *testing.T) {
	var calls atomic.Int32
	db := storetest.OpenSQLite(t)
	h := newHarness(t, db, func(c *Config) {
		c.Codes = func(ctx context.Context, now time.Time) (string, error) {
			calls.Add(1)
			return db.NewComplaintCode(ctx, now)
		}
	})
	h.run(motcua.ChannelWeb, "codes", intakeTo())
	h.send(motcua.ChannelWeb, "codes", step{action: "f:complaint:send", want: []string{"PA-2601-0001"}})
	if calls.Load() != 1 {
		t.Fatalf("Codes called %d times", calls.Load())
	}
}

var _ handlers.Flow = (*Flow)(nil)
