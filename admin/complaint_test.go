package admin

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

// addComplaint stores a complaint created at created.
func (h *harness) addComplaint(code, status, channel, chatID string, created time.Time) {
	h.t.Helper()
	c := &motcua.Complaint{Code: code, Category: "late", Text: "Tôi nộp hồ sơ đã quá hẹn 5 ngày mà chưa có kết quả.",
		Name: "Trần Thị Bình", Phone: "0912345678", Consent: true, Channel: channel, ChatID: chatID,
		SubmissionID: "sub-" + code, Status: status, CreatedAt: created}
	c.AnswerDueAt, c.ResolveDueAt = h.cal.ComplaintDue(created)
	if _, err := h.store.CreateComplaint(h.t.Context(), c); err != nil {
		h.t.Fatal(err)
	}
}

func codes(body map[string]any) []string {
	var out []string
	list, _ := body["complaints"].([]any)
	for _, c := range list {
		out = append(out, c.(map[string]any)["code"].(string))
	}
	return out
}

func TestListComplaints(t *testing.T) {
	h := newHarness(t)
	h.addComplaint("PA0001", motcua.ComplaintNew, "telegram", "1", testNow.Add(-73*time.Hour)) // Friday 09:00: answer due Monday 09:00
	h.addComplaint("PA0002", motcua.ComplaintNew, "web", "s", testNow.Add(-time.Hour))
	h.addComplaint("PA0003", motcua.ComplaintClosed, "zalo", "z", testNow.Add(-30*24*time.Hour))
	st, body := h.do("GET", "/admin/api/v1/complaints", nil)
	if st != http.StatusOK || len(codes(body)) != 3 {
		t.Fatalf("list = %d %v", st, body)
	}
	first := body["complaints"].([]any)[0].(map[string]any)
	if first["answer_due_at"] == "0001-01-01T00:00:00Z" || first["history"] != nil || first["category_label"] != "Trễ hẹn" {
		t.Errorf("list item = %v", first)
	}
	if _, body = h.do("GET", "/admin/api/v1/complaints?status=new", nil); strings.Join(codes(body), ",") != "PA0002,PA0001" {
		t.Errorf("status=new = %v", codes(body))
	}
	if _, body = h.do("GET", "/admin/api/v1/complaints?overdue=true", nil); strings.Join(codes(body), ",") != "PA0001" {
		t.Errorf("overdue=true = %v", codes(body))
	}
	for _, q := range []string{"status=open", "overdue=maybe", "limit=0", "limit=x"} {
		if st, body := h.do("GET", "/admin/api/v1/complaints?"+q, nil); st != http.StatusBadRequest || body["error"] == nil {
			t.Errorf("?%s = %d, want 400", q, st)
		}
	}
}

func TestGetComplaint(t *testing.T) {
	h := newHarness(t)
	h.addComplaint("PA0001", motcua.ComplaintNew, "telegram", "1", testNow)
	if _, body := h.do("GET", "/admin/api/v1/complaints/PA0001", nil); body["history"] == nil {
		t.Errorf("no history before any reply: %v", body)
	}
	h.do("POST", "/admin/api/v1/complaints/PA0001/replies", map[string]any{"text": "Chúng tôi đang kiểm tra.", "status": "in_progress"})
	st, body := h.do("GET", "/admin/api/v1/complaints/PA0001", nil)
	if st != http.StatusOK || body["status"] != "in_progress" || body["phone"] != "0912345678" {
		t.Fatalf("get = %d %v", st, body)
	}
	hist, _ := body["history"].([]any)
	if len(hist) != 1 || hist[0].(map[string]any)["text"] != "Chúng tôi đang kiểm tra." {
		t.Errorf("history = %v", body["history"])
	}
	if _, ok := body["ChatID"]; ok {
		t.Errorf("chat id exposed: %v", body)
	}
	if st, _ := h.do("GET", "/admin/api/v1/complaints/pa0001", nil); st != http.StatusOK {
		t.Errorf("code in lower case = %d, want 200", st)
	}
	if st, _ := h.do("GET", "/admin/api/v1/complaints/PA9999", nil); st != http.StatusNotFound {
		t.Errorf("unknown = %d, want 404", st)
	}
}

