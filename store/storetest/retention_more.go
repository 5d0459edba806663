package storetest

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
)

func init() {
	retentionTests["AnonymizeClosedComplaints"] = func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		closed, open2 := sampleComplaint("closed"), sampleComplaint("open")
		for _, c := range []*motcua.Complaint{closed, open2} {
			_, err := db.CreateComplaint(ctx(), c)
			must(t, err)
		}
		must(t, db.AddComplaintEvent(ctx(), closed.Code, motcua.ComplaintEvent{Status: motcua.ComplaintClosed, Text: "xong", By: "cb"}, nil))
		clock.Advance(400 * 24 * time.Hour)
		n, err := db.AnonymizeClosedComplaintsBefore(ctx(), clock.Now().Add(-365*24*time.Hour))
		must(t, err)
		c, _ := db.Complaint(ctx(), closed.Code)
		o, _ := db.Complaint(ctx(), open2.Code)
		if n != 1 || c.Name != "" || c.Phone != "" || c.Text == "" || o.Name == "" || o.Phone == "" {
			t.Fatalf("n=%d closed %+v open %+v", n, c, o)
		}
	}
	retentionTests["DeleteDossiers"] = func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		done, pending := sampleDossier("H-DONE"), sampleDossier("H-PENDING")
		done.Status = motcua.StatusReturned
		for _, d := range []*motcua.Dossier{done, pending} {
			_, err := db.PutDossier(ctx(), d)
			must(t, err)
		}
		must(t, db.Subscribe(ctx(), motcua.Subscription{DossierCode: "H-DONE", Channel: "web", ChatID: "s"}))
		clock.Advance(200 * 24 * time.Hour)
		n, err := db.DeleteDossiersBefore(ctx(), clock.Now().Add(-180*24*time.Hour))
		must(t, err)
		if n != 1 {
			t.Fatalf("deleted %d", n)
		}
		if _, err := db.Dossier(ctx(), "H-DONE"); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("finished dossier kept: %v", err)
		}
		if _, err := db.Dossier(ctx(), "H-PENDING"); err != nil {
			t.Fatalf("unfinished dossier: %v", err)
		}
		if subs, _ := db.Subscriptions(ctx(), "H-DONE"); len(subs) != 0 {
			t.Fatalf("subscriptions kept: %v", subs)
		}
	}
}
