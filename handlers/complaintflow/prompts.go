package complaintflow

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

var menuButton = motcua.Button{Label: "Menu", Action: "menu"}

// btn is a button of the flow: "f:complaint:ACTION".
func (t *turn) btn(label, action string) motcua.Button {
	return motcua.Button{Label: label, Action: "f:" + t.f.Name() + ":" + action}
}

// nav are the buttons every step ends with.
func (t *turn) nav() []motcua.Button {
	if len(t.s.Trail) == 0 {
		return []motcua.Button{t.btn("Hủy", "cancel")}
	}
	return []motcua.Button{t.btn("Quay lại", "back"), t.btn("Hủy", "cancel")}
}

// prompt asks the present step's question, after note when it is not
// empty (what was wrong with the last answer, or what happened).
func (t *turn) prompt(note string) []motcua.Reply {
	text, buttons := t.question()
	if note != "" {
		text = note + "\n\n" + text
	}
	return []motcua.Reply{{Text: text, Buttons: append(buttons, t.nav()...)}}
}

// question is the present step's question and its own buttons.
func (t *turn) question() (string, []motcua.Button) {
	switch t.s.Step {
	case stepText:
		return t.textQuestion()
	case stepPhotos:
		return t.photosQuestion()
	case stepDossier:
		return t.dossierQuestion()
	case stepContact:
		return fmt.Sprintf(msgContact, retentionText(t.f.cfg.ContactRetention)),
			[]motcua.Button{t.btn("Đồng ý cung cấp", "consent:yes"), t.btn("Không để lại liên hệ", "consent:no")}
	case stepName:
		return msgAskName, nil
	case stepPhone:
		return msgAskPhone, nil
	case stepConfirm:
		return t.summary(), []motcua.Button{t.btn("Gửi", "send"), t.btn("Sửa", "edit")}
	case stepEdit:
		return t.editQuestion()
	}
	return t.categoryQuestion()
}

func (t *turn) categoryQuestion() (string, []motcua.Button) {
	text := msgAskCategory
	if label := categoryLabel(t.s.Category); label != "" {
		text = fmt.Sprintf(msgGuessedCategory, label) + "\n" + text
	}
	if t.s.Formal != "" {
		text = msgFormalNoted + "\n\n" + text
	}
	var first, rest []motcua.Button
	for i, c := range motcua.ComplaintCategories {
		b := t.btn(strconv.Itoa(i+1)+". "+c.Label, "cat:"+c.Code)
		if c.Code == t.s.Category {
			first = append(first, b)
		} else {
			rest = append(rest, b)
		}
	}
	buttons := append(first, rest...)
	if t.s.Formal == "" {
		buttons = append(buttons, t.btn("Khiếu nại, tố cáo", "formal"))
	}
	return text, buttons
}

func (t *turn) textQuestion() (string, []motcua.Button) {
	text := msgAskText
	if t.f.cfg.Photos(t.req.Msg.Channel) {
		text += " " + msgPhotosWelcome
	}
	if t.s.Text == "" {
		return text, nil
	}
	return fmt.Sprintf(msgKeepText, shorten(t.s.Text, 300)) + "\n" + text,
		[]motcua.Button{t.btn("Giữ nội dung này", "keep")}
}

func (t *turn) photosQuestion() (string, []motcua.Button) {
	text := fmt.Sprintf(msgAskPhotos, maxPhotos)
	if n := len(t.s.Photos); n > 0 {
		text = fmt.Sprintf("Đã có %d ảnh. ", n) + text
	}
	return text, []motcua.Button{t.btn("Tiếp tục", "next")}
}

func (t *turn) dossierQuestion() (string, []motcua.Button) {
	if t.s.Dossier == "" {
		return msgAskDossier, []motcua.Button{t.btn("Bỏ qua", "skip")}
	}
	return fmt.Sprintf(msgAskDossierKnown, t.s.Dossier),
		[]motcua.Button{t.btn("Đúng, hồ sơ "+t.s.Dossier, "keep"), t.btn("Bỏ qua", "skip")}
}

func (t *turn) editQuestion() (string, []motcua.Button) {
	buttons := []motcua.Button{t.btn("Loại phản ánh", "edit:"+stepCategory), t.btn("Nội dung", "edit:"+stepText)}
	if t.f.cfg.Photos(t.req.Msg.Channel) {
		buttons = append(buttons, t.btn("Ảnh", "edit:"+stepPhotos))
	}
	buttons = append(buttons, t.btn("Mã hồ sơ", "edit:"+stepDossier), t.btn("Liên hệ", "edit:"+stepContact))
	return msgAskEdit, buttons
}

// summary shows every answer before the citizen sends them.
func (t *turn) summary() string {
	s := &t.s
	label := categoryLabel(s.Category)
	if s.Formal != "" {
		label += " (" + formalName(s.Formal) + ")"
	}
	lines := []string{msgSummaryHead,
		"• Loại: " + label,
		"• Nội dung: " + shorten(s.Text, 500)}
	if len(s.Photos) > 0 {
		lines = append(lines, fmt.Sprintf("• Ảnh: %d ảnh", len(s.Photos)))
	}
	lines = append(lines, "• Mã hồ sơ: "+orText(s.Dossier, "không có"))
	if s.Contact == "yes" {
		lines = append(lines, "• Liên hệ: "+s.Name+", "+s.Phone)
	} else {
		lines = append(lines, "• Liên hệ: không để lại (câu trả lời gửi vào cuộc trò chuyện này)")
	}
	return strings.Join(lines, "\n") + "\n\n" + msgSummaryTail
}

// retentionText says how long contact data is kept, in months or days.
func retentionText(d time.Duration) string {
	days := int(d / (24 * time.Hour))
	if days >= 60 {
		return fmt.Sprintf("%d tháng", (days+15)/30)
	}
	return fmt.Sprintf("%d ngày", max(days, 1))
}

// shorten cuts s to n characters, with an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n])) + "…"
}

func orText(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// vietnam is the zone dates are told to citizens in (UTC+7, no DST).
var vietnam = time.FixedZone("ICT", 7*3600)

// date formats a day for a citizen; dateTime adds the hour.
func date(t time.Time) string     { return t.In(vietnam).Format("02/01/2006") }
func dateTime(t time.Time) string { return t.In(vietnam).Format("15:04 02/01/2006") }
