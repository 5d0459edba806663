package web

import (
	"context"
	"errors"
	"strconv"
	"sync"

	"github.com/motcua/motcua"
)

// echoHandler is a fake engine: it answers every message with its text or
// action and two buttons, fails on "lỗi", panics on "panic".
type echoHandler struct {
	mu   sync.Mutex
	got  []motcua.Message
	fail error
}

func (h *echoHandler) Handle(ctx context.Context, m motcua.Message) ([]motcua.Reply, error) {
	h.mu.Lock()
	h.got = append(h.got, m)
	fail := h.fail
	h.mu.Unlock()
	switch {
	case fail != nil:
		return nil, fail
	case m.Text == "panic":
		panic("engine bug")
	case m.Action != "":
		return []motcua.Reply{{Text: "Bạn chọn: " + m.Action}}, nil
	}
	return []motcua.Reply{{
		Text: "Bạn hỏi: " + m.Text,
		Buttons: []motcua.Button{
			{Label: "Giấy tờ cần mang", Action: "docs"},
			{Label: "Nộp trực tuyến", URL: "https://dichvucong.gov.vn/"},
		},
	}}, nil
}

func (h *echoHandler) messages() []motcua.Message {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]motcua.Message(nil), h.got...)
}

// memMailbox is an in-memory WebMailbox; cursors are message counts.
type memMailbox struct {
	mu    sync.Mutex
	boxes map[string][]motcua.Reply
	fail  error
}

var _ motcua.WebMailbox = (*memMailbox)(nil)

func newMemMailbox() *memMailbox { return &memMailbox{boxes: map[string][]motcua.Reply{}} }

func (m *memMailbox) PostWebMessage(ctx context.Context, session string, r motcua.Reply) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return m.fail
	}
	m.boxes[session] = append(m.boxes[session], r)
	return nil
}

func (m *memMailbox) WebMessages(ctx context.Context, session, cursor string) ([]motcua.Reply, string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return nil, "", m.fail
	}
	n := 0
	if cursor != "" {
		var err error
		if n, err = strconv.Atoi(cursor); err != nil || n < 0 {
			return nil, "", motcua.Errorf(motcua.EINVALID, "bad cursor")
		}
	}
	box := m.boxes[session]
	if n > len(box) {
		n = len(box)
	}
	return append([]motcua.Reply(nil), box[n:]...), strconv.Itoa(len(box)), nil
}

var errDown = errors.New("database down")
