package metrics

import (
	"context"

	"github.com/motcua/motcua"
)

// searcher decorates a motcua.Searcher with the outcome of each question.
type searcher struct {
	next motcua.Searcher
	m    *Metrics
}

// WrapSearcher returns s counting each search by the outcome the engine
// gives it, and telling the turn (see WrapHandler) that it was a question,
// its outcome and the field of the procedure answered.
func (m *Metrics) WrapSearcher(s motcua.Searcher) motcua.Searcher { return &searcher{next: s, m: m} }

// Search searches and records the outcome.
func (s *searcher) Search(ctx context.Context, query string, k int) (motcua.SearchResult, error) {
	res, err := s.next.Search(ctx, query, k)
	if err != nil {
		return res, err
	}
	outcome := SearchOutcome(res)
	s.m.search.WithLabelValues(outcome).Inc()
	if n := noteOf(ctx); n != nil {
		n.mu.Lock()
		n.intent, n.outcome = "question", outcome
		if outcome == Answered && res.Hits[0].Procedure != nil {
			n.field = res.Hits[0].Procedure.Field
		}
		n.mu.Unlock()
	}
	return res, nil
}

// SearchOutcome is what the engine makes of a result: no procedure in
// scope, a choice between several, or an answer.
func SearchOutcome(res motcua.SearchResult) string {
	switch {
	case !res.InScope || len(res.Hits) == 0:
		return OutOfScope
	case !res.Confident && len(res.Hits) > 1:
		return Clarified
	}
	return Answered
}

// DossierLookup counts a dossier lookup by outcome (LookupFound,
// LookupWrong, LookupThrottled) and tells the turn in ctx. A dossier flow
// takes it as a func(ctx, outcome) in its config.
func (m *Metrics) DossierLookup(ctx context.Context, outcome string) {
	outcome = label(outcome)
	m.lookups.WithLabelValues(outcome).Inc()
	if n := noteOf(ctx); n != nil {
		n.mu.Lock()
		n.intent, n.outcome, n.lookup = "dossier", outcome, outcome
		n.mu.Unlock()
	}
}
