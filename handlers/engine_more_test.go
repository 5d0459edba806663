package handlers

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/motcua/motcua"
)

func TestNewRequiresDependencies(t *testing.T) {
	if _, err := New(Config{}); motcua.ErrorCode(err) != motcua.EINVALID {
		t.Fatalf("New(empty) error = %v, want EINVALID", err)
	}
	cfg := Config{Searcher: &fakeSearcher{}, Catalog: newCatalog(), Conversations: newMemConversations(),
		Flows: []Flow{fakeFlow{}, fakeFlow{}}}
	if _, err := New(cfg); motcua.ErrorCode(err) != motcua.EINVALID {
		t.Fatalf("duplicate flows: error = %v, want EINVALID", err)
	}
}

func TestRestartKeepsConversation(t *testing.T) {
	h := newHarness(t, nil)
	h.run("r", []step{{text: "lam giay khai sinh cho con", procedure: "1.001193"}, {action: "f:dossier", flow: "dossier"}})
	// A new engine on the same store, as after a restart.
	h2 := newHarness(t, nil)
	h2.convs = h.convs
	e, err := New(Config{Searcher: h2.srch, Catalog: newCatalog(), Conversations: h.convs, Flows: []Flow{fakeFlow{}}})
	if err != nil {
		t.Fatal(err)
	}
	h2.e = e
	h2.run("r", []step{
		{text: "H1-2345", want: []string{"đang giải quyết"}, flow: "-"},
		{text: "phi bao nhieu", want: []string{"Miễn phí", "1.001193"}},
	})
}

func TestUnansweredIsMasked(t *testing.T) {
	h := newHarness(t, nil)
	h.run("u", []step{{text: "số tôi 0912345678 hỏi chuyện thời tiết", want: []string{"chưa có thông tin"}}})
	if len(h.un.qs) != 1 {
		t.Fatalf("recorded %d questions, want 1", len(h.un.qs))
	}
	if strings.Contains(h.un.qs[0], "0912345678") || !strings.HasPrefix(h.un.qs[0], "web|") {
		t.Fatalf("recorded %q", h.un.qs[0])
	}
}

func TestTurnsAreRecordedMasked(t *testing.T) {
	h := newHarness(t, nil)
	h.run("t", []step{{text: "khai sinh, số của tôi 0912345678"}, {action: "fee:1.001193"}})
	if len(h.turns.turns) != 4 {
		t.Fatalf("recorded %d turns, want 4", len(h.turns.turns))
	}
	for _, tr := range h.turns.turns {
		if strings.Contains(tr.Text, "0912345678") {
			t.Fatalf("turn not masked: %q", tr.Text)
		}
		if tr.Key != "web:t" {
			t.Fatalf("turn key %q", tr.Key)
		}
	}
	if h.turns.turns[2].Text != "[fee:1.001193]" || h.turns.turns[3].From != "bot" {
		t.Fatalf("turns %+v", h.turns.turns[2:])
	}
}

func TestPhraser(t *testing.T) {
	ph := &fakePhraser{}
	h := newHarness(t, func(c *Config) { c.Phraser = ph })
	h.run("p", []step{
		{text: "khai sinh"},
		{text: "khai sinh cho con, sdt 0912345678", want: []string{"Để đăng ký khai sinh", "Mã thủ tục 1.001193"}, buttons: []string{"docs:1.001193"}},
	})
	if ph.calls != 2 || strings.Contains(ph.got, "0912345678") || ph.turns != 2 {
		t.Fatalf("phraser calls=%d got=%q turns=%d", ph.calls, ph.got, ph.turns)
	}
	ph.fail = true
	h.run("p", []step{{text: "khai sinh", want: []string{"Giấy tờ:", "1.001193"}}})
}

func TestLongRepliesAreSplit(t *testing.T) {
	ph := &fakePhraser{text: strings.Repeat("Bước: cán bộ kiểm tra hồ sơ và ghi vào sổ.\n", 300)}
	h := newHarness(t, func(c *Config) { c.Phraser = ph })
	replies := h.send("l", step{text: "khai sinh"})
	if len(replies) < 3 {
		t.Fatalf("got %d replies, want the steps split", len(replies))
	}
	for i, r := range replies {
		if len([]rune(r.Text)) > motcua.MaxReplyRunes {
			t.Fatalf("reply %d too long", i)
		}
		if last := i == len(replies)-1; last != (len(r.Buttons) > 0) {
			t.Fatalf("reply %d: buttons %v", i, r.Buttons)
		}
	}
}

