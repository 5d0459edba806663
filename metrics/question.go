package metrics

import (
	"context"

	"github.com/motcua/motcua"
)

// Question counts a procedure question by the outcome the engine gave it
// (Answered, Clarified, OutOfScope) and tells the turn in ctx, with the
// field of the procedure answered. It fits handlers.Config.OnQuestion.
func (m *Metrics) Question(ctx context.Context, outcome string, p *motcua.Procedure) {
	outcome = label(outcome)
	m.search.WithLabelValues(outcome).Inc()
	n := noteOf(ctx)
	if n == nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	n.intent, n.outcome = "question", outcome
	if p != nil {
		n.field = p.Field
	}
}

// DossierLookup counts a dossier lookup by outcome (LookupFound,
// LookupWrong, LookupThrottled) and tells the turn in ctx. A dossier flow
// takes it as a func(ctx, outcome) in its config.
func (m *Metrics) DossierLookup(ctx context.Context, outcome string) {
	outcome = label(outcome)
	m.lookups.WithLabelValues(outcome).Inc()
	n := noteOf(ctx)
	if n == nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	n.intent, n.outcome, n.lookup = "dossier", outcome, outcome
}
