package handlers

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge/vi"
)

// fakeCatalog is a small catalogue of procedures for tests.
type fakeCatalog struct{ procs []*motcua.Procedure }

func (c *fakeCatalog) Procedure(code string) (*motcua.Procedure, error) {
	for _, p := range c.procs {
		if p.Code == code {
			return p, nil
		}
	}
	return nil, motcua.Errorf(motcua.ENOTFOUND, "procedure %q not found", code)
}

func (c *fakeCatalog) Procedures() []*motcua.Procedure { return c.procs }

var khaiSinh = &motcua.Procedure{
	Code: "1.001193", Name: "Thủ tục đăng ký khai sinh", Field: "Hộ tịch", Levels: []string{"Cấp xã"},
	Steps: "Bước 1: Nộp hồ sơ tại Trung tâm phục vụ hành chính công.\nBước 2: Nhận kết quả.",
	Methods: []motcua.Method{
		{Kind: motcua.MethodInPerson, TimeValue: 1, TimeUnit: "ngày làm việc", Fee: "Miễn phí"},
		{Kind: motcua.MethodOnline, TimeValue: 1, TimeUnit: "ngày làm việc", Fee: "Miễn phí"},
	},
	Documents: []motcua.DocumentGroup{{Name: "Giấy tờ phải nộp", Documents: []motcua.Document{
		{Name: "Tờ khai đăng ký khai sinh", Form: "theo mẫu", Count: "1 bản chính"},
		{Name: "Giấy chứng sinh", Count: "1 bản chính"},
		{Name: "Sổ hộ khẩu", Count: "1 bản sao"},
	}}},
	SourceURL: "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193",
	Source:    "Cổng Dịch vụ công quốc gia", DataDate: "2026-01-15",
}

var ketHon = &motcua.Procedure{
	Code: "1.000894", Name: "Thủ tục đăng ký kết hôn", Field: "Hộ tịch", Levels: []string{"Cấp xã"},
	Methods: []motcua.Method{
		{Kind: motcua.MethodInPerson, TimeValue: 0, TimeUnit: "ngày làm việc", TimeNote: "Ngay trong ngày tiếp nhận", Fee: "Miễn lệ phí"},
	},
	Offices:  []string{"Ủy ban nhân dân cấp xã"},
	DataDate: "2026-01-15",
}

var docThanXa = &motcua.Procedure{
	Code: "1.004873", Name: "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", Levels: []string{"Cấp xã"},
	Methods: []motcua.Method{{Kind: motcua.MethodInPerson, TimeValue: 3, TimeUnit: "ngày làm việc", Fee: "15.000 đồng"}},
}

var docThanTinh = &motcua.Procedure{
	Code: "2.000001", Name: "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", Levels: []string{"Cấp tỉnh"},
	Methods: []motcua.Method{{Kind: motcua.MethodInPerson, TimeValue: 5, TimeUnit: "ngày làm việc", Fee: "Không"}},
	Address: "Sở Tư pháp, cấp huyện cũ",
}

var khaiSinhLuuDong = &motcua.Procedure{
	Code: "1.003583", Name: "Thủ tục đăng ký khai sinh lưu động", Levels: []string{"Cấp xã"},
}

func newCatalog() *fakeCatalog {
	return &fakeCatalog{procs: []*motcua.Procedure{khaiSinh, ketHon, docThanXa, docThanTinh, khaiSinhLuuDong}}
}

// fakeSearcher answers by keywords in the folded query.
type fakeSearcher struct {
	mu    sync.Mutex
	calls int
	err   error
}

func (s *fakeSearcher) Search(ctx context.Context, q string, k int) (motcua.SearchResult, error) {
	s.mu.Lock()
	s.calls++
	err := s.err
	s.mu.Unlock()
	if err != nil {
		return motcua.SearchResult{}, err
	}
	f := vi.Fold(q)
	res := motcua.SearchResult{Query: q}
	hit := func(p *motcua.Procedure) motcua.Hit { return motcua.Hit{Code: p.Code, Name: p.Name, Score: 1} }
	switch {
	case strings.Contains(f, "khai sinh"):
		res.InScope, res.Confident = true, true
		res.Hits = []motcua.Hit{hit(khaiSinh), hit(ketHon)}
	case strings.Contains(f, "con moi de"):
		res.InScope = true
		res.Hits = []motcua.Hit{hit(khaiSinh), hit(khaiSinhLuuDong)}
	case strings.Contains(f, "ket hon"):
		res.InScope, res.Confident = true, true
		res.Hits = []motcua.Hit{{Code: ketHon.Code, Procedure: ketHon}}
	case strings.Contains(f, "doc than"):
		res.InScope = true
		res.Hits = []motcua.Hit{hit(docThanXa), hit(docThanTinh)}
	case strings.Contains(f, "quy hiem"):
		res.InScope, res.Confident = true, true
		res.Hits = []motcua.Hit{{Code: "9.999999"}}
	}
	return res, nil
}

