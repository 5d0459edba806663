// Package zalo connects a Zalo Official Account to the conversation engine.
// It speaks the OA's small HTTP API itself: signed webhooks in, consultation
// messages out through /v3.0/oa/message/cs, and OAuth tokens that expire
// daily and whose refresh tokens work only once.
//
// Events are taken durably into the store's inbox before the webhook answers
// 200, and a worker (Run) hands them to the engine, so a crash after the
// acknowledgement does not lose a citizen's message.
package zalo

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// WebhookPath is where Zalo posts OA events.
const WebhookPath = "/zalo/webhook"

// Default API bases, as in ZALO_API_URL and ZALO_OAUTH_URL.
const (
	DefaultAPIURL   = "https://openapi.zalo.me"
	DefaultOAuthURL = "https://oauth.zaloapp.com"
)

// Store is what the channel needs from persistence: the inbox for durable
// events, values for tokens and the last interaction of each user, and
// leases so that one replica refreshes the token at a time.
type Store interface {
	motcua.Inbox
	motcua.Values
	motcua.Leases
}

// Config holds the settings of one Official Account.
type Config struct {
	AppID        string // ZALO_APP_ID
	AppSecret    string // ZALO_APP_SECRET: the app's secret, sent when refreshing tokens
	OASecretKey  string // ZALO_OA_SECRET_KEY: signs webhook events
	AccessToken  string // ZALO_ACCESS_TOKEN: first access token
	RefreshToken string // ZALO_REFRESH_TOKEN: first refresh token
	APIURL       string // ZALO_API_URL, DefaultAPIURL when empty
	OAuthURL     string // ZALO_OAUTH_URL, DefaultOAuthURL when empty
	Logger       *slog.Logger

	// HTTPClient calls the API; a client with a 15 s timeout when nil.
	HTTPClient *http.Client
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// MaxSkew is how far an event's timestamp may be from now before the
	// event is refused as stale (a replay); one hour when zero.
	MaxSkew time.Duration
	// WelcomeAction is the engine action sent when a user follows the OA,
	// "menu" when empty: the welcome is the main menu.
	WelcomeAction string
	// SendInterval is the least time between two API sends of this
	// process; 50 ms when zero, no pacing when negative.
	SendInterval time.Duration
	// Poll is how often the worker looks for events other replicas took or
	// a crash left behind; one second when zero.
	Poll time.Duration
}

// Bot is a Zalo OA channel: a webhook, a worker and a sender.
type Bot struct {
	cfg    Config
	st     Store
	h      motcua.Handler
	log    *slog.Logger
	http   *http.Client
	now    func() time.Time
	tokens *tokens
	pace   *pacer
	wake   chan struct{} // nudges the worker when the webhook took an event
}

var _ motcua.Sender = (*Bot)(nil)

// New checks the settings and returns a Bot. Nothing is sent to Zalo yet.
func New(cfg Config, st Store, h motcua.Handler) (*Bot, error) {
	if cfg.AppID == "" || cfg.OASecretKey == "" || cfg.AppSecret == "" {
		return nil, motcua.Errorf(motcua.EINVALID, "zalo: app id, app secret and OA secret key are required")
	}
	if st == nil || h == nil {
		return nil, motcua.Errorf(motcua.EINVALID, "zalo: a store and a handler are required")
	}
	cfg = withDefaults(cfg)
	b := &Bot{cfg: cfg, st: st, h: h, log: cfg.Logger, http: cfg.HTTPClient,
		now: cfg.Now, wake: make(chan struct{}, 1)}
	b.tokens = newTokens(b, holderID())
	b.pace = &pacer{gap: cfg.SendInterval}
	return b, nil
}

// withDefaults fills the optional settings.
func withDefaults(cfg Config) Config {
	cfg.APIURL = strings.TrimRight(cfg.APIURL, "/")
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	cfg.OAuthURL = strings.TrimRight(cfg.OAuthURL, "/")
	if cfg.OAuthURL == "" {
		cfg.OAuthURL = DefaultOAuthURL
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 15 * time.Second}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxSkew <= 0 {
		cfg.MaxSkew = time.Hour
	}
	if cfg.WelcomeAction == "" {
		cfg.WelcomeAction = "menu"
	}
	if cfg.SendInterval == 0 {
		cfg.SendInterval = defaultSendInterval
	}
	if cfg.Poll <= 0 {
		cfg.Poll = time.Second
	}
	return cfg
}

// holderID names this process for token-refresh leases.
func holderID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return "zalo-" + hex.EncodeToString(b[:])
}

// nudge wakes the worker without blocking.
func (b *Bot) nudge() {
	select {
	case b.wake <- struct{}{}:
	default:
	}
}
