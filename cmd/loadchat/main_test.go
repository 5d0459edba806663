package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestLoadAgainstFake(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-fake", "-sessions", "4", "-turns", "5", "-duration", "1m"}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "20 turns ok, 0 errors") {
		t.Errorf("output:\n%s", out.String())
	}
}

// TestLoadSpread runs sessions over two servers, turns alternating.
func TestLoadSpread(t *testing.T) {
	var hits [2]atomic.Int64
	var urls []string
	for i := range hits {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits[i].Add(1)
			w.Write([]byte(`{"messages":[{"text":"ok","buttons":[{"label":"b","action":"p:1"}]}]}`))
		}))
		defer srv.Close()
		urls = append(urls, srv.URL)
	}
	var out bytes.Buffer
	args := []string{"-url", strings.Join(urls, ","), "-sessions", "3", "-turns", "4", "-pid", fmt.Sprint(os.Getpid())}
	if err := run(context.Background(), args, &out); err != nil {
		t.Fatal(err)
	}
	if hits[0].Load() != 6 || hits[1].Load() != 6 || !strings.Contains(out.String(), "server peak RSS") {
		t.Errorf("hits %d and %d; output:\n%s", hits[0].Load(), hits[1].Load(), out.String())
	}
}

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i))
	}
	if percentile(d, 50) != 50 || percentile(d, 100) != 100 || percentile(d, 0) != 1 || percentile(nil, 50) != 0 {
		t.Errorf("p50 %v p100 %v", percentile(d, 50), percentile(d, 100))
	}
}

func TestBadFlags(t *testing.T) {
	if err := run(context.Background(), []string{"-sessions", "0"}, &bytes.Buffer{}); err == nil {
		t.Error("no error for -sessions 0")
	}
	if err := run(context.Background(), []string{"-pid", "12,x"}, &bytes.Buffer{}); err == nil {
		t.Error("no error for -pid 12,x")
	}
}
