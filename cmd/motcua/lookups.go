package main

import (
	"context"
	"sync"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/handlers"
	"github.com/motcua/motcua/handlers/dossierflow"
	"github.com/motcua/motcua/metrics"
)

// lookupCounter is the dossier flow, its lookups counted by outcome. The
// flow keeps process-wide counters; the difference across one message tells
// that message's outcome. Messages to the flow are taken one at a time so
// that the difference is this message's alone — a lookup is one indexed
// read, so this costs nothing a centre would notice.
type lookupCounter struct {
	*dossierflow.Flow
	obs *metrics.Metrics
	mu  sync.Mutex
}

var _ handlers.Flow = (*lookupCounter)(nil)

func countLookups(f *dossierflow.Flow, obs *metrics.Metrics) *lookupCounter {
	return &lookupCounter{Flow: f, obs: obs}
}

// Handle passes the message to the flow and counts what it did.
func (c *lookupCounter) Handle(ctx context.Context, req *handlers.Request) ([]motcua.Reply, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	before := c.Flow.Stats()
	replies, err := c.Flow.Handle(ctx, req)
	after := c.Flow.Stats()
	metrics.Annotate(ctx, c.Name(), "")
	for _, d := range []struct {
		n       int64
		outcome string
	}{
		{after.Proven - before.Proven, metrics.LookupFound},
		{after.Failed - before.Failed, metrics.LookupWrong},
		{after.Throttled - before.Throttled, metrics.LookupThrottled},
	} {
		for range d.n {
			c.obs.DossierLookup(ctx, d.outcome)
		}
	}
	return replies, err
}

// namedFlow is a flow whose messages are logged and counted under its name.
type namedFlow struct{ handlers.Flow }

// Handle tells the turn it belongs to the flow and passes the message on.
func (f namedFlow) Handle(ctx context.Context, req *handlers.Request) ([]motcua.Reply, error) {
	metrics.Annotate(ctx, f.Name(), "")
	return f.Flow.Handle(ctx, req)
}
