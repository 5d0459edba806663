// Package telegram connects the conversation engine to Telegram through the
// Bot API (github.com/go-telegram/bot), so that no citizen's message is lost
// and Telegram's sending limits are respected.
//
// Every update is durably put in the store's inbox before it is acknowledged
// to Telegram (long polling: the offset is saved only after the put; webhook:
// 200 only after the put). Workers claim updates from the inbox, call the
// engine, send the replies and mark the update done; an update whose worker
// died is claimed again after its lease. Sends share one pacer (about 30
// messages a second overall, 1 a second per chat) and honour retry_after.
package telegram

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	tg "github.com/go-telegram/bot"

	"github.com/motcua/motcua"
)

// Channel is the inbox channel name of Telegram updates.
const Channel = motcua.ChannelTelegram

// Store is what the adapter needs from the store: the inbox that makes
// updates durable, small values (the polling offset, long button actions)
// and a lease so that only one replica polls.
type Store interface {
	motcua.Inbox
	motcua.Values
	motcua.Leases
}

// Config holds the Telegram settings. Zero durations take the defaults.
type Config struct {
	Token         string // TELEGRAM_BOT_TOKEN
	APIURL        string // TELEGRAM_API_URL; "" for https://api.telegram.org
	WebhookURL    string // TELEGRAM_WEBHOOK_URL; "" for long polling
	WebhookSecret string // TELEGRAM_WEBHOOK_SECRET; "" derives one from the token
	PacingOff     bool   // TELEGRAM_PACING=off: no pacing, for test servers only
	Logger        *slog.Logger

	PollTimeout time.Duration // long-poll wait of getUpdates; default 25s
	HandleLease time.Duration // how long a claimed update is reserved; default 2m
	Workers     int           // chats handled at once; default 64
	// ShutdownGrace is how long updates being handled may finish after Run
	// is stopped; default 10s, below zero none (tests simulating crashes).
	ShutdownGrace time.Duration
	// GlobalRate and ChatRate override the pacer's messages per second
	// (defaults 29 and 1); mostly for benchmarks.
	GlobalRate float64
	ChatRate   float64
}

// Bot is the Telegram channel: a poller or webhook receiver, inbox workers
// and a paced sender. It also delivers notifications as a motcua.Sender.
type Bot struct {
	cfg     Config
	api     *tg.Bot
	h       motcua.Handler
	st      Store
	log     *slog.Logger
	pace    *pacer
	chats   *chatLocks
	actions actionMap
	holder  string // this process's name for the polling lease
	secret  string // the webhook secret actually used
	wake    chan struct{}
	http    *http.Client // for getUpdates, which the library does not expose

	runMu   sync.Mutex
	running bool
}

var _ motcua.Sender = (*Bot)(nil)

// ErrPolling is returned by Run when Telegram refuses getUpdates because
// another poller or a webhook is active for the same bot (HTTP 409).
var ErrPolling = errors.New("telegram: another getUpdates or a webhook is active for this bot")

// New builds the channel. It makes no network call: Run checks the token.
func New(cfg Config, h motcua.Handler, st Store) (*Bot, error) {
	if strings.TrimSpace(cfg.Token) == "" {
		return nil, motcua.Errorf(motcua.EINVALID, "telegram: empty bot token")
	}
	if h == nil || st == nil {
		return nil, motcua.Errorf(motcua.EINVALID, "telegram: handler and store are required")
	}
	cfg = withDefaults(cfg)
	b := &Bot{
		cfg: cfg, h: h, st: st, log: cfg.Logger,
		pace:    newPacer(!cfg.PacingOff, cfg.GlobalRate, cfg.ChatRate),
		chats:   newChatLocks(),
		actions: actionMap{st},
		holder:  randomHolder(),
		secret:  webhookSecret(cfg),
		wake:    make(chan struct{}, 1),
		http:    &http.Client{Timeout: cfg.PollTimeout + 15*time.Second},
	}
	api, err := tg.New(cfg.Token,
		tg.WithServerURL(strings.TrimRight(cfg.APIURL, "/")),
		tg.WithSkipGetMe(),
		tg.WithHTTPClient(cfg.PollTimeout, &http.Client{Timeout: 30 * time.Second}),
		tg.WithErrorsHandler(func(err error) { b.log.Warn("telegram: library error", "err", err) }),
	)
	if err != nil {
		return nil, fmt.Errorf("telegram: new client: %w", err)
	}
	b.api = api
	return b, nil
}

