package vi

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Đăng ký khai sinh", "dang ky khai sinh"},
		{"  SỔ   ĐỎ ", "so do"},
		{"dk ks", "dk ks"},
		{"Thủ tục cấp lại thẻ Căn cước", "thu tuc cap lai the can cuoc"},
		{"", ""},
		{"😀 hồ sơ", "😀 ho so"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHasDiacritics(t *testing.T) {
	if HasDiacritics("dang ky khai sinh") {
		t.Error("plain ASCII reported as having diacritics")
	}
	if !HasDiacritics("đăng ký") {
		t.Error("missed diacritics")
	}
}
