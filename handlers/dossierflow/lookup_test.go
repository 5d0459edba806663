package dossierflow_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

const (
	code  = "H12-240115-0001"
	phone = "0905123456"
)

// TestLookupConversation holds whole conversations through the engine.
func TestLookupConversation(t *testing.T) {
	tests := []struct {
		name  string
		turns []turn
	}{
		{"code then digits", []turn{
			{text: "tra cứu hồ sơ", want: []string{"mã hồ sơ"}},
			{text: code, want: []string{"4 số cuối"}, not: []string{"Đang giải quyết"}},
			{text: "3456", want: []string{"Hồ sơ " + code, "Đang giải quyết", "Thủ tục: Đăng ký khai sinh (mã 1.001193)",
				"Ngày tiếp nhận: 02/03/2026", "Ngày hẹn trả kết quả: 11/03/2026"},
				not:     []string{"Nguyễn", "Văn An", "0905", "3456", "quá hạn"},
				buttons: []string{"f:dossier:sub:" + code, "f:dossier", "f:complaint:dossier:" + code, "menu"}},
		}},
		{"code in the first message, any case and spaces", []turn{
			{text: "ho so cua toi h12-240115 -0001 den dau roi", want: []string{"4 số cuối"}},
			{text: "số cuối là 3456 ạ", want: []string{"Đang giải quyết"}},
		}},
		{"bare code with spaces", []turn{
			{text: "h12 - 240115 - 0001", want: []string{"4 số cuối"}},
			{text: "34 56", want: []string{"Đang giải quyết"}},
		}},
		{"whole phone number as the second factor", []turn{
			{text: code, want: []string{"4 số cuối"}},
			{text: phone, want: []string{"Đang giải quyết"}, not: []string{phone}},
		}},
		{"menu button then where is the code", []turn{
			{action: "f:dossier", want: []string{"mã hồ sơ"}},
			{text: "mã hồ sơ ở đâu vậy", want: []string{"in ở đầu Giấy tiếp nhận"}},
			{text: "abc12", want: []string{"chưa đúng dạng"}},
			{text: "0905123456", want: []string{"không cần số điện thoại"}},
			{text: code, want: []string{"4 số cuối"}},
			{text: "không nhớ số", want: []string{"Nếu không nhớ", hotline}},
			{text: "12345", want: []string{"đúng 4 chữ số"}},
			{text: "3456", want: []string{"Đang giải quyết"}},
		}},
		{"another code at the digits step", []turn{
			{text: "tra cuu ho so H12-240115-0099", want: []string{"4 số cuối"}},
			{text: "à nhầm, mã là " + code, want: []string{"4 số cuối"}},
			{text: "3456", want: []string{code, "Đang giải quyết"}},
		}},
		{"a complaint's code at the code step is left to the complaints", []turn{
			{text: "tra cứu hồ sơ", want: []string{"mã hồ sơ"}},
			{text: "PA-2611-0042", not: []string{"chưa đúng dạng", "4 số cuối"}},
		}},
		{"digits with a word before them", []turn{
			{text: code, want: []string{"4 số cuối"}},
			{text: "là 3456", want: []string{"Đang giải quyết"}},
		}},
		{"wrong digits, then the right ones without the code again", []turn{
			{text: code, want: []string{"4 số cuối"}},
			{text: "1111", want: []string{"chưa khớp", "nhập lại 4 số cuối"}},
			{text: "3456", want: []string{"Đang giải quyết"}},
		}},
		{"a short code after words that say it is one", []turn{
			{text: "tra cứu hồ sơ ABC123", want: []string{"4 số cuối"}, not: []string{"chưa đúng dạng"}},
			{text: "thôi", want: []string{"Đã dừng tra cứu"}},
			{text: "hồ sơ abc123 đến đâu rồi", want: []string{"4 số cuối"}},
		}},
		{"cancel", []turn{
			{text: "kiem tra ho so", want: []string{"mã hồ sơ"}},
			{text: "thôi", want: []string{"Đã dừng tra cứu"}},
			{text: "3456", not: []string{"Đang giải quyết"}},
		}},
		{"cancel button at the digits step", []turn{
			{text: code, want: []string{"4 số cuối"}},
			{action: "f:dossier:cancel", want: []string{"Đã dừng tra cứu"}},
		}},
		{"menu in the middle", []turn{
			{text: code, want: []string{"4 số cuối"}},
			{text: "menu", want: []string{"Xin chào"}, buttons: []string{"f:dossier"}},
			{text: "3456", not: []string{"Đang giải quyết"}},
		}},
		{"procedure question in the middle", []turn{
			{text: "tra cứu hồ sơ", want: []string{"mã hồ sơ"}},
			{text: "làm giấy khai sinh cho con cần những gì", want: []string{"1.001193"}, not: []string{"mã hồ sơ chưa"}},
			{text: code, want: []string{"4 số cuối"}},
			{text: "đăng ký khai sinh ở đâu vậy bạn", want: []string{"1.001193"}, not: []string{"4 chữ số"}},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.put(code, phone, motcua.StatusProcessing, "")
			h.run("chat-"+strings.ReplaceAll(tc.name, " ", "-"), tc.turns)
		})
	}
}

