package complaintflow

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/handlers"
)

// Steps of the flow, kept in state.Step.
const (
	stepCategory    = "category"
	stepText        = "text"
	stepPhotos      = "photos"
	stepDossier     = "dossier"
	stepContact     = "contact"
	stepName        = "name"
	stepPhone       = "phone"
	stepConfirm     = "confirm"
	stepEdit        = "edit"   // the summary's "Sửa": which part to change
	stepDone        = "done"   // committed; a repeated "Gửi" shows the code again
	stepLookupCode  = "lookup" // waiting for a complaint code
	stepLookupPhone = "digits" // waiting for the last 4 digits of the phone
)

// Kinds of a formal complaint (state.Formal).
const (
	formalKhieuNai = "khieu_nai"
	formalToCao    = "to_cao"
	formalAny      = "khieu_nai_to_cao" // the button, before the words tell which
)

// maxTrail bounds the steps remembered for "Quay lại".
const maxTrail = 20

// state is the intake so far, kept in Conversation.FlowData so that a
// restart between two answers, or between the confirmation and the commit,
// loses nothing.
type state struct {
	Step    string    `json:"step"`
	Trail   []string  `json:"trail,omitempty"`   // steps before this one, for "Quay lại"
	Editing bool      `json:"editing,omitempty"` // an answer returns to the summary
	Started time.Time `json:"started"`
	Touched time.Time `json:"touched"`
	// Nonce and StartID tell intakes of one conversation apart, even on a
	// clock that stands still; with Started they fix the SubmissionID.
	Nonce   string `json:"nonce,omitempty"`
	StartID string `json:"start_id,omitempty"`

	Category string              `json:"category,omitempty"`
	Formal   string              `json:"formal,omitempty"`
	Text     string              `json:"text,omitempty"`
	Photos   []motcua.Attachment `json:"photos,omitempty"`
	Dossier  string              `json:"dossier,omitempty"`
	Contact  string              `json:"contact,omitempty"` // "yes" (consent given), "no", "" (not asked yet)
	Name     string              `json:"name,omitempty"`
	Phone    string              `json:"phone,omitempty"`

	Code string `json:"code,omitempty"` // the complaint committed (done) or looked up (digits)
}

func loadState(raw json.RawMessage) (state, error) {
	var s state
	if len(raw) == 0 {
		return s, nil
	}
	err := json.Unmarshal(raw, &s)
	return s, err
}

// submissionID identifies the intake's submission: the same intake
// confirmed twice (a redelivered button, a second press after a failed
// commit) is one complaint. It is derived from what the conversation keeps,
// so a restart between confirmation and commit does not change it.
func (s *state) submissionID(convKey string) string {
	h := sha256.New()
	for _, part := range []string{convKey, s.Started.UTC().Format(time.RFC3339Nano), s.StartID, s.Nonce} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return "chat:" + hex.EncodeToString(h.Sum(nil)[:16])
}

// newNonce returns a short random string for a new intake.
func newNonce() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // never fails (crypto/rand panics on a broken source)
	return hex.EncodeToString(b)
}

// turn is one message being handled: the request, the state it changes,
// and the button it carries.
type turn struct {
	f         *Flow
	req       *handlers.Request
	s         state
	verb, arg string
	end       bool // the flow ends with this turn
	keep      bool // leave the conversation's flow state as it was
}

// save writes the state back into the conversation, or ends the flow.
func (t *turn) save() {
	c := t.req.Conv
	switch {
	case t.keep:
	case t.end:
		c.Flow, c.FlowData = "", nil
	default:
		t.s.Touched = t.now()
		b, err := json.Marshal(t.s)
		if err != nil {
			// A state of strings and times always marshals; if it ever
			// does not, the intake starts again rather than half-saved.
			c.Flow, c.FlowData = "", nil
			return
		}
		c.Flow, c.FlowData = t.f.Name(), b
	}
}

// goTo moves to step, remembering the present step for "Quay lại".
func (t *turn) goTo(step string) {
	if t.s.Step != "" && t.s.Step != step {
		t.s.Trail = append(t.s.Trail, t.s.Step)
		if len(t.s.Trail) > maxTrail {
			t.s.Trail = t.s.Trail[len(t.s.Trail)-maxTrail:]
		}
	}
	t.s.Step = step
}

// back returns to the step before, or false at the first step.
func (t *turn) back() bool {
	n := len(t.s.Trail)
	if n == 0 {
		return false
	}
	t.s.Step, t.s.Trail = t.s.Trail[n-1], t.s.Trail[:n-1]
	if t.s.Step == stepConfirm || t.s.Step == stepEdit {
		t.s.Editing = false
	}
	return true
}

// fresh starts a new intake, keeping nothing of an old one.
func (t *turn) fresh() {
	now := t.now()
	t.s = state{Step: stepCategory, Started: now, Touched: now, Nonce: newNonce(), StartID: t.req.Msg.ID}
	if n := len(t.req.Conv.Proven); n > 0 {
		t.s.Dossier = t.req.Conv.Proven[n-1]
	}
}

// expired reports whether the intake in progress was left too long.
func (t *turn) expired() bool {
	return !t.s.Touched.IsZero() && t.now().Sub(t.s.Touched) > t.f.cfg.Expiry
}

// inIntake reports whether an intake step is waiting for an answer.
func (s *state) inIntake() bool {
	switch s.Step {
	case "", stepDone, stepLookupCode, stepLookupPhone:
		return false
	}
	return true
}
