package main

import (
	"bytes"
	"context"
	"strings"
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
}