// TestNoOracle: a wrong code and wrong digits for a right code get the
// same answer, word for word and button for button.
func TestNoOracle(t *testing.T) {
	h := newHarness(t)
	h.put(code, phone, motcua.StatusProcessing, "")
	attempt := func(chat, c, digits string) []motcua.Reply {
		if got := joinTexts(h.send(chat, turn{text: c})); !strings.Contains(got, "4 số cuối") {
			t.Fatalf("%s: code step: %q", chat, got)
		}
		return h.send(chat, turn{text: digits})
	}
	wrongDigits := attempt("a", code, "1111")
	unknownCode := attempt("b", "H12-240115-9999", "3456")
	if !reflect.DeepEqual(wrongDigits, unknownCode) {
		t.Fatalf("answers differ:\n%+v\n%+v", wrongDigits, unknownCode)
	}
	if !strings.Contains(joinTexts(wrongDigits), "chưa khớp") {
		t.Fatalf("answer %q", joinTexts(wrongDigits))
	}
	// A dossier with no phone on record can never be proven, and says the same.
	h.put("H12-240115-0002", "", motcua.StatusProcessing, "")
	if noPhone := attempt("c", "H12-240115-0002", "0000"); !reflect.DeepEqual(noPhone, wrongDigits) {
		t.Fatalf("no-phone answer differs: %+v", noPhone)
	}
}

// TestThrottlePerChat: after five failures the conversation is refused,
// even with the right digits, until the window has passed.
func TestThrottlePerChat(t *testing.T) {
	h := newHarness(t)
	h.put(code, phone, motcua.StatusProcessing, "")
	for i := 0; i < 5; i++ {
		h.run("x", []turn{{text: code, want: []string{"4 số cuối"}}, {text: "0000", want: []string{"chưa khớp"}}})
	}
	h.run("x", []turn{{text: code, want: []string{"tạm dừng", hotline}, not: []string{"4 số cuối"}}})
	h.run("x", []turn{{text: "3456", not: []string{"Đang giải quyết"}}})
	// Another conversation is not held back by this one's failures.
	h.run("y", []turn{{text: code}, {text: "3456", want: []string{"Đang giải quyết"}}})
	if st := h.flow.Stats(); st.Throttled != 1 || st.Failed != 5 || st.Proven != 1 {
		t.Errorf("stats %+v", st)
	}
	h.advance(16 * time.Minute)
	h.run("x", []turn{{text: code, want: []string{"4 số cuối"}}, {text: "3456", want: []string{"Đang giải quyết"}}})
}

// TestThrottlePerCode: guesses at one code from many conversations stop
// after the overall limit, for a new conversation too.
func TestThrottlePerCode(t *testing.T) {
	h := newHarness(t)
	h.put(code, phone, motcua.StatusProcessing, "")
	for i := 0; i < 10; i++ {
		chat := "guesser-" + string(rune('a'+i/4)) // three failures or four per chat, under its own limit
		h.run(chat, []turn{{text: code}, {text: "0000", want: []string{"chưa khớp"}}})
	}
	h.run("owner", []turn{{text: code, want: []string{"4 số cuối"}}, {text: "3456", want: []string{"tạm dừng"}, not: []string{"Đang giải quyết"}}})
	// Other codes are unaffected.
	h.put("H12-240115-0003", phone, motcua.StatusReceived, "")
	h.run("owner", []turn{{text: "H12-240115-0003"}, {text: "3456", want: []string{"Đã tiếp nhận"}}})
	h.advance(61 * time.Minute)
	h.run("owner", []turn{{text: code}, {text: "3456", want: []string{"Đang giải quyết"}}})
}

