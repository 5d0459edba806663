package storetest

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
)

var retentionTests = map[string]func(*testing.T, Opener){
	"AnonymizeComplaints": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		old := sampleComplaint("old")
		_, err := db.CreateComplaint(ctx(), old)
		must(t, err)
		clock.Advance(100 * 24 * time.Hour)
		recent := sampleComplaint("new")
		_, err = db.CreateComplaint(ctx(), recent)
		must(t, err)
		n, err := db.AnonymizeComplaintsBefore(ctx(), clock.Now().Add(-90*24*time.Hour))
		must(t, err)
		if n != 1 {
			t.Fatalf("anonymized %d", n)
		}
		o, _ := db.Complaint(ctx(), old.Code)
		r, _ := db.Complaint(ctx(), recent.Code)
		if o.Name != "" || o.Phone != "" || o.Text == "" || r.Name == "" || r.Phone == "" {
			t.Fatalf("old %+v recent %+v", o, r)
		}
		if n, _ := db.AnonymizeComplaintsBefore(ctx(), clock.Now().Add(-90*24*time.Hour)); n != 0 {
			t.Fatalf("second run changed %d", n)
		}
	},
	"Sweep": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		must(t, db.AddTurn(ctx(), motcua.Turn{Key: "web:s", From: "citizen", Text: "số tôi 0905123456"}))
		must(t, db.SaveConversation(ctx(), motcua.Conversation{Key: "web:s"}))
		must(t, db.PostWebMessage(ctx(), "s", motcua.Reply{Text: "x"}))
		must(t, db.AddAttempt(ctx(), "k", time.Time{}))
		clock.Advance(91 * 24 * time.Hour)
		before := clock.Now().Add(-90 * 24 * time.Hour)
		for name, del := range map[string]func() (int64, error){
			"turns":         func() (int64, error) { return db.DeleteTurnsBefore(ctx(), before) },
			"conversations": func() (int64, error) { return db.DeleteConversationsBefore(ctx(), before) },
			"web":           func() (int64, error) { return db.DeleteWebMessagesBefore(ctx(), before) },
			"attempts":      func() (int64, error) { return db.DeleteAttemptsBefore(ctx(), before) },
		} {
			n, err := del()
			must(t, err)
			if n != 1 {
				t.Errorf("%s: deleted %d, want 1", name, n)
			}
		}
	},
}
