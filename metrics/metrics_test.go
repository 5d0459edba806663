package metrics

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

// fakeHandler calls hook, as the engine calls OnQuestion, and answers.
type fakeHandler struct {
	hook func(ctx context.Context)
	err  error
}

func (f *fakeHandler) Handle(ctx context.Context, m motcua.Message) ([]motcua.Reply, error) {
	if f.hook != nil {
		f.hook(ctx)
	}
	if f.err != nil {
		return nil, f.err
	}
	return []motcua.Reply{{Text: "a"}, {Text: "b"}}, nil
}

func TestWrapHandler(t *testing.T) {
	m := New(prometheus.NewRegistry())
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	answered := func(ctx context.Context) {
		m.Question(ctx, Answered, &motcua.Procedure{Code: "1", Field: "Hộ tịch"})
	}
	tally := &tallyRec{}
	h := m.WrapHandler(&fakeHandler{hook: answered}, log, tally)
	if _, err := h.Handle(context.Background(), motcua.Message{Channel: "zalo", ChatID: "84905123456", Text: "khai sinh 0905123456"}); err != nil {
		t.Fatal(err)
	}
	if v := testutil.ToFloat64(m.turns.WithLabelValues("zalo", "question", Answered)); v != 1 {
		t.Errorf("turns %v", v)
	}
	if v := testutil.ToFloat64(m.replies.WithLabelValues("zalo")); v != 2 {
		t.Errorf("replies %v", v)
	}
	if strings.Join(tally.names, ",") != "message:zalo,question:answered,field:Hộ tịch" {
		t.Errorf("daily counts %v", tally.names)
	}
	if strings.Contains(logs.String(), "0905123456") || strings.Contains(logs.String(), "84905123456") || strings.Contains(logs.String(), "khai sinh") {
		t.Errorf("log: %s", logs.String())
	}

	// A flow's lookup and a failed turn.
	h = m.WrapHandler(&fakeHandler{hook: func(ctx context.Context) { m.DossierLookup(ctx, LookupThrottled) }}, log, tally)
	h.Handle(context.Background(), motcua.Message{Channel: "web", ChatID: "s", Action: "f:dossier:code"})
	if v := testutil.ToFloat64(m.turns.WithLabelValues("web", "dossier", LookupThrottled)); v != 1 {
		t.Errorf("lookup turn %v", v)
	}
	if v := testutil.ToFloat64(m.lookups.WithLabelValues(LookupThrottled)); v != 1 {
		t.Errorf("lookups %v", v)
	}
	h = m.WrapHandler(&fakeHandler{err: errors.New("db down")}, log, tally)
	h.Handle(context.Background(), motcua.Message{Channel: "web", ChatID: "s", Action: "f:complaint:cat:late"})
	if v := testutil.ToFloat64(m.turns.WithLabelValues("web", "complaint", "error")); v != 1 {
		t.Errorf("error turn %v", v)
	}
}

type tallyRec struct{ names []string }

func (r *tallyRec) AddDailyCounts(_ context.Context, _ time.Time, names []string) error {
	r.names = append(r.names, names...)
	return nil
}

func TestLabel(t *testing.T) {
	for in, want := range map[string]string{
		"web": "web", "flow:dossier": "flow:dossier", "Nguyễn Văn A": "other",
		"0905123456": "other", "a@b.c": "other", strings.Repeat("a", 40): "other", "": "other",
	} {
		if got := label(in); got != want {
			t.Errorf("label(%q) = %q, want %q", in, got, want)
		}
	}
	m := New(prometheus.NewRegistry())
	m.DossierLookup(context.Background(), "mã 123 của Nguyễn Văn A")
	if v := testutil.ToFloat64(m.lookups.WithLabelValues("other")); v != 1 {
		t.Errorf("free text became a label")
	}
}

func TestIntentOf(t *testing.T) {
	for action, want := range map[string]string{
		"": "text", "p:1.001193": "procedure", "fee:1.001193": "procedure", "f:dossier": "dossier",
		"f:complaint:cat:late": "complaint", "menu": "menu", "zzz:1": "action",
	} {
		if got := intentOf(motcua.Message{Action: action}); got != want {
			t.Errorf("intentOf(%q) = %q, want %q", action, got, want)
		}
	}
}

func TestSnapshotCollector(t *testing.T) {
	snap := Snapshot{ComplaintsByStatus: map[string]int{"new": 2}, ComplaintsOverdue: 1,
		Outbox: []OutboxState{{Channel: "zalo", Pending: 3, Due: 2, Failed: 1}}, GaveUp: 4}
	var fail error
	c := NewSnapshotCollector(func(context.Context) (Snapshot, error) { return snap, fail }, slog.New(slog.DiscardHandler))
	want := `
# HELP motcua_outbox_backlog Outbox messages due now and not delivered, per channel.
# TYPE motcua_outbox_backlog gauge
motcua_outbox_backlog{channel="zalo"} 2
# HELP motcua_complaints Complaints by status.
# TYPE motcua_complaints gauge
motcua_complaints{status="new"} 2
# HELP motcua_snapshot_up 1 when the database could be read for the gauges below.
# TYPE motcua_snapshot_up gauge
motcua_snapshot_up 1
`
	if err := testutil.CollectAndCompare(c, strings.NewReader(want), "motcua_outbox_backlog", "motcua_complaints", "motcua_snapshot_up"); err != nil {
		t.Error(err)
	}
	fail = errors.New("database is locked")
	if err := testutil.CollectAndCompare(c, strings.NewReader(`
# HELP motcua_snapshot_up 1 when the database could be read for the gauges below.
# TYPE motcua_snapshot_up gauge
motcua_snapshot_up 0
`)); err != nil {
		t.Error(err)
	}
}

// BenchmarkWrapHandler measures what counting and logging add to a turn.
func BenchmarkWrapHandler(b *testing.B) {
	m := New(prometheus.NewRegistry())
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	h := m.WrapHandler(&fakeHandler{hook: func(ctx context.Context) { m.Question(ctx, Answered, &motcua.Procedure{Field: "Hộ tịch"}) }}, log, nil)
	msg := motcua.Message{Channel: "web", ChatID: "bench-session", Text: "khai sinh"}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		h.Handle(ctx, msg)
	}
}
