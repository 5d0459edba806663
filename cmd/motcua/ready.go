package main

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// readiness is whether the program has started, and which of its
// background loops run.
type readiness struct {
	ok    atomic.Bool
	mu    sync.Mutex
	loops map[string]bool
}

func (r *readiness) set(ok bool) { r.ok.Store(ok) }

// loop records whether the named background loop runs.
func (r *readiness) loop(name string, running bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.loops == nil {
		r.loops = map[string]bool{}
	}
	r.loops[name] = running
}

// stopped lists the loops that stopped on an error.
func (r *readiness) stopped() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for name, running := range r.loops {
		if !running {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// serveReady answers 200 when the program is started, the search index is
// loaded, every background loop (channels, outbox, jobs) runs and the
// database answers; 503 otherwise, so that a load balancer sends citizens
// to another replica. The body says what is wrong, never more.
func (m *Main) serveReady(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if !m.ready.ok.Load() {
		http.Error(w, "starting or stopping\n", http.StatusServiceUnavailable)
		return
	}
	if m.app.Searcher == nil || len(m.app.KB.Procedures()) == 0 {
		http.Error(w, "search index not loaded\n", http.StatusServiceUnavailable)
		return
	}
	if s := m.ready.stopped(); len(s) > 0 {
		http.Error(w, "stopped: "+strings.Join(s, ", ")+"\n", http.StatusServiceUnavailable)
		return
	}
	if err := m.app.DB.Ping(ctx); err != nil {
		http.Error(w, "database unreachable\n", http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintf(w, "ready: database, index (%d procedures), %d loops\n", len(m.app.KB.Procedures()), len(m.runners))
}
