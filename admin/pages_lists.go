package admin

import (
	"net/http"
)

// listPage is the data of the unanswered-questions and outbox pages.
type listPage[T any] struct {
	Available bool
	Items     []T
}

// unansweredRow is one question on the unanswered page.
type unansweredRow struct {
	Question, Channel, LastAt string
	Count                     int
}

// unansweredHandler lists questions the bot could not answer.
func (p *pages) unansweredHandler(w http.ResponseWriter, r *http.Request, sess string) {
	data := listPage[unansweredRow]{Available: p.s.cfg.Unanswered != nil}
	if data.Available {
		qs, err := p.s.cfg.Unanswered(r.Context(), 500)
		if err != nil {
			p.pageError(w, r, sess, err)
			return
		}
		for _, q := range qs {
			data.Items = append(data.Items, unansweredRow{Question: q.Question, Channel: q.Channel, LastAt: p.s.when(q.LastAt), Count: q.Count})
		}
	}
	p.render(w, http.StatusOK, "unanswered", p.loggedIn("Câu hỏi chưa trả lời", sess, data))
}

// outboxRow is one failed delivery on the outbox page.
type outboxRow struct {
	Channel, Text, LastError, Created string
	Attempts                          int
}

// outboxHandler lists deliveries the outbox gave up on, so that staff can
// reach those citizens another way.
func (p *pages) outboxHandler(w http.ResponseWriter, r *http.Request, sess string) {
	data := listPage[outboxRow]{Available: p.s.cfg.FailedOutbox != nil}
	if data.Available {
		ms, err := p.s.cfg.FailedOutbox(r.Context(), 500)
		if err != nil {
			p.pageError(w, r, sess, err)
			return
		}
		for _, m := range ms {
			data.Items = append(data.Items, outboxRow{Channel: m.Channel, Text: excerpt(m.Reply.Text, 300),
				LastError: m.LastError, Created: p.s.when(m.CreatedAt), Attempts: m.Attempts})
		}
	}
	p.render(w, http.StatusOK, "outbox", p.loggedIn("Tin gửi lỗi", sess, data))
}
