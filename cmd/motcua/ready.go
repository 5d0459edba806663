package main

import (
	"context"
	"net/http"
	"sync/atomic"
	"time"
)

// readiness is whether the program has started and its loops still run.
type readiness struct{ ok atomic.Bool }

func (r *readiness) set(ok bool) { r.ok.Store(ok) }

// serveReady answers 200 when the program is started, its background loops
// run and the database answers; 503 otherwise, so that a load balancer
// sends citizens to another replica.
func (m *Main) serveReady(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if !m.ready.ok.Load() {
		http.Error(w, "starting or stopping\n", http.StatusServiceUnavailable)
		return
	}
	if err := m.app.DB.Ping(ctx); err != nil {
		http.Error(w, "database unreachable\n", http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ready\n"))
}
