package dossierflow

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/handlers"
	"github.com/motcua/motcua/pii"
)

// digitsTurn stands for the digits in the conversation's stored turns, so
// that the second factor is kept nowhere after the check.
const digitsTurn = "[4 số cuối điện thoại]"

// code answers a message at the code step, or one that starts the flow
// with a code in it.
func (f *Flow) code(ctx context.Context, req *handlers.Request, fold string, strict bool) ([]motcua.Reply, error) {
	c, ok := codeIn(req.Text, strict)
	if !ok {
		return f.noCode(req, fold)
	}
	f.stats.lookups.Add(1)
	if stored, ok, err := f.provenCode(ctx, req.Conv, c); err != nil {
		return nil, f.internal("find dossier", err, c)
	} else if ok {
		end(req.Conv)
		return f.show(ctx, req, stored)
	}
	if over, err := f.over(ctx, chatKey(req.Conv.Key), f.cfg.PerChat); err != nil {
		return nil, f.internal("count attempts", err, c)
	} else if over {
		return f.throttled(ctx, req, "chat"), nil
	}
	saveState(req.Conv, state{Step: stepDigits, Code: c})
	return one(msgAskDigits, cancelButton), nil
}

// noCode answers a message without a code at the code step: help on where
// the code is, a word on a malformed one, or the message goes back to the
// engine (a procedure question).
func (f *Flow) noCode(req *handlers.Request, fold string) ([]motcua.Reply, error) {
	if req.Conv.Flow != Name {
		saveState(req.Conv, state{Step: stepCode})
	}
	ws := strings.Fields(fold)
	switch {
	case hasAny(fold, otherFlowPhrases), complaintCodeIn(req.Text):
		return nil, handlers.ErrPass // a complaint: its flow answers
	case pii.Contains(req.Text):
		return one(msgNoPersonal, cancelButton), nil
	case hasAny(fold, helpPhrases) && hasAny(fold, dossierWords):
		return one(msgWhereCode, cancelButton), nil
	case len(ws) <= 2 || hasAny(fold, dossierWords) || hasDigit(req.Text):
		return one(msgBadCode, cancelButton), nil
	}
	return nil, handlers.ErrPass
}

// digits answers a message at the digits step.
func (f *Flow) digits(ctx context.Context, req *handlers.Request, st state, fold string) ([]motcua.Reply, error) {
	// The digits asked for come first ("là 4567"); then a code, the same
	// again or another: asked anew (and the limits checked anew), in the
	// form typed last.
	if d, ok := phoneDigits(req.Text); ok {
		req.Text = digitsTurn
		return f.check(ctx, req, st, d)
	}
	if _, isCode := codeIn(req.Text, false); isCode {
		return f.code(ctx, req, fold, false)
	}
	return f.noDigits(req, fold)
}

// noDigits answers a message without the four digits at the digits step.
func (f *Flow) noDigits(req *handlers.Request, fold string) ([]motcua.Reply, error) {
	ws := strings.Fields(fold)
	switch {
	case hasAny(fold, otherFlowPhrases):
		return nil, handlers.ErrPass
	case hasDigit(req.Text):
		req.Text = digitsTurn // a mistyped number may still hold the digits
		return one(msgBadDigits, cancelButton), nil
	case hasAny(fold, helpPhrases) && (len(ws) <= 4 || hasAny(fold, dossierWords)):
		return one(f.withHotline(msgForgotDigits), cancelButton), nil
	case len(ws) <= 2 || hasAny(fold, dossierWords):
		return one(msgBadDigits, cancelButton), nil
	}
	return nil, handlers.ErrPass
}

// check proves the code with the digits, within the limits, and shows the
// dossier. A wrong code and wrong digits get the same answer, so that the
// answer never tells whether a code exists.
func (f *Flow) check(ctx context.Context, req *handlers.Request, st state, digits string) ([]motcua.Reply, error) {
	for _, l := range []struct {
		scope, key string
		limit      Limit
	}{{"chat", chatKey(req.Conv.Key), f.cfg.PerChat}, {"code", codeKey(st.Code), f.cfg.PerCode}} {
		if over, err := f.over(ctx, l.key, l.limit); err != nil {
			return nil, f.internal("count attempts", err, st.Code)
		} else if over {
			return f.throttled(ctx, req, l.scope), nil
		}
	}
	d, err := f.cfg.Dossiers.Dossier(ctx, st.Code)
	if err != nil && motcua.ErrorCode(err) != motcua.ENOTFOUND {
		return nil, f.internal("find dossier", err, st.Code)
	}
	if err != nil || !digitsMatch(d.Phone, digits) {
		return f.fail(ctx, req, st.Code)
	}
	f.stats.proven.Add(1)
	f.report(ctx, LookupFound)
	// The stored code, not the one typed: subscriptions and later lookups
	// key on it.
	prove(req.Conv, d.Code)
	end(req.Conv)
	replies := f.render(d)
	if st.Subscribe {
		sub, err := f.subscribe(ctx, req, d.Code)
		if err != nil {
			return nil, err
		}
		replies = append(replies, sub...)
	}
	return replies, nil
}

