package admin

import (
	"net/http"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// putDossierHandler creates or replaces a dossier (201 or 200). A status
// different from the stored one is also recorded as an event, so that
// subscribers hear of changes however the one-door system sends them.
func (s *Server) putDossierHandler(w http.ResponseWriter, r *http.Request) {
	code, err := pathCode(r.PathValue("code"))
	if err != nil {
		s.fail(w, r, "dossier.put", err)
		return
	}
	var in dossierInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, "dossier.put", err)
		return
	}
	if strings.TrimSpace(in.Code) == "" {
		in.Code = code
	}
	d, err := in.toDossier(rfc3339)
	if err == nil && d.Code != code {
		err = motcua.Errorf(motcua.EINVALID, "code: mã trong nội dung (%s) khác mã trên đường dẫn (%s)", d.Code, code)
	}
	if err != nil {
		s.fail(w, r, "dossier.put", err)
		return
	}
	created, err := s.putDossier(r, d)
	if err != nil {
		s.fail(w, r, "dossier.put", err)
		return
	}
	s.audit(r.Context(), "dossier.put", "code", d.Code, "status", d.Status, "created", created)
	s.writeDossier(w, r, d.Code, map[bool]int{true: http.StatusCreated, false: http.StatusOK}[created])
}

// putDossier stores d; when it replaces a dossier in another status, the
// change is appended as an event first, so that a failure after it leaves
// subscribers told rather than silently skipped.
func (s *Server) putDossier(r *http.Request, d *motcua.Dossier) (bool, error) {
	if err := recordChange(r.Context(), s.cfg.Dossiers, d, s.cfg.DossierNotice, s.cfg.Now()); err != nil {
		return false, err
	}
	return s.cfg.Dossiers.PutDossier(r.Context(), d)
}

// getDossierHandler returns one dossier with its history.
func (s *Server) getDossierHandler(w http.ResponseWriter, r *http.Request) {
	code, err := pathCode(r.PathValue("code"))
	if err != nil {
		s.fail(w, r, "dossier.get", err)
		return
	}
	s.writeDossier(w, r, code, http.StatusOK)
}

// writeDossier answers with the stored dossier.
func (s *Server) writeDossier(w http.ResponseWriter, r *http.Request, code string, status int) {
	d, err := s.cfg.Dossiers.Dossier(r.Context(), code)
	if err != nil {
		s.fail(w, r, "dossier.get", err)
		return
	}
	writeJSON(w, status, dossierView(d, s.cfg.Now(), s.loc))
}

// dossierJSON is a dossier as the API shows it, with the derived overdue.
type dossierJSON struct {
	*motcua.Dossier
	StatusLabel string                `json:"status_label"`
	Overdue     bool                  `json:"overdue"`
	History     []motcua.DossierEvent `json:"history"` // present even when empty
}

// dossierView shows times in the centre's zone, as staff read them.
func dossierView(d *motcua.Dossier, now time.Time, loc *time.Location) dossierJSON {
	d.ReceivedAt, d.DueAt, d.UpdatedAt = inLoc(d.ReceivedAt, loc), inLoc(d.DueAt, loc), inLoc(d.UpdatedAt, loc)
	for i := range d.History {
		d.History[i].At = inLoc(d.History[i].At, loc)
	}
	return dossierJSON{Dossier: d, StatusLabel: motcua.DossierStatusLabels[d.Status], Overdue: d.Overdue(now),
		History: append([]motcua.DossierEvent{}, d.History...)}
}

// postDossierHandler routes POST dossiers/import and dossiers/{code}/events;
// the code may itself contain '/', so the suffix decides.
func (s *Server) postDossierHandler(w http.ResponseWriter, r *http.Request) {
	rest := r.PathValue("rest")
	switch {
	case rest == "import":
		s.importDossiersHandler(w, r)
	case strings.HasSuffix(rest, "/events"):
		s.addEventHandler(w, r, strings.TrimSuffix(rest, "/events"))
	default:
		writeError(w, motcua.Errorf(motcua.ENOTFOUND, "không có đường dẫn này"))
	}
}

// addEventHandler appends a status change; the store notifies subscribers
// in the same transaction. Without "at", a repeat of the last event (a
// retried request) changes nothing and answers 200; an appended event
// answers 201.
func (s *Server) addEventHandler(w http.ResponseWriter, r *http.Request, rawCode string) {
	code, err := pathCode(rawCode)
	if err != nil {
		s.fail(w, r, "dossier.event", err)
		return
	}
	var in eventInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, "dossier.event", err)
		return
	}
	e, err := s.eventFrom(in)
	if err != nil {
		s.fail(w, r, "dossier.event", err)
		return
	}
	appended, err := s.addEvent(r, code, e, in.At == "")
	if err != nil {
		s.fail(w, r, "dossier.event", err)
		return
	}
	s.audit(r.Context(), "dossier.event", "code", code, "status", e.Status, "appended", appended)
	s.writeDossier(w, r, code, map[bool]int{true: http.StatusCreated, false: http.StatusOK}[appended])
}

// eventFrom validates an event body.
func (s *Server) eventFrom(in eventInput) (motcua.DossierEvent, error) {
	e := motcua.DossierEvent{Status: strings.TrimSpace(in.Status), Note: strings.TrimSpace(in.Note), At: s.cfg.Now()}
	if err := checkStatusNote(e.Status, e.Note); err != nil {
		return e, err
	}
	if strings.TrimSpace(in.At) != "" {
		at, err := rfc3339("at", in.At)
		if err != nil {
			return e, err
		}
		e.At = at
	}
	return e, nil
}

// addEvent appends e unless, with no time given, it repeats the dossier's
// current status and note; it reports whether it appended.
func (s *Server) addEvent(r *http.Request, code string, e motcua.DossierEvent, noTime bool) (bool, error) {
	d, err := s.cfg.Dossiers.Dossier(r.Context(), code)
	if err != nil {
		return false, err
	}
	if d.Code != code {
		// Found by a code written alike: staff write to the code as stored.
		return false, motcua.Errorf(motcua.ENOTFOUND, "không có hồ sơ %s", code)
	}
	if isRepeat(d, e, noTime) {
		return false, nil
	}
	if err := s.cfg.Dossiers.AddDossierEvent(r.Context(), code, e, s.cfg.DossierNotice); err != nil {
		return false, err
	}
	s.cfg.Queued()
	return true, nil
}

// isRepeat reports whether e adds nothing to d: the same status and note as
// now when the caller gave no time, or exactly the last recorded event.
func isRepeat(d *motcua.Dossier, e motcua.DossierEvent, noTime bool) bool {
	if noTime {
		return d.Status == e.Status && d.Note == e.Note
	}
	if len(d.History) == 0 {
		return false
	}
	last := d.History[len(d.History)-1]
	return last.Status == e.Status && last.Note == e.Note && last.At.Equal(e.At)
}

// inLoc returns t in loc, leaving the zero time as it is.
func inLoc(t time.Time, loc *time.Location) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(loc)
}
