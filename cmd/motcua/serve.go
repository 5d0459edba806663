package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/admin"
	"github.com/motcua/motcua/bot"
	"github.com/motcua/motcua/bot/telegram"
	"github.com/motcua/motcua/bot/web"
	"github.com/motcua/motcua/bot/zalo"
	"github.com/motcua/motcua/metrics"
	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/time/rate"
)

func init() { commands["serve"] = serveCommand }

// serveCommand runs everything until the process is told to stop.
func serveCommand(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return usageError("serve takes no arguments; settings come from the environment or .env")
	}
	m := NewMain(loadConfig(osGetenv), stderr)
	if err := m.Run(ctx); err != nil {
		m.Close()
		return err
	}
	fmt.Fprintf(stdout, "motcua: web chat on http://%s — Ctrl+C to stop\n", m.Addr())
	<-ctx.Done()
	return m.Close()
}

// Main is the whole program wired by hand: the knowledge base and search, the
// store, the engine, the web chat, the staff API, the channels that have
// settings, and the outbox dispatcher. A test starts it on port 0 with a
// temporary database.
type Main struct {
	Config Config
	Logger *slog.Logger

	app        *engineApp
	mux        *http.ServeMux
	server     *http.Server
	listener   net.Listener
	dispatcher *bot.Dispatcher
	senders    map[string]motcua.Sender
	telegram   *telegram.Bot // nil when the channel is off
	runners    []runner      // background loops started by Run
	ready      readiness
	metrics    *metrics.Metrics
	handler    motcua.Handler // the engine, counted and logged
	web        *web.Server

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// NewMain returns a program for cfg that logs to logOut.
func NewMain(cfg Config, logOut io.Writer) *Main {
	return &Main{Config: cfg, Logger: newLogger(cfg.LogLevel, logOut)}
}

// newLogger writes one JSON object per line at the given level.
func newLogger(level string, out io.Writer) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewJSONHandler(out, &slog.HandlerOptions{Level: l}))
}

// Run opens everything, starts listening and the background loops, and
// returns; Close stops them.
func (m *Main) Run(ctx context.Context) error {
	start := time.Now()
	if err := checkRetention(m.Config); err != nil {
		return err
	}
	m.metrics = metrics.New(prometheus.NewRegistry())
	app, err := openApp(ctx, m.Config, m.Logger, m.metrics)
	if err != nil {
		return err
	}
	m.app = app
	m.handler = m.metrics.WrapHandler(app.Engine, m.Logger, app.DB)
	m.mux = http.NewServeMux()
	m.senders = map[string]motcua.Sender{motcua.ChannelWeb: &web.Sender{Mailbox: app.DB}}
	if err := m.channels(); err != nil {
		return err
	}
	if err := m.checkSolePoller(ctx); err != nil {
		return err
	}
	if err := m.routes(); err != nil {
		return err
	}
	if err := m.outbox(); err != nil {
		return err
	}
	m.runners = append(m.runners, runner{"retention", newRetentionJob(app.DB, m.Config, m.Logger, m.metrics).Run})
	m.metrics.Register(metrics.NewSnapshotCollector(m.snapshot, m.Logger))
	if err := m.listen(); err != nil {
		return err
	}
	ctx, m.cancel = context.WithCancel(context.WithoutCancel(ctx))
	for _, r := range m.runners {
		m.goRun(ctx, r)
	}
	m.ready.set(true)
	m.Logger.Info("started", "addr", m.Addr(), "procedures", len(app.KB.Procedures()),
		"db", dbKind(m.Config.DB), "startup_ms", time.Since(start).Milliseconds())
	return nil
}

// runner is a named background loop: a channel, the outbox, a job.
type runner struct {
	name string
	run  func(context.Context) error
}

// goRun runs a background loop until ctx ends; a loop that fails is logged,
// marked stopped for /readyz, and the process keeps serving the other channels.
func (m *Main) goRun(ctx context.Context, r runner) {
	m.ready.loop(r.name, true)
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		if err := r.run(ctx); err != nil && ctx.Err() == nil {
			m.Logger.Error("background loop stopped", "loop", r.name, "err", err)
			m.ready.loop(r.name, false)
		}
	}()
}

