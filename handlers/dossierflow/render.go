package dossierflow

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/pii"
)

// vietnam is the zone dates are shown in (UTC+7, no daylight saving).
var vietnam = time.FixedZone("ICT", 7*60*60)

const dateLayout = "02/01/2006"

// render shows a proven dossier: status, procedure, dates, whether it is
// late, and what to do next. It never shows the applicant's name or phone;
// the staff note is masked, in case it names someone's number.
func (f *Flow) render(d *motcua.Dossier) []motcua.Reply {
	now := f.cfg.Now()
	lines := []string{"Hồ sơ " + d.Code}
	if p := f.procedure(d.ProcedureCode); p != "" {
		// Many names begin "Thủ tục …": say it once.
		if rest, ok := strings.CutPrefix(p, "Thủ tục "); ok {
			r, n := utf8.DecodeRuneInString(rest)
			p = string(unicode.ToUpper(r)) + rest[n:]
		}
		lines = append(lines, "• Thủ tục: "+p)
	}
	lines = append(lines, "• Trạng thái: "+statusLabel(d.Status))
	if !d.ReceivedAt.IsZero() {
		lines = append(lines, "• Ngày tiếp nhận: "+date(d.ReceivedAt))
	}
	if !d.DueAt.IsZero() {
		lines = append(lines, "• Ngày hẹn trả kết quả: "+date(d.DueAt))
	}
	text := strings.Join(lines, "\n")
	for _, p := range []string{f.overdue(d, now), f.nextStep(d)} {
		if p != "" {
			text += "\n\n" + p
		}
	}
	var buttons []motcua.Button
	if !motcua.IsFinalStatus(d.Status) {
		buttons = append(buttons, subscribeButton(d.Code))
	}
	buttons = append(buttons, anotherButton, complaintButton(d.Code), menuButton)
	return []motcua.Reply{{Text: text, Buttons: buttons}}
}

// procedure names the dossier's procedure with its code, or gives the code
// alone when the catalogue does not know it.
func (f *Flow) procedure(code string) string {
	if code == "" {
		return ""
	}
	if f.cfg.Catalog != nil {
		if p, err := f.cfg.Catalog.Procedure(code); err == nil && p.Name != "" {
			return p.Name + " (mã " + code + ")"
		}
	}
	return "mã " + code
}

// overdue says that a dossier is late, with the apology the centre owes.
func (f *Flow) overdue(d *motcua.Dossier, now time.Time) string {
	if !d.Overdue(now) {
		return ""
	}
	if d.Status == motcua.StatusResultReady {
		// The result waits for the citizen: no new date is owed, only an
		// apology if it came after the appointment.
		if readyAt(d).After(d.DueAt) {
			return "Kết quả đã có nhưng muộn hơn ngày hẹn; Trung tâm thành thật xin lỗi bạn."
		}
		return ""
	}
	late := "Hồ sơ đã quá hạn hẹn trả kết quả"
	if n := daysLate(d.DueAt, now); n > 0 {
		late += fmt.Sprintf(" %d ngày", n)
	}
	return "⚠ " + late + ". Trung tâm thành thật xin lỗi bạn vì sự chậm trễ này. " +
		"Cơ quan giải quyết sẽ gửi phiếu xin lỗi và hẹn lại ngày trả kết quả; nếu bạn chưa nhận được, bạn có thể bấm \"Gửi phản ánh\"" +
		f.hotlineTail() + "."
}

// readyAt is when the dossier's result was last reported ready: its
// history's event, or the last update when the status was set directly.
func readyAt(d *motcua.Dossier) time.Time {
	for i := len(d.History) - 1; i >= 0; i-- {
		if d.History[i].Status == motcua.StatusResultReady {
			return d.History[i].At
		}
	}
	return d.UpdatedAt
}

// daysLate counts calendar days in Vietnam from the due date to now.
func daysLate(due, now time.Time) int {
	d := due.In(vietnam)
	n := now.In(vietnam)
	dd := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	nd := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
	return int(nd.Sub(dd).Hours() / 24)
}

// nextStep says what the status means for the citizen.
func (f *Flow) nextStep(d *motcua.Dossier) string {
	note := strings.TrimSpace(pii.Mask(d.Note))
	switch d.Status {
	case motcua.StatusNeedSupplement:
		if note == "" {
			return "Hồ sơ cần bổ sung giấy tờ. Cán bộ sẽ báo một lần đầy đủ những gì cần bổ sung" + f.hotlineTail() + "."
		}
		return "Cần bổ sung: " + note + "\nBạn mang các giấy tờ trên cùng giấy tiếp nhận đến Trung tâm để bổ sung. Theo quy định, Trung tâm báo một lần đầy đủ những gì cần bổ sung."
	case motcua.StatusWaitingPayment:
		return withNote("Bạn vui lòng nộp phí, lệ phí hoặc thực hiện nghĩa vụ tài chính để hồ sơ được tiếp tục giải quyết.", note)
	case motcua.StatusResultReady:
		return withNote("Kết quả đã sẵn sàng. Mời bạn mang Giấy tiếp nhận hồ sơ và thẻ căn cước đến bộ phận trả kết quả để nhận"+f.where()+".", note)
	case motcua.StatusRejected:
		if note == "" {
			return "Hồ sơ không được giải quyết. Bạn có thể hỏi lý do" + f.hotlineTail() + " hoặc bấm \"Gửi phản ánh\"."
		}
		return "Lý do: " + note + "\nNếu chưa đồng ý, bạn có thể bấm \"Gửi phản ánh\"."
	case motcua.StatusReceived:
		return withNote("Hồ sơ đã được tiếp nhận và đang được chuyển xử lý. Bạn chưa cần làm gì thêm.", note)
	case motcua.StatusProcessing:
		return withNote("Hồ sơ đang được giải quyết. Bạn chưa cần làm gì thêm.", note)
	}
	return withNote("", note)
}

// withNote adds the staff note to a sentence.
func withNote(text, note string) string {
	if note == "" {
		return text
	}
	if text == "" {
		return "Ghi chú của cán bộ: " + note
	}
	return text + "\nGhi chú của cán bộ: " + note
}

// where says where and when results are collected, from the settings.
func (f *Flow) where() string {
	var s string
	if a := strings.TrimSpace(f.cfg.CentreAddress); a != "" {
		s += " tại " + a
	}
	if h := strings.TrimSpace(f.cfg.CentreHours); h != "" {
		s += " (giờ làm việc: " + h + ")"
	}
	return s
}

// hotlineTail is ", hoặc gọi đường dây nóng N" when the hotline is set.
func (f *Flow) hotlineTail() string {
	if h := strings.TrimSpace(f.cfg.CentreHotline); h != "" {
		return ", hoặc gọi đường dây nóng " + h
	}
	return ""
}

func statusLabel(s string) string {
	if l, ok := motcua.DossierStatusLabels[s]; ok {
		return l
	}
	return s
}

func date(t time.Time) string { return t.In(vietnam).Format(dateLayout) }
