package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Report holds the figures a centre reports for a period [From, To). It
// holds counts and masked questions, never personal data.
type Report struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`

	// MessagesByChannel counts citizens' messages kept as turns (until
	// retention deletes them).
	MessagesByChannel map[string]int  `json:"messages_by_channel"`
	Messages          int             `json:"messages"`   // all channels
	Unanswered        int             `json:"unanswered"` // questions the bot could not answer
	TopUnanswered     []QuestionCount `json:"top_unanswered"`

	// From the daily counts (AddDailyCounts), kept beyond the retention of
	// conversations; whole days in Vietnam's time.
	Handled   map[string]int `json:"handled"`   // messages handled, by channel
	Questions map[string]int `json:"questions"` // procedure questions by outcome: answered, clarified, out_of_scope
	Fields    []NameCount    `json:"fields"`    // answered questions by field (lĩnh vực), most first
	Lookups   map[string]int `json:"lookups"`   // dossier lookups by outcome: found, wrong, throttled

	DossiersByStatus map[string]int `json:"dossiers_by_status"` // every dossier, by current status
	DossiersOverdue  int            `json:"dossiers_overdue"`   // now
	DossierEvents    int            `json:"dossier_events"`     // status changes recorded in the period

	ComplaintsReceived   int            `json:"complaints_received"`    // created in the period
	ComplaintsByCategory map[string]int `json:"complaints_by_category"` // created in the period
	ComplaintsByStatus   map[string]int `json:"complaints_by_status"`   // created in the period, current status
	ComplaintsAnswered   int            `json:"complaints_answered"`    // created in the period and answered
	AnsweredOnTime       int            `json:"answered_on_time"`       // of those, answered by the answer deadline
	ComplaintsOverdue    int            `json:"complaints_overdue"`     // now, whenever created
	Ratings              map[string]int `json:"ratings"`                // given in the period
}

// NameCount is a name and how often it was counted.
type NameCount struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Report computes the centre's figures for [from, to).
func (db *DB) Report(ctx context.Context, from, to time.Time) (Report, error) {
	r := Report{From: from, To: to}
	if !to.After(from) {
		return r, motcua.Errorf(motcua.EINVALID, "store: report: empty period")
	}
	steps := []func(context.Context, *Report) error{db.reportMessages, db.reportDaily, db.reportDossiers, db.reportComplaints}
	for _, step := range steps {
		if err := step(ctx, &r); err != nil {
			return r, fmt.Errorf("store: report: %w", err)
		}
	}
	return r, nil
}

func (db *DB) reportMessages(ctx context.Context, r *Report) error {
	f, t := ts(r.From), ts(r.To)
	var err error
	if r.MessagesByChannel, err = db.countBy(ctx, `SELECT channel, COUNT(*) FROM turns
		WHERE sender = 'citizen' AND at >= ? AND at < ? GROUP BY channel`, f, t); err != nil {
		return err
	}
	for _, n := range r.MessagesByChannel {
		r.Messages += n
	}
	if err := db.queryRow(ctx, db.r, "SELECT COUNT(*) FROM unanswered WHERE at >= ? AND at < ?", f, t).Scan(&r.Unanswered); err != nil {
		return err
	}
	r.TopUnanswered, err = db.frequentUnanswered(ctx, r.From, r.To, 20)
	return err
}

// reportDaily sums the daily counts of the days the period touches.
func (db *DB) reportDaily(ctx context.Context, r *Report) error {
	counts, err := db.DailyCounts(ctx, Day(r.From), Day(r.To.Add(-time.Nanosecond)))
	if err != nil {
		return err
	}
	r.Handled, r.Questions, r.Lookups = map[string]int{}, map[string]int{}, map[string]int{}
	for name, n := range counts {
		kind, key, _ := strings.Cut(name, ":")
		switch kind {
		case "message":
			r.Handled[key] += n
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
	return nil
}

func (db *DB) reportDossiers(ctx context.Context, r *Report) error {
	var err error
	if r.DossiersByStatus, err = db.countBy(ctx, "SELECT status, COUNT(*) FROM dossiers GROUP BY status"); err != nil {
		return err
	}
	if _, r.DossiersOverdue, err = db.CountDossiers(ctx); err != nil {
		return err
	}
	return db.queryRow(ctx, db.r, "SELECT COUNT(*) FROM dossier_events WHERE at >= ? AND at < ?", ts(r.From), ts(r.To)).
		Scan(&r.DossierEvents)
}

func (db *DB) reportComplaints(ctx context.Context, r *Report) error {
	f, t := ts(r.From), ts(r.To)
	var err error
	const period = " FROM complaints WHERE created_at >= ? AND created_at < ?"
	if r.ComplaintsByCategory, err = db.countBy(ctx, "SELECT category, COUNT(*)"+period+" GROUP BY category", f, t); err != nil {
		return err
	}
	if r.ComplaintsByStatus, err = db.countBy(ctx, "SELECT status, COUNT(*)"+period+" GROUP BY status", f, t); err != nil {
		return err
	}
	err = db.queryRow(ctx, db.r, `SELECT COUNT(*),
		COALESCE(SUM(CASE WHEN answered_at > 0 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN answered_at > 0 AND (answer_due_at = 0 OR answered_at <= answer_due_at) THEN 1 ELSE 0 END), 0)`+period, f, t).
		Scan(&r.ComplaintsReceived, &r.ComplaintsAnswered, &r.AnsweredOnTime)
	if err != nil {
		return err
	}
	now := ts(db.now())
	if err := db.queryRow(ctx, db.r, "SELECT COUNT(*) FROM complaints WHERE "+complaintOverdueSQL, now, now).
		Scan(&r.ComplaintsOverdue); err != nil {
		return err
	}
	r.Ratings, err = db.ComplaintRatings(ctx, r.From, r.To)
	return err
}