func TestStoreAndSearchErrors(t *testing.T) {
	h := newHarness(t, nil)
	h.srch.err = motcua.Errorf(motcua.EINTERNAL, "index gone")
	h.run("e", []step{{text: "khai sinh", want: []string{"sự cố"}, procedure: "-"}})
	h.convs.err = motcua.Errorf(motcua.EINTERNAL, "disk full")
	_, err := h.e.Handle(context.Background(), motcua.Message{Channel: "web", ChatID: "e", Text: "xin chao"})
	if motcua.ErrorCode(err) != motcua.EINTERNAL {
		t.Fatalf("store failure: err = %v", err)
	}
}

func TestUnknownCodeFromSearchIsSkipped(t *testing.T) {
	h := newHarness(t, nil)
	h.run("x", []step{{text: "giay quy hiem", want: []string{"chưa có thông tin"}, procedure: "-"}})
}

func TestConcurrentTurnsOfOneConversation(t *testing.T) {
	h := newHarness(t, nil)
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := motcua.Message{Channel: "web", ChatID: "c", Text: "khai sinh"}
			if _, err := h.e.Handle(context.Background(), m); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if c := h.convs.get("web:c"); c.Procedure != "1.001193" {
		t.Fatalf("procedure %q", c.Procedure)
	}
}

func TestFollowUpDetection(t *testing.T) {
	tests := []struct {
		in   string
		want []aspect
		pure bool
	}{
		{"phí bao nhiêu", []aspect{aspectFee}, true},
		{"mất bao lâu vậy ạ", []aspect{aspectTime}, true},
		{"làm online được không", []aspect{aspectOnline}, true},
		{"lam onl dc ko", []aspect{aspectOnline}, true},
		{"nộp ở đâu", []aspect{aspectWhere}, true},
		{"cần giấy tờ gì", []aspect{aspectDocs}, true},
		{"cần mang gì", []aspect{aspectDocs}, true},
		{"phí làm giấy khai sinh bao nhiêu", []aspect{aspectFee}, false},
		{"tiền đẻ", nil, false},
		{"bố tôi mới mất thì làm giấy tờ gì", []aspect{aspectDocs}, false},
	}
	for _, tt := range tests {
		_, fold := clean(tt.in)
		got, pure := followUp(words(fold))
		if pure != tt.pure || len(got) != len(tt.want) || (len(got) > 0 && got[0] != tt.want[0]) {
			t.Errorf("followUp(%q) = %v %v, want %v %v", tt.in, got, pure, tt.want, tt.pure)
		}
	}
}

func TestLongDetailsPointToTheSource(t *testing.T) {
	long := *khaiSinh
	long.Code = "1.000001"
	long.Steps = strings.Repeat("Bước: cán bộ kiểm tra hồ sơ và ghi vào sổ.\n", 300)
	cat := newCatalog()
	cat.procs = append(cat.procs, &long)
	h := newHarness(t, func(c *Config) { c.Catalog = cat })
	h.run("l", []step{{action: "steps:1.000001", want: []string{"Xem đầy đủ tại: " + khaiSinh.SourceURL}}})
}

// echoFlow repeats what it is told, as a flow confirming a phone number would.
type echoFlow struct{}

func (echoFlow) Name() string            { return "echo" }
func (echoFlow) Label() string           { return "Nhắc lại" }
func (echoFlow) Match(req *Request) bool { return false }
func (echoFlow) Handle(ctx context.Context, req *Request) ([]motcua.Reply, error) {
	return []motcua.Reply{{Text: "Bạn đã nhập: " + req.Text}}, nil
}

func TestFlowAnswersAreMaskedInTurns(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.Flows = []Flow{echoFlow{}} })
	h.send("m", step{action: "f:echo:0912345678"})
	h.send("m", step{text: "số 0912345678"})
	for _, tr := range h.turns.turns {
		if strings.Contains(tr.Text, "0912345678") {
			t.Fatalf("turn not masked: %+v", tr)
		}
	}
}

func TestRewriterHelpsUnsureSearch(t *testing.T) {
	rw := &fakeRewriter{to: map[string]string{"be nha toi moi ra doi": "đăng ký khai sinh", "xin giay doc than": "xác nhận độc thân"}}
	h := newHarness(t, func(c *Config) { c.Rewriter = rw })
	h.run("rw", []step{
		{text: "be nha toi moi ra doi", procedure: "1.001193", want: []string{"Giấy tờ:"}},
		{text: "khai sinh", procedure: "1.001193"},
		// A rewrite no surer than the first search leaves the choice.
		{text: "xin giay doc than", want: []string{"chọn đúng thủ tục"}},
		{text: "gia vang hom nay", want: []string{"chưa có thông tin"}},
	})
	if rw.calls != 3 {
		t.Fatalf("rewriter asked %d times, want 3 (never for a confident search)", rw.calls)
	}
}
