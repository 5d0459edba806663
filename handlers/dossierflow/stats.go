package dossierflow

import (
	"context"
	"sync/atomic"
)

// Stats counts what the flow has done since it started, for metrics: how
// often lookups fail and are throttled shows whether someone is guessing.
type Stats struct {
	Lookups      int64 // codes entered
	Proven       int64 // codes proven with the right digits
	Failed       int64 // wrong code or wrong digits
	Throttled    int64 // lookups refused for too many failures
	Subscribed   int64
	Unsubscribed int64
}

type counters struct {
	lookups, proven, failed, throttled, subscribed, unsubscribed atomic.Int64
}

// Stats returns the flow's counters.
func (f *Flow) Stats() Stats {
	c := &f.stats
	return Stats{
		Lookups: c.lookups.Load(), Proven: c.proven.Load(), Failed: c.failed.Load(),
		Throttled: c.throttled.Load(), Subscribed: c.subscribed.Load(), Unsubscribed: c.unsubscribed.Load(),
	}
}

// Lookup outcomes passed to Config.OnLookup.
const (
	LookupFound     = "found"     // the code and the digits matched: status shown
	LookupWrong     = "wrong"     // no such code, or the digits did not match
	LookupThrottled = "throttled" // too many wrong tries: refused for a while
)

// report tells Config.OnLookup the outcome of a lookup.
func (f *Flow) report(ctx context.Context, outcome string) {
	if f.cfg.OnLookup != nil {
		f.cfg.OnLookup(ctx, outcome)
	}
}
