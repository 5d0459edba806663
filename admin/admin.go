// Package admin is the staff side of motcua: the admin API under
// /admin/api/v1/ (dossiers pushed from the one-door system, the complaints
// inbox, replies to citizens) and small server-rendered pages under /admin/
// for the supervision team. Everything is behind one bearer token; without a
// token nothing is registered.
package admin

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/worktime"
)

// UnansweredQuestion is a question the bot could not answer, already
// stripped of personal data, shown to staff who grow the lexicon.
type UnansweredQuestion struct {
	Channel  string    `json:"channel"`
	Question string    `json:"question"`
	Count    int       `json:"count"`
	LastAt   time.Time `json:"last_at"`
}

// Stat is one figure shown at the top of the staff inbox.
type Stat struct {
	Label string
	Value string
}

// Config is what the admin server needs. Token, Dossiers and Complaints are
// required for the parts that use them; the rest have defaults or are
// optional pages.
type Config struct {
	Token      string // bearer token; empty disables the admin API and pages
	Dossiers   motcua.DossierStore
	Complaints motcua.ComplaintStore
	// Calendar computes complaint deadlines when a complaint lacks them.
	Calendar *worktime.Calendar
	Now      func() time.Time
	Logger   *slog.Logger
	// DossierNotice renders the message a subscriber receives when a
	// dossier's status changes; DefaultDossierNotice when nil.
	DossierNotice func(*motcua.Dossier) motcua.Reply
	// ComplaintReplyNotice renders a staff answer for the citizen;
	// DefaultComplaintReplyNotice when nil.
	ComplaintReplyNotice func(*motcua.Complaint, motcua.ComplaintEvent) motcua.Reply
	// Optional sources for the staff pages; a page without one says so.
	Unanswered   func(ctx context.Context, limit int) ([]UnansweredQuestion, error)
	FailedOutbox func(ctx context.Context, limit int) ([]motcua.OutboxMessage, error)
	Stats        func(ctx context.Context) ([]Stat, error)
	// Photo streams photos kept by a channel (Telegram) for the complaint
	// page; without it the page shows only their reference. Optional.
	Photo PhotoOpener
	// Queued is called after a status event or a staff answer put a message
	// in the outbox, so that the dispatcher sends it now rather than at its
	// next poll. Optional.
	Queued func()
	// Report gives the statistics page's tables for the days from..to
	// (YYYY-MM-DD, both included); an error means a bad period.
	Report func(ctx context.Context, from, to string) ([]ReportSection, error)
	// SecureCookies forces the Secure flag on the session cookie even when
	// the request arrived over plain HTTP (TLS ended at a proxy).
	SecureCookies bool
}

// Server serves the admin API and the staff pages.
type Server struct {
	cfg   Config
	loc   *time.Location
	log   *slog.Logger
	pages *pages
}

// New returns a server for cfg, filling in defaults.
func New(cfg Config) *Server {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.DossierNotice == nil {
		cfg.DossierNotice = DefaultDossierNotice
	}
	if cfg.ComplaintReplyNotice == nil {
		cfg.ComplaintReplyNotice = DefaultComplaintReplyNotice
	}
	if cfg.Queued == nil {
		cfg.Queued = func() {}
	}
	if cfg.Calendar == nil {
		cfg.Calendar, _ = worktime.FromSettings(8, 10, "")
	}
	s := &Server{cfg: cfg, loc: cfg.Calendar.Location(), log: cfg.Logger.With("component", "admin")}
	s.pages = newPages(s)
	return s
}

// Register adds the admin routes to mux. With an empty token it registers
// nothing, so every admin path is a plain 404.
func (s *Server) Register(mux *http.ServeMux) {
	if s.cfg.Token == "" {
		return
	}
	s.registerAPI(mux)
	s.pages.register(mux)
}

// registerAPI adds the /admin/api/v1/ routes, each behind the bearer token.
func (s *Server) registerAPI(mux *http.ServeMux) {
	const p = "/admin/api/v1/"
	api := func(pattern string, h http.HandlerFunc) {
		mux.Handle(pattern, s.requireBearer(h))
	}
	// Dossier codes may contain '/', so the code is the rest of the path;
	// POST paths are told apart by their suffix in postDossierHandler.
	api("PUT "+p+"dossiers/{code...}", s.putDossierHandler)
	api("GET "+p+"dossiers/{code...}", s.getDossierHandler)
	api("POST "+p+"dossiers/{rest...}", s.postDossierHandler)
	api("GET "+p+"complaints", s.listComplaintsHandler)
	api("GET "+p+"complaints/{code}", s.getComplaintHandler)
	api("POST "+p+"complaints/{code}/replies", s.replyComplaintHandler)
	// Anything else under the API answers in JSON, authenticated first so
	// that the API's shape is not disclosed to strangers.
	api(p, func(w http.ResponseWriter, r *http.Request) {
		writeError(w, motcua.Errorf(motcua.ENOTFOUND, "không có đường dẫn này"))
	})
}

// audit writes one line about a change made by staff. It names the
// operation and codes only, never personal data.
func (s *Server) audit(ctx context.Context, op string, args ...any) {
	s.log.InfoContext(ctx, "audit", append([]any{"op", op}, args...)...)
}
