// Command loadadmin measures the staff API under load: status events posted
// to dossiers over POST /admin/api/v1/dossiers/{code}/events by parallel
// clients, against one running server or several replicas. With -subscribe
// each dossier is first followed by a web-chat session (lookup by code and
// phone digits, then the subscribe button), so that every event also queues
// a notice; the command then waits for the notices to reach the sessions'
// mailboxes and checks that each arrived exactly once.
//
//	loadadmin -url http://127.0.0.1:8080 -token T -dossiers 200 -clients 8 -duration 20s
//	loadadmin -url http://127.0.0.1:8081,http://127.0.0.1:8082 -token T -subscribe
//
// Requests go to the URLs in turn. The server needs MOTCUA_ADMIN_TOKEN and,
// with -subscribe, MOTCUA_WEB_LIMITS=off.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadadmin:", err)
		os.Exit(1)
	}
}

// config is the command line.
type config struct {
	urls      []string
	token     string
	dossiers  int
	clients   int
	duration  time.Duration
	subscribe bool
}

func parse(args []string) (config, error) {
	var c config
	fs := flag.NewFlagSet("loadadmin", flag.ContinueOnError)
	url := fs.String("url", "http://127.0.0.1:8080", "base URL of a running server; several separated by commas")
	fs.StringVar(&c.token, "token", os.Getenv("MOTCUA_ADMIN_TOKEN"), "staff API token (default $MOTCUA_ADMIN_TOKEN)")
	fs.IntVar(&c.dossiers, "dossiers", 200, "dossiers created for the run")
	fs.IntVar(&c.clients, "clients", 8, "parallel API clients")
	fs.DurationVar(&c.duration, "duration", 20*time.Second, "how long to post events")
	fs.BoolVar(&c.subscribe, "subscribe", false, "follow each dossier from a web-chat session and count the notices")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	c.urls = strings.Split(*url, ",")
	switch {
	case c.token == "":
		return c, fmt.Errorf("-token (or MOTCUA_ADMIN_TOKEN) is required")
	case c.clients < 1 || c.dossiers < c.clients:
		return c, fmt.Errorf("-clients must be at least 1 and -dossiers at least -clients")
	}
	return c, nil
}

func run(ctx context.Context, args []string, out io.Writer) error {
	c, err := parse(args)
	if err != nil {
		return err
	}
	b := newBench(c)
	start := time.Now()
	if err := b.setup(ctx); err != nil {
		return err
	}
	fmt.Fprintf(out, "setup: %d dossiers (subscribed: %v) in %s\n", c.dossiers, c.subscribe, time.Since(start).Round(time.Millisecond))
	b.post(ctx)
	b.printEvents(out)
	if c.subscribe {
		return b.checkNotices(ctx, out)
	}
	return nil
}
