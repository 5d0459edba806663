package complaintflow

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
)

// maxPhotos bounds the photos kept with one complaint.
const maxPhotos = 5

// answer reads typed text (or photos, or nothing) at an intake step. Bad
// input is answered with the step's prompt and changes nothing.
func (t *turn) answer(ctx context.Context) ([]motcua.Reply, error) {
	switch command(t.req.Fold) {
	case "cancel":
		return t.cancel(), nil
	case "back":
		return t.goBack(), nil
	case "skip":
		if replies, ok := t.skip(); ok {
			return replies, nil
		}
	case "send":
		if t.s.Step == stepConfirm {
			return t.send(ctx)
		}
	case "next":
		if t.s.Step == stepDossier && t.s.Dossier != "" {
			return t.advance(), nil
		}
	}
	if replies, ok, err := t.ownCodeInIntake(ctx); ok || err != nil {
		return replies, err
	}
	if t.s.Step != stepText && t.s.Step != stepPhotos && len(t.req.Msg.Attachments) > 0 {
		return t.prompt(msgPhotoNotHere), nil
	}
	switch t.s.Step {
	case stepCategory:
		return t.typedCategory(), nil
	case stepText:
		return t.typedText(), nil
	case stepPhotos:
		return t.typedPhotos(), nil
	case stepDossier:
		return t.typedDossier(), nil
	case stepName:
		return t.typedName(), nil
	case stepPhone:
		return t.typedPhone(), nil
	}
	// Steps answered with buttons only: contact, confirm, edit.
	return t.prompt(msgUseButtons), nil
}

// ownCodeInIntake shows a complaint of this chat whose code is typed in
// the middle of an intake (but not as part of a description), then asks
// the step's question again; the intake goes on.
func (t *turn) ownCodeInIntake(ctx context.Context) ([]motcua.Reply, bool, error) {
	code := findCode(t.req.Text)
	if code == "" || t.s.Step == stepText {
		return nil, false, nil
	}
	c, err := t.f.cfg.Complaints.Complaint(ctx, code)
	switch {
	case motcua.ErrorCode(err) == motcua.ENOTFOUND || err == nil && !t.own(c):
		return nil, false, nil
	case err != nil:
		return nil, false, fmt.Errorf("complaintflow: lookup: %w", err)
	}
	return append(t.status(c, true), t.prompt("")...), true, nil
}

// skip answers "bỏ qua" typed at an optional step.
func (t *turn) skip() ([]motcua.Reply, bool) {
	switch t.s.Step {
	case stepPhotos:
		return t.advance(), true
	case stepDossier:
		t.s.Dossier = ""
		return t.advance(), true
	}
	return nil, false
}

// stepButton applies a button of the present step; ok is false when the
// button belongs to another step.
func (t *turn) stepButton() (replies []motcua.Reply, ok bool) {
	switch {
	case t.s.Step == stepCategory && t.verb == "cat" && knownCategory(t.arg):
		t.s.Category = t.arg
		return t.advance(), true
	case t.s.Step == stepCategory && t.verb == "formal":
		if t.s.Formal == "" {
			t.s.Formal = formalAny
		}
		if t.s.Category == "" {
			t.s.Category = "other"
		}
		return t.advance(), true
	case t.s.Step == stepText && t.verb == "keep" && t.s.Text != "":
		return t.advance(), true
	case t.s.Step == stepPhotos && t.verb == "next":
		return t.advance(), true
	case t.s.Step == stepDossier && t.verb == "keep" && t.s.Dossier != "":
		return t.advance(), true
	case t.s.Step == stepDossier && t.verb == "skip":
		t.s.Dossier = ""
		return t.advance(), true
	case t.s.Step == stepContact && t.verb == "consent":
		return t.consent(t.arg == "yes"), true
	case t.s.Step == stepConfirm && t.verb == "edit" && t.arg == "":
		t.goTo(stepEdit)
		return t.prompt(""), true
	case t.s.Step == stepEdit && t.verb == "edit" && editable[t.arg]:
		t.s.Editing = true
		t.goTo(t.arg)
		return t.prompt(""), true
	}
	return nil, false
}

// editable are the steps the summary's "Sửa" leads to.
var editable = map[string]bool{stepCategory: true, stepText: true, stepPhotos: true, stepDossier: true, stepContact: true}

// advance moves to the step after the present one: back to the summary
// when the citizen came from it to change one answer.
func (t *turn) advance() []motcua.Reply {
	t.goTo(t.next())
	return t.prompt("")
}

