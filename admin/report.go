package admin

import (
	"net/http"
	"time"
)

// ReportSection is one table of the statistics page: a title and its rows.
type ReportSection struct {
	Title string `json:"title"`
	Rows  []Stat `json:"rows"`
}

// reportPage is the data of the statistics page.
type reportPage struct {
	Available bool
	From, To  string
	Sections  []ReportSection
	Error     string
}

// reportHandler shows the figures of a period (from, to: YYYY-MM-DD; the
// current month by default) that a centre reports on how citizens were
// served.
func (p *pages) reportHandler(w http.ResponseWriter, r *http.Request, sess string) {
	now := p.s.cfg.Now().In(p.s.loc)
	data := reportPage{Available: p.s.cfg.Report != nil,
		From: r.URL.Query().Get("from"), To: r.URL.Query().Get("to")}
	if data.From == "" {
		data.From = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, p.s.loc).Format(time.DateOnly)
	}
	if data.To == "" {
		data.To = now.Format(time.DateOnly)
	}
	status := http.StatusOK
	if data.Available {
		sections, err := p.s.cfg.Report(r.Context(), data.From, data.To)
		if err != nil {
			// A wrong date is the staff's typo: say so on the page.
			data.Error, status = "Khoảng ngày không hợp lệ (dạng YYYY-MM-DD, ngày đầu không sau ngày cuối).", http.StatusBadRequest
		}
		data.Sections = sections
	}
	p.render(w, status, "report", p.loggedIn("Thống kê", sess, data))
}
