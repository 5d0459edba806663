package pii

import (
	"strings"
	"testing"
)

func TestMask(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"id 12 digits", "CCCD của tôi là 001203004567", "CCCD của tôi là " + MaskNumber},
		{"old cmnd 9 digits", "cmnd 123456789 bị mất", "cmnd " + MaskNumber + " bị mất"},
		{"phone", "gọi 0912345678 nhé", "gọi " + MaskPhone + " nhé"},
		{"phone grouped", "sđt 091 234 5678", "sđt " + MaskPhone},
		{"phone +84", "số +84912345678", "số " + MaskPhone},
		{"email", "gửi về an.nguyen@gmail.com ạ", "gửi về " + MaskEmail + " ạ"},
		{"tax code 13", "mst 0101234567-001", "mst " + MaskNumber},
		{"bhxh 10", "mã bhxh 0123456789", "mã bhxh " + MaskPhone},
		{"short numbers kept", "nhà 3 tầng, phí 50.000 đồng, 15 ngày", "nhà 3 tầng, phí 50.000 đồng, 15 ngày"},
		{"procedure code kept", "thủ tục 1.001193", "thủ tục 1.001193"},
		{"dossier code kept", "hồ sơ 000.00.27.H12-240115-0001", "hồ sơ 000.00.27.H12-240115-0001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Mask(tt.in)
			if got != tt.want {
				t.Errorf("Mask(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if Mask(got) != got {
				t.Errorf("Mask is not idempotent on %q", got)
			}
		})
	}
}

func TestMaskLeavesNoDigitsOfPersonalData(t *testing.T) {
	in := "Tôi tên An, CCCD 079203001234, điện thoại 0987 654 321, email an@example.vn"
	out := Mask(in)
	for _, secret := range []string{"079203001234", "0987 654 321", "an@example.vn"} {
		if strings.Contains(out, secret) {
			t.Errorf("masked text still holds %q: %q", secret, out)
		}
	}
	if !Contains(in) || Contains(out) {
		t.Errorf("Contains: before=%v after=%v", Contains(in), Contains(out))
	}
}

func TestStripHidden(t *testing.T) {
	in := "khai\u200b sinh\u202e\U000E0041 \x00ok\nxong"
	if got, want := StripHidden(in), "khai sinh ok\nxong"; got != want {
		t.Errorf("StripHidden = %q, want %q", got, want)
	}
}
