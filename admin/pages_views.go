package admin

import (
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

// inboxRow is one complaint in the inbox table.
type inboxRow struct {
	complaintJSON
	Excerpt, Created, AnswerDue, ResolveDue string
}

// inboxHandler shows the complaints: overdue first, then new ones, each
// group by the nearest deadline.
func (p *pages) inboxHandler(w http.ResponseWriter, r *http.Request, sess string) {
	f, err := complaintFilter(r)
	if err != nil {
		f = motcua.ComplaintFilter{Limit: 100}
	}
	f.Limit = 500
	list, err := p.s.complaints(r, f)
	if err != nil {
		p.s.log.Error("admin inbox failed", "err", err)
		p.render(w, http.StatusInternalServerError, "inbox", page{Title: "Phản ánh", LoggedIn: true, Error: "Không tải được danh sách."})
		return
	}
	now := p.s.cfg.Now()
	rows := make([]inboxRow, 0, len(list))
	for _, c := range list {
		rows = append(rows, inboxRow{complaintJSON: p.s.complaintView(c, now), Excerpt: excerpt(c.Text, 120),
			Created: p.s.when(c.CreatedAt), AnswerDue: p.s.when(c.AnswerDueAt), ResolveDue: p.s.when(c.ResolveDueAt)})
	}
	sortInbox(rows)
	data := struct {
		Items []inboxRow
		Stats []Stat
	}{Items: rows}
	if p.s.cfg.Stats != nil {
		data.Stats, _ = p.s.cfg.Stats(r.Context())
	}
	p.render(w, http.StatusOK, "inbox", p.loggedIn("Phản ánh", sess, data))
}

// sortInbox puts what needs action first: overdue, then by status
// (new, in progress, answered, closed), then the nearest deadline.
func sortInbox(rows []inboxRow) {
	rank := map[string]int{motcua.ComplaintNew: 0, motcua.ComplaintInProgress: 1, motcua.ComplaintAnswered: 2, motcua.ComplaintClosed: 3}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.Overdue != b.Overdue {
			return a.Overdue
		}
		if rank[a.Status] != rank[b.Status] {
			return rank[a.Status] < rank[b.Status]
		}
		return nextDue(a.Complaint).Before(nextDue(b.Complaint))
	})
}

// nextDue is the deadline that matters now for a complaint.
func nextDue(c *motcua.Complaint) time.Time {
	if c.Status == motcua.ComplaintNew {
		return c.AnswerDueAt
	}
	return c.ResolveDueAt
}

// when formats a time for staff, in Vietnam time.
func (s *Server) when(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(s.loc).Format("15:04 02/01/2006")
}

// excerpt shortens text to n runes on one line.
func excerpt(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	return string([]rune(text)[:n]) + "…"
}

// complaintPage is the data of one complaint's page.
type complaintPage struct {
	complaintJSON
	C                                      *motcua.Complaint
	Created, AnswerDue, ResolveDue, Rating string
	History                                []historyRow
	Sent                                   bool
	Error                                  string
	// PhotoLinks is set when photos kept by a channel can be shown
	// through the photo route.
	PhotoLinks bool
}

// historyRow is one event on the complaint page.
type historyRow struct{ At, Status, Text, By string }

// complaintHandler shows one complaint and the reply form.
func (p *pages) complaintHandler(w http.ResponseWriter, r *http.Request, sess string) {
	c, err := p.s.complaint(r, r.PathValue("code"))
	if err != nil {
		p.pageError(w, r, sess, err)
		return
	}
	p.renderComplaint(w, http.StatusOK, sess, c, r.URL.Query().Get("sent") == "1", "")
}

// renderComplaint renders the complaint page.
func (p *pages) renderComplaint(w http.ResponseWriter, status int, sess string, c *motcua.Complaint, sent bool, errMsg string) {
	d := complaintPage{complaintJSON: p.s.complaintView(c, p.s.cfg.Now()), C: c, Sent: sent, Error: errMsg,
		Created: p.s.when(c.CreatedAt), AnswerDue: p.s.when(c.AnswerDueAt), ResolveDue: p.s.when(c.ResolveDueAt),
		Rating: ratingLabel(c.Rating), PhotoLinks: p.s.cfg.Photo != nil}
	for _, e := range c.History {
		d.History = append(d.History, historyRow{At: p.s.when(e.At), Status: motcua.ComplaintStatusLabels[e.Status], Text: e.Text, By: e.By})
	}
	p.render(w, status, "complaint", p.loggedIn("Phản ánh "+c.Code, sess, d))
}

// ratingLabel gives the Vietnamese label of a citizen's rating.
func ratingLabel(r string) string {
	switch r {
	case RatingVerySatisfied:
		return "Rất hài lòng"
	case RatingSatisfied:
		return "Hài lòng"
	case RatingUnsatisfied:
		return "Không hài lòng"
	}
	return r
}

// replyHandler records a staff answer from the form, then shows the
// complaint again (post/redirect/get, so a reload does not resend).
func (p *pages) replyHandler(w http.ResponseWriter, r *http.Request, sess string) {
	in := replyInput{Text: r.PostFormValue("text"), Status: r.PostFormValue("status"), By: r.PostFormValue("by")}
	c, _, err := p.s.reply(r, r.PathValue("code"), in)
	if err == nil {
		http.Redirect(w, r, "/admin/complaints/"+url.PathEscape(c.Code)+"?sent=1", http.StatusSeeOther)
		return
	}
	if motcua.ErrorCode(err) != motcua.EINVALID {
		p.pageError(w, r, sess, err)
		return
	}
	if c, err2 := p.s.complaint(r, r.PathValue("code")); err2 == nil {
		p.renderComplaint(w, http.StatusBadRequest, sess, c, false, motcua.ErrorMessage(err))
		return
	}
	p.pageError(w, r, sess, err)
}

// pageError shows an error on a page, with the status its code maps to.
func (p *pages) pageError(w http.ResponseWriter, r *http.Request, sess string, err error) {
	msg := motcua.ErrorMessage(err)
	if motcua.ErrorCode(err) == motcua.EINTERNAL {
		p.s.log.ErrorContext(r.Context(), "admin page failed", "path", r.URL.Path, "err", err)
		msg = "Lỗi hệ thống, vui lòng thử lại sau."
	}
	pg := p.loggedIn("Lỗi", sess, nil)
	pg.Error = msg
	p.render(w, httpStatus(motcua.ErrorCode(err)), "error", pg)
}