// TestProvenSkipsDigits: once proven, a code is shown at once in the same
// conversation, not in another.
func TestProvenSkipsDigits(t *testing.T) {
	h := newHarness(t)
	h.put(code, phone, motcua.StatusProcessing, "")
	h.run("p", []turn{{text: code}, {text: "3456", want: []string{"Đang giải quyết"}}})
	if c := h.conv("p"); !reflect.DeepEqual(c.Proven, []string{code}) || c.Flow != "" {
		t.Fatalf("conversation %+v", c)
	}
	h.run("p", []turn{
		{text: "hồ sơ " + strings.ToLower(code) + " đến đâu rồi", want: []string{"Đang giải quyết"}, not: []string{"4 số cuối"}},
		{action: "f:dossier", want: []string{"mã hồ sơ"}},
		{text: code, want: []string{"Đang giải quyết"}},
	})
	h.run("q", []turn{{text: code, want: []string{"4 số cuối"}}})
	// The lookup button offers the proven code; in another chat it asks for proof.
	h.run("p", []turn{
		{action: "f:dossier", buttons: []string{"f:dossier:show:" + code}},
		{action: "f:dossier:show:" + code, want: []string{"Đang giải quyết"}},
	})
	h.run("q", []turn{
		{action: "f:dossier", nobuttons: []string{"f:dossier:show:" + code}},
		{action: "f:dossier:show:" + code, want: []string{"4 số cuối"}, not: []string{"Đang giải quyết"}},
		{text: "3456", want: []string{"Đang giải quyết"}},
	})
}

// TestStatuses renders every status: label, next step, note, buttons.
func TestStatuses(t *testing.T) {
	tests := []struct {
		status, note string
		want, not    []string
		sub          bool
	}{
		{motcua.StatusReceived, "", []string{"Đã tiếp nhận", "chưa cần làm gì"}, nil, true},
		{motcua.StatusProcessing, "Đang xác minh", []string{"Đang giải quyết", "Ghi chú của cán bộ: Đang xác minh"}, nil, true},
		{motcua.StatusNeedSupplement, "Bản sao giấy chứng sinh; tờ khai có chữ ký", []string{"Cần bổ sung hồ sơ", "Cần bổ sung: Bản sao giấy chứng sinh; tờ khai có chữ ký", "một lần"}, nil, true},
		{motcua.StatusNeedSupplement, "", []string{"Cần bổ sung hồ sơ", "một lần đầy đủ", hotline}, nil, true},
		{motcua.StatusWaitingPayment, "Lệ phí 8.000 đồng", []string{"nộp phí", "Lệ phí 8.000 đồng"}, nil, true},
		{motcua.StatusResultReady, "", []string{"Đã có kết quả, mời nhận", "Giấy tiếp nhận hồ sơ và thẻ căn cước", "số 1 Trần Hưng Đạo", "7h30–17h"}, nil, true},
		{motcua.StatusReturned, "", []string{"Đã trả kết quả"}, []string{"quá hạn"}, false},
		{motcua.StatusRejected, "Không thuộc thẩm quyền của xã", []string{"Từ chối giải quyết", "Lý do: Không thuộc thẩm quyền của xã", "Gửi phản ánh"}, nil, false},
		{motcua.StatusWithdrawn, "", []string{"Đã rút hồ sơ"}, nil, false},
		{motcua.StatusProcessing, "Liên hệ chị Lan 0912345678", []string{"[số điện thoại]"}, []string{"0912345678"}, true},
	}
	for i, tc := range tests {
		// Names stay unique without the "#01" go test adds: a "#" in the
		// database path would end the SQLite file name early.
		t.Run(fmt.Sprintf("%d-%s", i, tc.status), func(t *testing.T) {
			h := newHarness(t)
			h.put(code, phone, tc.status, tc.note, func(d *motcua.Dossier) { d.DueAt = testNow.AddDate(0, 0, -3) })
			if first := joinTexts(h.send("s", turn{text: code})); !strings.Contains(first, "4 số cuối") {
				t.Fatalf("code step: %s", first)
			}
			replies := h.send("s", turn{text: "3456"})
			text := joinTexts(replies)
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("lacks %q:\n%s", w, text)
				}
			}
			for _, n := range append(tc.not, "Nguyễn", "0905") {
				if strings.Contains(text, n) {
					t.Errorf("holds %q:\n%s", n, text)
				}
			}
			if got := strings.Contains(actions(replies), "f:dossier:sub:"); got != tc.sub {
				t.Errorf("subscribe button %v, want %v", got, tc.sub)
			}
			overdue := strings.Contains(text, "quá hạn") || strings.Contains(text, "xin lỗi")
			// A result ready (here since the dossier was received) is not late.
			if want := !motcua.IsFinalStatus(tc.status) && tc.status != motcua.StatusResultReady; overdue != want {
				t.Errorf("overdue shown %v for %s:\n%s", overdue, tc.status, text)
			}
		})
	}
}

