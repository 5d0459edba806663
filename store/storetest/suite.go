package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/motcua/motcua/store"
)

// Opener opens a fresh, empty store for one test.
type Opener func(t *testing.T) *store.DB

// T0 is the time the suite's clocks start at.
var T0 = time.Date(2026, 11, 3, 8, 30, 0, 0, time.UTC)

// Run runs the whole store suite on stores made by open.
func Run(t *testing.T, open Opener) {
	groups := []struct {
		name  string
		tests map[string]func(*testing.T, Opener)
	}{
		{"Conversation", conversationTests},
		{"Turns", turnTests},
		{"Unanswered", unansweredTests},
		{"Inbox", inboxTests},
		{"Values", valueTests},
		{"Leases", leaseTests},
		{"Attempts", attemptTests},
		{"Mailbox", mailboxTests},
		{"Outbox", outboxTests},
		{"OutboxOrder", outboxOrderTests},
		{"Dossier", dossierTests},
		{"DossierKey", dossierKeyTests},
		{"Complaint", complaintTests},
		{"Retention", retentionTests},
		{"Report", reportTests},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			for name, fn := range g.tests {
				t.Run(name, func(t *testing.T) { fn(t, open) })
			}
		})
	}
}

// clocked opens a store whose clock stands at T0.
func clocked(t *testing.T, open Opener) (*store.DB, *Clock) {
	db := open(t)
	c := NewClock(T0)
	db.Now = c.Now
	return db, c
}

func ctx() context.Context { return context.Background() }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
