package storetest

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
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
	"Ping": func(t *testing.T, open Opener) {
		db := open(t)
		must(t, db.Ping(ctx()))
	},
}
