package handlers

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

// DefaultSearchK is how many procedures a question is searched for when
// Config.SearchK is not set; the clarifying question shows at most four.
const DefaultSearchK = 5

// DefaultPortalURL is where a citizen files online when a procedure has no
// link of its own: the national public-service portal.
const DefaultPortalURL = "https://dichvucong.gov.vn"

// Centre is what the engine tells citizens about the centre; every field is
// a setting of the deployment. Empty fields are left out of answers.
type Centre struct {
	Name    string
	Address string
	Hours   string
	Hotline string
	Fields  []string // lĩnh vực the centre handles
	Website string
}

// Phraser writes the answer to a procedure question in natural language
// from the procedures found (an LLM). It is optional: when it fails the
// engine answers with the procedure card.
type Phraser interface {
	Answer(ctx context.Context, question string, turns []motcua.Turn, procs []*motcua.Procedure) (string, error)
}

// Rewriter turns a colloquial question into a search query (an LLM). It is
// optional and only asked when the search alone is unsure; the search still
// decides which procedures exist.
type Rewriter interface {
	Rewrite(ctx context.Context, question string, turns []motcua.Turn) (string, error)
}

// Config holds what the engine needs. Searcher, Catalog and Conversations
// are required; the rest is optional.
type Config struct {
	Searcher      motcua.Searcher
	Catalog       motcua.Catalog
	Conversations motcua.ConversationStore
	Unanswered    motcua.UnansweredStore // questions the bot could not answer
	Turns         motcua.TurnStore       // conversation texts, masked
	Centre        Centre
	Flows         []Flow
	SearchK       int    // procedures searched per question; DefaultSearchK when 0
	PortalURL     string // DefaultPortalURL when empty
	Now           func() time.Time
	Logger        *slog.Logger
	Phraser       Phraser
	Rewriter      Rewriter
	// OnQuestion, when set, is told how each procedure question ended:
	// QuestionAnswered (with the procedure), QuestionClarified or
	// QuestionOutOfScope (with nil); for metrics and the centre's reports.
	OnQuestion func(ctx context.Context, outcome string, p *motcua.Procedure)
}

// Engine is the conversation engine: it implements motcua.Handler for every
// channel alike.
type Engine struct {
	cfg   Config
	flows map[string]Flow
	// claims maps an action prefix to the flow that claimed it.
	claims map[string]Flow
	log    *slog.Logger
	// locks serialise the turns of one conversation (a double tap sends two
	// messages at once); conversations hash onto a fixed set of mutexes.
	locks [64]sync.Mutex
	// stale caches each procedure's staleness, keyed by the record's
	// pointer (the catalogue hands out the same records every time).
	stale sync.Map
}

var _ motcua.Handler = (*Engine)(nil)

// New checks cfg, fills defaults and returns an engine.
func New(cfg Config) (*Engine, error) {
	if cfg.Searcher == nil || cfg.Catalog == nil || cfg.Conversations == nil {
		return nil, motcua.Errorf(motcua.EINVALID, "handlers: Searcher, Catalog and Conversations are required")
	}
	if cfg.SearchK <= 0 {
		cfg.SearchK = DefaultSearchK
	}
	if cfg.PortalURL == "" {
		cfg.PortalURL = DefaultPortalURL
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	e := &Engine{cfg: cfg, flows: map[string]Flow{}, claims: map[string]Flow{}, log: cfg.Logger}
	for _, f := range cfg.Flows {
		if err := e.addFlow(f); err != nil {
			return nil, err
		}
	}
	// The engine's own flow: not in the menu, never started by Match.
	if err := e.addFlow(choiceFlow{e}); err != nil {
		return nil, err
	}
	return e, nil
}

// addFlow registers a flow under its name and the action prefixes it claims.
func (e *Engine) addFlow(f Flow) error {
	name := f.Name()
	if name == "" || strings.Contains(name, ":") {
		return motcua.Errorf(motcua.EINVALID, "handlers: bad flow name %q", name)
	}
	if _, dup := e.flows[name]; dup {
		return motcua.Errorf(motcua.EINVALID, "handlers: flow %q given twice", name)
	}
	e.flows[name] = f
	c, ok := f.(ActionClaimer)
	if !ok {
		return nil
	}
	for _, p := range c.ActionPrefixes() {
		verb, _ := parseAction(p)
		if !strings.HasSuffix(p, ":") || strings.Count(p, ":") != 1 || reservedVerbs[verb] {
			return motcua.Errorf(motcua.EINVALID, "handlers: flow %q claims bad action prefix %q", name, p)
		}
		if other, dup := e.claims[verb]; dup {
			return motcua.Errorf(motcua.EINVALID, "handlers: action prefix %q claimed by %q and %q", p, other.Name(), name)
		}
		e.claims[verb] = f
	}
	return nil
}

// reservedVerbs are the engine's own action verbs, which no flow may claim.
var reservedVerbs = map[string]bool{"": true, "f": true, "menu": true, "info": true, "help": true,
	"p": true, "docs": true, "steps": true, "fee": true, "time": true, "where": true, "online": true}

// Handle answers one message. Bad input gets a polite answer and leaves the
// conversation unchanged. An error is returned only when the conversation
// state cannot be read or saved, so that a channel may retry the message.
func (e *Engine) Handle(ctx context.Context, m motcua.Message) ([]motcua.Reply, error) {
	key := m.ConversationKey()
	mu := e.lock(key)
	mu.Lock()
	defer mu.Unlock()

	conv, err := e.cfg.Conversations.Conversation(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("handlers: load conversation: %w", err)
	}
	conv.Key = key
	req := &Request{Msg: m, Conv: &conv, Now: e.cfg.Now()}
	if replies, bad := e.checkInput(m, &conv); bad && !e.takesRaw(&conv, m) {
		e.recordTurns(ctx, req, replies)
		return finish(replies), nil
	}
	req.Text, req.Fold = clean(m.Text)
	replies := e.route(ctx, req)
	conv.UpdatedAt = req.Now
	if err := e.cfg.Conversations.SaveConversation(ctx, conv); err != nil {
		return nil, fmt.Errorf("handlers: save conversation: %w", err)
	}
	e.recordTurns(ctx, req, replies)
	return finish(replies), nil
}

// takesRaw reports whether the flow in progress reads a message the engine
// would refuse, to answer it in the words of its step.
func (e *Engine) takesRaw(c *motcua.Conversation, m motcua.Message) bool {
	f, ok := e.flows[c.Flow].(RawInputTaker)
	if !ok || m.Action != "" || !f.TakesRawInput(c) {
		return false
	}
	return utf8.ValidString(m.Text) && !hasControl(m.Text)
}

// lock returns the mutex that serialises the conversation key.
func (e *Engine) lock(key string) *sync.Mutex {
	h := fnv.New32a()
	h.Write([]byte(key))
	return &e.locks[h.Sum32()%uint32(len(e.locks))]
}

// internal logs an unexpected error (never the citizen's text) and returns
// the polite sentence for it.
func (e *Engine) internal(op string, err error) []motcua.Reply {
	if !errors.Is(err, context.Canceled) {
		e.log.Error("handlers: "+op, "err", err)
	}
	return []motcua.Reply{{Text: msgInternal, Buttons: []motcua.Button{menuButton}}}
}
