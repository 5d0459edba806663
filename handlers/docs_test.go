package handlers

import (
	"strings"
	"testing"

	"github.com/motcua/motcua"
)

func TestShortDocName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"(2) Bản gốc Giấy chứng nhận đã cấp.", "Bản gốc Giấy chứng nhận đã cấp"},
		{"a) Đơn đề nghị", "Đơn đề nghị"},
		{"+ Đơn đề nghị theo Mẫu số 01 ban hành kèm Thông tư số 01/2019", "Đơn đề nghị"},
		{"Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử", "Giấy tờ tùy thân (thẻ căn cước hoặc hộ chiếu)"},
		{"Giấy báo tử hoặc giấy tờ thay Giấy báo tử do cơ quan có thẩm quyền cấp. Trường hợp…", "Giấy báo tử hoặc giấy tờ thay Giấy báo tử"},
		// A comma inside a name is no explanation: "cha, mẹ" stays whole.
		{"Văn bản thỏa thuận của cha, mẹ về việc lựa chọn quốc tịch", "Văn bản thỏa thuận của cha, mẹ về việc lựa chọn quốc tịch"},
	}
	for _, tt := range tests {
		if got := shortDocName(tt.in); got != tt.want {
			t.Errorf("shortDocName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDocsSummaryPutsSubmittedPapersFirst(t *testing.T) {
	p := &motcua.Procedure{Code: "9.000001", Name: "Thủ tục thử", Documents: []motcua.DocumentGroup{
		{Name: "Thành phần hồ sơ", Documents: []motcua.Document{
			{Name: "Mẫu hộ tịch điện tử tương tác đăng ký khai tử (nếu nộp trực tuyến)", Count: "1 bản chính"},
			{Name: "Tờ khai đăng ký khai tử theo mẫu;", Count: "1 bản chính"},
			{Name: "Tờ khai đăng ký khai tử theo mẫu", Count: "1 bản chính"},
			{Name: "Người có yêu cầu nộp các giấy tờ sau:"},
		}},
		{Name: "Lưu ý", Documents: []motcua.Document{{Name: "Người tiếp nhận có trách nhiệm kiểm tra, đối chiếu"}}},
		{Name: "Giấy tờ phải xuất trình", Documents: []motcua.Document{
			{Name: "Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước (sau đây gọi tắt là giấy tờ tùy thân)"},
			{Name: "Trường hợp gửi hồ sơ qua bưu chính thì gửi kèm bản sao có chứng thực."},
		}},
		{Name: "Giấy tờ phải nộp", Documents: []motcua.Document{
			{Name: "Giấy báo tử. Trường hợp đã nộp bản điện tử thì không phải nộp bản giấy.", Count: "1 bản chính"},
			{Name: "Văn bản ủy quyền trong trường hợp ủy quyền thực hiện việc đăng ký khai tử."},
			{Name: "Hoặc"},
			{Name: "Sổ hộ khẩu"},
		}},
	}}
	got := docsSummary(p)
	want := "Giấy báo tử; Tờ khai đăng ký khai tử theo mẫu; Giấy tờ tùy thân (thẻ căn cước hoặc hộ chiếu)"
	if got != want {
		t.Errorf("docsSummary = %q, want %q", got, want)
	}
	e := newHarness(t, nil).e
	text := e.docsText(p)
	for _, w := range []string{"Giấy tờ cần nộp:\n1. Giấy báo tử.", "2. Tờ khai đăng ký khai tử theo mẫu", "xuất trình", "Khi nộp trực tuyến:", "Tùy trường hợp:\n• Văn bản ủy quyền", "Chi tiết từng giấy tờ"} {
		if !strings.Contains(text, w) {
			t.Errorf("docsText lacks %q:\n%s", w, text)
		}
	}
	for _, w := range []string{"Người tiếp nhận", "Hoặc", "Sổ hộ khẩu", "3. Tờ khai", "các giấy tờ sau"} {
		if strings.Contains(text, w) {
			t.Errorf("docsText has %q:\n%s", w, text)
		}
	}
}

func TestDocsSummaryWhenEveryGroupIsACase(t *testing.T) {
	p := &motcua.Procedure{Code: "9.000002", Name: "Cấp lại Giấy chứng nhận do bị mất", Documents: []motcua.DocumentGroup{
		{Name: "a) Đối với trường hợp cấp lại Giấy chứng nhận bị mất", Documents: []motcua.Document{
			{Name: "(2) Mảnh trích đo bản đồ địa chính thửa đất đối với trường hợp người sử dụng đất có nhu cầu đo đạc"},
			{Name: "(1) Đơn đăng ký biến động đất đai, tài sản gắn liền với đất theo Mẫu số 18"},
		}},
		{Name: "b) Đối với trường hợp mất Trang bổ sung", Documents: []motcua.Document{
			{Name: "(2) Bản gốc Giấy chứng nhận đã cấp."},
		}},
	}}
	if got, want := docsSummary(p), "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (tùy trường hợp)"; got != want {
		t.Errorf("docsSummary = %q, want %q", got, want)
	}
	text := newHarness(t, nil).e.docsText(p)
	for _, w := range []string{"Đối với trường hợp cấp lại Giấy chứng nhận bị mất:\n1. Đơn đăng ký", "Đối với trường hợp mất Trang bổ sung:\n1. Bản gốc"} {
		if !strings.Contains(text, w) {
			t.Errorf("docsText lacks %q:\n%s", w, text)
		}
	}
}

func TestManyCasesPointToTheSource(t *testing.T) {
	var docs []motcua.Document
	for _, c := range []string{"ủy quyền", "bưu chính", "mang thai hộ", "bỏ rơi", "người chết đã lâu", "nước ngoài", "chưa có thông tin"} {
		docs = append(docs, motcua.Document{Name: "Trường hợp " + c + " thì nộp thêm giấy tờ chứng minh."})
	}
	p := &motcua.Procedure{Code: "9.000003", Name: "Thủ tục thử", SourceURL: "https://dichvucong.gov.vn/p/9",
		Documents: []motcua.DocumentGroup{{Name: "Thành phần hồ sơ", Documents: append(docs, motcua.Document{Name: "Tờ khai theo mẫu"})}}}
	text := newHarness(t, nil).e.docsText(p)
	for _, w := range []string{"1. Tờ khai theo mẫu", "• Trường hợp ủy quyền", "và 2 trường hợp khác", "https://dichvucong.gov.vn/p/9"} {
		if !strings.Contains(text, w) {
			t.Errorf("docsText lacks %q:\n%s", w, text)
		}
	}
	if strings.Contains(text, "nước ngoài") {
		t.Errorf("docsText lists more than %d cases:\n%s", maxCases, text)
	}
}

// TestSummaryOfCaseGroups: when each group of papers is one applicant's
// case, the card names the form everyone fills in and says the rest
// depends on the case, rather than the first case's papers.
func TestSummaryOfCaseGroups(t *testing.T) {
	doc := func(n string) motcua.Document { return motcua.Document{Name: n, Count: "1 bản chính"} }
	p := &motcua.Procedure{Code: "9.9", Documents: []motcua.DocumentGroup{
		{Name: "Đăng ký thường trú vào chỗ ở thuộc quyền sở hữu của mình", Documents: []motcua.Document{doc("Giấy chứng nhận đăng ký phương tiện")}},
		{Name: "Đăng ký thường trú vào chỗ ở do thuê, mượn", Documents: []motcua.Document{doc("Hợp đồng thuê nhà")}},
		{Name: "Đăng ký thường trú tại cơ sở tôn giáo", Documents: []motcua.Document{doc("Tờ khai thay đổi thông tin cư trú"), doc("Văn bản xác nhận của cơ sở")}},
	}}
	got := docsSummary(p)
	if !strings.HasPrefix(got, "Tờ khai thay đổi thông tin cư trú") || !strings.Contains(got, "tùy trường hợp") ||
		strings.Contains(got, "phương tiện") {
		t.Errorf("summary = %q", got)
	}
}

func TestSqueezeRepeats(t *testing.T) {
	for in, want := range map[string]string{
		"Đơn yêu cầu yêu cầu hòa giải":         "Đơn yêu cầu hòa giải",
		"Tờ khai đăng ký đăng ký nhận cha, mẹ": "Tờ khai đăng ký nhận cha, mẹ",
		"Tờ khai theo mẫu":                     "Tờ khai theo mẫu",
		"Giao thông thông minh":                "Giao thông thông minh",
		"quốc tịch, hộ tịch, hộ khẩu":          "quốc tịch, hộ tịch, hộ khẩu",
		"thương binh, bệnh binh, bệnh tật":     "thương binh, bệnh binh, bệnh tật",
	} {
		if got := squeezeRepeats(in); got != want {
			t.Errorf("squeezeRepeats(%q) = %q, want %q", in, got, want)
		}
	}
}
