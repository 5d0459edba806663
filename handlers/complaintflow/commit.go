package complaintflow

import (
	"context"
	"errors"
	"fmt"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/pii"
)

// send commits the intake and gives the tracking code. The code is shown
// only once the store has committed; when it fails the answers stay in the
// conversation so that the citizen can press "Gửi" again, and the same
// SubmissionID makes a second commit of the same intake return the first.
func (t *turn) send(ctx context.Context) ([]motcua.Reply, error) {
	switch {
	case t.s.Step == stepDone && t.s.Code != "":
		return t.receiptAgain(ctx)
	case !t.s.inIntake():
		return t.stale(), nil
	case t.s.Step != stepConfirm:
		return t.prompt(msgStaleButton), nil
	}
	c := t.complaint()
	created, err := t.commit(ctx, c)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return nil, err
		}
		t.f.log.Error("commit complaint", "err", err, "code", motcua.ErrorCode(err))
		return []motcua.Reply{{Text: msgNotSent, Buttons: []motcua.Button{t.btn("Gửi", "send"), t.btn("Hủy", "cancel")}}}, nil
	}
	if created {
		t.f.log.Info("complaint received", "code", c.Code, "category", c.Category, "formal", c.Formal, "channel", c.Channel)
	}
	formal := t.s.Formal
	// The answers now live in the store; the conversation keeps only the
	// code, so that a repeated "Gửi" shows it again.
	t.s = state{Step: stepDone, Code: c.Code, Formal: formal, Started: t.s.Started, Nonce: t.s.Nonce, StartID: t.s.StartID}
	return t.receipt(c, formal), nil
}

// complaint builds the complaint from the answers.
func (t *turn) complaint() *motcua.Complaint {
	s := &t.s
	now := t.now()
	c := &motcua.Complaint{
		Category: s.Category, Formal: s.Formal != "", Text: s.Text, DossierCode: s.Dossier,
		Photos: s.Photos, Consent: s.Contact == "yes",
		Channel: t.req.Msg.Channel, ChatID: t.req.Msg.ChatID,
		SubmissionID: s.submissionID(t.req.Conv.Key),
		Status:       motcua.ComplaintNew, CreatedAt: now,
	}
	if c.Consent {
		c.Name, c.Phone = s.Name, s.Phone
	} else {
		// Without consent no contact data is kept, not even a number
		// typed into the account of what happened.
		c.Text = pii.Mask(c.Text)
	}
	if cal := t.f.cfg.Calendar; cal != nil {
		c.AnswerDueAt, c.ResolveDueAt = cal.ComplaintDue(now)
	}
	return c
}

// commit numbers the complaint (when Config.Codes is set) and stores it.
func (t *turn) commit(ctx context.Context, c *motcua.Complaint) (bool, error) {
	if t.f.cfg.Codes != nil {
		code, err := t.f.cfg.Codes(ctx, c.CreatedAt)
		if err != nil {
			return false, fmt.Errorf("complaintflow: number complaint: %w", err)
		}
		c.Code = code
	}
	created, err := t.f.cfg.Complaints.CreateComplaint(ctx, c)
	if err != nil {
		return false, fmt.Errorf("complaintflow: create complaint: %w", err)
	}
	return created, nil
}

// receiptAgain answers a repeated "Gửi" (a redelivered button) with the
// receipt of the complaint already committed.
func (t *turn) receiptAgain(ctx context.Context) ([]motcua.Reply, error) {
	c, err := t.f.cfg.Complaints.Complaint(ctx, t.s.Code)
	if err != nil {
		return nil, fmt.Errorf("complaintflow: complaint %s: %w", t.s.Code, err)
	}
	return t.receipt(c, t.s.Formal), nil
}

// receipt tells the tracking code, the deadlines and how to follow up; for
// a formal khiếu nại or tố cáo, how to lodge it and its procedure cards.
func (t *turn) receipt(c *motcua.Complaint, formal string) []motcua.Reply {
	text := fmt.Sprintf(msgSent, c.Code)
	if !c.AnswerDueAt.IsZero() && !c.ResolveDueAt.IsZero() {
		text += "\n" + fmt.Sprintf(msgDue, dateTime(c.AnswerDueAt), date(c.ResolveDueAt))
	}
	text += "\n" + fmt.Sprintf(msgAnswerHere, c.Code)
	if !c.Consent {
		text += "\n" + msgAnonymous
	}
	receipt := motcua.Reply{Text: text, Buttons: []motcua.Button{t.btn("Xem tình trạng", "show:"+c.Code)}}
	if !c.Formal {
		receipt.Buttons = append(receipt.Buttons, menuButton)
		return []motcua.Reply{receipt}
	}
	// The note on a formal complaint follows and ends with the menu.
	return []motcua.Reply{receipt, t.f.formalReply(formal)}
}
