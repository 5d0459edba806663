package vi

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

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

func TestFoldMatchesSlowFold(t *testing.T) {
	for _, s := range []string{"Đăng ký khai sinh", "ỨNG DỤNG định danh", "Thẻ căn cước", "nghiệp ngư diêm", "Tiếng Việt có dấu: ạ ặ ậ ẹ ệ ị ọ ộ ợ ụ ự ỵ",
		"Cha\u0300o ba\u0323n" /* decomposed */, "tab\tand\nnewline"} {
		if got, want := Fold(s), strings.Join(strings.Fields(slowFold(norm.NFC.String(s))), " "); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Fold("Đăng ký thường trú cho con mới sinh tại Ủy ban nhân dân cấp xã")
	}
}
