package storetest

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
)

// dossierKeyTests check that a code typed otherwise than stored (spaces,
// no separators, lower case, dots for hyphens) finds its dossier, and that
// what is keyed on the code keys on the stored one.
var dossierKeyTests = map[string]func(*testing.T, Opener){
	"Variants": func(t *testing.T, open Opener) {
		db, _ := clocked(t, open)
		for _, code := range []string{"H47-260301-0042", "000.00.12.H34-240115-0001"} {
			_, err := db.PutDossier(ctx(), sampleDossier(code))
			must(t, err)
		}
		for typed, want := range map[string]string{
			"H47-260301-0042":           "H47-260301-0042",
			"H47 260301 0042":           "H47-260301-0042",
			"H472603010042":             "H47-260301-0042",
			"h47-260301-0042":           "H47-260301-0042",
			"h472603010042":             "H47-260301-0042",
			"H47.260301.0042":           "H47-260301-0042",
			"H47/260301/0042":           "H47-260301-0042",
			"000.00.12.H34-240115-0001": "000.00.12.H34-240115-0001",
			"0000012H342401150001":      "000.00.12.H34-240115-0001",
			"000 00 12 h34 240115 0001": "000.00.12.H34-240115-0001",
			"000-00-12-H34.240115.0001": "000.00.12.H34-240115-0001",
		} {
			d, err := db.Dossier(ctx(), typed)
			if err != nil {
				t.Errorf("Dossier(%q): %v", typed, err)
				continue
			}
			if d.Code != want || len(d.History) != 1 || d.Phone != "0905123456" {
				t.Errorf("Dossier(%q) = %q with %d events, want %q with its history", typed, d.Code, len(d.History), want)
			}
		}
		for _, typed := range []string{"H47-260301-0043", "H4726030100", "H47", "---", ""} {
			if _, err := db.Dossier(ctx(), typed); motcua.ErrorCode(err) != motcua.ENOTFOUND {
				t.Errorf("Dossier(%q): err = %v, want not found", typed, err)
			}
		}
	},
	"KeyKeptOnWrites": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		d := sampleDossier("HS-2026-0001")
		_, err := db.PutDossier(ctx(), d)
		must(t, err)
		d.Status = motcua.StatusProcessing
		_, err = db.PutDossier(ctx(), d) // replaced
		must(t, err)
		clock.Advance(time.Hour)
		must(t, db.AddDossierEvent(ctx(), "HS-2026-0001", motcua.DossierEvent{Status: motcua.StatusResultReady}, nil))
		_, _, err = db.ImportDossiers(ctx(), []*motcua.Dossier{sampleDossier("HS.2026.0002")})
		must(t, err)
		for typed, want := range map[string]string{"hs 2026 0001": "HS-2026-0001", "HS20260002": "HS.2026.0002"} {
			got, err := db.Dossier(ctx(), typed)
			if err != nil || got.Code != want {
				t.Fatalf("Dossier(%q) = %+v, %v; want %s", typed, got, err, want)
			}
		}
		if got, _ := db.Dossier(ctx(), "HS 2026 0001"); got.Status != motcua.StatusResultReady {
			t.Fatalf("status %q, want the last event's", got.Status)
		}
	},
	"SharedKeyNotGuessed": func(t *testing.T, open Opener) {
		db, _ := clocked(t, open)
		for _, code := range []string{"AB-123456", "AB.123456"} {
			_, err := db.PutDossier(ctx(), sampleDossier(code))
			must(t, err)
		}
		for _, typed := range []string{"AB123456", "ab 123456", "AB/123456"} {
			if _, err := db.Dossier(ctx(), typed); motcua.ErrorCode(err) != motcua.ENOTFOUND {
				t.Errorf("Dossier(%q): err = %v, want not found (two dossiers share its key)", typed, err)
			}
		}
		for _, code := range []string{"AB-123456", "AB.123456"} {
			if d, err := db.Dossier(ctx(), code); err != nil || d.Code != code {
				t.Errorf("exact Dossier(%q) = %+v, %v", code, d, err)
			}
		}
	},
	"SubscriptionsOnStoredCode": func(t *testing.T, open Opener) {
		db, clock := clocked(t, open)
		_, err := db.PutDossier(ctx(), sampleDossier("H47-260301-0042"))
		must(t, err)
		d, err := db.Dossier(ctx(), "h47 260301 0042")
		must(t, err)
		must(t, db.Subscribe(ctx(), motcua.Subscription{DossierCode: d.Code, Channel: "telegram", ChatID: "42"}))
		clock.Advance(time.Hour)
		must(t, db.AddDossierEvent(ctx(), d.Code, motcua.DossierEvent{Status: motcua.StatusProcessing}, notifyText))
		ms, err := db.ClaimOutbox(ctx(), 10, time.Minute)
		must(t, err)
		if len(ms) != 1 || ms[0].ChatID != "42" || ms[0].Reply.Text != "H47-260301-0042: Đang giải quyết" {
			t.Fatalf("outbox %+v", ms)
		}
		subs, err := db.Subscriptions(ctx(), "H47-260301-0042")
		must(t, err)
		if len(subs) != 1 || subs[0].DossierCode != "H47-260301-0042" {
			t.Fatalf("subscriptions %+v", subs)
		}
	},
}
