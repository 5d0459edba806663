package handlers

import "testing"

func TestCentreQuestions(t *testing.T) {
	full := []step{
		{text: "hotline", want: []string{"Đường dây nóng: 0225 3888 888"}, notWant: []string{"Giờ làm việc", "chưa có"}, buttons: []string{"info", "menu"}},
		{text: "giờ làm việc", want: []string{"Giờ làm việc: 7h30"}, notWant: []string{"Đường dây nóng"}},
		{text: "thứ bảy có mở cửa không", want: []string{"thứ Hai đến thứ Sáu"}},
		{text: "số điện thoại liên hệ trung tâm", want: []string{"0225 3888 888"}},
		{text: "địa chỉ", want: []string{"Số 1 đường Trung tâm", "gõ tên thủ tục"}, procedure: "-"},
		{action: "info", want: []string{"Số 1 đường Trung tâm", "7h30", "0225 3888 888", "Hộ tịch"}, buttons: []string{"help", "menu"}},
	}
	newHarness(t, nil).run("centre-full", full)

	bare := []step{
		{text: "hotline", want: []string{"Mình chưa có số đường dây nóng", "dichvucong.gov.vn"}, buttons: []string{"info"}},
		{text: "dia chi o dau", want: []string{"Mình chưa có địa chỉ", "dichvucong.gov.vn", "Giờ làm việc"}},
	}
	newHarness(t, func(c *Config) { c.Centre.Hotline, c.Centre.Address = "", "" }).run("centre-bare", bare)
}

// TestNoHotlineSendsToTheDesk: without a hotline in the settings, "no
// information" still says where a person can help.
func TestNoHotlineSendsToTheDesk(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.Centre.Hotline = "" })
	h.run("no-hotline", []step{{text: "giá vàng hôm nay", want: []string{"chưa có thông tin", "hỏi trực tiếp cán bộ"}}})
}
