package zalo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"sync"
	"time"

	"github.com/motcua/motcua"
)

// Keys in the store.
const (
	tokenKey   = "zalo:tokens"        // the current token pair, as JSON
	tokenLease = "zalo:token-refresh" // held by the one process refreshing
)

// Timing of refreshes. Access tokens live about 25 hours.
const (
	refreshAhead = 30 * time.Minute // refresh this long before expiry
	leaseTTL     = time.Minute      // longer than one OAuth call
	refreshWait  = 45 * time.Second // how long to wait for another refresher
	waitStep     = 100 * time.Millisecond
)

// tokenSet is the pair kept under tokenKey. A refresh replaces it with
// SwapValue, so the pair changes atomically and only from the pair read.
type tokenSet struct {
	Access    string `json:"access_token"`
	Refresh   string `json:"refresh_token"`
	ExpiresAt int64  `json:"expires_at,omitempty"` // unix seconds; 0 when unknown
	// Seed identifies the pair given in the settings, so that new tokens
	// put in the settings (after authorising the app again) replace the
	// stored ones, while tokens refreshed since are kept across restarts.
	Seed string `json:"seed,omitempty"`
}

// tokens keeps the access token fresh. Only one process refreshes at a time:
// a mutex inside the process, a lease in the store across replicas, because
// a refresh token works once and a second refresh would fail and lose it.
type tokens struct {
	b      *Bot
	holder string
	mu     sync.Mutex
}

func newTokens(b *Bot, holder string) *tokens { return &tokens{b: b, holder: holder} }

// seed is the fingerprint of the pair in the settings.
func (t *tokens) seed() string {
	c := t.b.cfg
	if c.AccessToken == "" && c.RefreshToken == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(c.AccessToken + "\n" + c.RefreshToken))
	return hex.EncodeToString(sum[:8])
}

// current reads the stored pair (and its raw form for SwapValue), storing
// the settings' pair first when there is none or the settings changed.
func (t *tokens) current(ctx context.Context) (tokenSet, string, error) {
	for range 3 {
		ts, raw, err := t.read(ctx)
		if err != nil {
			return ts, raw, err
		}
		seed := t.newSeed(ctx, ts)
		if !seed && ts.Access != "" {
			return ts, raw, nil
		}
		if !seed && t.seed() == "" {
			break // nothing stored, nothing in the settings
		}
		if seed {
			if err := t.store(ctx, raw); err != nil {
				return tokenSet{}, "", err
			}
		}
		// Read again: the swap, ours or another replica's, decides.
	}
	return tokenSet{}, "", motcua.Errorf(motcua.EUNAUTH, "zalo: no access token; set ZALO_ACCESS_TOKEN and ZALO_REFRESH_TOKEN")
}

// read returns the stored pair and its raw form ("" when absent).
func (t *tokens) read(ctx context.Context) (tokenSet, string, error) {
	raw, err := t.b.st.Value(ctx, tokenKey)
	if err != nil && motcua.ErrorCode(err) != motcua.ENOTFOUND {
		return tokenSet{}, "", motcua.Errorf(motcua.EINTERNAL, "zalo: read tokens: %v", err)
	}
	var ts tokenSet
	if raw != "" {
		if err := json.Unmarshal([]byte(raw), &ts); err != nil {
			return tokenSet{}, "", motcua.Errorf(motcua.EINTERNAL, "zalo: stored tokens unreadable: %v", err)
		}
	}
	return ts, raw, nil
}

// store replaces the pair read as raw with the settings' pair, and marks
// that pair as stored once.
func (t *tokens) store(ctx context.Context, raw string) error {
	fresh := tokenSet{Access: t.b.cfg.AccessToken, Refresh: t.b.cfg.RefreshToken, Seed: t.seed()}
	swapped, err := t.b.st.SwapValue(ctx, tokenKey, raw, encode(fresh))
	if err == nil && swapped {
		err = t.b.st.SetValue(ctx, seededKey(fresh.Seed), "1")
	}
	if err != nil {
		return motcua.Errorf(motcua.EINTERNAL, "zalo: store tokens: %v", err)
	}
	return nil
}

// newSeed reports whether the settings hold a pair never stored before.
// Each pair is stored once: a replica still running with older settings
// must not bring back tokens that were spent since.
func (t *tokens) newSeed(ctx context.Context, stored tokenSet) bool {
	seed := t.seed()
	if seed == "" || seed == stored.Seed {
		return false
	}
	_, err := t.b.st.Value(ctx, seededKey(seed))
	return motcua.ErrorCode(err) == motcua.ENOTFOUND
}

// seededKey marks a settings pair as stored once.
func seededKey(seed string) string { return "zalo:seeded:" + seed }

// valid returns an access token, refreshing it first when it expires soon.
func (t *tokens) valid(ctx context.Context) (tokenSet, error) {
	ts, _, err := t.current(ctx)
	if err != nil {
		return ts, err
	}
	if ts.ExpiresAt != 0 && t.b.now().Add(refreshAhead).Unix() >= ts.ExpiresAt {
		return t.refresh(ctx, ts)
	}
	return ts, nil
}

// refresh replaces the stale pair, unless someone already did, and returns
// the new one. Exactly one caller across all replicas spends the refresh
// token; the others wait for its result.
func (t *tokens) refresh(ctx context.Context, stale tokenSet) (tokenSet, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	deadline := time.Now().Add(refreshWait) // a real wait, whatever the clock
	for {
		cur, _, err := t.current(ctx)
		if err != nil || cur.Access != stale.Access {
			return cur, err
		}
		got, err := t.b.st.AcquireLease(ctx, tokenLease, t.holder, leaseTTL)
		if err != nil {
			return cur, motcua.Errorf(motcua.EINTERNAL, "zalo: token lease: %v", err)
		}
		if got {
			return t.refreshHolding(ctx, stale)
		}
		if time.Now().After(deadline) {
			return cur, motcua.Errorf(motcua.ECONFLICT, "zalo: another process is still refreshing the token")
		}
		if err := sleep(ctx, waitStep); err != nil {
			return cur, err
		}
	}
}

// refreshHolding refreshes while holding the lease.
func (t *tokens) refreshHolding(ctx context.Context, stale tokenSet) (tokenSet, error) {
	defer func() { _ = t.b.st.ReleaseLease(context.WithoutCancel(ctx), tokenLease, t.holder) }()
	cur, raw, err := t.current(ctx)
	if err != nil || cur.Access != stale.Access {
		return cur, err // refreshed while we took the lease
	}
	next, err := t.b.oauthRefresh(ctx, cur.Refresh)
	if err != nil {
		return cur, err
	}
	next.Seed = cur.Seed
	swapped, err := t.b.st.SwapValue(context.WithoutCancel(ctx), tokenKey, raw, encode(next))
	if err == nil && !swapped {
		err = errors.New("tokens changed during refresh")
	}
	if err != nil {
		// The old refresh token is spent; the new pair exists only here.
		t.b.log.Error("zalo: new tokens could not be stored; authorise the app again if sending fails", "err", err)
		return next, motcua.Errorf(motcua.EINTERNAL, "zalo: store refreshed tokens: %v", err)
	}
	t.b.log.Info("zalo: access token refreshed", "expires_at", time.Unix(next.ExpiresAt, 0).UTC())
	return next, nil
}

func encode(ts tokenSet) string {
	b, _ := json.Marshal(ts)
	return string(b)
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-tm.C:
		return nil
	}
}
