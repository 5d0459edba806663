package dossierflow

import "sync/atomic"

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
