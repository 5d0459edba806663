// Package complaintflow is the citizen's side of complaints in chat: the
// intake of a phản ánh, kiến nghị (or a khiếu nại, tố cáo, recorded and
// pointed to the formal procedure), the lookup of one's complaints and the
// rating of the staff's answer. It is a handlers.Flow; the staff side is in
// package admin.
package complaintflow

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/handlers"
	"github.com/motcua/motcua/worktime"
)

// DefaultExpiry is how long an intake waits for the citizen's next answer
// before it is forgotten.
const DefaultExpiry = 30 * time.Minute

// DefaultContactRetention is how long a name and phone are kept, the period
// the consent sentence announces (the store anonymises complaints after it).
const DefaultContactRetention = 365 * 24 * time.Hour

// Config is what the flow needs. Complaints is required.
type Config struct {
	Complaints motcua.ComplaintStore
	// Codes numbers a complaint before it is committed (store.DB's
	// NewComplaintCode). When nil the store numbers it in the same
	// transaction as the commit, which wastes no number.
	Codes func(ctx context.Context, now time.Time) (string, error)
	// Calendar gives the answer and resolve deadlines told to the citizen
	// and stored with the complaint; without it they are left to the staff side.
	Calendar *worktime.Calendar
	// Catalog holds the formal khiếu nại / tố cáo procedures, found by their
	// field and names; FormalCodes, when set, names them instead.
	Catalog     motcua.Catalog
	FormalCodes []string
	// Attempts throttles lookups by code and phone digits; optional.
	Attempts motcua.Attempts
	// Photos reports whether a channel carries photos (the photo step is
	// offered there); Telegram and Zalo when nil.
	Photos           func(channel string) bool
	ContactRetention time.Duration // DefaultContactRetention when 0
	Expiry           time.Duration // DefaultExpiry when 0
	Now              func() time.Time
	Logger           *slog.Logger
}

// Flow is the complaint flow. It is safe for concurrent use.
type Flow struct {
	cfg    Config
	log    *slog.Logger
	formal []formalProc
}

var (
	_ handlers.Flow          = (*Flow)(nil)
	_ handlers.ActionClaimer = (*Flow)(nil)
	_ handlers.RawInputTaker = (*Flow)(nil)
)

// New returns the flow for cfg, filling in defaults.
func New(cfg Config) *Flow {
	if cfg.Expiry <= 0 {
		cfg.Expiry = DefaultExpiry
	}
	if cfg.ContactRetention <= 0 {
		cfg.ContactRetention = DefaultContactRetention
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Photos == nil {
		cfg.Photos = func(ch string) bool { return ch == motcua.ChannelTelegram || ch == motcua.ChannelZalo }
	}
	return &Flow{cfg: cfg, log: cfg.Logger.With("component", "complaintflow"),
		formal: formalProcedures(cfg.Catalog, cfg.FormalCodes)}
}

// Name is kept in Conversation.Flow and starts the flow's actions.
func (f *Flow) Name() string { return "complaint" }

// Label is the flow's button in the main menu.
func (f *Flow) Label() string { return "Gửi phản ánh, kiến nghị" }

// ActionPrefixes claims the rating buttons sent with a staff answer.
func (f *Flow) ActionPrefixes() []string { return []string{ratePrefix} }

// TakesRawInput reports whether an intake step is waiting, where an empty
// message, a photo alone or emoji get an answer in the step's words.
func (f *Flow) TakesRawInput(c *motcua.Conversation) bool {
	if c.Flow != f.Name() {
		return false
	}
	s, err := loadState(c.FlowData)
	return err == nil && s.inIntake()
}

// Match reports whether a message outside any flow is a complaint, feedback
// or a lookup of one, and not a question about a procedure.
func (f *Flow) Match(req *handlers.Request) bool {
	if req.Msg.Action != "" {
		return false
	}
	return isLookup(req.Fold) || findCode(req.Text) != "" || isComplaint(req.Fold)
}

// Handle answers a message of the flow: a button, a step's answer, a
// lookup, a rating.
func (f *Flow) Handle(ctx context.Context, req *handlers.Request) ([]motcua.Reply, error) {
	if strings.HasPrefix(req.Msg.Action, ratePrefix) {
		return f.rate(ctx, req)
	}
	verb, arg := f.action(req.Msg.Action)
	s, err := loadState(req.Conv.FlowData)
	if err != nil || req.Conv.Flow != f.Name() {
		s = state{}
	}
	t := &turn{f: f, req: req, s: s, verb: verb, arg: arg}
	replies, err := t.run(ctx)
	if err != nil {
		return nil, err
	}
	t.save()
	return replies, nil
}

// action returns the verb and argument of an "f:complaint:VERB:ARG" action,
// or "" for typed text.
func (f *Flow) action(action string) (verb, arg string) {
	rest, ok := strings.CutPrefix(action, "f:"+f.Name())
	if !ok {
		return "", ""
	}
	rest = strings.TrimPrefix(rest, ":")
	verb, arg, _ = strings.Cut(rest, ":")
	if verb == "" {
		verb = "start"
	}
	return verb, arg
}

// now returns the clock of the request, the engine's.
func (t *turn) now() time.Time {
	if !t.req.Now.IsZero() {
		return t.req.Now
	}
	return t.f.cfg.Now()
}
