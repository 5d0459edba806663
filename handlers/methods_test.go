package handlers

import (
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge"
)

func TestTimeAndFeeSummaries(t *testing.T) {
	in, on, post := motcua.MethodInPerson, motcua.MethodOnline, motcua.MethodPost
	day := "ngày làm việc"
	tests := []struct {
		name      string
		methods   []motcua.Method
		time, fee string
	}{
		{"one value for all", []motcua.Method{{Kind: in, TimeValue: 3, TimeUnit: day, Fee: "Miễn phí"}, {Kind: on, TimeValue: 3, TimeUnit: day, Fee: "Miễn phí"}},
			"3 ngày làm việc", "Miễn phí"},
		{"methods with one value named together", []motcua.Method{{Kind: in, TimeValue: 20, TimeUnit: day}, {Kind: on, TimeValue: 10, TimeUnit: day}, {Kind: post, TimeValue: 10, TimeUnit: day}},
			"trực tiếp: 20 ngày làm việc; trực tuyến, qua bưu chính: 10 ngày làm việc", ""},
		{"a figure beats no limit", []motcua.Method{{Kind: in, TimeValue: 7, TimeUnit: day}, {Kind: in, TimeUnit: "không quy định"}, {Kind: on, TimeValue: 7, TimeUnit: day}},
			"7 ngày làm việc", ""},
		{"rows of one method make a range", []motcua.Method{{Kind: on, TimeValue: 1, TimeUnit: day}, {Kind: on, TimeValue: 3, TimeUnit: day}},
			"1–3 ngày làm việc", ""},
		{"a limit nobody wrote down is unknown, not unregulated", []motcua.Method{{Kind: in, TimeUnit: "không quy định", TimeNote: knowledge.NoTimeNote}},
			msgTimeUnknown, ""},
		{"an unknown row beside a figure of the same method", []motcua.Method{{Kind: in, TimeValue: 3, TimeUnit: day},
			{Kind: in, TimeUnit: "không quy định", TimeNote: knowledge.NoTimeNote}}, "3 ngày làm việc", ""},
		{"who pays nothing said beside a fee the province sets", []motcua.Method{{Kind: in, TimeValue: 1, TimeUnit: day,
			Fee: "Do HĐND tỉnh quyết định", FeeNote: "Mức lệ phí do HĐND tỉnh quyết định. Miễn lệ phí đối với trường hợp đăng ký khai tử đúng hạn."}},
			"1 ngày làm việc", "Do HĐND tỉnh quyết định (miễn lệ phí đối với trường hợp đăng ký khai tử đúng hạn)"},
		{"no \"Miễn phí\" where the note cites the rules that set the fee", []motcua.Method{{Kind: in, TimeValue: 3, TimeUnit: day,
			Fee: "Miễn phí", FeeNote: "Theo quy định của Luật phí và lệ phí và các văn bản hướng dẫn."}},
			"3 ngày làm việc", msgFeeByRules},
		{"missions abroad left out beside offices at home", []motcua.Method{
			{Kind: in, TimeUnit: "không quy định", TimeNote: "Tại Ủy ban nhân dân cấp xã: 2.000 đồng/trang", Fee: "2.000 đồng/trang"},
			{Kind: in, TimeUnit: "không quy định", TimeNote: "Tại cơ quan đại diện: 10 USD/bản.", Fee: "10 USD/bản"}},
			"không quy định", "2.000 đồng/trang"},
	}
	for _, tt := range tests {
		p := &motcua.Procedure{Code: "9.1", Methods: tt.methods}
		if got := timeSummary(p); got != tt.time {
			t.Errorf("%s: timeSummary = %q, want %q", tt.name, got, tt.time)
		}
		if got := feeSummary(p); got != tt.fee {
			t.Errorf("%s: feeSummary = %q, want %q", tt.name, got, tt.fee)
		}
	}
}

func TestFeeNoteRepeatedForEveryMethodIsReadOnce(t *testing.T) {
	note := "Miễn lệ phí đối với trường hợp đăng ký khai tử đúng hạn."
	p := &motcua.Procedure{Code: "9.2", Methods: []motcua.Method{
		{Kind: motcua.MethodInPerson, Fee: "Do HĐND tỉnh quyết định", FeeNote: note, TimeValue: 1, TimeUnit: "ngày làm việc", TimeNote: "-"},
		{Kind: motcua.MethodOnline, Fee: "Do HĐND tỉnh quyết định", FeeNote: note, TimeValue: 1, TimeUnit: "ngày làm việc"},
		{Kind: motcua.MethodInPerson, TimeNote: "tại địa điểm tiếp dân của Công an cấp xã"},
	}}
	fee := feeText(p)
	if strings.Count(fee, note) != 1 || !strings.Contains(fee, "Do HĐND tỉnh quyết định (trực tiếp, trực tuyến).") {
		t.Errorf("feeText:\n%s", fee)
	}
	if got, want := timeText(p), "Thời hạn giải quyết: 1 ngày làm việc (trực tiếp, trực tuyến)."; got != want {
		t.Errorf("timeText = %q, want %q", got, want)
	}
}
