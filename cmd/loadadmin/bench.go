package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// dossier is one dossier of the run, with its follower's mailbox.
type dossier struct {
	code    string
	session string // web session following it, with -subscribe
	cursor  string // mailbox position after subscribing
	events  atomic.Int64
}

// bench is one run.
type bench struct {
	c        config
	client   *http.Client
	next     atomic.Int64 // request counter, picks the URL
	dossiers []*dossier

	mu        sync.Mutex
	latencies []time.Duration
	errors    map[string]int
	elapsed   time.Duration
	lastEvent time.Time
}

func newBench(c config) *bench {
	run := randomHex(4)
	b := &bench{c: c, errors: map[string]int{}, client: &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConns: 4 * c.clients, MaxIdleConnsPerHost: 4 * c.clients},
	}}
	for i := range c.dossiers {
		b.dossiers = append(b.dossiers, &dossier{
			code:    fmt.Sprintf("LOAD-%s-%05d", run, i),
			session: fmt.Sprintf("loadadmin-%s-%05d", run, i),
		})
	}
	return b
}

// url returns the next server, in turn.
func (b *bench) url() string {
	return b.c.urls[int(b.next.Add(1))%len(b.c.urls)]
}

// setup creates the dossiers and, with -subscribe, follows each from a web
// session, by clients in parallel.
func (b *bench) setup(ctx context.Context) error {
	return b.parallel(ctx, func(d *dossier) error {
		body := map[string]string{
			"code": d.code, "procedure_code": "1.001193", "applicant_name": "Nguyễn Văn An", "phone": "0905123456",
			"received_at": time.Now().Add(-24 * time.Hour).Format(time.RFC3339),
			"due_at":      time.Now().Add(7 * 24 * time.Hour).Format(time.RFC3339), "status": "received",
		}
		if st, err := b.call(ctx, "PUT", "/admin/api/v1/dossiers/"+d.code, b.c.token, body, nil); err != nil || st >= 300 {
			return fmt.Errorf("put %s: %d %v", d.code, st, err)
		}
		if !b.c.subscribe {
			return nil
		}
		return b.follow(ctx, d)
	})
}

// follow looks the dossier up in the web chat and taps subscribe.
func (b *bench) follow(ctx context.Context, d *dossier) error {
	var reply struct {
		Messages []struct {
			Text string `json:"text"`
		} `json:"messages"`
	}
	for _, turn := range []map[string]string{
		{"action": "f:dossier"}, {"text": d.code}, {"text": "3456"}, {"action": "f:dossier:sub:" + d.code},
	} {
		turn["session_id"] = d.session
		if st, err := b.call(ctx, "POST", "/api/chat", "", turn, &reply); err != nil || st != http.StatusOK {
			return fmt.Errorf("chat %s: %d %v", d.code, st, err)
		}
	}
	if len(reply.Messages) == 0 || !strings.Contains(reply.Messages[0].Text, "Đã đăng ký") {
		return fmt.Errorf("%s: not subscribed: %+v", d.code, reply)
	}
	_, cursor, err := b.mailbox(ctx, d, "")
	d.cursor = cursor
	return err
}

