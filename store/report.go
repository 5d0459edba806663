package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Report is what a centre reports for a period: how citizens were served.
// It holds counts and masked questions, never personal data.
type Report struct {
	From string `json:"from"` // YYYY-MM-DD, both included
	To   string `json:"to"`

	Messages  map[string]int `json:"messages"`  // messages handled, by channel
	Questions map[string]int `json:"questions"` // procedure questions by outcome: answered, clarified, out_of_scope
	Fields    []NameCount    `json:"fields"`    // answered questions by field (lĩnh vực), most first
	Lookups   map[string]int `json:"lookups"`   // dossier lookups by outcome: found, wrong, throttled
	// Unanswered are the questions the bot could not answer, most asked
	// first (masked; kept only as long as conversation texts).
	Unanswered []QuestionCount `json:"unanswered"`

	Complaints ComplaintReport `json:"complaints"`
	Ratings    map[string]int  `json:"ratings"` // complaint handling ratings given in the period
}

// NameCount is a name and how often it was counted.
type NameCount struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// ComplaintReport counts complaints of a period.
type ComplaintReport struct {
	Received   int            `json:"received"`    // created in the period
	ByCategory map[string]int `json:"by_category"` // of those received
	Answered   int            `json:"answered"`    // first answered in the period
	Closed     int            `json:"closed"`      // closed in the period
	// Late counts complaints received in the period that were answered or
	// resolved after their deadline, or are still open past it.
	Late int `json:"late"`
	// OverdueNow counts every complaint not closed and past a deadline at
	// the time of the report, whenever received.
	OverdueNow int `json:"overdue_now"`
}

// ParseDay reads a YYYY-MM-DD day in Vietnam's time zone.
func ParseDay(s string) (time.Time, error) {
	t, err := time.ParseInLocation(time.DateOnly, s, reportZone)
	if err != nil {
		return time.Time{}, motcua.Errorf(motcua.EINVALID, "store: day %q: want YYYY-MM-DD", s)
	}
	return t, nil
}

// Report gathers the figures of the days from..to (YYYY-MM-DD, both included).
func (db *DB) Report(ctx context.Context, from, to string) (*Report, error) {
	start, err := ParseDay(from)
	if err != nil {
		return nil, err
	}
	last, err := ParseDay(to)
	if err != nil {
		return nil, err
	}
	if last.Before(start) {
		return nil, motcua.Errorf(motcua.EINVALID, "store: report from %s to %s: the end is before the start", from, to)
	}
	end := last.AddDate(0, 0, 1)
	r := &Report{From: from, To: to, Messages: map[string]int{}, Questions: map[string]int{}, Lookups: map[string]int{}}
	counts, err := db.DailyCounts(ctx, from, to)
	if err != nil {
		return nil, err
	}
	r.split(counts)
	if r.Unanswered, err = db.frequentUnanswered(ctx, start, end, 20); err != nil {
		return nil, err
	}
	if r.Complaints, err = db.complaintReport(ctx, start, end); err != nil {
		return nil, err
	}
	if r.Ratings, err = db.ComplaintRatings(ctx, start, end); err != nil {
		return nil, err
	}
	return r, nil
}

// split sorts daily counts into the report's sections by name prefix.
func (r *Report) split(counts map[string]int) {
	for name, n := range counts {
		kind, key, _ := strings.Cut(name, ":")
		switch kind {
		case "message":
			r.Messages[key] += n
		case "question":
			r.Questions[key] += n
		case "lookup":
			r.Lookups[key] += n
		case "field":
			r.Fields = append(r.Fields, NameCount{Name: key, Count: n})
		}
	}
	sort.Slice(r.Fields, func(i, j int) bool {
		if r.Fields[i].Count != r.Fields[j].Count {
			return r.Fields[i].Count > r.Fields[j].Count
		}
		return r.Fields[i].Name < r.Fields[j].Name
	})
}

// complaintLateSQL holds for a complaint that missed a deadline; it takes now twice.
const complaintLateSQL = `((answer_due_at > 0 AND ((answered_at = 0 AND answer_due_at < ?) OR answered_at > answer_due_at))
	OR (resolve_due_at > 0 AND ((closed_at = 0 AND resolve_due_at < ?) OR closed_at > resolve_due_at)))`

// complaintReport counts the complaints of [start, end).
func (db *DB) complaintReport(ctx context.Context, start, end time.Time) (ComplaintReport, error) {
	var c ComplaintReport
	s, e, now := ts(start), ts(end), ts(db.now())
	err := db.queryRow(ctx, db.r, `SELECT
		COALESCE(SUM(CASE WHEN created_at >= ? AND created_at < ? THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN answered_at >= ? AND answered_at < ? THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN closed_at >= ? AND closed_at < ? THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN created_at >= ? AND created_at < ? AND `+complaintLateSQL+` THEN 1 ELSE 0 END), 0)
		FROM complaints`, s, e, s, e, s, e, s, e, now, now).Scan(&c.Received, &c.Answered, &c.Closed, &c.Late)
	if err != nil {
		return c, fmt.Errorf("store: complaint report: %w", err)
	}
	if c.ByCategory, err = db.countBy(ctx, "SELECT category, COUNT(*) FROM complaints WHERE created_at >= ? AND created_at < ? GROUP BY category", s, e); err != nil {
		return c, fmt.Errorf("store: complaint report: %w", err)
	}
	if _, c.OverdueNow, err = db.ComplaintCounts(ctx); err != nil {
		return c, err
	}
	return c, nil
}