// routes mounts the web chat, the staff API and the health endpoints.
func (m *Main) routes() error {
	limits := web.Limits{}
	if m.Config.WebLimitsOff {
		limits = web.Limits{AddrRate: rate.Inf, SessionRate: rate.Inf}
	}
	m.web = web.New(web.Config{
		Handler: m.handler, Mailbox: m.app.DB, SiteVerification: m.Config.ZaloVerification,
		Logger: m.Logger, Limits: limits, ClientAddr: clientAddr(m.Config.TrustProxy),
	})
	m.web.Register(m.mux)
	cal, err := newCalendar(m.Config)
	if err != nil {
		return err
	}
	var photo admin.PhotoOpener
	if m.telegram != nil {
		photo = m.openPhoto
	}
	newAdminServer(m.Config, m.app.DB, m.app.DB, cal, m.Logger, m.notifyOutbox, photo).Register(m.mux)
	m.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok\n"))
	})
	m.mux.HandleFunc("GET /readyz", m.serveReady)
	m.mux.Handle("GET /metrics", bearer(m.Config.MetricsToken, m.metrics.Handler()))
	return nil
}

// channels builds Telegram and Zalo when their settings are present.
func (m *Main) channels() error {
	c := m.Config
	if c.TelegramToken != "" {
		tb, err := telegram.New(telegram.Config{
			Token: c.TelegramToken, APIURL: c.TelegramAPIURL, WebhookURL: c.TelegramWebhookURL,
			WebhookSecret: c.TelegramWebhookSecret, PacingOff: !c.TelegramPacing, Logger: m.Logger,
		}, m.handler, m.app.DB)
		if err != nil {
			return fmt.Errorf("telegram: %w", err)
		}
		if c.TelegramWebhookURL != "" {
			m.mux.Handle("POST "+telegram.WebhookPath, tb.WebhookHandler())
		}
		m.senders[motcua.ChannelTelegram] = tb
		m.telegram = tb
		m.runners = append(m.runners, runner{"telegram", tb.Run})
	}
	if c.ZaloAccessToken != "" || c.ZaloRefreshToken != "" {
		zb, err := zalo.New(zalo.Config{
			AppID: c.ZaloAppID, AppSecret: c.ZaloAppSecret, OASecretKey: c.ZaloOASecretKey,
			AccessToken: c.ZaloAccessToken, RefreshToken: c.ZaloRefreshToken,
			APIURL: c.ZaloAPIURL, OAuthURL: c.ZaloOAuthURL, Logger: m.Logger,
		}, m.app.DB, m.handler)
		if err != nil {
			return fmt.Errorf("zalo: %w", err)
		}
		m.mux.Handle("POST "+zalo.WebhookPath, zb.WebhookHandler())
		m.senders[motcua.ChannelZalo] = zb
		m.runners = append(m.runners, runner{"zalo", zb.Run})
	}
	return nil
}

// checkSolePoller refuses to start when Telegram runs by long polling and
// another replica on the same database already polls: Telegram serves one
// getUpdates per bot, and a second poller would only stand by unnoticed.
// Several replicas must run the webhook instead.
func (m *Main) checkSolePoller(ctx context.Context) error {
	c := m.Config
	if c.TelegramToken == "" || c.TelegramWebhookURL != "" {
		return nil
	}
	probe := "start-check-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	ok, err := m.app.DB.AcquireLease(ctx, telegram.PollLease, probe, time.Second)
	if err != nil {
		return fmt.Errorf("telegram: check the polling lease: %w", err)
	}
	if ok {
		return m.app.DB.ReleaseLease(ctx, telegram.PollLease, probe)
	}
	m.Logger.Error("telegram: another replica already long-polls this bot; not starting",
		"lease", telegram.PollLease, "db", dbKind(c.DB))
	return motcua.Errorf(motcua.ECONFLICT, "telegram: another replica already long-polls this bot "+
		"(lease %q in the database): long polling runs on one replica only; set TELEGRAM_WEBHOOK_URL "+
		"on every replica to run several, or stop the other one (the lease of a replica that "+
		"died lapses within a minute)", telegram.PollLease)
}

