package bot

import (
	"log/slog"
	"time"
)

// Option configures a Dispatcher.
type Option func(*Dispatcher)

// Defaults of the dispatcher.
const (
	DefaultBatch       = 50
	DefaultLease       = 2 * time.Minute
	DefaultPoll        = 2 * time.Second
	DefaultWorkers     = 8
	DefaultMaxAttempts = 12
	DefaultMinBackoff  = 2 * time.Second
	DefaultMaxBackoff  = 30 * time.Minute
)

// WithBatch sets how many messages are claimed at once.
func WithBatch(n int) Option {
	return func(d *Dispatcher) {
		if n > 0 {
			d.batch = n
		}
	}
}

// WithLease sets how long a claimed message is kept from other dispatchers;
// it must exceed the time to send one batch.
func WithLease(lease time.Duration) Option {
	return func(d *Dispatcher) {
		if lease > 0 {
			d.lease = lease
		}
	}
}

// WithPollInterval sets how often the outbox is looked at without a Notify:
// retries falling due and messages queued by another process.
func WithPollInterval(p time.Duration) Option {
	return func(d *Dispatcher) {
		if p > 0 {
			d.poll = p
		}
	}
}

// WithWorkers sets how many chats are sent to at once; one chat's messages
// always go one after another.
func WithWorkers(n int) Option {
	return func(d *Dispatcher) {
		if n > 0 {
			d.workers = n
		}
	}
}

// WithMaxAttempts sets after how many failed attempts a message is given up.
func WithMaxAttempts(n int) Option {
	return func(d *Dispatcher) {
		if n > 0 {
			d.maxAttempts = n
		}
	}
}

// WithBackoff sets the first retry delay and its ceiling; the delay doubles
// with each failed attempt.
func WithBackoff(first, ceiling time.Duration) Option {
	return func(d *Dispatcher) {
		if first > 0 && ceiling >= first {
			d.minBackoff, d.maxBackoff = first, ceiling
		}
	}
}

// WithClock sets the clock retry times are computed from (tests).
func WithClock(now func() time.Time) Option {
	return func(d *Dispatcher) {
		if now != nil {
			d.now = now
		}
	}
}

// WithLogger sets where delivery failures are logged, without personal data.
func WithLogger(l *slog.Logger) Option {
	return func(d *Dispatcher) {
		if l != nil {
			d.log = l
		}
	}
}
