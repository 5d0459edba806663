// Package metrics counts what motcua does, for Prometheus and for the
// centre's reports, and writes one log line per handled message. Nothing it
// records carries personal data: labels are channels, intents and outcomes
// from fixed sets, and a chat is named in logs only by a keyed short hash.
package metrics

import (
	"net/http"
	"regexp"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Search outcomes, as the engine decides from a search result.
const (
	Answered   = "answered"
	Clarified  = "clarified"
	OutOfScope = "out_of_scope"
)

// Dossier lookup outcomes a dossier flow reports through DossierLookup.
const (
	LookupFound     = "found"     // the code and the proof matched: status shown
	LookupWrong     = "wrong"     // no such code, or the proof did not match
	LookupThrottled = "throttled" // too many wrong tries: refused for a while
)

// Metrics holds the program's counters on its own registry, so that tests
// and several programs in one process do not share them.
type Metrics struct {
	reg *prometheus.Registry

	messages *prometheus.CounterVec   // channel
	replies  *prometheus.CounterVec   // channel
	turns    *prometheus.CounterVec   // channel, intent, outcome
	latency  *prometheus.HistogramVec // channel
	search   *prometheus.CounterVec   // outcome
	lookups  *prometheus.CounterVec   // outcome
	llm      *prometheus.CounterVec   // op, outcome
	jobs     *prometheus.CounterVec   // job, outcome
	deleted  *prometheus.CounterVec   // what
}

// New registers the program's metrics, and the Go runtime's, on reg.
func New(reg *prometheus.Registry) *Metrics {
	m := &Metrics{
		reg: reg,
		messages: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "motcua_messages_total",
			Help: "Messages received from citizens, per channel."}, []string{"channel"}),
		replies: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "motcua_replies_total",
			Help: "Replies sent to citizens in answer to a message, per channel."}, []string{"channel"}),
		turns: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "motcua_turns_total",
			Help: "Handled messages by channel, intent and outcome."}, []string{"channel", "intent", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "motcua_turn_duration_seconds",
			Help:    "Time to answer one message, per channel.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}}, []string{"channel"}),
		search: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "motcua_search_total",
			Help: "Procedure questions by outcome: answered, clarified, out_of_scope."}, []string{"outcome"}),
		lookups: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "motcua_dossier_lookups_total",
			Help: "Dossier lookups by outcome: found, wrong, throttled."}, []string{"outcome"}),
		llm: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "motcua_llm_calls_total",
			Help: "Language-model calls by operation and outcome; any outcome but ok fell back to the card."}, []string{"op", "outcome"}),
		jobs: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "motcua_job_runs_total",
			Help: "Scheduled job runs by job and outcome (ok, error, skipped: another replica holds the lease)."}, []string{"job", "outcome"}),
		deleted: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "motcua_retention_rows_total",
			Help: "Rows deleted or anonymised by the retention job, by kind."}, []string{"kind"}),
	}
	reg.MustRegister(m.messages, m.replies, m.turns, m.latency, m.search, m.lookups, m.llm, m.jobs, m.deleted,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Outcomes at zero from the start, so that rates and alerts work before
	// the first event.
	for _, o := range []string{Answered, Clarified, OutOfScope} {
		m.search.WithLabelValues(o)
	}
	for _, o := range []string{LookupFound, LookupWrong, LookupThrottled} {
		m.lookups.WithLabelValues(o)
	}
	return m
}

// Register adds collectors (a store snapshot, say) to the registry.
func (m *Metrics) Register(cs ...prometheus.Collector) { m.reg.MustRegister(cs...) }

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// LLMOutcome counts one language-model call; it fits llm.Config.OnOutcome.
func (m *Metrics) LLMOutcome(op, outcome string) {
	m.llm.WithLabelValues(label(op), label(outcome)).Inc()
}

// JobRun counts one run of a scheduled job.
func (m *Metrics) JobRun(job, outcome string) {
	m.jobs.WithLabelValues(label(job), label(outcome)).Inc()
}

// Deleted counts rows removed or anonymised by retention.
func (m *Metrics) Deleted(kind string, n int64) {
	m.deleted.WithLabelValues(label(kind)).Add(float64(n))
}

// labelRE is what a label value may look like: a word of a fixed set.
var labelRE = regexp.MustCompile(`^[a-z][a-z0-9_:.-]{0,31}$`)

// label keeps a value that looks like a name from a fixed set and replaces
// anything else with "other", so that no free text (which could carry
// personal data) becomes a label, and label cardinality stays small.
func label(v string) string {
	if labelRE.MatchString(v) {
		return v
	}
	return "other"
}

// JobRunsCounter is the counter of a job's runs with outcome, for tests.
func (m *Metrics) JobRunsCounter(job, outcome string) prometheus.Counter {
	return m.jobs.WithLabelValues(job, outcome)
}
