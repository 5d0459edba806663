package complaintflow

import (
	"context"
	"fmt"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/handlers"
)

// ratePrefix starts the rating buttons sent with a staff answer:
// "rate:CODE:RATING" (see admin.DefaultComplaintReplyNotice).
const ratePrefix = "rate:"

// ratingLabels are the ratings a citizen may give, with their labels.
var ratingLabels = map[string]string{
	"rat_hai_long":   "Rất hài lòng",
	"hai_long":       "Hài lòng",
	"khong_hai_long": "Không hài lòng",
}

// ratingButtons are the three rating buttons of a complaint.
func ratingButtons(code string) []motcua.Button {
	var out []motcua.Button
	for _, r := range []string{"rat_hai_long", "hai_long", "khong_hai_long"} {
		out = append(out, motcua.Button{Label: ratingLabels[r], Action: ratePrefix + code + ":" + r})
	}
	return out
}

// settled reports whether the staff have answered or closed a complaint.
func settled(c *motcua.Complaint) bool {
	return c.Status == motcua.ComplaintAnswered || c.Status == motcua.ComplaintClosed
}

// rate stores a rating given from the complaint's own chat. It leaves the
// conversation as it is: a rating may come in the middle of anything.
func (f *Flow) rate(ctx context.Context, req *handlers.Request) ([]motcua.Reply, error) {
	rest := strings.TrimPrefix(req.Msg.Action, ratePrefix)
	raw, rating, _ := strings.Cut(rest, ":")
	code := findCode(raw)
	if code == "" || ratingLabels[rating] == "" {
		return []motcua.Reply{{Text: msgRateNotYours, Buttons: []motcua.Button{menuButton}}}, nil
	}
	c, err := f.cfg.Complaints.Complaint(ctx, code)
	switch {
	case motcua.ErrorCode(err) == motcua.ENOTFOUND || err == nil && (c.Channel != req.Msg.Channel || c.ChatID != req.Msg.ChatID):
		return []motcua.Reply{{Text: msgRateNotYours, Buttons: []motcua.Button{menuButton}}}, nil
	case err != nil:
		return nil, fmt.Errorf("complaintflow: rate: %w", err)
	case !settled(c):
		return []motcua.Reply{{Text: fmt.Sprintf(msgRateTooEarly, code), Buttons: []motcua.Button{menuButton}}}, nil
	}
	if err := f.cfg.Complaints.RateComplaint(ctx, code, rating); err != nil {
		return nil, fmt.Errorf("complaintflow: rate: %w", err)
	}
	f.log.Info("complaint rated", "code", code, "rating", rating)
	return []motcua.Reply{{Text: fmt.Sprintf(msgRateThanks, ratingLabels[rating], code), Buttons: []motcua.Button{menuButton}}}, nil
}
