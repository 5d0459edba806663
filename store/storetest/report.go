package storetest

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

var reportTests = map[string]func(*testing.T, Opener){
	"Figures": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		for _, k := range []string{"web:a", "web:b", "telegram:1"} {
			must(t, db.AddTurn(ctx(), motcua.Turn{Key: k, From: "citizen", Text: "hỏi"}))
			must(t, db.AddTurn(ctx(), motcua.Turn{Key: k, From: "bot", Text: "đáp"}))
		}
		must(t, db.RecordUnanswered(ctx(), "web", "flycam", time.Time{}))
		must(t, db.RecordUnanswered(ctx(), "web", "flycam", time.Time{}))
		late := sampleDossier("R1")
		ok := sampleDossier("R2")
		ok.DueAt = T0.Add(40 * 24 * time.Hour)
		_, _, err := db.ImportDossiers(ctx(), []*motcua.Dossier{late, ok})
		must(t, err)
		must(t, db.AddDossierEvent(ctx(), "R2", motcua.DossierEvent{Status: motcua.StatusProcessing}, nil))

		onTime, tardy, open3 := sampleComplaint("1"), sampleComplaint("2"), sampleComplaint("3")
		open3.Category = "attitude"
		for _, c := range []*motcua.Complaint{onTime, tardy, open3} {
			_, err := db.CreateComplaint(ctx(), c)
			must(t, err)
		}
		clock.Advance(time.Hour)
		must(t, db.AddComplaintEvent(ctx(), onTime.Code, motcua.ComplaintEvent{Status: motcua.ComplaintClosed, Text: "Đã xử lý"}, nil))
		must(t, db.RateComplaint(ctx(), onTime.Code, "hai_long"))
		clock.Advance(10 * time.Hour)
		must(t, db.AddComplaintEvent(ctx(), tardy.Code, motcua.ComplaintEvent{Status: motcua.ComplaintAnswered, Text: "Muộn"}, nil))
		clock.Advance(4 * 24 * time.Hour) // R1 is now overdue; open3 is past its answer deadline

		r, err := db.Report(ctx(), T0, clock.Now())
		must(t, err)
		check := func(name string, got, want int) {
			t.Helper()
			if got != want {
				t.Errorf("%s = %d, want %d", name, got, want)
			}
		}
		check("messages", r.Messages, 3)
		check("web messages", r.MessagesByChannel["web"], 2)
		check("telegram messages", r.MessagesByChannel["telegram"], 1)
		check("unanswered", r.Unanswered, 2)
		check("dossiers received", r.DossiersByStatus[motcua.StatusReceived], 1)
		check("dossiers processing", r.DossiersByStatus[motcua.StatusProcessing], 1)
		check("dossiers overdue", r.DossiersOverdue, 1)
		check("dossier events", r.DossierEvents, 3)
		check("complaints", r.ComplaintsReceived, 3)
		check("extra_papers", r.ComplaintsByCategory["extra_papers"], 2)
		check("attitude", r.ComplaintsByCategory["attitude"], 1)
		check("closed", r.ComplaintsByStatus[motcua.ComplaintClosed], 1)
		check("answered", r.ComplaintsAnswered, 2)
		check("on time", r.AnsweredOnTime, 1)
		check("overdue", r.ComplaintsOverdue, 1)
		check("rated", r.Ratings["hai_long"], 1)
		if len(r.TopUnanswered) != 1 || r.TopUnanswered[0].Count != 2 {
			t.Errorf("top unanswered %+v", r.TopUnanswered)
		}
		empty, err := db.Report(ctx(), T0.Add(-48*time.Hour), T0.Add(-24*time.Hour))
		must(t, err)
		check("empty period complaints", empty.ComplaintsReceived, 0)
		check("empty period messages", empty.Messages, 0)
		if _, err := db.Report(ctx(), T0, T0); err == nil {
			t.Error("empty period accepted")
		}
	},
	"DailyCounts": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		must(t, db.AddDailyCounts(ctx(), time.Time{}, []string{"message:web", "question:answered", "field:Hộ tịch"}))
		must(t, db.AddDailyCounts(ctx(), time.Time{}, []string{"message:web", "question:out_of_scope"}))
		// 17:30 UTC is already the next day in Vietnam.
		must(t, db.AddDailyCounts(ctx(), T0.Add(9*time.Hour), []string{"message:telegram"}))
		clock.Advance(48 * time.Hour)
		must(t, db.AddDailyCounts(ctx(), time.Time{}, []string{"message:web"}))
		got, err := db.DailyCounts(ctx(), "2026-11-03", "2026-11-03")
		must(t, err)
		if got["message:web"] != 2 || got["question:answered"] != 1 || got["field:Hộ tịch"] != 1 || got["message:telegram"] != 0 {
			t.Fatalf("one day: %v", got)
		}
		got, err = db.DailyCounts(ctx(), "2026-11-01", "2026-11-30")
		must(t, err)
		if got["message:web"] != 3 || got["message:telegram"] != 1 {
			t.Fatalf("month: %v", got)
		}
	},
	"DailyFigures": func(t *testing.T, open Opener) {
		db, _ := clocked(t, open)
		for _, names := range [][]string{
			{"message:web", "question:answered", "field:Hộ tịch"},
			{"message:web", "question:answered", "field:Hộ tịch"},
			{"message:zalo", "question:answered", "field:Đất đai"},
			{"message:web", "question:clarified"},
			{"message:telegram", "lookup:found"},
			{"message:telegram", "lookup:wrong"},
		} {
			must(t, db.AddDailyCounts(ctx(), time.Time{}, names))
		}
		from, err := store.ParseDay("2026-11-01")
		must(t, err)
		r, err := db.Report(ctx(), from, from.AddDate(0, 1, 0))
		must(t, err)
		if r.Handled["web"] != 3 || r.Handled["telegram"] != 2 || r.Questions["answered"] != 3 || r.Questions["clarified"] != 1 ||
			r.Lookups["found"] != 1 || r.Lookups["wrong"] != 1 {
			t.Fatalf("counts: %+v", r)
		}
		if len(r.Fields) != 2 || r.Fields[0].Name != "Hộ tịch" || r.Fields[0].Count != 2 {
			t.Fatalf("fields: %+v", r.Fields)
		}
		// The day before holds nothing of this.
		r, err = db.Report(ctx(), from.AddDate(0, 0, -1), from)
		must(t, err)
		if len(r.Handled) != 0 || len(r.Fields) != 0 {
			t.Fatalf("october: %+v", r)
		}
	},
	"ComplaintCounts": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		for _, sub := range []string{"a", "b", "c"} {
			_, err := db.CreateComplaint(ctx(), sampleComplaint(sub))
			must(t, err)
		}
		byStatus, overdue, err := db.ComplaintCounts(ctx())
		must(t, err)
		if byStatus[motcua.ComplaintNew] != 3 || overdue != 0 {
			t.Fatalf("%v %d", byStatus, overdue)
		}
		clock.Advance(9 * time.Hour)
		if _, overdue, _ = db.ComplaintCounts(ctx()); overdue != 3 {
			t.Fatalf("overdue %d", overdue)
		}
	},
	"Ping": func(t *testing.T, open Opener) {
		db := open(t)
		must(t, db.Ping(ctx()))
	},
}
