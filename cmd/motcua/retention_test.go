package main

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/metrics"
	"github.com/motcua/motcua/store/storetest"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

// TestRetentionJob runs the job on a clock moved past each retention: the
// texts go after 90 days, the contact data of a closed complaint after a
// year, a finished dossier only when a dossier retention is set; a second
// replica skips while the first holds the lease.
func TestRetentionJob(t *testing.T) {
	ctx := context.Background()
	db := storetest.OpenSQLite(t)
	clock := storetest.NewClock(storetest.T0)
	db.Now = clock.Now
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.AddTurn(ctx, motcua.Turn{Key: "web:s", From: "citizen", Text: "số tôi 0905123456"}))
	must(db.SaveConversation(ctx, motcua.Conversation{Key: "web:s", Procedure: "1.001193"}))
	must(db.RecordUnanswered(ctx, "web", "xin visa", time.Time{}))
	c := &motcua.Complaint{Category: "late", Text: "Chậm trả kết quả", Name: "Trần Thị B", Phone: "0912345678",
		Consent: true, Channel: "web", ChatID: "s", SubmissionID: "x"}
	_, err := db.CreateComplaint(ctx, c)
	must(err)
	must(db.AddComplaintEvent(ctx, c.Code, motcua.ComplaintEvent{Status: motcua.ComplaintClosed, Text: "Đã xử lý", By: "cb"}, nil))
	_, err = db.PutDossier(ctx, &motcua.Dossier{Code: "H01", Status: motcua.StatusReturned})
	must(err)

	cfg := testConfig(t.TempDir())
	obs := metrics.New(prometheus.NewRegistry())
	job := newRetentionJob(db, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), obs)
	job.now = clock.Now
	other := newRetentionJob(db, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), obs)
	other.now = clock.Now

	// 89 days on, everything is kept.
	clock.Advance(89 * day)
	must(job.RunOnce(ctx))
	if turns, _ := db.RecentTurns(ctx, "web:s", 10); len(turns) != 1 {
		t.Fatalf("turns deleted before their time: %v", turns)
	}
	// 91 days on, a replica without the lease does nothing; the one holding
	// it deletes the texts; the complaint keeps its contact data.
	clock.Advance(2 * day)
	must(job.RunOnce(ctx))
	must(db.AddTurn(ctx, motcua.Turn{Key: "web:s", From: "citizen", Text: "cũ", At: storetest.T0}))
	must(other.RunOnce(ctx))
	if turns, _ := db.RecentTurns(ctx, "web:s", 10); len(turns) != 1 {
		t.Fatalf("a replica without the lease deleted turns")
	}
	must(job.RunOnce(ctx))
	if turns, _ := db.RecentTurns(ctx, "web:s", 10); len(turns) != 0 {
		t.Fatalf("turns kept after 91 days: %v", turns)
	}
	if conv, _ := db.Conversation(ctx, "web:s"); conv.Procedure != "" {
		t.Fatalf("conversation kept: %+v", conv)
	}
	if got, _ := db.Unanswered(ctx, 10); len(got) != 0 {
		t.Fatalf("unanswered kept: %v", got)
	}
	if got, _ := db.Complaint(ctx, c.Code); got.Phone == "" {
		t.Fatalf("complaint contact erased after 91 days")
	}
	// A year on, the complaint's contact data goes; the dossier stays.
	clock.Advance(300 * day)
	must(job.RunOnce(ctx))
	got, err := db.Complaint(ctx, c.Code)
	must(err)
	if got.Phone != "" || got.Name != "" || got.Text == "" {
		t.Fatalf("complaint after a year: %+v", got)
	}
	if _, err := db.Dossier(ctx, "H01"); err != nil {
		t.Fatalf("dossier deleted with retention off: %v", err)
	}
	// With a dossier retention, the finished dossier goes.
	job.cfg.DossierRetentionDays = 180
	must(job.RunOnce(ctx))
	if _, err := db.Dossier(ctx, "H01"); motcua.ErrorCode(err) != motcua.ENOTFOUND {
		t.Fatalf("finished dossier kept: %v", err)
	}
	if n := testutil.ToFloat64(obs.JobRunsCounter("retention", "skipped")); n != 1 {
		t.Errorf("skipped runs: %v", n)
	}
}

// TestRetentionJobRuns shows the loop runs the job at once when started.
func TestRetentionJobRuns(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ctx, cancel := context.WithCancel(context.Background())
	job := newRetentionJob(db, testConfig(t.TempDir()), slog.New(slog.DiscardHandler), nil)
	done := make(chan error)
	go func() { done <- job.Run(ctx) }()
	<-job.started
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestCheckRetention(t *testing.T) {
	for _, env := range []map[string]string{
		{"MOTCUA_RETENTION_DAYS": "0"},
		{"MOTCUA_RETENTION_DAYS": "ninety"},
		{"MOTCUA_COMPLAINT_RETENTION_DAYS": "-3"},
		{"MOTCUA_DOSSIER_RETENTION_DAYS": "x"},
	} {
		cfg := loadConfig(func(k string) string { return env[k] })
		if err := checkRetention(cfg); err == nil {
			t.Errorf("%v accepted", env)
		}
	}
	cfg := loadConfig(func(string) string { return "" })
	if err := checkRetention(cfg); err != nil || cfg.RetentionDays != 90 || cfg.ComplaintRetentionDays != 365 || cfg.DossierRetentionDays != 0 {
		t.Errorf("defaults: %v %+v", err, cfg)
	}
}
