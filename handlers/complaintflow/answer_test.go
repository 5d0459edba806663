package complaintflow

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/admin"
	"github.com/motcua/motcua/bot"
	"github.com/motcua/motcua/bot/web"
)

const (
	session    = "web-session-0123456789abcdef"
	adminToken = "admin-token-for-complaint-tests"
)

// sendComplaint runs a whole web intake, with contact data when phone is
// set, and returns the code.
func sendComplaint(h *harness, chat, phone string) string {
	h.t.Helper()
	steps := intakeTo()
	if phone != "" {
		steps = append(steps[:len(steps)-1],
			step{action: "f:complaint:consent:yes"}, step{text: "Phạm Thị Dung"}, step{text: phone})
	}
	h.run(motcua.ChannelWeb, chat, steps)
	h.send(motcua.ChannelWeb, chat, step{action: "f:complaint:send"})
	return h.flowState(motcua.ChannelWeb, chat).Code
}

// staffReply posts a staff answer through the admin API.
func staffReply(t *testing.T, h *harness, code, text, status string) {
	t.Helper()
	mux := http.NewServeMux()
	admin.New(admin.Config{Token: adminToken, Dossiers: h.db, Complaints: h.db, Calendar: h.cal, Now: h.clock.Now}).Register(mux)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	body, _ := json.Marshal(map[string]string{"text": text, "status": status, "by": "Tổ giám sát"})
	req, _ := http.NewRequest("POST", srv.URL+"/admin/api/v1/complaints/"+code+"/replies", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+adminToken)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("reply: %d", res.StatusCode)
	}
}

// TestStaffAnswerReachesCitizenAndRating answers a web complaint through
// the admin API, delivers it through the outbox and the web mailbox, and
// lets the citizen rate it with the button it carries.
func TestStaffAnswerReachesCitizenAndRating(t *testing.T) {
	h := newHarness(t, nil)
	code := sendComplaint(h, session, "")
	h.clock.Add(2 * time.Hour)
	answer := "Trung tâm đã kiểm tra, hồ sơ của ông/bà được trả ngày 14/01. Xin lỗi ông/bà vì sự chậm trễ."
	staffReply(t, h, code, answer, motcua.ComplaintAnswered)

	d := bot.NewDispatcher(h.db, map[string]motcua.Sender{motcua.ChannelWeb: &web.Sender{Mailbox: h.db}},
		bot.WithClock(h.clock.Now))
	if n, err := d.DeliverDue(context.Background()); err != nil || n != 1 {
		t.Fatalf("delivered %d: %v", n, err)
	}
	msgs, _, err := h.db.WebMessages(context.Background(), session, "")
	if err != nil || len(msgs) != 1 || !strings.Contains(msgs[0].Text, answer) {
		t.Fatalf("mailbox %+v, %v", msgs, err)
	}
	rate := "rate:" + code + ":" + admin.RatingSatisfied
	if !hasButton(msgs, rate) {
		t.Fatalf("no rating button in %+v", msgs[0].Buttons)
	}

	// Another chat cannot rate it; the citizen can, in the middle of
	// another intake, which goes on.
	h.send(motcua.ChannelWeb, "someone-else", step{action: rate, want: []string{"chỉ đánh giá được phản ánh đã gửi từ cuộc trò chuyện này"}})
	h.run(motcua.ChannelWeb, session, []step{
		{text: "góp ý"}, {action: "f:complaint:cat:facilities"},
		{action: rate, want: []string{"Cảm ơn bạn đã đánh giá «Hài lòng»"}},
		{text: "Nhà vệ sinh của trung tâm bị hỏng khóa cửa.", want: []string{"mã hồ sơ"}},
	})
	c, err := h.db.Complaint(context.Background(), code)
	if err != nil || c.Rating != admin.RatingSatisfied {
		t.Fatalf("rating %q, %v", c.Rating, err)
	}
	h.send(motcua.ChannelWeb, session, step{action: "rate:" + code + ":tuyet_voi", want: []string{"Không ghi nhận được"}})
	h.send(motcua.ChannelWeb, session, step{action: "rate:PA-2601-9999:hai_long", want: []string{"Không ghi nhận được"}})
	// Looked up now, it shows the answer and the rating.
	h.send(motcua.ChannelWeb, session, step{text: strings.ToLower(code), want: []string{"Đã trả lời", answer, "Bạn đã đánh giá: Hài lòng"}})
}

