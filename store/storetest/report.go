package storetest

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
)

var reportTests = map[string]func(*testing.T, Opener){
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
	"Report": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
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
		must(t, db.RecordUnanswered(ctx(), "web", "xin visa", time.Time{}))
		must(t, db.RecordUnanswered(ctx(), "web", "xin visa", time.Time{}))
		must(t, db.RecordUnanswered(ctx(), "web", "đổi bằng lái", time.Time{}))
		// One complaint answered in time and rated, one left past its deadlines.
		onTime, late := sampleComplaint("a"), sampleComplaint("b")
		_, err := db.CreateComplaint(ctx(), onTime)
		must(t, err)
		_, err = db.CreateComplaint(ctx(), late)
		must(t, err)
		clock.Advance(time.Hour)
		must(t, db.AddComplaintEvent(ctx(), onTime.Code, motcua.ComplaintEvent{Status: motcua.ComplaintClosed, Text: "Đã xử lý", By: "cb"}, nil))
		must(t, db.RateComplaint(ctx(), onTime.Code, "hai_long"))
		clock.Advance(11 * 24 * time.Hour)

		r, err := db.Report(ctx(), "2026-11-01", "2026-11-30")
		must(t, err)
		if r.Messages["web"] != 3 || r.Messages["telegram"] != 2 || r.Questions["answered"] != 3 || r.Questions["clarified"] != 1 ||
			r.Lookups["found"] != 1 || r.Lookups["wrong"] != 1 {
			t.Fatalf("counts: %+v", r)
		}
		if len(r.Fields) != 2 || r.Fields[0].Name != "Hộ tịch" || r.Fields[0].Count != 2 {
			t.Fatalf("fields: %+v", r.Fields)
		}
		if len(r.Unanswered) != 2 || r.Unanswered[0].Question != "xin visa" || r.Unanswered[0].Count != 2 {
			t.Fatalf("unanswered: %+v", r.Unanswered)
		}
		c := r.Complaints
		if c.Received != 2 || c.Answered != 1 || c.Closed != 1 || c.Late != 1 || c.OverdueNow != 1 || c.ByCategory["extra_papers"] != 2 {
			t.Fatalf("complaints: %+v", c)
		}
		if r.Ratings["hai_long"] != 1 {
			t.Fatalf("ratings: %v", r.Ratings)
		}
		// Another month holds nothing of this.
		r, err = db.Report(ctx(), "2026-10-01", "2026-10-31")
		must(t, err)
		if len(r.Messages) != 0 || r.Complaints.Received != 0 || len(r.Unanswered) != 0 || r.Complaints.OverdueNow != 1 {
			t.Fatalf("october: %+v", r)
		}
		if _, err := db.Report(ctx(), "2026-11-30", "2026-11-01"); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("reversed: %v", err)
		}
		if _, err := db.Report(ctx(), "30/11/2026", "2026-11-01"); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("bad day: %v", err)
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
}
