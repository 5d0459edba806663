package complaintflow

import (
	"context"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/handlers"
)

// run answers the turn: buttons that work anywhere first, then an expired
// intake, then the button or text of the present step.
func (t *turn) run(ctx context.Context) ([]motcua.Reply, error) {
	switch t.verb {
	case "cancel":
		return t.cancel(), nil
	case "lookup":
		return t.startLookup(ctx)
	case "show":
		return t.lookupCode(ctx, normalizeCode(t.arg))
	}
	if t.s.inIntake() && t.expired() {
		return t.restartExpired(), nil
	}
	if !t.s.inIntake() && t.s.Step != stepDone && t.expired() {
		t.s = state{} // a lookup left waiting is simply forgotten
	}
	switch t.verb {
	case "":
		return t.typed(ctx)
	case "start", "new":
		return t.start(t.verb == "start"), nil
	case "dossier":
		return t.startForDossier(), nil
	case "back":
		return t.goBack(), nil
	case "send":
		return t.send(ctx)
	}
	return t.button(), nil
}

// cancel forgets the intake (or lookup) in progress.
func (t *turn) cancel() []motcua.Reply {
	t.end = true
	if t.s.inIntake() {
		return []motcua.Reply{{Text: msgCancelled, Buttons: []motcua.Button{t.btn("Gửi phản ánh mới", "new"), menuButton}}}
	}
	return []motcua.Reply{{Text: msgNothingToCancel, Buttons: []motcua.Button{menuButton}}}
}

// restartExpired starts again after an intake left too long, saying so.
func (t *turn) restartExpired() []motcua.Reply {
	dossier := ""
	if t.verb == "dossier" {
		dossier = t.arg
	}
	t.fresh()
	t.setDossier(dossier)
	return t.prompt(msgExpired)
}

// start begins an intake, or shows the step waiting when resume is true and
// one is in progress (the menu button pressed again).
func (t *turn) start(resume bool) []motcua.Reply {
	if resume && t.s.inIntake() {
		return t.prompt("")
	}
	t.fresh()
	return t.prompt("")
}

// startForDossier begins an intake about a dossier ("Phản ánh về hồ sơ
// này" on a dossier's card), or notes the dossier in the intake in progress.
func (t *turn) startForDossier() []motcua.Reply {
	if !t.s.inIntake() {
		t.fresh()
	}
	t.setDossier(t.arg)
	return t.prompt("")
}

// setDossier prefills the dossier code when it has the accepted shape.
func (t *turn) setDossier(code string) {
	if code = motcua.NormalizeDossierCode(code); motcua.ValidDossierCode(code) {
		t.s.Dossier = code
	}
}

// goBack returns to the step before.
func (t *turn) goBack() []motcua.Reply {
	if !t.s.inIntake() {
		return t.stale()
	}
	if !t.back() {
		return t.prompt(msgFirstStep)
	}
	return t.prompt("")
}

// typed answers typed text (or a photo, or nothing) by the present step.
func (t *turn) typed(ctx context.Context) ([]motcua.Reply, error) {
	switch {
	case t.s.inIntake():
		return t.answer(ctx)
	case t.s.Step == stepLookupCode:
		return t.typedCode(ctx)
	case t.s.Step == stepLookupPhone:
		return t.typedDigits(ctx)
	}
	return t.typedOutside(ctx)
}

// typedOutside answers text that starts the flow (Match accepted it) or
// comes after a complaint was sent: a code to look up, a lookup, or a new
// complaint; anything else is the engine's.
func (t *turn) typedOutside(ctx context.Context) ([]motcua.Reply, error) {
	fold := t.req.Fold
	switch {
	case findCode(t.req.Text) != "":
		return t.lookupCode(ctx, findCode(t.req.Text))
	case isLookup(fold):
		return t.startLookup(ctx)
	case isComplaint(fold):
		t.fresh()
		t.s.Formal = formalKind(fold)
		if isDraft(t.req.Text, fold) {
			t.s.Text = t.req.Text // offered at the "what happened" step
		}
		t.s.Category = guessCategory(fold)
		return t.prompt(""), nil
	}
	return nil, handlers.ErrPass
}

// button applies a button of the present step; a button of another step
// (an old message) shows the present step again.
func (t *turn) button() []motcua.Reply {
	if !t.s.inIntake() {
		return t.stale()
	}
	if replies, ok := t.stepButton(); ok {
		return replies
	}
	return t.prompt(msgStaleButton)
}

// stale answers a button whose intake is over.
func (t *turn) stale() []motcua.Reply {
	t.keep = t.req.Conv.Flow != t.f.Name()
	return []motcua.Reply{{Text: msgIntakeGone, Buttons: []motcua.Button{
		t.btn("Gửi phản ánh mới", "new"), t.btn("Tra cứu phản ánh", "lookup"), menuButton}}}
}
