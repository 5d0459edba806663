// Command loadchat measures the web chat under load: N concurrent sessions,
// each holding a conversation through POST /api/chat (typed questions and
// button taps), against a running server or an in-process one with a fake
// engine. It prints turns per second, latency percentiles and errors.
//
//	loadchat -url http://127.0.0.1:8080 -sessions 50 -duration 20s [-pid PID]
//	loadchat -url http://127.0.0.1:8081,http://127.0.0.1:8082 -pid PID1,PID2
//	loadchat -fake -sessions 50 -duration 10s
//
// With several URLs (replicas sharing one database) each session's turns go
// to them in turn, as behind a load balancer without sticky sessions.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadchat:", err)
		os.Exit(1)
	}
}

// config is the command line.
type config struct {
	url      string
	urls     []string // url split at commas
	sessions int
	duration time.Duration
	turns    int
	fake     bool
	pids     []int
}

func parse(args []string) (config, error) {
	var c config
	fs := flag.NewFlagSet("loadchat", flag.ContinueOnError)
	fs.StringVar(&c.url, "url", "http://127.0.0.1:8080", "base URL of a running server; several separated by commas")
	fs.IntVar(&c.sessions, "sessions", 50, "concurrent chat sessions")
	fs.DurationVar(&c.duration, "duration", 20*time.Second, "how long to run")
	fs.IntVar(&c.turns, "turns", 0, "stop each session after this many turns (0: run for -duration)")
	fs.BoolVar(&c.fake, "fake", false, "serve the web chat in-process with a fake engine and no rate limits")
	pids := fs.String("pid", "", "report the peak memory (VmHWM) of these server processes (comma-separated)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	for _, p := range strings.Split(*pids, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		n, err := strconv.Atoi(p)
		if err != nil {
			return c, fmt.Errorf("-pid %q: not a process id", p)
		}
		c.pids = append(c.pids, n)
	}
	if c.sessions < 1 {
		return c, fmt.Errorf("-sessions must be at least 1")
	}
	return c, nil
}

func run(ctx context.Context, args []string, out io.Writer) error {
	c, err := parse(args)
	if err != nil {
		return err
	}
	if c.fake {
		url, stopServer, err := serveFake()
		if err != nil {
			return err
		}
		defer stopServer()
		c.url = url
	}
	c.urls = strings.Split(c.url, ",")
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConns: c.sessions * 2, MaxIdleConnsPerHost: c.sessions * 2},
	}
	res := load(ctx, client, c)
	res.print(out, c)
	if c.fake {
		fmt.Fprintf(out, "process peak RSS (client and server): %s\n", peakRSS(os.Getpid()))
	}
	for _, pid := range c.pids {
		fmt.Fprintf(out, "server peak RSS (pid %d): %s\n", pid, peakRSS(pid))
	}
	return nil
}
