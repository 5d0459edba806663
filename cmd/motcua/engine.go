package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/handlers"
	"github.com/motcua/motcua/handlers/complaintflow"
	"github.com/motcua/motcua/handlers/dossierflow"
	"github.com/motcua/motcua/knowledge"
	"github.com/motcua/motcua/knowledge/search"
	"github.com/motcua/motcua/llm"
	"github.com/motcua/motcua/metrics"
	"github.com/motcua/motcua/store"
)

// osGetenv reads a setting from the process environment.
func osGetenv(k string) string { return os.Getenv(k) }

// engineApp is the conversation engine with what it stands on: the
// knowledge base, its search and the store.
type engineApp struct {
	KB       *knowledge.KB
	Searcher motcua.Searcher
	DB       *store.DB
	Engine   *handlers.Engine
}

// Close releases the store.
func (a *engineApp) Close() error {
	if a.DB != nil {
		return a.DB.Close()
	}
	return nil
}

// openApp loads the knowledge base (MOTCUA_KB or the built-in one), builds
// its search, opens the store (MOTCUA_DB) and the engine on them. With obs
// set, questions, dossier lookups and language-model calls are counted.
func openApp(ctx context.Context, cfg Config, logger *slog.Logger, obs *metrics.Metrics) (*engineApp, error) {
	kb, srch, err := loadKnowledge(cfg)
	if err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	flows, err := conversationFlows(cfg, db, kb, logger, obs)
	if err != nil {
		db.Close()
		return nil, err
	}
	hc := handlers.Config{
		Searcher: srch, Catalog: kb, Conversations: db, Unanswered: db, Turns: db,
		Centre: centreOf(cfg), Flows: flows, PortalURL: cfg.CentreWebsite, Logger: logger,
	}
	if obs != nil {
		hc.OnQuestion = obs.Question
	}
	if model := llmOf(cfg, logger, obs); model != nil {
		hc.Phraser, hc.Rewriter = model, model
	}
	eng, err := handlers.New(hc)
	if err != nil {
		db.Close()
		return nil, err
	}
	return &engineApp{KB: kb, Searcher: srch, DB: db, Engine: eng}, nil
}

// loadKnowledge is openKnowledge; tests, which start many programs in one
// process, replace it with one that builds each knowledge base once.
var loadKnowledge = openKnowledge

// openKnowledge loads the knowledge base and its lexicon and opens the
// search, its index cached in the data folder (built on the first start
// and whenever the catalogue or the lexicon changes).
func openKnowledge(cfg Config) (*knowledge.KB, motcua.Searcher, error) {
	kb, lex, err := loadKB(cfg.KBDir)
	if err != nil {
		return nil, nil, fmt.Errorf("load knowledge base: %w", err)
	}
	idx, err := search.Open(kb, lex, cfg.DataDir)
	if err != nil {
		return nil, nil, fmt.Errorf("build search: %w", err)
	}
	return kb, idx, nil
}

// centreOf gives the centre's settings as the engine shows them.
func centreOf(cfg Config) handlers.Centre {
	var fields []string
	for _, f := range strings.Split(cfg.CentreFields, ";") {
		if f = strings.TrimSpace(f); f != "" {
			fields = append(fields, f)
		}
	}
	return handlers.Centre{
		Name: cfg.CentreName, Address: cfg.CentreAddress, Hours: cfg.CentreHours,
		Hotline: cfg.CentreHotline, Fields: fields, Website: cfg.CentreWebsite,
	}
}

// llmOf returns the language model that phrases answers and rewrites unsure
// questions, or nil when none is configured (the engine then answers with
// procedure cards from the search alone). With obs set, every call is
// counted by outcome.
func llmOf(cfg Config, logger *slog.Logger, obs *metrics.Metrics) *llm.Client {
	lc := llm.Config{BaseURL: cfg.OpenAIBaseURL, APIKey: cfg.OpenAIKey, Model: cfg.OpenAIModel}
	if obs != nil {
		lc.OnOutcome = obs.LLMOutcome
	}
	if d, err := time.ParseDuration(cfg.OpenAITimeout); err == nil {
		lc.Timeout = d
	}
	if !lc.Enabled() {
		return nil
	}
	c, err := llm.New(lc)
	if err != nil {
		logger.Warn("llm off", "err", err)
		return nil
	}
	return c
}

// conversationFlows lists the multi-step flows offered in the main menu.
// With obs set, dossier lookups are counted.
func conversationFlows(cfg Config, db *store.DB, cat motcua.Catalog, logger *slog.Logger, obs *metrics.Metrics) ([]handlers.Flow, error) {
	dc := dossierflow.Config{
		Dossiers: db, Attempts: db, Catalog: cat, Logger: logger,
		CentreHotline: cfg.CentreHotline, CentreAddress: cfg.CentreAddress, CentreHours: cfg.CentreHours,
	}
	if obs != nil {
		dc.OnLookup = obs.DossierLookup
	}
	dossiers := dossierflow.New(dc)
	cal, err := newCalendar(cfg)
	if err != nil {
		return nil, err
	}
	complaints := complaintflow.New(complaintflow.Config{
		Complaints: db, Attempts: db, Catalog: cat, Calendar: cal, Logger: logger,
		FormalCodes: splitList(cfg.FormalComplaintCodes),
	})
	if obs == nil {
		return []handlers.Flow{dossiers, complaints}, nil
	}
	return []handlers.Flow{namedFlow{dossiers}, namedFlow{complaints}}, nil
}

// splitList splits a comma-separated setting, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
