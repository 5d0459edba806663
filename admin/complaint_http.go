package admin

import (
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

// complaintJSON is a complaint as the API shows it, with derived deadlines.
type complaintJSON struct {
	*motcua.Complaint
	StatusLabel   string `json:"status_label"`
	CategoryLabel string `json:"category_label"`
	Overdue       bool   `json:"overdue"`
}

// complaintDetail is one complaint with its history, empty or not.
type complaintDetail struct {
	complaintJSON
	History []motcua.ComplaintEvent `json:"history"`
}

func (s *Server) complaintDetailView(c *motcua.Complaint, now time.Time) complaintDetail {
	v := s.complaintView(c, now)
	return complaintDetail{complaintJSON: v, History: append([]motcua.ComplaintEvent{}, v.History...)}
}

// listComplaintsHandler lists complaints: ?status=new|in_progress|answered|closed,
// ?overdue=true, ?limit=N (default 100, at most 1000).
func (s *Server) listComplaintsHandler(w http.ResponseWriter, r *http.Request) {
	f, err := complaintFilter(r)
	if err != nil {
		s.fail(w, r, "complaint.list", err)
		return
	}
	list, err := s.complaints(r, f)
	if err != nil {
		s.fail(w, r, "complaint.list", err)
		return
	}
	now := s.cfg.Now()
	out := make([]complaintJSON, 0, len(list))
	for _, c := range list {
		c.History = nil // the list is an index; one complaint carries its history
		out = append(out, s.complaintView(c, now))
	}
	writeJSON(w, http.StatusOK, map[string]any{"complaints": out})
}

// complaintFilter reads the list filters from the query string.
func complaintFilter(r *http.Request) (motcua.ComplaintFilter, error) {
	q := r.URL.Query()
	f := motcua.ComplaintFilter{Status: q.Get("status"), Limit: 100}
	if _, ok := motcua.ComplaintStatusLabels[f.Status]; f.Status != "" && !ok {
		return f, motcua.Errorf(motcua.EINVALID, "status: %q không hợp lệ; dùng new, in_progress, answered hoặc closed", f.Status)
	}
	if v := q.Get("overdue"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return f, motcua.Errorf(motcua.EINVALID, "overdue: dùng true hoặc false")
		}
		f.Overdue = b
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			return f, motcua.Errorf(motcua.EINVALID, "limit: dùng một số từ 1 đến 1000")
		}
		f.Limit = n
	}
	return f, nil
}

// complaints lists complaints with deadlines filled in.
func (s *Server) complaints(r *http.Request, f motcua.ComplaintFilter) ([]*motcua.Complaint, error) {
	list, err := s.cfg.Complaints.Complaints(r.Context(), f)
	if err != nil {
		return nil, err
	}
	for _, c := range list {
		s.fillDue(c)
	}
	return list, nil
}

// fillDue computes missing deadlines from the creation time, so that a
// complaint stored without them still shows when it is due.
func (s *Server) fillDue(c *motcua.Complaint) {
	if c.AnswerDueAt.IsZero() || c.ResolveDueAt.IsZero() {
		a, res := s.cfg.Calendar.ComplaintDue(c.CreatedAt)
		if c.AnswerDueAt.IsZero() {
			c.AnswerDueAt = a
		}
		if c.ResolveDueAt.IsZero() {
			c.ResolveDueAt = res
		}
	}
}

// complaintOverdue reports whether a complaint has missed a deadline: not
// answered in time while still new, or not closed in time.
func complaintOverdue(c *motcua.Complaint, now time.Time) bool {
	switch c.Status {
	case motcua.ComplaintClosed:
		return false
	case motcua.ComplaintNew:
		if !c.AnswerDueAt.IsZero() && now.After(c.AnswerDueAt) {
			return true
		}
	}
	return !c.ResolveDueAt.IsZero() && now.After(c.ResolveDueAt)
}

// complaintView shows a complaint with its labels and times in the
// centre's zone.
func (s *Server) complaintView(c *motcua.Complaint, now time.Time) complaintJSON {
	c.CreatedAt, c.AnswerDueAt, c.ResolveDueAt = inLoc(c.CreatedAt, s.loc), inLoc(c.AnswerDueAt, s.loc), inLoc(c.ResolveDueAt, s.loc)
	for i := range c.History {
		c.History[i].At = inLoc(c.History[i].At, s.loc)
	}
	return complaintJSON{Complaint: c, StatusLabel: motcua.ComplaintStatusLabels[c.Status],
		CategoryLabel: categoryLabel(c.Category), Overdue: complaintOverdue(c, now)}
}