// outbox builds the dispatcher that delivers notifications and staff
// answers through the channels' senders, unless this replica leaves that
// to others (MOTCUA_OUTBOX=off).
func (m *Main) outbox() error {
	poll, err := time.ParseDuration(m.Config.OutboxPoll)
	if err != nil || poll <= 0 {
		return fmt.Errorf("setting MOTCUA_OUTBOX_POLL: %q is not a positive duration such as 2s", m.Config.OutboxPoll)
	}
	if m.Config.OutboxOff {
		return nil
	}
	m.dispatcher = bot.NewDispatcher(m.app.DB, m.senders, bot.WithLogger(m.Logger), bot.WithPollInterval(poll))
	m.runners = append(m.runners, runner{"outbox", m.dispatcher.Run})
	return nil
}

// notifyOutbox wakes the dispatcher for a message just queued by a staff
// request; without one (MOTCUA_OUTBOX=off) another replica's poll finds it.
func (m *Main) notifyOutbox() {
	if m.dispatcher != nil {
		m.dispatcher.Notify()
	}
}

// openPhoto streams a photo kept by Telegram for the staff complaint page.
func (m *Main) openPhoto(r *http.Request, channel, ref string) (io.ReadCloser, string, error) {
	if channel == motcua.ChannelTelegram {
		return m.telegram.OpenFile(r.Context(), ref)
	}
	return nil, "", motcua.Errorf(motcua.ENOTFOUND, "ảnh trên kênh %s không xem được từ đây", channel)
}

// listen binds the address and serves HTTP in the background.
func (m *Main) listen() error {
	ln, err := net.Listen("tcp", m.Config.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s (MOTCUA_ADDR): %w", m.Config.Addr, err)
	}
	m.listener = ln
	m.server = &http.Server{
		Handler:           m.mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(m.Logger.Handler(), slog.LevelWarn),
	}
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		if err := m.server.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.Logger.Error("http server stopped", "err", err)
		}
	}()
	return nil
}

// Addr is the address the server listens on (with the real port when the
// setting asked for port 0).
func (m *Main) Addr() string {
	if m.listener == nil {
		return m.Config.Addr
	}
	return m.listener.Addr().String()
}

// Handler is the program's HTTP handler, for tests.
func (m *Main) Handler() http.Handler { return m.mux }

// Close stops taking requests, lets the ones in flight finish, stops the
// background loops and closes the store.
func (m *Main) Close() error {
	m.ready.set(false)
	if m.server != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		m.server.Shutdown(ctx)
		cancel()
	}
	if m.cancel != nil {
		m.cancel()
	}
	m.wg.Wait()
	if m.app != nil {
		return m.app.Close()
	}
	return nil
}

// clientAddr names the client of a request for the rate limits: the peer
// address, or the hop a trusted reverse proxy appended to X-Forwarded-For.
// The machine itself is not limited (the operator's scripts and checks): a
// loopback peer with no proxy header. A request a proxy forwarded is
// always limited, trusted or not.
func clientAddr(trustProxy bool) func(*http.Request) string {
	return func(r *http.Request) string {
		forwarded := r.Header.Get("X-Forwarded-For") != "" || r.Header.Get("Forwarded") != "" ||
			r.Header.Get("X-Real-IP") != ""
		if trustProxy {
			hops := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
			if last := strings.TrimSpace(hops[len(hops)-1]); last != "" {
				return last
			}
		}
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			host = r.RemoteAddr
		}
		if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() && !forwarded {
			return ""
		}
		return host
	}
}

func dbKind(dsn string) string {
	if strings.HasPrefix(dsn, "postgres") {
		return "postgres"
	}
	return "sqlite"
}
