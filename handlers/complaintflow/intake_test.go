package complaintflow

import (
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

// TestHappyPathTelegram walks a whole intake with photos and contact data
// on a channel that carries photos, and checks what was stored.
func TestHappyPathTelegram(t *testing.T) {
	var logs syncBuffer
	h := newHarness(t, nil, func(c *Config) {
		c.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	steps := []step{
		{text: "cán bộ một cửa trễ hẹn trả kết quả", want: []string{"Mình hiểu là: Trễ hẹn"}, button: "f:complaint:cat:late"},
		{action: "f:complaint:cat:late", want: []string{"kể ngắn gọn sự việc", "gửi kèm ảnh", "Nội dung bạn đã viết"}},
		{text: lateText, photos: 1, want: []string{"Đã nhận 1 ảnh (tổng cộng 1/5", "ảnh chụp liên quan"}, button: "f:complaint:next"},
		{photos: 1, want: []string{"Đã nhận 1 ảnh (tổng cộng 2/5"}},
		{action: "f:complaint:next", want: []string{"gõ mã hồ sơ"}, button: "f:complaint:skip"},
		{text: strings.ToLower(aDossier), want: []string{"Nghị định 13/2023", "12 tháng", "Bạn có thể không để lại liên hệ"}, button: "f:complaint:consent:yes"},
		{action: "f:complaint:consent:yes", want: []string{"họ và tên"}},
		{text: "Nguyễn Văn An", want: []string{"số điện thoại"}},
		{text: "0905 123 456", want: []string{"Trễ hẹn", aDossier, "Nguyễn Văn An, 0905123456", "2 ảnh", lateText[:40]},
			button: "f:complaint:send"},
		{action: "f:complaint:send", want: []string{"Mã theo dõi: PA-2601-0001", "trả lời trước 09:00 13/01/2026", "ngày 26/01/2026", "cuộc trò chuyện này"},
			button: "f:complaint:show:PA-2601-0001", not: []string{"Luật Khiếu nại"}},
	}
	h.run(motcua.ChannelTelegram, "100", steps)
	list := h.complaints()
	if len(list) != 1 {
		t.Fatalf("%d complaints", len(list))
	}
	c := list[0]
	if c.Code != "PA-2601-0001" || c.Category != "late" || c.Text != lateText || c.DossierCode != aDossier ||
		c.Name != "Nguyễn Văn An" || c.Phone != "0905123456" || !c.Consent || c.Formal || len(c.Photos) != 2 ||
		c.Channel != motcua.ChannelTelegram || c.ChatID != "100" || c.Status != motcua.ComplaintNew {
		t.Fatalf("stored %s", mustJSON(t, c))
	}
	if answer, resolve := h.cal.ComplaintDue(testStart); !c.AnswerDueAt.Equal(answer) || !c.ResolveDueAt.Equal(resolve) {
		t.Errorf("due %v %v, want %v %v", c.AnswerDueAt, c.ResolveDueAt, answer, resolve)
	}
	if out := logs.String(); !strings.Contains(out, "PA-2601-0001") ||
		strings.Contains(out, "Nguyễn") || strings.Contains(out, "0905") || strings.Contains(out, "khai sinh") {
		t.Errorf("logs:\n%s", out)
	}
	s := h.flowState(motcua.ChannelTelegram, "100")
	if s.Step != stepDone || s.Text != "" || s.Name != "" || s.Phone != "" {
		t.Errorf("conversation keeps %+v after the commit", s)
	}
}

// TestAnonymousWeb sends without contact data on the web, where the photo
// step is not offered, and checks the answer says how to follow up.
func TestAnonymousWeb(t *testing.T) {
	h := newHarness(t, nil)
	h.run(motcua.ChannelWeb, "sess", intakeTo())
	h.send(motcua.ChannelWeb, "sess", step{action: "f:complaint:send", want: []string{"PA-2601-0001", "chỉ tra cứu được từ cuộc trò chuyện này"}})
	c := h.complaints()[0]
	if c.Consent || c.Name != "" || c.Phone != "" || c.DossierCode != "" || len(c.Photos) != 0 {
		t.Fatalf("stored %s", mustJSON(t, c))
	}
}

// TestAnonymousKeepsNoNumber: a citizen who leaves no contact but types a
// phone number into the account has it masked in the stored complaint.
func TestAnonymousKeepsNoNumber(t *testing.T) {
	h := newHarness(t, nil)
	steps := intakeTo()
	steps[2].text = lateText + " Gọi tôi 0987654321."
	h.run(motcua.ChannelWeb, "sess", steps)
	h.send(motcua.ChannelWeb, "sess", step{action: "f:complaint:send", want: []string{"PA-2601-0001"}})
	if c := h.complaints()[0]; strings.Contains(c.Text, "0987654321") || !strings.Contains(c.Text, "Gọi tôi") {
		t.Fatalf("stored text %q", c.Text)
	}
}

// TestCancelAtEveryStep cancels at each step, by button and by word.
func TestCancelAtEveryStep(t *testing.T) {
	full := intakeTo()
	for i := 1; i <= len(full); i++ {
		for _, cancel := range []step{{action: "f:complaint:cancel"}, {text: "hủy"}} {
			h := newHarness(t, nil)
			h.run(motcua.ChannelWeb, "s", full[:i])
			cancel.want = []string{"Đã hủy"}
			h.send(motcua.ChannelWeb, "s", cancel)
			if c := h.conv(motcua.ChannelWeb, "s"); c.Flow != "" || len(c.FlowData) != 0 {
				t.Fatalf("after cancel at step %d: %+v", i, c)
			}
			h.send(motcua.ChannelWeb, "s", step{action: "f:complaint:send", want: []string{"đã kết thúc"}})
			if n := len(h.complaints()); n != 0 {
				t.Fatalf("%d complaints after cancel", n)
			}
		}
	}
}

// TestBack goes back from each step and finds the previous question, its
// answer kept.
func TestBack(t *testing.T) {
	h := newHarness(t, nil)
	const ch, chat = motcua.ChannelTelegram, "7"
	h.run(ch, chat, []step{
		{text: "phan anh"},
		{action: "f:complaint:back", want: []string{"Đây là bước đầu tiên", "về việc gì"}},
		{action: "f:complaint:cat:attitude"},
		{text: lateText},
		{action: "f:complaint:back", want: []string{"Nội dung bạn đã viết", "Giữ nội dung này"}, button: "f:complaint:keep"},
		{action: "f:complaint:keep", want: []string{"ảnh chụp liên quan"}},
		{action: "f:complaint:next", want: []string{"gõ mã hồ sơ"}},
		{action: "f:complaint:back", want: []string{"ảnh chụp liên quan"}},
		{action: "f:complaint:back", want: []string{"Nội dung bạn đã viết"}},
		{action: "f:complaint:back", want: []string{"về việc gì", "Mình hiểu là: Thái độ cán bộ"}},
		{text: "2", want: []string{"Nội dung bạn đã viết"}},
		{text: "quay lại", want: []string{"về việc gì", "Trễ hẹn"}},
	})
	if s := h.flowState(ch, chat); s.Category != "late" || s.Text != lateText {
		t.Fatalf("state after back: %+v", s)
	}
}

// TestEditFromSummary changes one answer and comes back to the summary.
func TestEditFromSummary(t *testing.T) {
	h := newHarness(t, nil)
	h.run(motcua.ChannelWeb, "e", intakeTo())
	h.run(motcua.ChannelWeb, "e", []step{
		{action: "f:complaint:edit", want: []string{"sửa phần nào"}, button: "f:complaint:edit:dossier"},
		{action: "f:complaint:edit:dossier", want: []string{"mã hồ sơ"}},
		{text: aDossier, want: []string{"kiểm tra lại", aDossier}},
		{action: "f:complaint:edit"},
		{action: "f:complaint:edit:contact", want: []string{"Nghị định 13/2023"}},
		{action: "f:complaint:consent:yes", want: []string{"họ và tên"}},
		{text: "Trần Thị Bình, 0912 345 678", want: []string{"kiểm tra lại", "Trần Thị Bình, 0912345678"}},
		{action: "f:complaint:send", want: []string{"PA-2601-0001"}},
	})
	c := h.complaints()[0]
	if c.DossierCode != aDossier || c.Name != "Trần Thị Bình" || c.Phone != "0912345678" || !c.Consent {
		t.Fatalf("stored %s", mustJSON(t, c))
	}
}

// TestExpiry leaves an intake longer than the expiry: it starts again
// cleanly with a note, and the old answer is not used.
func TestExpiry(t *testing.T) {
	h := newHarness(t, nil, func(c *Config) { c.Expiry = 10 * time.Minute })
	const ch, chat = motcua.ChannelWeb, "x"
	h.run(ch, chat, intakeTo()[:3])
	h.clock.Add(11 * time.Minute)
	h.send(ch, chat, step{action: "f:complaint:skip", want: []string{"quá lâu", "về việc gì"}})
	if s := h.flowState(ch, chat); s.Step != stepCategory || s.Text != "" || s.Category != "" {
		t.Fatalf("after expiry: %+v", s)
	}
	h.clock.Add(11 * time.Minute)
	h.send(ch, chat, step{text: lateText, want: []string{"quá lâu", "về việc gì"}})
	h.clock.Add(9 * time.Minute)
	h.send(ch, chat, step{action: "f:complaint:cat:late", want: []string{"kể ngắn gọn"}, not: []string{"quá lâu"}})
}

// TestBadInputAtEveryStep sends input each step cannot take: the answer
// says what is wrong, and the intake is exactly as before.
func TestBadInputAtEveryStep(t *testing.T) {
	tooLong := strings.Repeat("Cán bộ hẹn mãi. ", 130) // 2,079 characters once trimmed
	cases := []struct {
		name  string
		to    []step // steps to reach the step tested
		bad   []step
		after step // a good answer still works
	}{
		{"category", nil, []step{
			{text: "xyz abc", want: []string{"chưa nhận ra loại"}},
			{text: "9", want: []string{"chưa nhận ra loại"}},
			{text: "", want: []string{"chưa nhận ra loại"}},
			{text: "😀😀", want: []string{"chưa nhận ra loại"}},
			{action: "f:complaint:cat:nope", want: []string{"thuộc một bước trước"}},
			{action: "f:complaint:consent:yes", want: []string{"thuộc một bước trước"}},
		}, step{text: "trễ hẹn", want: []string{"kể ngắn gọn"}}},
		{"text", []step{{action: "f:complaint:cat:late"}}, []step{
			{text: "", want: []string{"chưa nhập nội dung"}},
			{text: "   ", want: []string{"chưa nhập nội dung"}},
			{text: "😡😡😡👎", want: []string{"biểu tượng cảm xúc"}},
			{text: "chậm quá", want: []string{"ngắn quá"}},
			{text: tooLong, want: []string{"dài quá (tối đa 2000 ký tự, bạn đã gõ 2079)"}},
			{action: "f:complaint:send", want: []string{"thuộc một bước trước"}},
		}, step{text: lateText, want: []string{"ảnh chụp liên quan"}}},
		{"photos", []step{{action: "f:complaint:cat:late"}, {text: lateText}}, []step{
			{text: "", want: []string{"chờ ảnh chụp"}},
			{text: "ảnh đâu", want: []string{"chờ ảnh chụp"}},
		}, step{text: "tiếp tục", want: []string{"gõ mã hồ sơ"}}},
		{"dossier", []step{{action: "f:complaint:cat:late"}, {text: lateText}, {action: "f:complaint:next"}}, []step{
			{text: "abc", want: []string{"Mã hồ sơ chưa đúng dạng"}},
			{text: "không nhớ mã", want: []string{"Mã hồ sơ chưa đúng dạng"}},
			{text: "😀", want: []string{"Mã hồ sơ chưa đúng dạng"}},
			{text: "", want: []string{"Mã hồ sơ chưa đúng dạng"}},
			{photos: 1, want: []string{"chưa nhận ảnh"}},
		}, step{text: "bỏ qua", want: []string{"Nghị định 13/2023"}}},
		{"contact", []step{{action: "f:complaint:cat:late"}, {text: lateText}, {action: "f:complaint:next"}, {action: "f:complaint:skip"}}, []step{
			{text: "ok", want: []string{"bấm một nút"}},
			{text: "", want: []string{"bấm một nút"}},
		}, step{action: "f:complaint:consent:yes", want: []string{"họ và tên"}}},
		{"name", []step{{action: "f:complaint:cat:late"}, {text: lateText}, {action: "f:complaint:next"}, {action: "f:complaint:skip"}, {action: "f:complaint:consent:yes"}}, []step{
			{text: "12345", want: []string{"Họ tên chưa hợp lệ"}},
			{text: "A", want: []string{"Họ tên chưa hợp lệ"}},
			{text: "", want: []string{"Họ tên chưa hợp lệ"}},
			{text: "🙂🙂", want: []string{"Họ tên chưa hợp lệ"}},
			{text: strings.Repeat("Nguyễn ", 12), want: []string{"Họ tên chưa hợp lệ"}},
		}, step{text: "Lê Văn Cường", want: []string{"số điện thoại"}}},
		{"phone", []step{{action: "f:complaint:cat:late"}, {text: lateText}, {action: "f:complaint:next"}, {action: "f:complaint:skip"}, {action: "f:complaint:consent:yes"}, {text: "Lê Văn Cường"}}, []step{
			{text: "12345", want: []string{"Số điện thoại chưa đúng"}},
			{text: "090512345", want: []string{"Số điện thoại chưa đúng"}},
			{text: "số tôi là không", want: []string{"Số điện thoại chưa đúng"}},
			{text: "", want: []string{"Số điện thoại chưa đúng"}},
		}, step{text: "+84 905 123 456", want: []string{"0905123456"}}},
		{"confirm", []step{{action: "f:complaint:cat:late"}, {text: lateText}, {action: "f:complaint:next"}, {action: "f:complaint:skip"}, {action: "f:complaint:consent:no"}}, []step{
			{text: "được", want: []string{"bấm một nút"}},
			{photos: 2, want: []string{"chưa nhận ảnh"}},
			{action: "f:complaint:edit:text", want: []string{"thuộc một bước trước"}},
		}, step{text: "gửi", want: []string{"PA-2601-0001"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, nil)
			const ch, chat = motcua.ChannelTelegram, "b"
			h.run(ch, chat, append([]step{{text: "phản ánh"}}, tc.to...))
			before := string(h.conv(ch, chat).FlowData)
			for _, s := range tc.bad {
				h.send(ch, chat, s)
				if after := string(h.conv(ch, chat).FlowData); after != before {
					t.Fatalf("%q %q changed the intake:\n%s\n%s", short(s.text), s.action, before, after)
				}
			}
			h.send(ch, chat, tc.after)
		})
	}
}

// TestPhotos takes photos with the text, alone, beyond the limit, and
// refuses other files.
func TestPhotos(t *testing.T) {
	h := newHarness(t, nil)
	const ch, chat = motcua.ChannelZalo, "z"
	h.run(ch, chat, []step{
		{text: "góp ý"},
		{action: "f:complaint:cat:facilities"},
		{photos: 2, want: []string{"Đã nhận 2 ảnh", "kể ngắn gọn"}},
		{text: "Phòng chờ không có ghế ngồi, người già phải đứng rất lâu.", photos: 1, want: []string{"tổng cộng 3/5", "ảnh chụp liên quan"}},
		{photos: 4, want: []string{"Đã nhận 2 ảnh (tổng cộng 5/5"}},
		{photos: 1, want: []string{"Đã đủ 5 ảnh"}},
	})
	m := h.msg(ch, chat, step{})
	m.Attachments = []motcua.Attachment{{Kind: "file", Name: "don.pdf", URL: "https://example.org/don.pdf"}}
	h.check(step{want: []string{"chỉ nhận ảnh chụp"}}, h.handle(m))
	h.run(ch, chat, []step{
		{action: "f:complaint:next"}, {action: "f:complaint:skip"}, {action: "f:complaint:consent:no", want: []string{"5 ảnh"}},
		{action: "f:complaint:send"},
	})
	if c := h.complaints()[0]; len(c.Photos) != 5 || c.Photos[0].ChannelRef == "" || c.Category != "facilities" {
		t.Fatalf("stored %s", mustJSON(t, c))
	}
}

// TestDossierPrefill starts from a dossier card's button, and from a
// conversation that proved a dossier.
func TestDossierPrefill(t *testing.T) {
	h := newHarness(t, nil)
	h.run(motcua.ChannelWeb, "d", []step{
		{action: "f:complaint:dossier:" + strings.ToLower(aDossier), want: []string{"về việc gì"}},
		{action: "f:complaint:cat:extra_papers"},
		{text: "Cán bộ bắt tôi nộp thêm bản sao sổ hộ khẩu dù đã bỏ từ năm 2023.", want: []string{"liên quan đến hồ sơ " + aDossier}},
		{action: "f:complaint:back", want: []string{"Nội dung bạn đã viết"}},
	})
	h.run(motcua.ChannelWeb, "d", []step{
		{text: lateText},
		{action: "f:complaint:keep", want: []string{"Nghị định 13/2023"}},
	})
	if s := h.flowState(motcua.ChannelWeb, "d"); s.Dossier != aDossier {
		t.Fatalf("dossier %q", s.Dossier)
	}

	conv := h.conv(motcua.ChannelWeb, "p")
	conv.Proven = []string{"OLD-000001", "H12-0002"}
	if err := h.db.SaveConversation(t.Context(), conv); err != nil {
		t.Fatal(err)
	}
	h.run(motcua.ChannelWeb, "p", []step{
		{text: "bị đòi thêm giấy tờ", want: []string{"Mình hiểu là: Yêu cầu thêm giấy tờ"}},
		{action: "f:complaint:cat:extra_papers"},
		{text: lateText, want: []string{"hồ sơ H12-0002 phải không"}, button: "f:complaint:keep"},
	})
}

// TestDraftFromFirstMessage offers the first message as the description
// when it already tells what happened.
func TestDraftFromFirstMessage(t *testing.T) {
	h := newHarness(t, nil)
	first := "Cán bộ tiếp nhận hạch sách, đòi tiền bồi dưỡng mới nhận hồ sơ đất của tôi"
	h.run(motcua.ChannelWeb, "dr", []step{
		{text: first, want: []string{"Mình hiểu là: Nhũng nhiễu"}, button: "f:complaint:cat:harassment"},
		{action: "f:complaint:cat:harassment", want: []string{"Nội dung bạn đã viết: «" + first}},
		{action: "f:complaint:keep", want: []string{"mã hồ sơ"}},
	})
	h2 := newHarness(t, nil)
	h2.run(motcua.ChannelWeb, "dr", []step{
		{text: "tôi muốn gửi phản ánh ạ"},
		{action: "f:complaint:cat:other", not: []string{"Nội dung bạn đã viết"}},
	})
}

// TestFormal records a khiếu nại, says it is not a formal one, and offers
// the formal procedure's card from the built-in knowledge base.
func TestFormal(t *testing.T) {
	h := newHarness(t, nil)
	const ch, chat = motcua.ChannelWeb, "f"
	replies := h.run(ch, chat, []step{
		{text: "Tôi muốn khiếu nại cán bộ xã", want: []string{"khiếu nại hoặc tố cáo"}, not: []string{"Khiếu nại, tố cáo\n"}},
		{action: "f:complaint:cat:attitude"},
		{text: "Cán bộ tư pháp xã quát tháo, không nhận hồ sơ của tôi."},
		{action: "f:complaint:skip"},
		{action: "f:complaint:consent:no", want: []string{"(khiếu nại)"}},
		{action: "f:complaint:send", want: []string{"PA-2601-0001", "chưa phải đơn khiếu nại chính thức", "90 ngày", "30 ngày", "45 ngày"},
			button: "p:1.004335"},
	})
	if !hasButton(replies, "p:1.004327") {
		t.Errorf("no tố cáo card: %+v", replies)
	}
	if c := h.complaints()[0]; !c.Formal {
		t.Fatalf("not formal: %s", mustJSON(t, c))
	}
	h.send(ch, chat, step{action: "p:1.004335", want: []string{"Giải quyết khiếu nại về quyết định hành chính"}})

	// The button, and words found only in the description.
	h.run(ch, "f2", []step{
		{text: "phản ánh"},
		{action: "f:complaint:formal", want: []string{"kể ngắn gọn"}},
		{text: lateText}, {action: "f:complaint:skip"}, {action: "f:complaint:consent:no", want: []string{"Khác (khiếu nại, tố cáo)"}},
		{action: "f:complaint:send", want: []string{"Luật Khiếu nại 2011", "Luật Tố cáo 2018"}},
	})
	h.run(ch, "f3", []step{
		{text: "phản ánh"}, {action: "f:complaint:cat:harassment"},
		{text: "Tôi tố cáo cán bộ địa chính đòi tiền mới ký hồ sơ."}, {action: "f:complaint:skip"},
		{action: "f:complaint:consent:no", want: []string{"(tố cáo)"}},
		{action: "f:complaint:send", want: []string{"Luật Tố cáo 2018"}, not: []string{"Luật Khiếu nại"}, button: "p:1.004327"},
	})
}

// TestFormalCodesSetting names the formal procedures by setting.
func TestFormalCodesSetting(t *testing.T) {
	f := New(Config{Catalog: builtinKB(t), FormalCodes: []string{"1.003504", "nope"}})
	if len(f.formal) != 1 || f.formal[0].Code != "1.003504" || f.formal[0].Kind != formalKhieuNai {
		t.Fatalf("formal %+v", f.formal)
	}
	if f := New(Config{}); len(f.formal) != 0 {
		t.Fatalf("formal without catalogue %+v", f.formal)
	}
}

// TestResumeAndStale presses the menu button during an intake (it resumes)
// and a button of a finished intake (it says so).
func TestResumeAndStale(t *testing.T) {
	h := newHarness(t, nil)
	h.run(motcua.ChannelWeb, "r", []step{
		{action: "f:complaint", want: []string{"về việc gì"}},
		{action: "f:complaint:cat:late"},
		{action: "f:complaint", want: []string{"kể ngắn gọn"}},
		{action: "menu", button: "f:complaint"},
		{action: "f:complaint:cat:late", want: []string{"đã kết thúc"}},
		{action: "f:complaint:new", want: []string{"về việc gì"}},
	})
}
