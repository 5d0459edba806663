package complaintflow

import (
	"testing"

	"github.com/motcua/motcua/knowledge/vi"
)

func TestMatch(t *testing.T) {
	cases := []struct {
		text string
		want bool
	}{
		{"phản ánh", true},
		{"tôi muốn gửi kiến nghị", true},
		{"khiếu nại", true},
		{"tôi muốn tố cáo cán bộ địa chính", true},
		{"góp ý", true},
		{"phan anh thai do can bo", true},
		{"khieu nai", true},
		{"gop y cho trung tam", true},
		{"cán bộ hạch sách tôi", true},
		{"tôi bị đòi thêm giấy tờ", true},
		{"hồ sơ của tôi bị trễ hẹn 2 tuần", true},
		{"phản ánh ở đâu", true},
		{"tra cứu phản ánh", true},
		{"PA-2601-0042", true},
		{"ma pa26010042", true},
		{"thủ tục khiếu nại cần giấy tờ gì", false},
		{"khiếu nại quyết định thu hồi đất nộp ở đâu", false},
		{"thời hiệu khiếu nại là bao lâu", false},
		{"làm giấy khai sinh cần gì", false},
		{"lệ phí đăng ký kết hôn", false},
		{"tra cứu hồ sơ H12-0001", false},
		{"hồ sơ của tôi đã có kết quả chưa", false},
		{"thu phí làm căn cước bao nhiêu", false},
		{"xin chào", false},
	}
	f := New(Config{})
	for _, c := range cases {
		req := request(c.text)
		if got := f.Match(req); got != c.want {
			t.Errorf("Match(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestGuessCategory(t *testing.T) {
	cases := map[string]string{
		"cán bộ quát tháo":      "attitude",
		"hẹn lần hẹn lữa mãi":   "late",
		"bắt nộp thêm bản sao":  "extra_papers",
		"thu tiền sai quy định": "wrong_fee",
		"đòi tiền bồi dưỡng":    "harassment",
		"không có chỗ ngồi chờ": "facilities",
		"thủ tục rườm rà quá":   "regulation",
		"tôi muốn phản ánh":     "",
	}
	for text, want := range cases {
		if got := guessCategory(vi.Fold(text)); got != want {
			t.Errorf("guessCategory(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestFindCode(t *testing.T) {
	cases := map[string]string{
		"PA-2601-0042": "PA-2601-0042", "pa 2601 0042": "PA-2601-0042", "mã PA26010042 ạ": "PA-2601-0042",
		"PA-2601-12345": "PA-2601-12345", "SPA-2601-0042": "", "PA-26-0042": "", "H12-0001": "",
	}
	for in, want := range cases {
		if got := findCode(in); got != want {
			t.Errorf("findCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizePhone(t *testing.T) {
	cases := map[string]string{
		"0905123456": "0905123456", "0905 123 456": "0905123456", "+84 905.123.456": "0905123456",
		"84905123456": "0905123456", "(0235) 3812 345": "02353812345",
		"12345": "", "090512345": "", "0905a23456": "", "009051234567": "",
	}
	for in, want := range cases {
		got, ok := normalizePhone(in)
		if got != want || ok != (want != "") {
			t.Errorf("normalizePhone(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
	if name, phone := splitNamePhone("Trần Thị Bình, 0912 345 678"); name != "Trần Thị Bình" || phone != "0912345678" {
		t.Errorf("split: %q %q", name, phone)
	}
}

func TestRetentionText(t *testing.T) {
	if got := retentionText(DefaultContactRetention); got != "12 tháng" {
		t.Errorf("%q", got)
	}
}
