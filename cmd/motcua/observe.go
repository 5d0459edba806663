package main

import (
	"context"
	"crypto/subtle"
	"net/http"

	"github.com/motcua/motcua/metrics"
)

// snapshot reads the gauges of /metrics: complaints, dossiers and the
// outbox from the database, the dispatcher's and the web chat's counters
// from this process.
func (m *Main) snapshot(ctx context.Context) (metrics.Snapshot, error) {
	var s metrics.Snapshot
	var err error
	db := m.app.DB
	if s.ComplaintsByStatus, s.ComplaintsOverdue, err = db.ComplaintCounts(ctx); err != nil {
		return s, err
	}
	if s.Dossiers, s.DossiersOverdue, err = db.CountDossiers(ctx); err != nil {
		return s, err
	}
	outbox, err := db.OutboxStats(ctx)
	if err != nil {
		return s, err
	}
	for _, o := range outbox {
		s.Outbox = append(s.Outbox, metrics.OutboxState{Channel: o.Channel, Pending: o.Pending, Due: o.Due, Failed: o.Failed})
	}
	d := m.dispatcher.Stats()
	s.Delivered, s.Retried, s.GaveUp = d.Delivered, d.Retried, d.GaveUp
	w := m.web.Stats()
	s.WebRefused, s.WebLimited = w.Refused, w.Limited
	return s, nil
}

// bearer guards h with a bearer token; an empty token leaves h open.
func bearer(token string, h http.Handler) http.Handler {
	if token == "" {
		return h
	}
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			http.Error(w, "unauthorized\n", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}
