package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"
)

// percentile returns the p-th percentile (0–100) of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p / 100 * float64(len(sorted)-1))
	return sorted[i]
}

func (r *result) print(out io.Writer, c config) {
	lat := slices.Clone(r.latencies)
	slices.Sort(lat)
	errs := 0
	for _, n := range r.errors {
		errs += n
	}
	fmt.Fprintf(out, "sessions %d, %s, %d turns ok, %d errors\n", c.sessions, r.elapsed.Round(time.Millisecond), len(lat), errs)
	fmt.Fprintf(out, "throughput %.0f turns/s\n", float64(len(lat))/r.elapsed.Seconds())
	fmt.Fprintf(out, "latency p50 %s  p90 %s  p99 %s  max %s\n",
		round(percentile(lat, 50)), round(percentile(lat, 90)), round(percentile(lat, 99)), round(percentile(lat, 100)))
	for k, n := range r.errors {
		fmt.Fprintf(out, "  error %s: %d\n", k, n)
	}
}

func round(d time.Duration) time.Duration {
	if d < time.Millisecond {
		return d.Round(time.Microsecond)
	}
	return d.Round(10 * time.Microsecond)
}

// peakRSS reads the peak resident memory of a process from /proc.
func peakRSS(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