// parallel runs fn over every dossier from c.clients goroutines.
func (b *bench) parallel(ctx context.Context, fn func(*dossier) error) error {
	var next atomic.Int64
	errs := make(chan error, b.c.clients)
	var wg sync.WaitGroup
	for range b.c.clients {
		wg.Go(func() {
			for i := next.Add(1) - 1; int(i) < len(b.dossiers) && ctx.Err() == nil; i = next.Add(1) - 1 {
				if err := fn(b.dossiers[i]); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// post sends status events for the duration: each client walks its own
// share of the dossiers (so that no two post the same event at once),
// alternating two statuses with a numbered note, so every event is a real
// change that notifies.
func (b *bench) post(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, b.c.duration)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for k := range b.c.clients {
		wg.Go(func() {
			share := (len(b.dossiers) - k + b.c.clients - 1) / b.c.clients
			for n := 0; ctx.Err() == nil; n++ {
				d := b.dossiers[k+(n%share)*b.c.clients]
				status := []string{"processing", "need_supplement"}[d.events.Load()%2]
				body := map[string]string{"status": status, "note": fmt.Sprintf("Lần %d", d.events.Load()+1)}
				t0 := time.Now()
				// The last request is let finish, so that every event the
				// server took is counted.
				st, err := b.call(context.WithoutCancel(ctx), "POST", "/admin/api/v1/dossiers/"+d.code+"/events", b.c.token, body, nil)
				b.record(time.Since(t0), st, err)
				if err == nil && st == http.StatusCreated {
					d.events.Add(1)
				}
			}
		})
	}
	wg.Wait()
	b.elapsed = time.Since(start)
	b.lastEvent = time.Now()
}

func (b *bench) record(d time.Duration, st int, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch {
	case err != nil:
		b.errors["transport"]++
	case st != http.StatusCreated:
		b.errors[fmt.Sprintf("HTTP %d", st)]++
	default:
		b.latencies = append(b.latencies, d)
	}
}

// printEvents prints the throughput and latency of the events.
func (b *bench) printEvents(out io.Writer) {
	lat := slices.Sorted(slices.Values(b.latencies))
	errs := 0
	for _, n := range b.errors {
		errs += n
	}
	fmt.Fprintf(out, "clients %d, servers %d, %s: %d events ok, %d errors\n", b.c.clients, len(b.c.urls), b.elapsed.Round(time.Millisecond), len(lat), errs)
	fmt.Fprintf(out, "throughput %.0f events/s\n", float64(len(lat))/b.elapsed.Seconds())
	fmt.Fprintf(out, "latency p50 %s  p90 %s  p99 %s  max %s\n", pct(lat, 50), pct(lat, 90), pct(lat, 99), pct(lat, 100))
	for k, n := range b.errors {
		fmt.Fprintf(out, "  error %s: %d\n", k, n)
	}
}

// checkNotices waits until every follower holds one notice per event and
// says how long delivery took after the last event; more than one per
// event is an error.
func (b *bench) checkNotices(ctx context.Context, out io.Writer) error {
	deadline := time.Now().Add(2 * time.Minute)
	var want, got int64
	for _, d := range b.dossiers {
		want += d.events.Load()
	}
	for time.Now().Before(deadline) {
		got = 0
		for _, d := range b.dossiers {
			texts, _, err := b.mailbox(ctx, d, d.cursor)
			if err != nil {
				return err
			}
			if n := int64(len(texts)); n > d.events.Load() {
				return fmt.Errorf("%s: %d notices for %d events", d.code, n, d.events.Load())
			}
			got += int64(len(texts))
		}
		if got == want {
			fmt.Fprintf(out, "notices: %d of %d delivered exactly once, all within %s of the last event\n",
				got, want, time.Since(b.lastEvent).Round(100*time.Millisecond))
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	return fmt.Errorf("notices: %d of %d delivered after 2 minutes", got, want)
}

// mailbox reads a session's notices after cursor.
func (b *bench) mailbox(ctx context.Context, d *dossier, cursor string) ([]string, string, error) {
	var box struct {
		Messages []struct {
			Text string `json:"text"`
		} `json:"messages"`
		Cursor string `json:"cursor"`
	}
	st, err := b.call(ctx, "GET", "/api/chat/messages?session_id="+d.session+"&after="+cursor, "", nil, &box)
	if err == nil && st != http.StatusOK {
		err = fmt.Errorf("mailbox %s: status %d", d.code, st)
	}
	var texts []string
	for _, m := range box.Messages {
		texts = append(texts, m.Text)
	}
	return texts, box.Cursor, err
}

// call sends one JSON request to the next server.
func (b *bench) call(ctx context.Context, method, path, token string, body, out any) (int, error) {
	var rd io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, b.url()+path, rd)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := b.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if out == nil {
		_, err = io.Copy(io.Discard, resp.Body)
		return resp.StatusCode, err
	}
	return resp.StatusCode, json.NewDecoder(resp.Body).Decode(out)
}

func pct(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[int(p/100*float64(len(sorted)-1))].Round(10 * time.Microsecond)
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