// TestRateTooEarly refuses a rating before the staff answered.
func TestRateTooEarly(t *testing.T) {
	h := newHarness(t, nil)
	code := sendComplaint(h, session, "")
	h.send(motcua.ChannelWeb, session, step{action: "rate:" + code + ":hai_long", want: []string{"chưa được trả lời"}})
}

// TestLookup follows a complaint from its own chat without a second
// factor, and from another chat with the last phone digits only; a wrong
// code and wrong digits get the same answer, and guessing is throttled.
func TestLookup(t *testing.T) {
	h := newHarness(t, nil)
	code := sendComplaint(h, session, "0905 123 456")
	anon := sendComplaint(h, "anon-session-000000", "")
	staffReply(t, h, code, "Đã chuyển bộ phận hộ tịch xử lý.", motcua.ComplaintInProgress)

	h.run(motcua.ChannelWeb, session, []step{
		{text: "tra cứu phản ánh", want: []string{"Phản ánh bạn đã gửi"}, button: "f:complaint:show:" + code},
		{action: "f:complaint:show:" + code, want: []string{code, "Đang xử lý", "Đã chuyển bộ phận hộ tịch"}, not: []string{"hài lòng"}},
		{text: "PA 2601 0001", want: []string{"Đang xử lý"}},
	})
	const other = motcua.ChannelTelegram
	h.run(other, "42", []step{
		{text: "xem phản ánh đã gửi", want: []string{"gõ mã phản ánh"}},
		{text: code, want: []string{"4 số cuối"}},
		{text: "3456", want: []string{"Đang xử lý", "Đã chuyển bộ phận hộ tịch"}, not: []string{"Phạm Thị Dung", "0905"}},
	})
	wrong := h.send(other, "42", step{text: "mã " + code}) // asks for digits
	_ = wrong
	noMatch := joinTexts(h.send(other, "42", step{text: "1111", want: []string{"không khớp"}}))
	h.send(other, "42", step{text: "PA-2601-0777"})
	if got := joinTexts(h.send(other, "42", step{text: "3456"})); got != noMatch {
		t.Fatalf("unknown code answered differently:\n%s\n%s", got, noMatch)
	}
	h.send(other, "42", step{text: anon})
	if got := joinTexts(h.send(other, "42", step{text: "3456"})); got != noMatch {
		t.Fatalf("anonymous complaint answered differently:\n%s", got)
	}
	// Three failures so far; two more and even the right digits are refused.
	for i := 0; i < 2; i++ {
		h.send(other, "42", step{text: code})
		h.send(other, "42", step{text: "0000", want: []string{"không khớp"}})
	}
	h.send(other, "42", step{text: code})
	h.send(other, "42", step{text: "3456", want: []string{"thử lại sau 15 phút"}, not: []string{"Đang xử lý"}})
	h.clock.Add(16 * time.Minute)
	h.send(other, "42", step{text: code})
	h.send(other, "42", step{text: "3456", want: []string{"Đang xử lý"}})

	// A question at the digits step goes to the engine; bad digits are asked
	// again; an empty message is the engine's to refuse.
	h.send(other, "42", step{text: code})
	h.send(other, "42", step{text: "", want: []string{"Bạn cứ hỏi"}})
	h.send(other, "42", step{text: "12", want: []string{"đúng 4 chữ số"}})
	h.send(other, "42", step{text: "giờ làm việc của trung tâm", not: []string{"4 chữ số"}})
	if c := h.conv(other, "42"); c.Flow != "" {
		t.Fatalf("flow %q after a question", c.Flow)
	}
}
