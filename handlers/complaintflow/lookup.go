package complaintflow

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/handlers"
)

// Lookup throttling: failed code-and-digits checks allowed per window, per
// conversation and per complaint code.
const (
	lookupWindow    = 15 * time.Minute
	lookupMaxFailed = 5
)

// chatLister lists the complaints sent from one chat (store.DB has it).
type chatLister interface {
	ChatComplaints(ctx context.Context, channel, chatID string) ([]*motcua.Complaint, error)
}

// startLookup lists the chat's own complaints, if the store can, and asks
// for a code.
func (t *turn) startLookup(ctx context.Context) ([]motcua.Reply, error) {
	t.s = state{Step: stepLookupCode}
	buttons, err := t.ownButtons(ctx)
	if err != nil {
		return nil, err
	}
	if len(buttons) == 0 {
		return []motcua.Reply{{Text: fmt.Sprintf(msgAskCode, "PA-2601-0042"), Buttons: []motcua.Button{t.btn("Hủy", "cancel")}}}, nil
	}
	return []motcua.Reply{{Text: msgMine, Buttons: append(buttons, t.btn("Hủy", "cancel"))}}, nil
}

// ownButtons are buttons to the chat's last complaints.
func (t *turn) ownButtons(ctx context.Context) ([]motcua.Button, error) {
	l, ok := t.f.cfg.Complaints.(chatLister)
	if !ok {
		return nil, nil
	}
	list, err := l.ChatComplaints(ctx, t.req.Msg.Channel, t.req.Msg.ChatID)
	if err != nil {
		return nil, fmt.Errorf("complaintflow: chat complaints: %w", err)
	}
	var out []motcua.Button
	for i, c := range list {
		if i == 5 {
			break
		}
		out = append(out, t.btn(c.Code+": "+motcua.ComplaintStatusLabels[c.Status], "show:"+c.Code))
	}
	return out, nil
}

// lookupCode shows a complaint sent from this chat, or asks for the last
// phone digits, whether or not the code exists, so that a guess learns
// nothing.
func (t *turn) lookupCode(ctx context.Context, code string) ([]motcua.Reply, error) {
	if code == "" {
		return t.stale(), nil
	}
	c, err := t.f.cfg.Complaints.Complaint(ctx, code)
	switch {
	case err == nil && t.own(c):
		t.endLookup()
		return t.status(c, true), nil
	case err != nil && motcua.ErrorCode(err) != motcua.ENOTFOUND:
		return nil, fmt.Errorf("complaintflow: lookup: %w", err)
	}
	t.s = state{Step: stepLookupPhone, Code: code}
	return []motcua.Reply{{Text: fmt.Sprintf(msgAskDigits, code), Buttons: []motcua.Button{t.btn("Hủy", "cancel")}}}, nil
}

// endLookup ends the flow after a lookup, unless an intake is waiting.
func (t *turn) endLookup() {
	if !t.s.inIntake() {
		t.end = true
	}
}

// own reports whether the complaint was sent from this chat.
func (t *turn) own(c *motcua.Complaint) bool {
	return c.Channel == t.req.Msg.Channel && c.ChatID == t.req.Msg.ChatID
}

// typedCode reads a code typed at the lookup step; text without digits is
// a question for the engine.
func (t *turn) typedCode(ctx context.Context) ([]motcua.Reply, error) {
	if command(t.req.Fold) == "cancel" {
		return t.cancel(), nil
	}
	if code := findCode(t.req.Text); code != "" {
		return t.lookupCode(ctx, code)
	}
	if !strings.ContainsAny(t.req.Text, "0123456789") {
		return nil, handlers.ErrPass
	}
	return []motcua.Reply{{Text: msgBadCode, Buttons: []motcua.Button{t.btn("Hủy", "cancel")}}}, nil
}

