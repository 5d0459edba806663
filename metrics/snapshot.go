package metrics

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Snapshot is the state read at each scrape: from the database (shared by
// replicas) and from this process's loops.
type Snapshot struct {
	ComplaintsByStatus map[string]int
	ComplaintsOverdue  int
	Dossiers           int
	DossiersOverdue    int
	Outbox             []OutboxState
	// Since the process started.
	Delivered, Retried, GaveUp int64 // outbox dispatcher
	WebRefused, WebLimited     int64 // web chat requests refused as bad input, or rate-limited
}

// OutboxState is one channel's outbox.
type OutboxState struct {
	Channel string
	Pending int // waiting, due or not
	Due     int // pending and due now: the backlog
	Failed  int // given up
}

// snapshotCollector reads a Snapshot at every scrape.
type snapshotCollector struct {
	read func(ctx context.Context) (Snapshot, error)
	log  *slog.Logger
}

// NewSnapshotCollector returns a collector that calls read at every scrape;
// a failed read is logged and reported as motcua_snapshot_up 0.
func NewSnapshotCollector(read func(ctx context.Context) (Snapshot, error), log *slog.Logger) prometheus.Collector {
	return &snapshotCollector{read: read, log: log}
}

var (
	descUp         = prometheus.NewDesc("motcua_snapshot_up", "1 when the database could be read for the gauges below.", nil, nil)
	descComplaints = prometheus.NewDesc("motcua_complaints", "Complaints by status.", []string{"status"}, nil)
	descCompLate   = prometheus.NewDesc("motcua_complaints_overdue", "Complaints not closed and past a deadline.", nil, nil)
	descDossiers   = prometheus.NewDesc("motcua_dossiers", "Dossiers known.", nil, nil)
	descDossLate   = prometheus.NewDesc("motcua_dossiers_overdue", "Dossiers past their due date and not finished.", nil, nil)
	descPending    = prometheus.NewDesc("motcua_outbox_pending", "Outbox messages waiting, due or not, per channel.", []string{"channel"}, nil)
	descBacklog    = prometheus.NewDesc("motcua_outbox_backlog", "Outbox messages due now and not delivered, per channel.", []string{"channel"}, nil)
	descFailed     = prometheus.NewDesc("motcua_outbox_failed", "Outbox messages given up, per channel (staff may retry them).", []string{"channel"}, nil)
	descDelivered  = prometheus.NewDesc("motcua_dispatcher_delivered_total", "Outbox messages this process delivered.", nil, nil)
	descRetried    = prometheus.NewDesc("motcua_dispatcher_retried_total", "Outbox deliveries this process will retry.", nil, nil)
	descGaveUp     = prometheus.NewDesc("motcua_dispatcher_gave_up_total", "Outbox deliveries this process gave up.", nil, nil)
	descRefused    = prometheus.NewDesc("motcua_web_refused_total", "Web chat requests refused as bad input.", nil, nil)
	descLimited    = prometheus.NewDesc("motcua_web_rate_limited_total", "Web chat requests refused by a rate limit.", nil, nil)
)

// Describe sends the descriptions of every metric.
func (c *snapshotCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descUp, descComplaints, descCompLate, descDossiers, descDossLate,
		descPending, descBacklog, descFailed, descDelivered, descRetried, descGaveUp, descRefused, descLimited} {
		ch <- d
	}
}

// Collect reads a snapshot and sends it.
func (c *snapshotCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s, err := c.read(ctx)
	if err != nil {
		c.log.Warn("metrics snapshot", "err", err)
		ch <- prometheus.MustNewConstMetric(descUp, prometheus.GaugeValue, 0)
		return
	}
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	counter := func(d *prometheus.Desc, v int64) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v))
	}
	gauge(descUp, 1)
	for status, n := range s.ComplaintsByStatus {
		gauge(descComplaints, float64(n), label(status))
	}
	gauge(descCompLate, float64(s.ComplaintsOverdue))
	gauge(descDossiers, float64(s.Dossiers))
	gauge(descDossLate, float64(s.DossiersOverdue))
	for _, o := range s.Outbox {
		gauge(descPending, float64(o.Pending), label(o.Channel))
		gauge(descBacklog, float64(o.Due), label(o.Channel))
		gauge(descFailed, float64(o.Failed), label(o.Channel))
	}
	counter(descDelivered, s.Delivered)
	counter(descRetried, s.Retried)
	counter(descGaveUp, s.GaveUp)
	counter(descRefused, s.WebRefused)
	counter(descLimited, s.WebLimited)
}
