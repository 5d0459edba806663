package zalo

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot"
)

// sendPath is the consultation-message endpoint (tin tư vấn).
const sendPath = "/v3.0/oa/message/cs"

// envelope is every OA API answer: {"error":0,"message":"Success","data":{…}}.
type envelope struct {
	Error   int             `json:"error"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// call posts body to the API with a valid access token. When Zalo refuses
// the token it is refreshed (once, across replicas) and the call retried
// once. Errors are classified: ErrWindowClosed, bot.RetryAfter, permanent
// or transient.
func (b *Bot) call(ctx context.Context, path string, body any) (json.RawMessage, error) {
	payload, err := json.Marshal(body)
	if err != nil {
		return nil, motcua.Errorf(motcua.EINTERNAL, "zalo: encode: %v", err)
	}
	ts, err := b.tokens.valid(ctx)
	if err != nil {
		return nil, err
	}
	data, err := b.post(ctx, path, ts.Access, payload)
	if isTokenError(err) {
		if ts, err = b.tokens.refresh(ctx, ts); err != nil {
			return nil, err
		}
		data, err = b.post(ctx, path, ts.Access, payload)
	}
	if e, ok := err.(*APIError); ok {
		if isTokenError(e) {
			return nil, fmt.Errorf("%w: %w", motcua.Errorf(motcua.EUNAUTH, "zalo: access token refused"), e)
		}
		return nil, classify(e)
	}
	return data, err
}

// post makes one API call. It returns *APIError for a non-zero error field.
func (b *Bot) post(ctx context.Context, path, token string, payload []byte) (json.RawMessage, error) {
	if err := b.pace.wait(ctx); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.cfg.APIURL+path, bytes.NewReader(payload))
	if err != nil {
		return nil, motcua.Errorf(motcua.EINTERNAL, "zalo: request: %v", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("access_token", token)
	resp, err := b.http.Do(req)
	if err != nil {
		return nil, motcua.Errorf(motcua.EINTERNAL, "zalo: %s: %v", path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode == http.StatusTooManyRequests {
		return nil, bot.RetryAfter(motcua.Errorf(motcua.ETHROTTLED, "zalo: HTTP 429"), retryAfter(resp.Header.Get("Retry-After")))
	}
	if resp.StatusCode != http.StatusOK {
		return nil, motcua.Errorf(motcua.EINTERNAL, "zalo: %s: HTTP %d", path, resp.StatusCode)
	}
	var env envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		return nil, motcua.Errorf(motcua.EINTERNAL, "zalo: %s: bad answer: %v", path, err)
	}
	if env.Error != 0 {
		return nil, &APIError{Code: env.Error, Message: env.Message}
	}
	return env.Data, nil
}

// retryAfter reads a Retry-After header in seconds; a minute when absent.
func retryAfter(h string) time.Duration {
	if s, err := strconv.Atoi(h); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	return time.Minute
}