// typedDigits checks the last 4 digits of the complaint's phone.
func (t *turn) typedDigits(ctx context.Context) ([]motcua.Reply, error) {
	if command(t.req.Fold) == "cancel" {
		return t.cancel(), nil
	}
	if code := findCode(t.req.Text); code != "" {
		return t.lookupCode(ctx, code)
	}
	digits := onlyDigits(t.req.Text)
	switch {
	case digits == "" && t.req.Text != "":
		return nil, handlers.ErrPass
	case len(digits) != 4:
		return []motcua.Reply{{Text: msgBadDigits, Buttons: []motcua.Button{t.btn("Hủy", "cancel")}}}, nil
	}
	return t.checkDigits(ctx, t.s.Code, digits)
}

// checkDigits shows the complaint when digits end its phone number; a
// wrong code and wrong digits get the same answer, and failures are
// counted per conversation and per code.
func (t *turn) checkDigits(ctx context.Context, code, digits string) ([]motcua.Reply, error) {
	t.end = true
	keys := []string{"complaint-lookup:" + t.req.Conv.Key, "complaint-code:" + code}
	if throttled, err := t.throttled(ctx, keys); err != nil {
		return nil, err
	} else if throttled {
		return []motcua.Reply{{Text: msgThrottled, Buttons: []motcua.Button{menuButton}}}, nil
	}
	c, err := t.f.cfg.Complaints.Complaint(ctx, code)
	if err != nil && motcua.ErrorCode(err) != motcua.ENOTFOUND {
		return nil, fmt.Errorf("complaintflow: lookup: %w", err)
	}
	if err == nil && len(c.Phone) >= 4 && strings.HasSuffix(c.Phone, digits) {
		return t.status(c, t.own(c)), nil
	}
	if err := t.failed(ctx, keys); err != nil {
		return nil, err
	}
	return []motcua.Reply{{Text: msgNoMatch, Buttons: []motcua.Button{t.btn("Nhập lại mã", "lookup"), menuButton}}}, nil
}

// throttled reports whether any key has had too many failures lately.
func (t *turn) throttled(ctx context.Context, keys []string) (bool, error) {
	a := t.f.cfg.Attempts
	if a == nil {
		return false, nil
	}
	since := t.now().Add(-lookupWindow)
	for _, k := range keys {
		n, err := a.CountAttempts(ctx, k, since)
		if err != nil {
			return false, fmt.Errorf("complaintflow: count attempts: %w", err)
		}
		if n >= lookupMaxFailed {
			return true, nil
		}
	}
	return false, nil
}

// failed counts a failed check under every key.
func (t *turn) failed(ctx context.Context, keys []string) error {
	a := t.f.cfg.Attempts
	if a == nil {
		return nil
	}
	for _, k := range keys {
		if err := a.AddAttempt(ctx, k, t.now()); err != nil {
			return fmt.Errorf("complaintflow: add attempt: %w", err)
		}
	}
	return nil
}

func onlyDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// status shows a complaint's state and the staff's answers; the chat it
// came from may rate an answered one.
func (t *turn) status(c *motcua.Complaint, own bool) []motcua.Reply {
	lines := []string{fmt.Sprintf("Phản ánh %s (%s), gửi ngày %s.", c.Code, categoryLabel(c.Category), date(c.CreatedAt)),
		"Tình trạng: " + motcua.ComplaintStatusLabels[c.Status] + "."}
	if c.Status == motcua.ComplaintNew && !c.AnswerDueAt.IsZero() {
		lines = append(lines, "Hạn trả lời: "+dateTime(c.AnswerDueAt)+".")
	}
	if c.Status != motcua.ComplaintClosed && !c.ResolveDueAt.IsZero() {
		lines = append(lines, "Hạn giải quyết: ngày "+date(c.ResolveDueAt)+".")
	}
	for _, e := range c.History {
		if e.Text != "" {
			lines = append(lines, fmt.Sprintf("\nTrả lời của trung tâm (%s):\n%s", date(e.At), e.Text))
		}
	}
	if c.Rating != "" {
		lines = append(lines, "\nBạn đã đánh giá: "+ratingLabels[c.Rating]+".")
	}
	buttons := []motcua.Button{menuButton}
	if own && settled(c) && c.Rating == "" {
		lines = append(lines, "\nBạn có hài lòng với cách giải quyết không?")
		buttons = append(ratingButtons(c.Code), menuButton)
	}
	return []motcua.Reply{{Text: strings.Join(lines, "\n"), Buttons: buttons}}
}