func TestReplyComplaintReachesCitizen(t *testing.T) {
	h := newHarness(t)
	h.addComplaint("PA0001", motcua.ComplaintNew, motcua.ChannelTelegram, "123456", testNow)
	h.addComplaint("PA0002", motcua.ComplaintNew, motcua.ChannelZalo, "zalo-user-9", testNow)
	h.outbox()

	st, body := h.do("POST", "/admin/api/v1/complaints/PA0001/replies", map[string]any{"text": "Chúng tôi đã tiếp nhận và đang xác minh.", "status": "in_progress"})
	if st != http.StatusCreated || body["status"] != "in_progress" {
		t.Fatalf("reply = %d %v", st, body)
	}
	msgs := h.outbox()
	if len(msgs) != 1 || msgs[0].Channel != motcua.ChannelTelegram || msgs[0].ChatID != "123456" {
		t.Fatalf("outbox = %+v, want one message to telegram 123456", msgs)
	}
	if !strings.Contains(msgs[0].Reply.Text, "đang xác minh") || len(msgs[0].Reply.Buttons) != 0 {
		t.Errorf("in-progress reply = %+v, want the text and no rating buttons", msgs[0].Reply)
	}

	st, _ = h.do("POST", "/admin/api/v1/complaints/PA0002/replies", map[string]any{"text": "Cán bộ đã được nhắc nhở. Xin lỗi ông/bà.", "status": "closed"})
	if st != http.StatusCreated {
		t.Fatalf("closing reply = %d", st)
	}
	msgs = h.outbox()
	if len(msgs) != 1 || msgs[0].Channel != motcua.ChannelZalo || msgs[0].ChatID != "zalo-user-9" {
		t.Fatalf("outbox = %+v, want one message to zalo", msgs)
	}
	var actions []string
	for _, b := range msgs[0].Reply.Buttons {
		actions = append(actions, b.Action)
	}
	if strings.Join(actions, " ") != "rate:PA0002:rat_hai_long rate:PA0002:hai_long rate:PA0002:khong_hai_long" {
		t.Errorf("rating buttons = %v", actions)
	}

	// The same reply retried after a lost response is not sent twice.
	if st, _ := h.do("POST", "/admin/api/v1/complaints/PA0002/replies", map[string]any{"text": "Cán bộ đã được nhắc nhở. Xin lỗi ông/bà.", "status": "closed"}); st != http.StatusOK {
		t.Errorf("retry = %d, want 200", st)
	}
	if n := len(h.outbox()); n != 0 {
		t.Errorf("retry queued %d", n)
	}
}

func TestReplyDefaultsToAnswered(t *testing.T) {
	h := newHarness(t)
	h.addComplaint("PA0001", motcua.ComplaintNew, "web", "session-1234567890abcdef", testNow)
	st, body := h.do("POST", "/admin/api/v1/complaints/PA0001/replies", map[string]any{"text": "Đã xử lý."})
	if st != http.StatusCreated || body["status"] != "answered" {
		t.Errorf("reply without status = %d %v, want answered", st, body)
	}
}

func TestReplyComplaintInvalid(t *testing.T) {
	h := newHarness(t)
	h.addComplaint("PA0001", motcua.ComplaintNew, "web", "s", testNow)
	tests := []struct {
		name, code string
		body       any
		want       int
	}{
		{"unknown complaint", "PA9999", map[string]any{"text": "x"}, 404},
		{"empty text", "PA0001", map[string]any{"text": "  ", "status": "answered"}, 400},
		{"status new", "PA0001", map[string]any{"text": "x", "status": "new"}, 400},
		{"unknown status", "PA0001", map[string]any{"text": "x", "status": "done"}, 400},
		{"too long", "PA0001", map[string]any{"text": strings.Repeat("á", motcua.MaxReplyRunes+1)}, 400},
		{"unknown field", "PA0001", map[string]any{"text": "x", "rating": "hai_long"}, 400},
		{"not JSON", "PA0001", "text=x", 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if st, body := h.do("POST", "/admin/api/v1/complaints/"+tt.code+"/replies", tt.body); st != tt.want || body["error"] == nil {
				t.Errorf("= %d %v, want %d", st, body, tt.want)
			}
		})
	}
	if n := len(h.outbox()); n != 0 {
		t.Errorf("refused replies queued %d messages", n)
	}
}

func TestComplaintOverdue(t *testing.T) {
	due := time.Date(2026, 1, 5, 12, 0, 0, 0, vietnam)
	later := due.Add(time.Minute)
	tests := []struct {
		status  string
		now     time.Time
		overdue bool
	}{
		{motcua.ComplaintNew, due, false},
		{motcua.ComplaintNew, later, true},
		{motcua.ComplaintInProgress, later, false},
		{motcua.ComplaintInProgress, due.AddDate(0, 0, 30), true},
		{motcua.ComplaintClosed, due.AddDate(0, 0, 30), false},
	}
	for _, tt := range tests {
		c := &motcua.Complaint{Status: tt.status, AnswerDueAt: due, ResolveDueAt: due.AddDate(0, 0, 14)}
		if got := complaintOverdue(c, tt.now); got != tt.overdue {
			t.Errorf("%s at %s: overdue = %v, want %v", tt.status, tt.now, got, tt.overdue)
		}
	}
}