func withDefaults(cfg Config) Config {
	if cfg.APIURL == "" {
		cfg.APIURL = "https://api.telegram.org"
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.PollTimeout <= 0 {
		cfg.PollTimeout = 25 * time.Second
	}
	if cfg.HandleLease <= 0 {
		cfg.HandleLease = 2 * time.Minute
	}
	if cfg.ShutdownGrace == 0 {
		cfg.ShutdownGrace = 10 * time.Second
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 64
	}
	if cfg.GlobalRate <= 0 {
		cfg.GlobalRate = defaultGlobalRate
	}
	if cfg.ChatRate <= 0 {
		cfg.ChatRate = defaultChatRate
	}
	return cfg
}

// webhookSecret returns the configured secret, or one derived from the token
// so that webhook mode is never left unauthenticated. Telegram allows only
// A-Z, a-z, 0-9, _ and - in it; hex fits.
func webhookSecret(cfg Config) string {
	if cfg.WebhookSecret != "" {
		return cfg.WebhookSecret
	}
	sum := sha256.Sum256([]byte("motcua telegram webhook\x00" + cfg.Token))
	return hex.EncodeToString(sum[:16])
}

func randomHolder() string {
	var p [8]byte
	_, _ = rand.Read(p[:])
	return hex.EncodeToString(p[:])
}

// Run checks the token, then receives updates (long polling, or registers the
// webhook when WebhookURL is set) and handles them until ctx ends. In webhook
// mode WebhookHandler must be mounted on the HTTP server.
func (b *Bot) Run(ctx context.Context) error {
	b.runMu.Lock()
	if b.running {
		b.runMu.Unlock()
		return motcua.Errorf(motcua.ECONFLICT, "telegram: Run called twice")
	}
	b.running = true
	b.runMu.Unlock()

	err := b.retryStartup(ctx, "getMe", func(ctx context.Context) error {
		_, err := b.api.GetMe(ctx)
		return err
	})
	if err != nil {
		return err
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{})
	go func() { defer close(done); b.work(ctx) }()
	if b.cfg.WebhookURL != "" {
		err = b.retryStartup(ctx, "setWebhook", b.registerWebhook)
		if err == nil {
			<-ctx.Done()
		}
	} else {
		err = b.poll(ctx)
	}
	cancel()
	<-done
	if parent.Err() != nil {
		// Stopped from outside: a clean end, whatever the last call said.
		return nil
	}
	return err
}

// retryStartup runs a start-up call until it succeeds, backing off while
// Telegram is unreachable; an error no retry can fix (a wrong token, a
// refused webhook URL) ends it at once.
func (b *Bot) retryStartup(ctx context.Context, what string, f func(context.Context) error) error {
	backoff := time.Duration(0)
	for {
		err := f(ctx)
		if err == nil {
			return nil
		}
		err = fmt.Errorf("telegram: %s: %w", what, redact(err, b.cfg.Token))
		if permanent(err) || ctx.Err() != nil {
			return err
		}
		b.log.Warn("telegram: start-up call failed, retrying", "call", what, "err", err)
		backoff = nextBackoff(backoff)
		if !wait(ctx, backoff) {
			return err
		}
	}
}

// notify wakes the workers: an update was put in the inbox.
func (b *Bot) notify() {
	select {
	case b.wake <- struct{}{}:
	default:
	}
}
