package search

import (
	"context"
	"testing"
)

// TestFamilies: whole families of everyday wording, each with questions
// phrased in several ways, and the behaviour the family needs.
func TestFamilies(t *testing.T) {
	x := builtinIndex(t)
	type want struct {
		code      string // first hit
		confident bool   // answered directly, without a list to choose from
	}
	families := map[string]struct {
		qs []string
		w  want
	}{
		// "kí" and "ký" are one syllable; so are "lí" and "lý".
		"i/y spelling": {[]string{"đăng kí khai tử cho bố", "dang ki ket hon", "xin phiếu lí lịch tư pháp"}, want{}},
		// A question that names the basic procedure gets it, not a list of
		// its variants (lưu động, có yếu tố nước ngoài, cấp tỉnh…).
		"basic over variants": {[]string{"lam giay khai sinh cho con", "làm giấy khai sinh cho con", "thủ tục đăng ký khai sinh"}, want{"1.001193", true}},
		"marriage":            {[]string{"đăng ký kết hôn cần giấy tờ gì", "dang ky ket hon can gi"}, want{"1.000894", true}},
		// Unaccented words in an accented question still find the lexicon.
		"mixed typing": {[]string{"xin giấy phép xay dung nhà ở", "đăng ky tạm tru cho người thuê nhà"}, want{}},
		// Older people without a pension, disability, people of merit.
		"elderly allowance": {[]string{"bà tôi 80 tuổi không có lương hưu có được trợ cấp không", "tro cap cho nguoi cao tuoi khong co luong huu"}, want{code: "1.014027"}},
		"disability":        {[]string{"làm giấy xác nhận khuyết tật cho con bị bại não", "con bi tu ky xin xac nhan muc do khuyet tat"}, want{code: "1.001699"}},
		"people of merit":   {[]string{"xin giấy xác nhận là con thương binh", "con liet si xin giay xac nhan than nhan"}, want{code: "1.010833"}},
	}
	firsts := map[string]string{
		"đăng kí khai tử cho bố": "1.000656", "dang ki ket hon": "1.000894", "xin phiếu lí lịch tư pháp": "3.000333",
		"xin giấy phép xay dung nhà ở": "1.013225", "đăng ky tạm tru cho người thuê nhà": "1.004194",
	}
	for name, f := range families {
		for _, q := range f.qs {
			res, err := x.Search(context.Background(), q, 5)
			if err != nil {
				t.Fatal(err)
			}
			code := f.w.code
			if code == "" {
				code = firsts[q]
			}
			if len(res.Hits) == 0 || res.Hits[0].Code != code || !res.InScope {
				t.Errorf("%s: %q: got %v in scope %v, want %s first", name, q, codesOf(res.Hits), res.InScope, code)
			}
			if f.w.confident && !res.Confident {
				t.Errorf("%s: %q: not confident", name, q)
			}
		}
	}
}

// TestIdiomsAndTopics: words inside idioms do not trigger rules, and an
// out-of-scope topic mentioned in a story does not hide a procedure the
// question names outright.
func TestIdiomsAndTopics(t *testing.T) {
	x := builtinIndex(t)
	// "mất bao lâu" is time taken, not a death: passports stay out of scope.
	if res, _ := x.Search(context.Background(), "làm hộ chiếu cho con mất bao lâu", 5); res.InScope {
		t.Errorf("passport question in scope: %v", codesOf(res.Hits))
	}
	for q, code := range map[string]string{
		"Tôi sắp đi xuất khẩu lao động, công ty yêu cầu phiếu lý lịch tư pháp, xin ở đâu?": "3.000333",
		"Em bị mất ví có căn cước và bằng lái xe, muốn làm lại căn cước trước":             "1.014064",
	} {
		res, _ := x.Search(context.Background(), q, 5)
		if !res.InScope || len(res.Hits) == 0 || res.Hits[0].Code != code {
			t.Errorf("%q: got %v in scope %v, want %s", q, codesOf(res.Hits), res.InScope, code)
		}
	}
	// Only very common words explain nothing.
	for _, q := range []string{"bạn có người yêu chưa", "lương giáo viên năm nay tăng bao nhiêu"} {
		if res, _ := x.Search(context.Background(), q, 5); res.InScope {
			t.Errorf("%q in scope: %v", q, codesOf(res.Hits))
		}
	}
}
