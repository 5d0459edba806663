package admin

import (
	"fmt"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/pii"
)

// vietnam is the zone dates are shown to citizens in (UTC+7, no daylight
// saving).
var vietnam = time.FixedZone("ICT", 7*60*60)

// DefaultDossierNotice tells a subscriber that a dossier's status changed:
// the new status, the staff note, the appointment date, what to do next,
// and buttons to look it up again or stop the notices. It names no one, so
// it reveals nothing beyond what the subscriber already proved.
func DefaultDossierNotice(d *motcua.Dossier) motcua.Reply {
	var b strings.Builder
	fmt.Fprintf(&b, "Hồ sơ %s của bạn vừa được cập nhật.\nTrạng thái: %s.", d.Code, motcua.DossierStatusLabels[d.Status])
	if note := strings.TrimSpace(pii.Mask(d.Note)); note != "" {
		// Masked as in a lookup: a note may quote someone's number.
		fmt.Fprintf(&b, "\nGhi chú của cán bộ: %s", note)
	}
	if !d.DueAt.IsZero() && !motcua.IsFinalStatus(d.Status) {
		fmt.Fprintf(&b, "\nNgày hẹn trả kết quả: %s.", d.DueAt.In(vietnam).Format("02/01/2006"))
	}
	if next := dossierNextStep(d.Status); next != "" {
		b.WriteString("\n" + next)
	}
	return motcua.Reply{Text: b.String(), Buttons: []motcua.Button{
		{Label: "Tra cứu hồ sơ", Action: "f:dossier"},
		{Label: "Hủy theo dõi", Action: "f:dossier:unsub:" + d.Code},
	}}
}

// dossierNextStep says what the citizen should do in a status, if anything.
func dossierNextStep(status string) string {
	switch status {
	case motcua.StatusNeedSupplement:
		return "Bạn vui lòng bổ sung giấy tờ theo ghi chú trên, một lần là đủ."
	case motcua.StatusWaitingPayment:
		return "Bạn vui lòng nộp phí, lệ phí để hồ sơ được tiếp tục giải quyết."
	case motcua.StatusResultReady:
		return "Mời bạn mang giấy tiếp nhận hồ sơ đến bộ phận trả kết quả để nhận."
	}
	return ""
}

// Rating actions a citizen's button sends back: "rate:<code>:<rating>".
const (
	RatingVerySatisfied = "rat_hai_long"
	RatingSatisfied     = "hai_long"
	RatingUnsatisfied   = "khong_hai_long"
)

// DefaultComplaintReplyNotice delivers a staff answer to the citizen. When
// the answer settles the complaint (answered or closed) it asks the citizen
// to rate the handling with three buttons.
func DefaultComplaintReplyNotice(c *motcua.Complaint, e motcua.ComplaintEvent) motcua.Reply {
	text := fmt.Sprintf("Trung tâm trả lời phản ánh %s của bạn:\n\n%s\n\nTình trạng: %s.",
		c.Code, e.Text, motcua.ComplaintStatusLabels[e.Status])
	r := motcua.Reply{Text: text}
	if e.Status == motcua.ComplaintAnswered || e.Status == motcua.ComplaintClosed {
		r.Text += "\nBạn có hài lòng với cách giải quyết không?"
		r.Buttons = []motcua.Button{
			{Label: "Rất hài lòng", Action: "rate:" + c.Code + ":" + RatingVerySatisfied},
			{Label: "Hài lòng", Action: "rate:" + c.Code + ":" + RatingSatisfied},
			{Label: "Không hài lòng", Action: "rate:" + c.Code + ":" + RatingUnsatisfied},
		}
	}
	return r
}