// next is the step after the present one.
func (t *turn) next() string {
	s := &t.s
	switch {
	case s.Step == stepContact && s.Contact == "yes":
		return stepName
	case s.Step == stepName && s.Phone == "":
		return stepPhone
	case s.Editing:
		return stepConfirm
	}
	switch s.Step {
	case stepCategory:
		return stepText
	case stepText:
		if t.f.cfg.Photos(t.req.Msg.Channel) {
			return stepPhotos
		}
		return stepDossier
	case stepPhotos:
		return stepDossier
	case stepDossier:
		return stepContact
	}
	return stepConfirm
}

// consent records the citizen's choice about contact data.
func (t *turn) consent(yes bool) []motcua.Reply {
	if yes {
		t.s.Contact = "yes"
		t.s.Phone = "" // asked again: the name step may carry it
	} else {
		t.s.Contact, t.s.Name, t.s.Phone = "no", "", ""
	}
	return t.advance()
}

// typedCategory takes a category typed by its number or its words.
func (t *turn) typedCategory() []motcua.Reply {
	if n, err := strconv.Atoi(t.req.Text); err == nil && n >= 1 && n <= len(motcua.ComplaintCategories) {
		t.s.Category = motcua.ComplaintCategories[n-1].Code
		return t.advance()
	}
	if c := typedCategory(t.req.Fold); c != "" {
		t.s.Category = c
		return t.advance()
	}
	return t.prompt(msgBadCategory)
}

// typedText takes what happened, with any photos sent along.
func (t *turn) typedText() []motcua.Reply {
	note := t.addPhotos()
	if t.req.Text == "" && note != "" {
		return t.prompt(note)
	}
	text, problem := checkText(t.req.Text)
	if problem != "" {
		return t.prompt(problem)
	}
	t.s.Text = text
	if t.s.Formal == "" {
		t.s.Formal = formalKind(t.req.Fold)
	}
	replies := t.advance()
	if note != "" {
		replies[0].Text = note + "\n\n" + replies[0].Text
	}
	return replies
}

// typedPhotos takes photos; typed words other than "tiếp tục" are answered
// with the step's prompt.
func (t *turn) typedPhotos() []motcua.Reply {
	if command(t.req.Fold) == "next" {
		return t.advance()
	}
	note := t.addPhotos()
	if note == "" {
		return t.prompt(msgPhotosWanted)
	}
	return t.prompt(note)
}

// addPhotos keeps the images of the message and says what was kept, or ""
// when the message carried none.
func (t *turn) addPhotos() string {
	atts := t.req.Msg.Attachments
	if len(atts) == 0 {
		return ""
	}
	added, files := 0, 0
	for _, a := range atts {
		switch {
		case a.Kind != "image":
			files++
		case len(t.s.Photos) < maxPhotos:
			t.s.Photos = append(t.s.Photos, a)
			added++
		}
	}
	return photoNote(added, files, len(t.s.Photos))
}

// typedDossier takes a dossier code.
func (t *turn) typedDossier() []motcua.Reply {
	code := motcua.NormalizeDossierCode(t.req.Text)
	// Real codes carry digits; a word typed here ("không nhớ") is not one.
	if !motcua.ValidDossierCode(code) || !strings.ContainsAny(code, "0123456789") {
		return t.prompt(msgBadDossier)
	}
	t.s.Dossier = code
	return t.advance()
}

// typedName takes the name, and the phone when typed along with it.
func (t *turn) typedName() []motcua.Reply {
	name, phone := splitNamePhone(t.req.Text)
	if problem := checkName(name); problem != "" {
		return t.prompt(problem)
	}
	t.s.Name = name
	if phone != "" {
		t.s.Phone = phone
	}
	return t.advance()
}

// typedPhone takes the phone number.
func (t *turn) typedPhone() []motcua.Reply {
	phone, ok := normalizePhone(t.req.Text)
	if !ok {
		return t.prompt(msgBadPhone)
	}
	t.s.Phone = phone
	return t.advance()
}

// knownCategory reports whether code is a complaint category.
func knownCategory(code string) bool { return categoryLabel(code) != "" }

// categoryLabel returns the label of a category, or "".
func categoryLabel(code string) string {
	for _, c := range motcua.ComplaintCategories {
		if c.Code == code {
			return c.Label
		}
	}
	return ""
}
