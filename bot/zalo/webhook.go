package zalo

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"io"
	"net/http"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot"
)

// maxEventBytes bounds a webhook body; real events are a few kilobytes.
const maxEventBytes = 1 << 20

// WebhookHandler returns the handler for POST WebhookPath. It answers 401 to
// an event whose X-ZEvent-Signature is missing or wrong, or whose timestamp
// is stale, and 200 only once the event is stored in the inbox. An unsigned
// empty probe, which Zalo may send when the URL is saved, gets 200 and is
// otherwise ignored.
func (b *Bot) WebhookHandler() http.Handler {
	return http.HandlerFunc(b.serveWebhook)
}

func (b *Bot) serveWebhook(w http.ResponseWriter, r *http.Request) {
	if !bot.AllowPost(w, r) {
		return
	}
	body, ok := bot.ReadBody(w, r, maxEventBytes)
	if !ok {
		return
	}
	sig := r.Header.Get("X-ZEvent-Signature")
	if sig == "" && isProbe(body) {
		writeOK(w)
		return
	}
	ev, err := parseEvent(body)
	if err != nil || !b.authentic(ev, body, sig) {
		b.log.Warn("zalo: webhook refused", "reason", "signature")
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	if !b.fresh(ev) {
		b.log.Warn("zalo: webhook refused", "reason", "stale timestamp", "event", ev.EventName)
		http.Error(w, "stale event", http.StatusUnauthorized)
		return
	}
	if _, err := b.st.PutInbox(r.Context(), motcua.ChannelZalo, ev.id(), body); err != nil {
		// Not acknowledged: Zalo may deliver it again.
		b.log.Error("zalo: store event", "event", ev.EventName, "err", err)
		http.Error(w, "try again", http.StatusServiceUnavailable)
		return
	}
	b.nudge()
	writeOK(w)
}

// isProbe reports whether an unsigned body is the empty check Zalo sends
// when the webhook URL is saved, rather than an event.
func isProbe(body []byte) bool {
	s := strings.TrimSpace(string(body))
	if s == "" || s == "{}" {
		return true
	}
	ev, err := parseEvent(body)
	return err == nil && ev.EventName == "" && ev.Message.MsgID == ""
}

// authentic checks sig = "mac=" + hex(sha256(appID + body + timestamp +
// OA secret key)) in constant time, and that the event is for this app.
func (b *Bot) authentic(ev event, body []byte, sig string) bool {
	got, ok := strings.CutPrefix(strings.TrimSpace(sig), "mac=")
	if !ok || ev.AppID != b.cfg.AppID {
		return false
	}
	want := Sign(b.cfg.AppID, body, ev.timestamp(), b.cfg.OASecretKey)
	return subtle.ConstantTimeCompare([]byte(strings.ToLower(got)), []byte(want)) == 1
}

// fresh reports whether the event's time is within MaxSkew of now, so that a
// captured event cannot be replayed later.
func (b *Bot) fresh(ev event) bool {
	at := ev.at()
	if at.IsZero() {
		return false
	}
	d := b.now().Sub(at)
	return d < b.cfg.MaxSkew && d > -b.cfg.MaxSkew
}

// Sign computes the hex signature Zalo puts after "mac=" in
// X-ZEvent-Signature. It is exported for tests and tools that post events.
func Sign(appID string, body []byte, timestamp, oaSecretKey string) string {
	h := sha256.New()
	h.Write([]byte(appID))
	h.Write(body)
	h.Write([]byte(timestamp))
	h.Write([]byte(oaSecretKey))
	return hex.EncodeToString(h.Sum(nil))
}

func writeOK(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, `{"error":0,"message":"Success"}`)
}