// TestOverdue renders a late dossier with the apology, and none on the day.
func TestOverdue(t *testing.T) {
	h := newHarness(t)
	h.put(code, phone, motcua.StatusProcessing, "", func(d *motcua.Dossier) { d.DueAt = testNow.Add(-26 * time.Hour) })
	h.run("o", []turn{{text: code}, {text: "3456", want: []string{
		"Ngày hẹn trả kết quả: 08/03/2026", "quá hạn hẹn trả kết quả 1 ngày", "thành thật xin lỗi", "phiếu xin lỗi", hotline,
	}, buttons: []string{"f:complaint:dossier:" + code}}})
	h.put(code, phone, motcua.StatusProcessing, "", func(d *motcua.Dossier) { d.DueAt = testNow.Add(time.Hour) })
	h.run("o", []turn{{text: code, not: []string{"quá hạn", "xin lỗi"}, want: []string{"Đang giải quyết"}}})
}

// TestPersonalDataKept: the digits are kept nowhere — not in the
// conversation, its turns or the logs — and the code is not logged.
// TestResultReadyAfterDue: a result waiting for the citizen owes no new
// date; it was late only if it was ready after the appointment.
func TestResultReadyAfterDue(t *testing.T) {
	h := newHarness(t)
	ready := func(at time.Time) {
		t.Helper()
		e := motcua.DossierEvent{Status: motcua.StatusResultReady, At: at}
		if err := h.db.AddDossierEvent(context.Background(), code, e, func(*motcua.Dossier) motcua.Reply { return motcua.Reply{} }); err != nil {
			t.Fatal(err)
		}
	}
	h.put(code, phone, motcua.StatusProcessing, "", func(d *motcua.Dossier) { d.DueAt = testNow.AddDate(0, 0, -3) })
	ready(testNow.AddDate(0, 0, -4))
	h.run("on time", []turn{{text: code}, {text: "3456", want: []string{"Đã có kết quả"},
		not: []string{"quá hạn", "xin lỗi"}}})

	h.put(code, phone, motcua.StatusProcessing, "", func(d *motcua.Dossier) { d.DueAt = testNow.AddDate(0, 0, -3) })
	ready(testNow.AddDate(0, 0, -1))
	h.run("late", []turn{{text: code}, {text: "3456", want: []string{"Đã có kết quả", "muộn hơn ngày hẹn"},
		not: []string{"phiếu xin lỗi", "hẹn lại"}}})
}

func TestPersonalDataKept(t *testing.T) {
	h := newHarness(t)
	h.put(code, phone, motcua.StatusProcessing, "")
	h.run("pd", []turn{{text: code}, {text: "0000"}, {text: code}})
	if c := h.conv("pd"); strings.Contains(string(c.FlowData), "0000") {
		t.Errorf("flow data %s", c.FlowData)
	}
	h.run("pd", []turn{{text: "34567", want: []string{"đúng 4 chữ số"}}, {text: "3456", want: []string{"Đang giải quyết"}}})
	turns, err := h.db.RecentTurns(context.Background(), "web:pd", 20)
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range turns {
		if strings.Contains(tr.Text, "3456") || strings.Contains(tr.Text, "0000") {
			t.Errorf("turn keeps the digits: %q", tr.Text)
		}
	}
	if logs := h.logs.String(); strings.Contains(logs, "3456") || strings.Contains(logs, code) {
		t.Errorf("logs: %s", logs)
	}
}

// TestQuestionsStayQuestions: procedure questions, with numbers in them,
// are not taken for dossier lookups.
func TestQuestionsStayQuestions(t *testing.T) {
	h := newHarness(t)
	for i, q := range []string{
		"hồ sơ đăng ký khai sinh gồm những gì",
		"thủ tục 1.001193 cần giấy tờ gì",
		"con sinh ngày 12/01/2026 thì làm khai sinh hạn chót khi nào",
		"số điện thoại của tôi là 0905123456, làm khai sinh ở đâu",
		"phí khai sinh 8.000 đồng đúng không",
		"theo nghị định 123/2015/ND-CP thì khai sinh cần gì",
		"mo homestay nho thi khach den o co phai khai bao luu tru khong",
		"e là sv mới lên thuê trọ, có cần đk tạm trú ko, lm onl đc ko ạ",
	} {
		chat := fmt.Sprint("q", i)
		h.send(chat, turn{text: q})
		if c := h.conv(chat); c.Flow != "" {
			t.Errorf("%q started flow %q", q, c.Flow)
		}
	}
	if st := h.flow.Stats(); st.Lookups != 0 {
		t.Errorf("stats %+v", st)
	}
}