// fail counts a failed attempt against the conversation and the code, and
// lets the citizen try the digits again or type the code again: the answer
// does not say which was wrong.
func (f *Flow) fail(ctx context.Context, req *handlers.Request, code string) ([]motcua.Reply, error) {
	f.stats.failed.Add(1)
	f.report(ctx, LookupWrong)
	now := f.cfg.Now()
	for _, key := range []string{chatKey(req.Conv.Key), codeKey(code)} {
		if err := f.cfg.Attempts.AddAttempt(ctx, key, now); err != nil {
			return nil, f.internal("add attempt", err, code)
		}
	}
	saveState(req.Conv, state{Step: stepDigits, Code: code})
	return one(f.withHotline(msgNoMatch), cancelButton), nil
}

// over reports whether key has used up its limit of failures.
func (f *Flow) over(ctx context.Context, key string, l Limit) (bool, error) {
	n, err := f.cfg.Attempts.CountAttempts(ctx, key, f.cfg.Now().Add(-l.Window))
	return n >= l.N, err
}

// throttled ends the flow with the polite answer to too many failures.
// The log says which limit held, and nothing about the chat or the code.
func (f *Flow) throttled(ctx context.Context, req *handlers.Request, scope string) []motcua.Reply {
	f.stats.throttled.Add(1)
	f.report(ctx, LookupThrottled)
	f.log.Warn("dossier lookup throttled", "limit", scope)
	end(req.Conv)
	return one(f.withHotline(msgThrottled), menuButton)
}

// show shows a dossier the conversation has already proven.
func (f *Flow) show(ctx context.Context, req *handlers.Request, code string) ([]motcua.Reply, error) {
	d, err := f.cfg.Dossiers.Dossier(ctx, code)
	if motcua.ErrorCode(err) == motcua.ENOTFOUND {
		return one(f.withHotline("Không còn tìm thấy hồ sơ "+code+" trong dữ liệu của Trung tâm."), anotherButton, menuButton), nil
	} else if err != nil {
		return nil, f.internal("find dossier", err, code)
	}
	return f.render(d), nil
}

// provenCode returns the stored code of the dossier code names when the
// conversation has proven that dossier. A code typed otherwise than stored
// ("h47 260301 0042") is looked up only when a proven code is written
// alike, and counts only when it finds that very dossier.
func (f *Flow) provenCode(ctx context.Context, c *motcua.Conversation, code string) (string, bool, error) {
	if proven(c, code) {
		return code, true, nil
	}
	if !slices.ContainsFunc(c.Proven, func(p string) bool { return sameCode(p, code) }) {
		return "", false, nil
	}
	d, err := f.cfg.Dossiers.Dossier(ctx, code)
	if motcua.ErrorCode(err) == motcua.ENOTFOUND {
		return "", false, nil
	} else if err != nil {
		return "", false, err
	}
	return d.Code, proven(c, d.Code), nil
}

// sameCode reports whether two codes are written alike: the same letters
// and digits, whatever the separators and case.
func sameCode(a, b string) bool {
	return motcua.DossierLookupKey(a) == motcua.DossierLookupKey(b)
}

// digitsMatch compares the last four digits of phone with digits, in
// constant time.
func digitsMatch(phone, digits string) bool {
	var ds []byte
	for i := 0; i < len(phone); i++ {
		if phone[i] >= '0' && phone[i] <= '9' {
			ds = append(ds, phone[i])
		}
	}
	if len(ds) < 4 || len(digits) != 4 {
		return false
	}
	return subtle.ConstantTimeCompare(ds[len(ds)-4:], []byte(digits)) == 1
}

// chatKey is the Attempts key of a conversation's failures.
func chatKey(convKey string) string { return "dossier:chat:" + convKey }

// codeKey is the Attempts key of a code's failures; the code is hashed so
// that the attempts table holds no dossier codes. Codes written alike share
// one key, so that changing the separators buys no more tries.
func codeKey(code string) string {
	sum := sha256.Sum256([]byte(motcua.DossierLookupKey(code)))
	return "dossier:code:" + hex.EncodeToString(sum[:12])
}

// internal wraps an unexpected error for the engine, which logs it: the
// code is taken out of the message first.
func (f *Flow) internal(op string, err error, code string) error {
	for _, e := range []error{context.Canceled, context.DeadlineExceeded} {
		if errors.Is(err, e) {
			return fmt.Errorf("dossierflow: %s: %w", op, e)
		}
	}
	return motcua.Errorf(motcua.EINTERNAL, "dossierflow: %s: %s", op, pii.Mask(maskCode(err.Error(), code)))
}
