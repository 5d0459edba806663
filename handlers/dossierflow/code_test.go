package dossierflow

import "testing"

func TestCodeIn(t *testing.T) {
	tests := []struct {
		text   string
		strict bool
		want   string // "" when no code
	}{
		{"H12-240115-0001", true, "H12-240115-0001"},
		{"h12-240115-0001", true, "H12-240115-0001"},
		{"hồ sơ h12-240115-0001 của tôi đến đâu rồi?", true, "H12-240115-0001"},
		{"mã: 000.00.19.H57-230512-0003.", true, "000.00.19.H57-230512-0003"},
		{"h12 - 240115 - 0001", true, "H12-240115-0001"},
		{"HS 2024 0001", true, "HS20240001"},
		{"2024/0001234", true, "2024/0001234"},
		// Typed otherwise than printed: the store finds these by their
		// letters and digits.
		{"H47 260301 0042", true, "H472603010042"},
		{"hồ sơ H47 260301 0042 đến đâu rồi", true, "H472603010042"},
		{"cho mình hỏi hồ sơ h47 260301 0042 với", true, "H472603010042"},
		{"H472603010042", true, "H472603010042"},
		{"h47.260301.0042", true, "H47.260301.0042"},
		{"ma ho so 000 00 12 H34 240115 0001", true, "0000012H342401150001"},
		{"lam giay khai sinh", true, ""},
		{"thủ tục 1.001193 cần gì", true, ""},
		{"1.001193", false, ""},
		{"số điện thoại 0905123456", true, ""},
		{"0905123456", false, ""},
		{"0905 123 456", false, ""},
		{"căn cước 079201001234", false, ""},
		{"sinh năm 2024", true, ""},
		{"từ 2023-2024", false, ""},
		{"ngày 12/05/2024", false, ""},
		{"phí 500.000 đồng", false, ""},
		{"theo 123/2015/ND-CP", true, ""},
		{"quyết định 1234/QD-UBND", true, ""},
		{"covid19 có ảnh hưởng không", true, ""},
		{"abc12", false, ""},
		{"hs - 2026.001234", false, "HS-2026.001234"}, // asked for a code: any case
		{"hs - 2026. 001234", false, "HS-2026001234"}, // the same letters and digits
		{"hs 2026.001234", false, "HS2026.001234"},
		{"PA-2611-0001", true, ""}, // a complaint's code
		{"ma H12-240115-0001", false, "H12-240115-0001"},
		{"la 4567", false, ""},
		{"pa-2611-0001", false, ""},
		{"mat khau la abcdefgh", false, ""},
		{"240115", true, ""},
		{"240115", false, "240115"},
		{"HS2024000001234567890123456789012345678901", false, ""}, // over 40
		{"H12_0001", false, ""},
	}
	for _, tc := range tests {
		got, ok := codeIn(tc.text, tc.strict)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("codeIn(%q, strict=%v) = %q, %v; want %q", tc.text, tc.strict, got, ok, tc.want)
		}
	}
}

func TestPhoneDigits(t *testing.T) {
	tests := []struct{ text, want string }{
		{"3456", "3456"}, {"số cuối 34 56 ạ", "3456"}, {"0905123456", "3456"}, {"+84 905 123 456", "3456"},
		{"345", ""}, {"12345", ""}, {"không nhớ", ""}, {"079201001234", ""},
	}
	for _, tc := range tests {
		got, ok := phoneDigits(tc.text)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("phoneDigits(%q) = %q, %v; want %q", tc.text, got, ok, tc.want)
		}
	}
}

func TestIsCancel(t *testing.T) {
	for text, want := range map[string]bool{
		"huy": true, "thoi": true, "thoi khong can nua": true, "huy tra cuu": true, "quay lai": true, "tro ve": true,
		"khong": false, "dung": false, "thoi cho toi hoi thu tuc khai sinh": false,
	} {
		if got := isCancel(" " + text + " "); got != want {
			t.Errorf("isCancel(%q) = %v", text, got)
		}
	}
}
