// Package web is the web chat channel: the chat page served by the binary,
// the JSON endpoint for one turn of a conversation, and the mailbox the page
// polls for what the bot sends later on its own.
package web

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/motcua/motcua"
)

// Config is what a Server needs.
type Config struct {
	// Handler is the conversation engine.
	Handler motcua.Handler
	// Mailbox holds what the bot sends a session later; nil serves an empty
	// mailbox.
	Mailbox motcua.WebMailbox
	// SiteVerification, when set, is the content of the
	// zalo-platform-site-verification meta tag on the page.
	SiteVerification string
	// Logger receives internal errors only, never personal data; nil discards.
	Logger *slog.Logger
	// Limits are the rate limits; the zero value takes the defaults.
	Limits Limits
	// ClientAddr names the client a request comes from, for rate limits; nil
	// takes the host of r.RemoteAddr. Behind a trusted proxy, read its header.
	// An empty name exempts the request from the limits.
	ClientAddr func(*http.Request) string
	// TurnTimeout bounds one turn of the engine; zero means 20 seconds.
	TurnTimeout time.Duration
}

// Server serves the web chat.
type Server struct {
	handler    motcua.Handler
	mailbox    motcua.WebMailbox
	log        *slog.Logger
	clientAddr func(*http.Request) string
	timeout    time.Duration
	page       page

	// Chat turns and mailbox polls are limited separately, so that a page
	// polling in the background never eats the citizen's turns.
	chatAddr, chatSession *limiterSet
	pollAddr, pollSession *limiterSet
	turns                 *keyedMutex
	stats                 stats
}

// New returns a Server for cfg.
func New(cfg Config) *Server {
	lim := cfg.Limits.withDefaults()
	s := &Server{
		handler:     cfg.Handler,
		mailbox:     cfg.Mailbox,
		log:         cfg.Logger,
		clientAddr:  cfg.ClientAddr,
		timeout:     cfg.TurnTimeout,
		page:        buildPage(cfg.SiteVerification),
		chatAddr:    newLimiterSet(lim.AddrRate, lim.AddrBurst),
		chatSession: newLimiterSet(lim.SessionRate, lim.SessionBurst),
		pollAddr:    newLimiterSet(lim.AddrRate, lim.AddrBurst),
		pollSession: newLimiterSet(lim.SessionRate, lim.SessionBurst),
		turns:       newKeyedMutex(),
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.clientAddr == nil {
		s.clientAddr = remoteHost
	}
	if s.timeout <= 0 {
		s.timeout = 20 * time.Second
	}
	return s
}

// Register adds the web chat's routes to mux: GET /, POST /api/chat and
// GET /api/chat/messages.
func (s *Server) Register(mux *http.ServeMux) {
	mux.Handle("GET /{$}", secure(http.HandlerFunc(s.servePage)))
	mux.Handle("POST /api/chat", secure(http.HandlerFunc(s.serveChat)))
	mux.Handle("GET /api/chat/messages", secure(http.HandlerFunc(s.serveMessages)))
}

// remoteHost is the default ClientAddr: the peer's IP address.
func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// turnContext bounds one turn of the engine. A turn is finished even when
// the phone drops the connection, so that what the citizen confirmed (a
// complaint, a subscription) is not left half done.
func (s *Server) turnContext(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(r.Context()), s.timeout)
}

// Stats counts what the web chat has served since it started.
type Stats struct {
	Turns   int64 // turns answered
	Failed  int64 // turns the engine failed (answered 500)
	Refused int64 // requests refused as bad input (400)
	Limited int64 // requests refused by a rate limit (429)
}

type stats struct {
	turns, failed, refused, limited atomic.Int64
}

// Stats returns the counters, for metrics.
func (s *Server) Stats() Stats {
	return Stats{
		Turns:   s.stats.turns.Load(),
		Failed:  s.stats.failed.Load(),
		Refused: s.stats.refused.Load(),
		Limited: s.stats.limited.Load(),
	}
}
