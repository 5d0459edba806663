package complaintflow

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/handlers"
	"github.com/motcua/motcua/internal/syncbuf"
	"github.com/motcua/motcua/knowledge"
	"github.com/motcua/motcua/knowledge/builtin"
	"github.com/motcua/motcua/knowledge/vi"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
	"github.com/motcua/motcua/worktime"
)

// testStart is a Monday morning in Vietnam.
var testStart = time.Date(2026, 1, 12, 9, 0, 0, 0, vietnam)

// clock is a test clock shared by the store, the engine and the flow.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var (
	kbOnce sync.Once
	kb     *knowledge.KB
	kbErr  error
)

// builtinKB is the knowledge base built into the binary, loaded once.
func builtinKB(t testing.TB) *knowledge.KB {
	kbOnce.Do(func() { kb, kbErr = knowledge.Load(builtin.FS()) })
	if kbErr != nil {
		t.Fatal(kbErr)
	}
	return kb
}

// noSearch finds nothing: these tests are about the flow.
type noSearch struct{}

func (noSearch) Search(ctx context.Context, q string, k int) (motcua.SearchResult, error) {
	return motcua.SearchResult{Query: q}, nil
}

// harness runs the engine with the complaint flow on a real store.
type harness struct {
	t     testing.TB
	db    *store.DB
	clock *clock
	cal   *worktime.Calendar
	eng   *handlers.Engine
	flow  *Flow
	ids   atomic.Int64
}

// newHarness builds the engine on db (a fresh store when nil: SQLite, or
// PostgreSQL when MOTCUA_TEST_POSTGRES is set);
// mods change the flow's settings.
func newHarness(t testing.TB, db *store.DB, mods ...func(*Config)) *harness {
	t.Helper()
	if db == nil {
		db = storetest.Open(t) // PostgreSQL when MOTCUA_TEST_POSTGRES is set
	}
	h := &harness{t: t, db: db, clock: &clock{t: testStart}}
	db.Now = h.clock.Now
	cal, err := worktime.FromSettings(8, 10, "")
	if err != nil {
		t.Fatal(err)
	}
	h.cal = cal
	cfg := Config{Complaints: db, Calendar: cal, Catalog: builtinKB(t), Attempts: db, Now: h.clock.Now}
	for _, m := range mods {
		m(&cfg)
	}
	h.flow = New(cfg)
	h.eng, err = handlers.New(handlers.Config{Searcher: noSearch{}, Catalog: builtinKB(t), Conversations: db,
		Turns: db, Flows: []handlers.Flow{h.flow}, Now: h.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// step is one message of a conversation and what the answer must hold.
type step struct {
	text   string
	action string
	photos int
	want   []string // substrings of the joined answer texts
	button string   // an action that must be offered
	not    []string // substrings that must not appear
}

// msg builds a message on channel and chat.
func (h *harness) msg(ch, chat string, s step) motcua.Message {
	m := motcua.Message{Channel: ch, ChatID: chat, ID: fmt.Sprint(h.ids.Add(1)), Text: s.text, Action: s.action, At: h.clock.Now()}
	for i := 0; i < s.photos; i++ {
		m.Attachments = append(m.Attachments, motcua.Attachment{Kind: "image", ChannelRef: fmt.Sprintf("file-%d-%d", h.ids.Load(), i)})
	}
	return m
}

// send sends a message and checks the answer against the step.
func (h *harness) send(ch, chat string, s step) []motcua.Reply {
	h.t.Helper()
	return h.check(s, h.handle(h.msg(ch, chat, s)))
}

func (h *harness) handle(m motcua.Message) []motcua.Reply {
	h.t.Helper()
	replies, err := h.eng.Handle(context.Background(), m)
	if err != nil {
		h.t.Fatalf("handle %q %q: %v", m.Text, m.Action, err)
	}
	return replies
}

// check compares an answer with what a step wants.
func (h *harness) check(s step, replies []motcua.Reply) []motcua.Reply {
	h.t.Helper()
	text := joinTexts(replies)
	for _, w := range s.want {
		if !strings.Contains(text, w) {
			h.t.Fatalf("%q %q: answer lacks %q:\n%s", short(s.text), s.action, w, text)
		}
	}
	for _, w := range s.not {
		if strings.Contains(text, w) {
			h.t.Fatalf("%q %q: answer holds %q:\n%s", short(s.text), s.action, w, text)
		}
	}
	if s.button != "" && !hasButton(replies, s.button) {
		h.t.Fatalf("%q %q: no button %q in %+v", short(s.text), s.action, s.button, replies)
	}
	return replies
}

// run sends the steps in order.
func (h *harness) run(ch, chat string, steps []step) []motcua.Reply {
	h.t.Helper()
	var last []motcua.Reply
	for _, s := range steps {
		last = h.send(ch, chat, s)
	}
	return last
}

// conv returns the stored conversation of a chat.
func (h *harness) conv(ch, chat string) motcua.Conversation {
	h.t.Helper()
	c, err := h.db.Conversation(context.Background(), ch+":"+chat)
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

// flowState returns the intake kept in a chat's conversation.
func (h *harness) flowState(ch, chat string) state {
	h.t.Helper()
	s, err := loadState(h.conv(ch, chat).FlowData)
	if err != nil {
		h.t.Fatal(err)
	}
	return s
}

// complaints lists every stored complaint.
func (h *harness) complaints() []*motcua.Complaint {
	h.t.Helper()
	list, err := h.db.Complaints(context.Background(), motcua.ComplaintFilter{Limit: 1000})
	if err != nil {
		h.t.Fatal(err)
	}
	return list
}

func joinTexts(rs []motcua.Reply) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, r.Text)
	}
	return strings.Join(parts, "\n---\n")
}

func hasButton(rs []motcua.Reply, action string) bool {
	for _, r := range rs {
		for _, b := range r.Buttons {
			if b.Action == action {
				return true
			}
		}
	}
	return false
}

func short(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func mustJSON(t testing.TB, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Steps of a whole intake, reused by several tests.
const (
	lateText = "Hồ sơ khai sinh của tôi hẹn trả ngày 05/01 nhưng đến nay vẫn chưa có kết quả, không ai báo lý do."
	aDossier = "H12.99-260115-0001"
)

// intakeTo returns the steps of an anonymous web intake up to the summary.
func intakeTo() []step {
	return []step{
		{text: "Tôi muốn gửi phản ánh", want: []string{"về việc gì"}, button: "f:complaint:cat:late"},
		{action: "f:complaint:cat:late", want: []string{"kể ngắn gọn sự việc"}},
		{text: lateText, want: []string{"mã hồ sơ"}},
		{action: "f:complaint:skip", want: []string{"Nghị định 13/2023"}},
		{action: "f:complaint:consent:no", want: []string{"kiểm tra lại", "Trễ hẹn"}, button: "f:complaint:send"},
	}
}

// request is a typed message as the engine hands it to a flow.
func request(text string) *handlers.Request {
	return &handlers.Request{Msg: motcua.Message{Channel: motcua.ChannelWeb, ChatID: "c", Text: text},
		Conv: &motcua.Conversation{Key: "web:c"}, Text: text, Fold: vi.Fold(text), Now: testStart}
}

// syncBuffer is a log destination the program and the test share.
type syncBuffer = syncbuf.Buffer
