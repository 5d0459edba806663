package dossierflow_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/handlers"
	"github.com/motcua/motcua/handlers/dossierflow"
	"github.com/motcua/motcua/internal/syncbuf"
	"github.com/motcua/motcua/knowledge/vi"
	"github.com/motcua/motcua/store"
)

// testNow is a Monday morning in Vietnam.
var testNow = time.Date(2026, 3, 9, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))

const hotline = "0235 3812 345"

// harness is the engine with the dossier flow on a real SQLite store.
type harness struct {
	t      *testing.T
	db     *store.DB
	flow   *dossierflow.Flow
	engine *handlers.Engine
	logs   *syncBuffer

	mu  sync.Mutex
	now time.Time
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	h := &harness{t: t, now: testNow, logs: &syncBuffer{}}
	db, err := store.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "motcua.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = h.clock
	h.db = db
	logger := slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h.flow = dossierflow.New(dossierflow.Config{
		Dossiers: db, Attempts: db, Catalog: catalog{}, Now: h.clock, Logger: logger,
		CentreHotline: hotline, CentreAddress: "số 1 Trần Hưng Đạo", CentreHours: "7h30–17h, thứ Hai đến thứ Sáu",
	})
	h.engine, err = handlers.New(handlers.Config{
		Searcher: searcher{}, Catalog: catalog{}, Conversations: db, Turns: db, Unanswered: db,
		Flows: []handlers.Flow{h.flow}, Now: h.clock, Logger: logger,
	})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func (h *harness) clock() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.now
}

func (h *harness) advance(d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.now = h.now.Add(d)
}

// put stores a dossier received a week before testNow, due in two days.
func (h *harness) put(code, phone, status, note string, mutate ...func(*motcua.Dossier)) {
	h.t.Helper()
	d := &motcua.Dossier{
		Code: code, ProcedureCode: "1.001193", ApplicantName: "Nguyễn Văn An", Phone: phone,
		ReceivedAt: testNow.AddDate(0, 0, -7), DueAt: testNow.AddDate(0, 0, 2), Status: status, Note: note,
	}
	for _, m := range mutate {
		m(d)
	}
	if _, err := h.db.PutDossier(context.Background(), d); err != nil {
		h.t.Fatal(err)
	}
}

// turn is one message of a conversation and what the answer must and must
// not hold.
type turn struct {
	text, action string
	want, not    []string
	buttons      []string // actions the answer must offer
	nobuttons    []string // actions it must not offer
}

// send sends one message on the web channel as chat and returns the replies.
func (h *harness) send(chat string, tr turn) []motcua.Reply {
	h.t.Helper()
	m := motcua.Message{Channel: motcua.ChannelWeb, ChatID: chat, Text: tr.text, Action: tr.action, At: h.clock()}
	replies, err := h.engine.Handle(context.Background(), m)
	if err != nil {
		h.t.Fatalf("%q: %v", tr.text+tr.action, err)
	}
	return replies
}

// run plays turns in chat and checks each answer.
func (h *harness) run(chat string, turns []turn) {
	h.t.Helper()
	for i, tr := range turns {
		replies := h.send(chat, tr)
		text := joinTexts(replies)
		for _, w := range tr.want {
			if !strings.Contains(text, w) {
				h.t.Errorf("turn %d %q: answer lacks %q:\n%s", i, tr.text+tr.action, w, text)
			}
		}
		for _, n := range tr.not {
			if strings.Contains(text, n) {
				h.t.Errorf("turn %d %q: answer holds %q:\n%s", i, tr.text+tr.action, n, text)
			}
		}
		acts := actions(replies)
		for _, b := range tr.buttons {
			if !strings.Contains(acts, "|"+b+"|") {
				h.t.Errorf("turn %d %q: no button %q in %s", i, tr.text+tr.action, b, acts)
			}
		}
		for _, b := range tr.nobuttons {
			if strings.Contains(acts, "|"+b+"|") {
				h.t.Errorf("turn %d %q: button %q in %s", i, tr.text+tr.action, b, acts)
			}
		}
	}
}

func (h *harness) conv(chat string) motcua.Conversation {
	h.t.Helper()
	c, err := h.db.Conversation(context.Background(), motcua.ChannelWeb+":"+chat)
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

func joinTexts(rs []motcua.Reply) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Text)
	}
	return strings.Join(out, "\n")
}

func actions(rs []motcua.Reply) string {
	s := "|"
	for _, r := range rs {
		for _, b := range r.Buttons {
			s += b.Action + "|"
		}
	}
	return s
}

// catalog knows one procedure.
type catalog struct{}

var khaiSinh = &motcua.Procedure{Code: "1.001193", Name: "Thủ tục đăng ký khai sinh", Field: "Hộ tịch"}

func (catalog) Procedure(code string) (*motcua.Procedure, error) {
	if code == khaiSinh.Code {
		return khaiSinh, nil
	}
	return nil, motcua.Errorf(motcua.ENOTFOUND, "no procedure %q", code)
}

func (catalog) Procedures() []*motcua.Procedure { return []*motcua.Procedure{khaiSinh} }

// searcher finds the one procedure for questions about a birth.
type searcher struct{}

func (searcher) Search(ctx context.Context, q string, k int) (motcua.SearchResult, error) {
	res := motcua.SearchResult{Query: q}
	if strings.Contains(vi.Fold(q), "khai sinh") {
		res.InScope, res.Confident = true, true
		res.Hits = []motcua.Hit{{Code: khaiSinh.Code, Name: khaiSinh.Name, Score: 1, Procedure: khaiSinh}}
	}
	return res, nil
}

// syncBuffer is a log destination the program and the test share.
type syncBuffer = syncbuf.Buffer

// newFlowLike builds the flow as cmd/motcua does from its settings.
func newFlowLike(h *harness) *dossierflow.Flow {
	return dossierflow.New(dossierflow.Config{
		Dossiers: h.db, Attempts: h.db, Catalog: catalog{},
		CentreHotline: hotline, CentreAddress: "số 1 Trần Hưng Đạo", CentreHours: "7h30–17h",
	})
}
