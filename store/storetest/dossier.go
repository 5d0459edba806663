package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

func sampleDossier(code string) *motcua.Dossier {
	return &motcua.Dossier{Code: code, ProcedureCode: "1.001193", ApplicantName: "Nguyễn Văn A", Phone: "0905123456",
		ReceivedAt: T0, DueAt: T0.Add(72 * time.Hour), Status: motcua.StatusReceived, Note: ""}
}

func notifyText(d *motcua.Dossier) motcua.Reply {
	return motcua.Reply{Text: d.Code + ": " + motcua.DossierStatusLabels[d.Status]}
}

var dossierTests = map[string]func(*testing.T, Opener){
	"PutGet": func(t *testing.T, open Opener) {
		db, _ := clocked(t, open)
		if _, err := db.Dossier(ctx(), "H01"); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("missing: %v", err)
		}
		d := sampleDossier("H01.2026.000001")
		created, err := db.PutDossier(ctx(), d)
		must(t, err)
		if !created {
			t.Fatal("created = false for a new dossier")
		}
		got, err := db.Dossier(ctx(), d.Code)
		must(t, err)
		if got.ApplicantName != d.ApplicantName || got.Phone != d.Phone || !got.DueAt.Equal(d.DueAt) || !got.ReceivedAt.Equal(T0) ||
			got.Status != motcua.StatusReceived || got.ProcedureCode != "1.001193" || !got.UpdatedAt.Equal(T0) {
			t.Fatalf("got %+v", got)
		}
		if len(got.History) != 1 || got.History[0].Status != motcua.StatusReceived || !got.History[0].At.Equal(T0) {
			t.Fatalf("history %+v", got.History)
		}
		// Same put again: replaced, history unchanged.
		created, err = db.PutDossier(ctx(), d)
		must(t, err)
		got, _ = db.Dossier(ctx(), d.Code)
		if created || len(got.History) != 1 {
			t.Fatalf("retry: created=%v history=%+v", created, got.History)
		}
		d2 := *d
		d2.Status, d2.Note = motcua.StatusProcessing, "Đang thẩm định"
		_, err = db.PutDossier(ctx(), &d2)
		must(t, err)
		got, _ = db.Dossier(ctx(), d.Code)
		if got.Status != motcua.StatusProcessing || len(got.History) != 2 || got.History[1].Note != "Đang thẩm định" {
			t.Fatalf("replace: %+v", got)
		}
	},
	"Invalid": func(t *testing.T, open Opener) {
		db := open(t)
		bad := sampleDossier("X1")
		bad.Status = "lost"
		if _, err := db.PutDossier(ctx(), bad); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("bad status: %v", err)
		}
		if _, err := db.PutDossier(ctx(), sampleDossier("")); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("no code: %v", err)
		}
		if err := db.AddDossierEvent(ctx(), "nope", motcua.DossierEvent{Status: motcua.StatusProcessing}, nil); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("event on missing: %v", err)
		}
		if err := db.AddDossierEvent(ctx(), "nope", motcua.DossierEvent{Status: "x"}, nil); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("bad event status: %v", err)
		}
		if err := db.Subscribe(ctx(), motcua.Subscription{DossierCode: "nope", Channel: "web", ChatID: "s"}); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("subscribe missing: %v", err)
		}
	},
	"EventNotifiesSubscribersOnce": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		_, err := db.PutDossier(ctx(), sampleDossier("H02"))
		must(t, err)
		must(t, db.Subscribe(ctx(), motcua.Subscription{DossierCode: "H02", Channel: "telegram", ChatID: "42"}))
		must(t, db.Subscribe(ctx(), motcua.Subscription{DossierCode: "H02", Channel: "telegram", ChatID: "42"}))
		must(t, db.Subscribe(ctx(), motcua.Subscription{DossierCode: "H02", Channel: "web", ChatID: "sess"}))
		subs, err := db.Subscriptions(ctx(), "H02")
		must(t, err)
		if len(subs) != 2 {
			t.Fatalf("subscriptions %+v", subs)
		}
		clock.Advance(time.Hour)
		e := motcua.DossierEvent{Status: motcua.StatusNeedSupplement, Note: "Bổ sung bản sao giấy chứng sinh", At: clock.Now()}
		must(t, db.AddDossierEvent(ctx(), "H02", e, notifyText))
		must(t, db.AddDossierEvent(ctx(), "H02", e, notifyText)) // retry: ignored
		ms, err := db.ClaimOutbox(ctx(), 10, time.Minute)
		must(t, err)
		if len(ms) != 2 || ms[0].Reply.Text != "H02: Cần bổ sung hồ sơ" {
			t.Fatalf("outbox %+v", ms)
		}
		chats := map[string]bool{ms[0].Channel + ":" + ms[0].ChatID: true, ms[1].Channel + ":" + ms[1].ChatID: true}
		if !chats["telegram:42"] || !chats["web:sess"] {
			t.Fatalf("recipients %v", chats)
		}
		d, _ := db.Dossier(ctx(), "H02")
		if d.Status != motcua.StatusNeedSupplement || d.Note != e.Note || len(d.History) != 2 || !d.UpdatedAt.Equal(e.At) {
			t.Fatalf("dossier %+v", d)
		}
		for _, m := range ms { // delivered, so the chats' next messages are free to go
			must(t, db.MarkDelivered(ctx(), m.ID))
		}
		must(t, db.Unsubscribe(ctx(), motcua.Subscription{DossierCode: "H02", Channel: "telegram", ChatID: "42"}))
		must(t, db.AddDossierEvent(ctx(), "H02", motcua.DossierEvent{Status: motcua.StatusResultReady}, notifyText))
		ms, _ = db.ClaimOutbox(ctx(), 10, time.Minute)
		if len(ms) != 1 || ms[0].ChatID != "sess" || ms[0].Reply.Text != "H02: Đã có kết quả, mời nhận" {
			t.Fatalf("after unsubscribe: %+v", ms)
		}
		must(t, db.AddDossierEvent(ctx(), "H02", motcua.DossierEvent{Status: motcua.StatusReturned}, nil))
		if ms, _ := db.ClaimOutbox(ctx(), 10, time.Minute); len(ms) != 0 {
			t.Fatalf("nil notify queued %+v", ms)
		}
	},
	"ImportAllOrNothing": func(t *testing.T, open Opener) {
		db, _ := clocked(t, open)
		_, err := db.PutDossier(ctx(), sampleDossier("D1"))
		must(t, err)
		var ds []*motcua.Dossier
		for i := 1; i <= 3; i++ {
			ds = append(ds, sampleDossier(fmt.Sprint("D", i)))
		}
		created, updated, err := db.ImportDossiers(ctx(), ds)
		must(t, err)
		if created != 2 || updated != 1 {
			t.Fatalf("created %d updated %d", created, updated)
		}
		bad := sampleDossier("D9")
		bad.Status = "?"
		if _, _, err := db.ImportDossiers(ctx(), []*motcua.Dossier{sampleDossier("D4"), bad}); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("bad import: %v", err)
		}
		if _, err := db.Dossier(ctx(), "D4"); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatal("a failed import left a dossier behind")
		}
		withHistory := sampleDossier("D5")
		withHistory.History = []motcua.DossierEvent{{Status: motcua.StatusReceived, At: T0}, {Status: motcua.StatusProcessing, At: T0.Add(time.Hour)}}
		withHistory.Status = motcua.StatusProcessing
		_, _, err = db.ImportDossiers(ctx(), []*motcua.Dossier{withHistory})
		must(t, err)
		d, _ := db.Dossier(ctx(), "D5")
		if len(d.History) != 2 || d.History[1].Status != motcua.StatusProcessing {
			t.Fatalf("imported history %+v", d.History)
		}
	},
	"CountOverdue": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		late := sampleDossier("L1")
		done := sampleDossier("L2")
		done.Status = motcua.StatusReturned
		fresh := sampleDossier("L3")
		fresh.DueAt = T0.Add(30 * 24 * time.Hour)
		_, _, err := db.ImportDossiers(ctx(), []*motcua.Dossier{late, done, fresh})
		must(t, err)
		clock.Advance(96 * time.Hour)
		total, overdue, err := db.CountDossiers(ctx())
		must(t, err)
		if total != 3 || overdue != 1 {
			t.Fatalf("total %d overdue %d", total, overdue)
		}
	},
}