// memConversations keeps conversations in memory, as JSON to catch state
// that does not survive a round trip through a real store.
type memConversations struct {
	mu   sync.Mutex
	m    map[string][]byte
	err  error
	save int
}

func newMemConversations() *memConversations { return &memConversations{m: map[string][]byte{}} }

func (s *memConversations) Conversation(ctx context.Context, key string) (motcua.Conversation, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return motcua.Conversation{}, s.err
	}
	c := motcua.Conversation{Key: key}
	if b, ok := s.m[key]; ok {
		if err := json.Unmarshal(b, &c); err != nil {
			return c, err
		}
	}
	return c, nil
}

func (s *memConversations) SaveConversation(ctx context.Context, c motcua.Conversation) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	s.m[c.Key] = b
	s.save++
	return nil
}

func (s *memConversations) get(key string) motcua.Conversation {
	c, _ := s.Conversation(context.Background(), key)
	return c
}

// memUnanswered records unanswered questions.
type memUnanswered struct {
	mu sync.Mutex
	qs []string
}

func (u *memUnanswered) RecordUnanswered(ctx context.Context, channel, q string, at time.Time) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.qs = append(u.qs, channel+"|"+q)
	return nil
}

// memTurns records turns.
type memTurns struct {
	mu    sync.Mutex
	turns []motcua.Turn
}

func (m *memTurns) AddTurn(ctx context.Context, t motcua.Turn) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.turns = append(m.turns, t)
	return nil
}

func (m *memTurns) RecentTurns(ctx context.Context, key string, n int) ([]motcua.Turn, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []motcua.Turn
	for _, t := range m.turns {
		if t.Key == key {
			out = append(out, t)
		}
	}
	if len(out) > n {
		out = out[len(out)-n:]
	}
	return out, nil
}

func (m *memTurns) DeleteTurnsBefore(ctx context.Context, before time.Time) (int64, error) {
	return 0, nil
}

// fakeFlow is a two-step flow: it asks for a code, then answers and ends.
// It passes back any message that looks like a procedure question.
type fakeFlow struct{}

func (fakeFlow) Name() string  { return "dossier" }
func (fakeFlow) Label() string { return "Tra cứu hồ sơ" }
func (fakeFlow) Match(req *Request) bool {
	return strings.Contains(req.Fold, "tra cuu ho so")
}

func (fakeFlow) Handle(ctx context.Context, req *Request) ([]motcua.Reply, error) {
	switch {
	case strings.Contains(req.Fold, "khai sinh"):
		return nil, ErrPass
	case strings.Contains(req.Fold, "loi"):
		req.Conv.FlowData = json.RawMessage(`{"broken":true}`)
		return nil, motcua.Errorf(motcua.EINTERNAL, "flow broke")
	case req.Conv.Flow == "":
		req.Conv.Flow = "dossier"
		req.Conv.FlowData = json.RawMessage(`{"step":"code"}`)
		return []motcua.Reply{{Text: "Bạn nhập mã hồ sơ."}}, nil
	}
	req.Conv.Flow = ""
	req.Conv.FlowData = nil
	return []motcua.Reply{{Text: "Hồ sơ " + req.Text + " đang giải quyết."}}, nil
}

// fakePhraser phrases answers, or fails when told to.
type fakePhraser struct {
	fail  bool
	text  string // the answer; a default one when empty
	calls int
	got   string
	turns int
}

func (p *fakePhraser) Answer(ctx context.Context, q string, turns []motcua.Turn, procs []*motcua.Procedure) (string, error) {
	p.calls++
	p.got, p.turns = q, len(turns)
	if p.fail {
		return "", motcua.Errorf(motcua.EINTERNAL, "model down")
	}
	if p.text != "" {
		return p.text, nil
	}
	return "Để đăng ký khai sinh, bạn nộp tờ khai và giấy chứng sinh.", nil
}

// fakeRewriter rewrites questions by a table.
type fakeRewriter struct {
	calls int
	got   string
	to    map[string]string
}

func (r *fakeRewriter) Rewrite(ctx context.Context, q string, turns []motcua.Turn) (string, error) {
	r.calls++
	r.got = q
	if out, ok := r.to[q]; ok {
		return out, nil
	}
	return "", motcua.Errorf(motcua.ENOTFOUND, "no procedure question")
}
