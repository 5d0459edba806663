// Package llm phrases answers and understands colloquial questions with an
// optional language model behind any OpenAI-compatible API (vLLM, Ollama, a
// hosted service). The knowledge base decides what is true: the model only
// sees the procedure records the search found, its answers are checked
// against them, and personal data never leaves the process.
package llm

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Outcomes passed to Config.OnOutcome, one per call, for metrics.
const (
	OutcomeOK         = "ok"
	OutcomeUngrounded = "ungrounded"
	OutcomeTimeout    = "timeout"
	OutcomeRateLimit  = "rate_limited"
	OutcomeError      = "error"
)

// Config says which server and model to use. The client is off unless a
// model is named, with a server, a key, or both (see Enabled).
type Config struct {
	BaseURL string // e.g. http://127.0.0.1:8000/v1 for vLLM, http://127.0.0.1:11434/v1 for Ollama
	APIKey  string
	Model   string
	// Timeout is the whole budget of one call, retry included; a chat turn
	// cannot wait longer than this for the model. Default 8s.
	Timeout time.Duration
	// MaxInputRunes cuts a citizen's question before it is sent. Default 1000.
	MaxInputRunes int
	// OnOutcome, when set, is told the outcome of every call ("answer" or
	// "rewrite", and one of the Outcome constants).
	OnOutcome func(op, outcome string)
}

// Enabled reports whether the settings name a model to use: a model, and
// a server or a key. A local server (vLLM, Ollama) may need no key; a key
// alone means OpenAI's own API.
func (c Config) Enabled() bool {
	return c.Model != "" && (c.BaseURL != "" || c.APIKey != "")
}

// Client talks to the model.
type Client struct {
	cfg    Config
	openai *openai.Client
}

// New returns a client for cfg; it fails when cfg is not Enabled.
func New(cfg Config) (*Client, error) {
	if !cfg.Enabled() {
		return nil, errors.New("llm: OPENAI_MODEL and OPENAI_BASE_URL or OPENAI_API_KEY must be set")
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 8 * time.Second
	}
	if cfg.MaxInputRunes <= 0 {
		cfg.MaxInputRunes = 1000
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	if cfg.BaseURL != "" {
		oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	}
	oc.HTTPClient = &http.Client{Timeout: cfg.Timeout}
	return &Client{cfg: cfg, openai: openai.NewClientWithConfig(oc)}, nil
}

// complete sends one chat request within the client's time budget, retrying
// once on a rate limit or server error when enough of the budget is left.
func (c *Client) complete(ctx context.Context, msgs []openai.ChatCompletionMessage, maxTokens int) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req := openai.ChatCompletionRequest{
		Model:       c.cfg.Model,
		Messages:    msgs,
		Temperature: 0.1,
		MaxTokens:   maxTokens,
	}
	var lastErr error
	for attempt := 0; attempt < 2; attempt++ {
		resp, err := c.openai.CreateChatCompletion(ctx, req)
		if err == nil {
			if len(resp.Choices) == 0 {
				return "", errors.New("llm: the model returned no choice")
			}
			return strings.TrimSpace(resp.Choices[0].Message.Content), nil
		}
		lastErr = err
		if !retryable(err) || !budgetLeft(ctx, c.cfg.Timeout/3) {
			break
		}
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("llm: %w", ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
	return "", fmt.Errorf("llm: %w", lastErr)
}

// retryable reports whether a second try may succeed: rate limits and
// server errors, not bad requests or refused keys.
func retryable(err error) bool {
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		return apiErr.HTTPStatusCode == http.StatusTooManyRequests || apiErr.HTTPStatusCode >= 500
	}
	var reqErr *openai.RequestError
	if errors.As(err, &reqErr) {
		return reqErr.HTTPStatusCode == http.StatusTooManyRequests || reqErr.HTTPStatusCode >= 500
	}
	return false
}

func budgetLeft(ctx context.Context, need time.Duration) bool {
	deadline, ok := ctx.Deadline()
	return !ok || time.Until(deadline) > need
}

// outcomeOf classifies an error for metrics.
func outcomeOf(err error) string {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case err == nil:
		return OutcomeOK
	case errors.Is(err, ErrUngrounded):
		return OutcomeUngrounded
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return OutcomeTimeout
	case errors.As(err, &apiErr) && apiErr.HTTPStatusCode == http.StatusTooManyRequests,
		errors.As(err, &reqErr) && reqErr.HTTPStatusCode == http.StatusTooManyRequests:
		return OutcomeRateLimit
	}
	return OutcomeError
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

func (c *Client) report(op string, err error) {
	if c.cfg.OnOutcome != nil {
		c.cfg.OnOutcome(op, outcomeOf(err))
	}
}
