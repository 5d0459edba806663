package store

import (
	"context"
	"fmt"
	"time"
)

// Report holds the figures a centre reports for a period [From, To).
type Report struct {
	From, To time.Time

	// MessagesByChannel counts citizens' messages kept as turns (until
	// retention deletes them).
	MessagesByChannel map[string]int
	Messages          int // all channels
	Unanswered        int // questions the bot could not answer
	TopUnanswered     []QuestionCount

	DossiersByStatus map[string]int // every dossier, by current status
	DossiersOverdue  int            // now
	DossierEvents    int            // status changes recorded in the period

	ComplaintsReceived   int            // created in the period
	ComplaintsByCategory map[string]int // created in the period
	ComplaintsByStatus   map[string]int // created in the period, current status
	ComplaintsAnswered   int            // created in the period and answered
	AnsweredOnTime       int            // of those, answered by the answer deadline
	ComplaintsOverdue    int            // now, whenever created
	Ratings              map[string]int // given in the period
}

// Report computes the centre's figures for [from, to).
func (db *DB) Report(ctx context.Context, from, to time.Time) (Report, error) {
	r := Report{From: from, To: to}
	if !to.After(from) {
		return r, fmt.Errorf("store: report: empty period")
	}
	steps := []func(context.Context, *Report) error{db.reportMessages, db.reportDossiers, db.reportComplaints}
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