// categoryLabel returns the Vietnamese label of a complaint category.
func categoryLabel(code string) string {
	for _, c := range motcua.ComplaintCategories {
		if c.Code == code {
			return c.Label
		}
	}
	return code
}

// getComplaintHandler returns one complaint with its history.
func (s *Server) getComplaintHandler(w http.ResponseWriter, r *http.Request) {
	c, err := s.complaint(r, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, "complaint.get", err)
		return
	}
	writeJSON(w, http.StatusOK, s.complaintDetailView(c, s.cfg.Now()))
}

// complaint loads one complaint with deadlines filled in.
func (s *Server) complaint(r *http.Request, code string) (*motcua.Complaint, error) {
	// Codes are issued in capitals; staff may type them in any case.
	c, err := s.cfg.Complaints.Complaint(r.Context(), strings.ToUpper(strings.TrimSpace(code)))
	if err != nil {
		return nil, err
	}
	s.fillDue(c)
	return c, nil
}

// replyInput is the body of POST complaints/{code}/replies.
type replyInput struct {
	Text   string `json:"text"`
	Status string `json:"status"`
	By     string `json:"by"`
}

// replyComplaintHandler records a staff answer and queues it for the
// citizen on the complaint's channel (201); a retried identical reply
// changes nothing (200).
func (s *Server) replyComplaintHandler(w http.ResponseWriter, r *http.Request) {
	var in replyInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.fail(w, r, "complaint.reply", err)
		return
	}
	c, sent, err := s.reply(r, r.PathValue("code"), in)
	if err != nil {
		s.fail(w, r, "complaint.reply", err)
		return
	}
	writeJSON(w, map[bool]int{true: http.StatusCreated, false: http.StatusOK}[sent], s.complaintDetailView(c, s.cfg.Now()))
}

// reply validates and records a staff answer; it returns the complaint as
// stored afterwards and whether an answer was queued.
func (s *Server) reply(r *http.Request, code string, in replyInput) (*motcua.Complaint, bool, error) {
	e, err := s.replyEvent(in)
	if err != nil {
		return nil, false, err
	}
	c, err := s.complaint(r, code)
	if err != nil {
		return nil, false, err
	}
	if repeatsLastReply(c, e) {
		return c, false, nil
	}
	msg := s.cfg.ComplaintReplyNotice(c, e)
	if err := s.cfg.Complaints.AddComplaintEvent(r.Context(), c.Code, e, &msg); err != nil {
		return nil, false, err
	}
	s.cfg.Queued()
	s.audit(r.Context(), "complaint.reply", "code", c.Code, "status", e.Status, "channel", c.Channel)
	c, err = s.complaint(r, c.Code)
	return c, err == nil, err
}

// replyEvent validates a reply body into an event.
func (s *Server) replyEvent(in replyInput) (motcua.ComplaintEvent, error) {
	e := motcua.ComplaintEvent{Text: strings.TrimSpace(in.Text), Status: strings.TrimSpace(in.Status),
		By: strings.TrimSpace(in.By), At: s.cfg.Now()}
	if e.Status == "" {
		e.Status = motcua.ComplaintAnswered
	}
	if e.By == "" {
		e.By = "staff"
	}
	switch {
	case e.Text == "":
		return e, motcua.Errorf(motcua.EINVALID, "text: thiếu nội dung trả lời")
	case utf8.RuneCountInString(e.Text) > motcua.MaxReplyRunes:
		return e, motcua.Errorf(motcua.EINVALID, "text: quá dài (tối đa %d ký tự)", motcua.MaxReplyRunes)
	case e.Status == motcua.ComplaintNew || motcua.ComplaintStatusLabels[e.Status] == "":
		return e, motcua.Errorf(motcua.EINVALID, "status: dùng in_progress, answered hoặc closed")
	case utf8.RuneCountInString(e.By) > 100:
		return e, motcua.Errorf(motcua.EINVALID, "by: quá dài")
	}
	return e, nil
}

// repeatsLastReply reports whether e is the same answer as the last one
// recorded, as when a request is retried after a lost response.
func repeatsLastReply(c *motcua.Complaint, e motcua.ComplaintEvent) bool {
	if len(c.History) == 0 {
		return false
	}
	last := c.History[len(c.History)-1]
	return last.Text == e.Text && last.Status == e.Status
}
