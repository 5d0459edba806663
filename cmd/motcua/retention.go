package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"time"

	"github.com/motcua/motcua/metrics"
	"github.com/motcua/motcua/store"
)

// retentionLease names the lease that lets one replica run the job.
const retentionLease = "job:retention"

// day is a calendar day, for the retention settings.
const day = 24 * time.Hour

// shortRetention bounds how long raw channel events and sent replies are
// kept: they are only needed to de-duplicate and to deliver, and they hold
// unmasked text.
const shortRetention = 7 * day

// retentionJob deletes what the law says may not be kept: conversation
// texts after RetentionDays, complaint contact data after
// ComplaintRetentionDays, finished dossiers after DossierRetentionDays.
type retentionJob struct {
	db      *store.DB
	cfg     Config
	log     *slog.Logger
	obs     *metrics.Metrics // may be nil
	holder  string           // this process, for the lease
	now     func() time.Time
	every   time.Duration
	started chan struct{} // closed when the first run has finished, for tests
}

// checkRetention refuses settings that are not whole numbers of days.
func checkRetention(c Config) error {
	if c.RetentionDays < 1 {
		return fmt.Errorf("setting MOTCUA_RETENTION_DAYS: want a whole number of days, at least 1")
	}
	if c.ComplaintRetentionDays < 0 || c.DossierRetentionDays < 0 {
		return fmt.Errorf("settings MOTCUA_COMPLAINT_RETENTION_DAYS, MOTCUA_DOSSIER_RETENTION_DAYS: want a whole number of days, 0 to keep")
	}
	return nil
}

func newRetentionJob(db *store.DB, cfg Config, log *slog.Logger, obs *metrics.Metrics) *retentionJob {
	id := make([]byte, 8)
	rand.Read(id)
	return &retentionJob{db: db, cfg: cfg, log: log, obs: obs, holder: hex.EncodeToString(id),
		now: time.Now, every: time.Hour, started: make(chan struct{})}
}

// Run runs the job at once, then every hour, until ctx ends.
func (j *retentionJob) Run(ctx context.Context) error {
	t := time.NewTicker(j.every)
	defer t.Stop()
	for first := true; ; first = false {
		if err := j.RunOnce(ctx); err != nil && ctx.Err() == nil {
			j.log.Error("retention job failed", "err", err)
		}
		if first {
			close(j.started)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// RunOnce deletes what is past retention, when this replica holds the
// lease. The lease is kept (not released) for a little less than the
// interval, so that the same replica runs the next time and the others skip.
func (j *retentionJob) RunOnce(ctx context.Context) error {
	ok, err := j.db.AcquireLease(ctx, retentionLease, j.holder, j.every-time.Minute)
	if err != nil {
		j.count("error")
		return fmt.Errorf("retention: lease: %w", err)
	}
	if !ok {
		j.count("skipped")
		return nil
	}
	now := j.now()
	for _, step := range j.steps(now) {
		n, err := step.del(ctx, step.before)
		if err != nil {
			j.count("error")
			return fmt.Errorf("retention: %s: %w", step.kind, err)
		}
		if n > 0 {
			j.log.Info("retention", "kind", step.kind, "rows", n, "before", step.before.UTC().Format(time.DateOnly))
		}
		if j.obs != nil {
			j.obs.Deleted(step.kind, n)
		}
	}
	j.count("ok")
	return nil
}

func (j *retentionJob) count(outcome string) {
	if j.obs != nil {
		j.obs.JobRun("retention", outcome)
	}
}

// retentionStep deletes one kind of row older than before.
type retentionStep struct {
	kind   string
	before time.Time
	del    func(context.Context, time.Time) (int64, error)
}

// steps lists what to delete at now under the settings.
func (j *retentionJob) steps(now time.Time) []retentionStep {
	texts := now.Add(-time.Duration(j.cfg.RetentionDays) * day)
	short := now.Add(-min(shortRetention, time.Duration(j.cfg.RetentionDays)*day))
	db := j.db
	steps := []retentionStep{
		{"turns", texts, db.DeleteTurnsBefore},
		{"conversations", texts, db.DeleteConversationsBefore},
		{"web_messages", texts, db.DeleteWebMessagesBefore},
		{"unanswered", texts, db.DeleteUnansweredBefore},
		{"attempts", short, db.DeleteAttemptsBefore},
		{"inbox", short, db.DeleteInboxDoneBefore},
		{"outbox", short, db.DeleteDeliveredOutboxBefore},
	}
	if d := j.cfg.ComplaintRetentionDays; d > 0 {
		steps = append(steps, retentionStep{"complaint_contacts", now.Add(-time.Duration(d) * day), db.AnonymizeClosedComplaintsBefore})
	}
	if d := j.cfg.DossierRetentionDays; d > 0 {
		steps = append(steps, retentionStep{"dossiers", now.Add(-time.Duration(d) * day), db.DeleteDossiersBefore})
	}
	return steps
}
