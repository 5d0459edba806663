package main

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/admin"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/worktime"
)

// newCalendar builds the working-time calendar from the settings.
func newCalendar(cfg Config) (*worktime.Calendar, error) {
	cal, err := worktime.FromSettings(cfg.ComplaintAnswerHours, cfg.ComplaintResolveDays, cfg.Holidays)
	if err != nil {
		return nil, fmt.Errorf("settings MOTCUA_COMPLAINT_ANSWER_HOURS, MOTCUA_COMPLAINT_RESOLVE_DAYS, MOTCUA_HOLIDAYS: %w", err)
	}
	return cal, nil
}

// newAdminServer wires the staff API and pages to the store. complaints is
// the complaint store (the same DB once it implements complaints); queued
// is called when a staff request put a message in the outbox; photo
// streams photos kept by a channel.
func newAdminServer(cfg Config, db *store.DB, complaints motcua.ComplaintStore, cal *worktime.Calendar, log *slog.Logger, queued func(), photo admin.PhotoOpener) *admin.Server {
	return admin.New(admin.Config{
		Token:         cfg.AdminToken,
		Dossiers:      db,
		Complaints:    complaints,
		Calendar:      cal,
		Logger:        log,
		Unanswered:    unansweredFrom(db),
		FailedOutbox:  db.FailedOutbox,
		Stats:         statsFrom(db),
		Report:        reportFrom(db),
		SecureCookies: cfg.AdminSecureCookies,
		Queued:        queued,
		Photo:         photo,
	})
}

// unansweredFrom lists the latest unanswered questions, one line per
// distinct question with how often it was asked among them.
func unansweredFrom(db *store.DB) func(context.Context, int) ([]admin.UnansweredQuestion, error) {
	return func(ctx context.Context, limit int) ([]admin.UnansweredQuestion, error) {
		qs, err := db.Unanswered(ctx, limit)
		if err != nil {
			return nil, err
		}
		var out []admin.UnansweredQuestion
		index := map[string]int{}
		for _, q := range qs { // newest first, so the first seen is the last asked
			if i, ok := index[q.Question]; ok {
				out[i].Count++
				continue
			}
			index[q.Question] = len(out)
			out = append(out, admin.UnansweredQuestion{Channel: q.Channel, Question: q.Question, Count: 1, LastAt: q.At})
		}
		return out, nil
	}
}

// statsFrom gives the figures at the top of the staff inbox.
func statsFrom(db *store.DB) func(context.Context) ([]admin.Stat, error) {
	return func(ctx context.Context) ([]admin.Stat, error) {
		total, overdue, err := db.CountDossiers(ctx)
		if err != nil {
			return nil, err
		}
		stats := []admin.Stat{{Label: "Hồ sơ", Value: strconv.Itoa(total)}, {Label: "Hồ sơ quá hạn", Value: strconv.Itoa(overdue)}}
		outbox, err := db.OutboxStats(ctx)
		if err != nil {
			return nil, err
		}
		var due, failed int
		for _, s := range outbox {
			due, failed = due+s.Due, failed+s.Failed
		}
		return append(stats, admin.Stat{Label: "Tin chờ gửi", Value: strconv.Itoa(due)}, admin.Stat{Label: "Tin gửi lỗi", Value: strconv.Itoa(failed)}), nil
	}
}
