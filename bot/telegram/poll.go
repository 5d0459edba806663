package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	tg "github.com/go-telegram/bot"

	"github.com/motcua/motcua"
)

// Keys and names in the store.
const (
	offsetKey = "telegram:offset" // next update_id to ask getUpdates for
	pollLease = PollLease

	// maxConflicts is how many getUpdates in a row may end in 409 before
	// Run gives up: another poller or a webhook is really active.
	maxConflicts = 3
)

// PollLease names the store lease held by the one replica that long-polls,
// so that a program can refuse to start a second poller on the same bot.
const PollLease = "telegram:poll"

// allowedUpdates are the update kinds the bot asks Telegram for.
var allowedUpdates = []string{"message", "callback_query"}

// poll runs long polling while this process holds the polling lease. The
// library's own poller confirms an update to Telegram before it is handled,
// so getUpdates is called here and the offset advanced only after the
// updates are in the inbox.
func (b *Bot) poll(ctx context.Context) error {
	leaseTTL := 2*b.cfg.PollTimeout + 10*time.Second
	deleted := false
	conflicts := 0
	backoff := time.Duration(0)
	for ctx.Err() == nil {
		if !wait(ctx, backoff) {
			break
		}
		ok, err := b.st.AcquireLease(ctx, pollLease, b.holder, leaseTTL)
		if err != nil || !ok {
			// Another replica polls (or the store is down): stand by, and
			// keep handling what lands in the shared inbox.
			backoff = b.cfg.PollTimeout / 2
			continue
		}
		if !deleted {
			// A webhook left from an earlier deployment makes getUpdates
			// fail with 409; pending updates are kept.
			if _, err := b.api.DeleteWebhook(ctx, &tg.DeleteWebhookParams{}); err == nil {
				deleted = true
			}
		}
		n, err := b.pollOnce(ctx)
		switch {
		case errors.Is(err, ErrPolling):
			// One 409 may be the late long poll of a process that has just
			// stopped; only a conflict that persists means another poller.
			if conflicts++; conflicts >= maxConflicts {
				_ = b.st.ReleaseLease(context.WithoutCancel(ctx), pollLease, b.holder)
				return err
			}
			b.log.Warn("telegram: getUpdates conflict, retrying", "attempt", conflicts)
			backoff = time.Duration(conflicts) * time.Second
		case err != nil && ctx.Err() == nil:
			b.log.Warn("telegram: poll failed", "err", err)
			backoff = nextBackoff(backoff)
		default:
			backoff, conflicts = 0, 0
			if n > 0 {
				b.notify()
			}
		}
	}
	_ = b.st.ReleaseLease(context.WithoutCancel(ctx), pollLease, b.holder)
	return ctx.Err()
}

// pollOnce asks for updates after the saved offset, puts each in the inbox,
// then saves the new offset. It returns how many updates it took.
func (b *Bot) pollOnce(ctx context.Context) (int, error) {
	offset, err := b.offset(ctx)
	if err != nil {
		return 0, err
	}
	raws, err := b.getUpdates(ctx, offset)
	if err != nil {
		return 0, err
	}
	next := offset
	for _, raw := range raws {
		id, err := updateID(raw)
		if err != nil {
			return 0, err
		}
		if _, err := b.st.PutInbox(ctx, Channel, strconv.FormatInt(id, 10), raw); err != nil {
			return 0, fmt.Errorf("telegram: put update: %w", err)
		}
		if id >= next {
			next = id + 1
		}
	}
	if next != offset {
		// Saved only now: a crash before this line makes Telegram send the
		// same updates again, and the inbox ignores the ones it has.
		if err := b.st.SetValue(ctx, offsetKey, strconv.FormatInt(next, 10)); err != nil {
			return 0, fmt.Errorf("telegram: save offset: %w", err)
		}
	}
	return len(raws), nil
}

func (b *Bot) offset(ctx context.Context) (int64, error) {
	v, err := b.st.Value(ctx, offsetKey)
	if motcua.ErrorCode(err) == motcua.ENOTFOUND {
		return 0, nil
	} else if err != nil {
		return 0, fmt.Errorf("telegram: read offset: %w", err)
	}
	return strconv.ParseInt(v, 10, 64)
}

// apiResponse is the Bot API's answer envelope.
type apiResponse struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// getUpdates calls the Bot API method of that name and returns the updates
// as received, so that the inbox keeps fields this version does not know.
func (b *Bot) getUpdates(ctx context.Context, offset int64) ([]json.RawMessage, error) {
	body, _ := json.Marshal(map[string]any{
		"offset":          offset,
		"timeout":         int(b.cfg.PollTimeout / time.Second),
		"allowed_updates": allowedUpdates,
	})
	url := b.cfg.APIURL + "/bot" + b.cfg.Token + "/getUpdates"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("telegram: getUpdates: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := b.http.Do(req)
	if err != nil {
		// The URL holds the token: never let it reach a log.
		return nil, fmt.Errorf("telegram: getUpdates: %w", redact(err, b.cfg.Token))
	}
	defer resp.Body.Close()
	var r apiResponse
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<20)).Decode(&r); err != nil {
		return nil, fmt.Errorf("telegram: getUpdates: decode (HTTP %d): %w", resp.StatusCode, err)
	}
	if !r.OK {
		if r.ErrorCode == http.StatusConflict {
			return nil, fmt.Errorf("%w: %s", ErrPolling, r.Description)
		}
		return nil, fmt.Errorf("telegram: getUpdates: %d %s", r.ErrorCode, r.Description)
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(r.Result, &raws); err != nil {
		return nil, fmt.Errorf("telegram: getUpdates: decode result: %w", err)
	}
	return raws, nil
}

func updateID(raw []byte) (int64, error) {
	var u struct {
		ID *int64 `json:"update_id"`
	}
	if err := json.Unmarshal(raw, &u); err != nil || u.ID == nil {
		return 0, motcua.Errorf(motcua.EINVALID, "telegram: update without update_id")
	}
	return *u.ID, nil
}

// wait sleeps for d or until ctx ends; it reports whether ctx is still alive.
func wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

func nextBackoff(d time.Duration) time.Duration {
	if d < 100*time.Millisecond {
		return 100 * time.Millisecond
	}
	if d *= 2; d > 10*time.Second {
		d = 10 * time.Second
	}
	return d
}
