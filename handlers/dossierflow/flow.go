package dossierflow

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/handlers"
)

// Name is the flow's name, kept in motcua.Conversation.Flow and heading its
// button actions ("f:dossier", "f:dossier:sub:<CODE>").
const Name = "dossier"

// Default limits on failed lookups. A conversation may fail five times in
// fifteen minutes; one code may fail ten times in an hour across every
// conversation, which stops a guesser who opens many chats.
const (
	DefaultPerChat       = 5
	DefaultPerChatWindow = 15 * time.Minute
	DefaultPerCode       = 10
	DefaultPerCodeWindow = time.Hour
)

// Limit is at most N failed attempts within Window.
type Limit struct {
	N      int
	Window time.Duration
}

// Config is what the flow needs. Dossiers and Attempts are required.
type Config struct {
	Dossiers motcua.DossierStore
	Attempts motcua.Attempts
	// Catalog names the procedure of a dossier; optional.
	Catalog motcua.Catalog
	Now     func() time.Time // time.Now when nil
	// Logger receives internal errors, never codes or digits; nil discards.
	Logger *slog.Logger
	// PerChat limits failures per conversation; the defaults when zero.
	PerChat Limit
	// PerCode limits failures per dossier code across conversations.
	PerCode Limit
	// Centre settings shown to citizens; empty ones are left out.
	CentreHotline string
	CentreAddress string
	CentreHours   string
	// OnLookup, when set, is told the outcome of every lookup (LookupFound,
	// LookupWrong, LookupThrottled), for metrics; never the code.
	OnLookup func(ctx context.Context, outcome string)
}

// Flow is the dossier lookup flow.
type Flow struct {
	cfg   Config
	log   *slog.Logger
	stats counters
}

var _ handlers.Flow = (*Flow)(nil)

// New returns the flow for cfg, with defaults filled in. It panics when
// Dossiers or Attempts is missing, a wiring mistake.
func New(cfg Config) *Flow {
	if cfg.Dossiers == nil || cfg.Attempts == nil {
		panic("dossierflow: Dossiers and Attempts are required")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.PerChat.N <= 0 || cfg.PerChat.Window <= 0 {
		cfg.PerChat = Limit{DefaultPerChat, DefaultPerChatWindow}
	}
	if cfg.PerCode.N <= 0 || cfg.PerCode.Window <= 0 {
		cfg.PerCode = Limit{DefaultPerCode, DefaultPerCodeWindow}
	}
	return &Flow{cfg: cfg, log: cfg.Logger}
}

// Name returns "dossier".
func (f *Flow) Name() string { return Name }

// Label is the flow's button in the main menu.
func (f *Flow) Label() string { return "Tra cứu hồ sơ" }

// Match starts the flow on a request to look up a dossier, on a message
// holding a dossier code, and on "hủy theo dõi".
func (f *Flow) Match(req *handlers.Request) bool {
	fold := " " + strings.Join(foldWords(req.Fold), " ") + " "
	if hasAny(fold, startPhrases) || hasAny(fold, unsubPhrases) {
		return true
	}
	_, ok := codeIn(req.Text, strictCodes(fold))
	return ok
}

// strictCodes reports whether a code in a message outside the flow must be
// unmistakable: unless the message says it is about a dossier ("tra cứu hồ
// sơ …", "hồ sơ abc123 đến đâu rồi"), a token with a digit or two may be
// anything else.
func strictCodes(fold string) bool {
	return !hasAny(fold, startPhrases) && !(hasAny(fold, []string{"ho so"}) && hasAny(fold, progressPhrases))
}

// Handle answers a message of the flow: a button, a cancel, a code, the
// digits.
func (f *Flow) Handle(ctx context.Context, req *handlers.Request) ([]motcua.Reply, error) {
	if req.Msg.Action != "" {
		return f.action(ctx, req)
	}
	fold := " " + strings.Join(foldWords(req.Fold), " ") + " "
	switch {
	case hasAny(fold, unsubPhrases):
		return f.unsubscribeText(ctx, req)
	case isCancel(fold):
		end(req.Conv)
		return one(msgCancelled, anotherButton, menuButton), nil
	}
	if req.Conv.Flow != Name {
		return f.start(ctx, req, fold)
	}
	st := loadState(req.Conv)
	if st.Step == stepDigits {
		return f.digits(ctx, req, st, fold)
	}
	return f.code(ctx, req, fold, false)
}

// action answers the flow's buttons: "f:dossier" (look up a dossier),
// ":sub:<CODE>", ":unsub:<CODE>", ":cancel".
func (f *Flow) action(ctx context.Context, req *handlers.Request) ([]motcua.Reply, error) {
	rest := strings.TrimPrefix(req.Msg.Action, "f:"+Name)
	verb, arg, _ := strings.Cut(strings.TrimPrefix(rest, ":"), ":")
	code := motcua.NormalizeDossierCode(arg)
	switch verb {
	case "":
		return f.askCode(req), nil
	case "show":
		if !motcua.ValidDossierCode(code) {
			return f.askCode(req), nil
		}
		if stored, ok, err := f.provenCode(ctx, req.Conv, code); err != nil {
			return nil, f.internal("find dossier", err, code)
		} else if ok {
			end(req.Conv)
			return f.show(ctx, req, stored)
		}
		saveState(req.Conv, state{Step: stepDigits, Code: code})
		return one(msgAskDigits, cancelButton), nil
	case "sub":
		return f.subscribe(ctx, req, code)
	case "unsub":
		return f.unsubscribe(ctx, req, code)
	case "cancel":
		end(req.Conv)
		return one(msgCancelled, anotherButton, menuButton), nil
	}
	return nil, handlers.ErrPass
}

// start begins the flow on a message outside it.
func (f *Flow) start(ctx context.Context, req *handlers.Request, fold string) ([]motcua.Reply, error) {
	if strict := strictCodes(fold); hasCode(req.Text, strict) {
		return f.code(ctx, req, fold, strict)
	}
	return f.askCode(req), nil
}

// maxShowButtons bounds the proven codes offered as buttons.
const maxShowButtons = 3

// askCode asks for the code on the receipt slip, offering the codes the
// conversation has proven, latest first.
func (f *Flow) askCode(req *handlers.Request) []motcua.Reply {
	saveState(req.Conv, state{Step: stepCode})
	var buttons []motcua.Button
	for i := len(req.Conv.Proven) - 1; i >= 0 && len(buttons) < maxShowButtons; i-- {
		buttons = append(buttons, showButton(req.Conv.Proven[i]))
	}
	return one(msgAskCode, append(buttons, cancelButton)...)
}
