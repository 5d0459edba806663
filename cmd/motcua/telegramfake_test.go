package main

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const fakeTelegramToken = "424242:REPLICA-test-token"

// fakeTelegram is a Bot API server speaking the real protocol (methods at
// /bot{token}/{method}, parameters as multipart, urlencoded or JSON, answers
// in the {"ok":…,"result":…} envelope) for the calls the program makes:
// getMe, setWebhook, deleteWebhook, getUpdates, sendMessage and
// answerCallbackQuery. It records what the bot sent.
type fakeTelegram struct {
	srv *httptest.Server

	mu        sync.Mutex
	changed   chan struct{} // closed and replaced on every change
	sent      []repSent
	callbacks []string
	webhooks  []string // URLs set by setWebhook
	polls     int
	msgID     int
}

// repSent is one message the bot sent.
type repSent struct {
	Chat   int64
	Text   string
	Markup string
}

func newFakeTelegram(t testing.TB) *fakeTelegram {
	f := &fakeTelegram{changed: make(chan struct{})}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// signal wakes every waiter; call with f.mu held.
func (f *fakeTelegram) signal() {
	close(f.changed)
	f.changed = make(chan struct{})
}

func (f *fakeTelegram) serve(w http.ResponseWriter, r *http.Request) {
	token, method, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	if !ok || token != fakeTelegramToken {
		repTgReply(w, 401, nil, "Unauthorized")
		return
	}
	p, err := repTgParams(r)
	if err != nil {
		repTgReply(w, 400, nil, "Bad Request: "+err.Error())
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	switch method {
	case "getMe":
		repTgReply(w, 200, map[string]any{"id": 424242, "is_bot": true, "first_name": "Một cửa", "username": "motcua_bot"}, "")
	case "setWebhook":
		f.webhooks = append(f.webhooks, p["url"])
		f.signal()
		repTgReply(w, 200, true, "")
	case "deleteWebhook":
		repTgReply(w, 200, true, "")
	case "getUpdates":
		f.polls++
		f.signal()
		f.mu.Unlock()
		f.holdPoll(w, r, p)
		f.mu.Lock()
	case "sendMessage":
		f.send(w, p)
	case "answerCallbackQuery":
		f.callbacks = append(f.callbacks, p["callback_query_id"])
		f.signal()
		repTgReply(w, 200, true, "")
	default:
		repTgReply(w, 404, nil, "Not Found: method not found")
	}
}

// holdPoll answers a long poll with no updates after its timeout, or when
// the poller goes away.
func (f *fakeTelegram) holdPoll(w http.ResponseWriter, r *http.Request, p map[string]string) {
	timeout, _ := strconv.Atoi(p["timeout"])
	select {
	case <-time.After(time.Duration(timeout) * time.Second):
		repTgReply(w, 200, []any{}, "")
	case <-r.Context().Done():
	}
}

// send records a sendMessage; call with f.mu held.
func (f *fakeTelegram) send(w http.ResponseWriter, p map[string]string) {
	chat, err := strconv.ParseInt(p["chat_id"], 10, 64)
	if err != nil {
		repTgReply(w, 400, nil, "Bad Request: chat not found")
		return
	}
	f.msgID++
	f.sent = append(f.sent, repSent{Chat: chat, Text: p["text"], Markup: p["reply_markup"]})
	f.signal()
	repTgReply(w, 200, map[string]any{
		"message_id": f.msgID, "date": time.Now().Unix(), "text": p["text"],
		"chat": map[string]any{"id": chat, "type": "private"},
	}, "")
}

// sentTo returns the messages sent to chat so far.
func (f *fakeTelegram) sentTo(chat int64) []repSent {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []repSent
	for _, m := range f.sent {
		if m.Chat == chat {
			out = append(out, m)
		}
	}
	return out
}

// callbackCount counts answerCallbackQuery calls for one query id.
func (f *fakeTelegram) callbackCount(id string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.callbacks {
		if c == id {
			n++
		}
	}
	return n
}

// waitFor waits until cond holds on the server state, or fails the test.
func (f *fakeTelegram) waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		f.mu.Lock()
		ch := f.changed
		f.mu.Unlock()
		if cond() {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// waitSentTo waits until chat received at least n messages and returns them.
func (f *fakeTelegram) waitSentTo(t testing.TB, chat int64, n int) []repSent {
	t.Helper()
	f.waitFor(t, strconv.Itoa(n)+" messages to chat "+strconv.FormatInt(chat, 10), func() bool { return len(f.sentTo(chat)) >= n })
	return f.sentTo(chat)
}

// repTgParams reads a call's parameters as strings, whatever the encoding.
func repTgParams(r *http.Request) (map[string]string, error) {
	out := map[string]string{}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		var m map[string]json.RawMessage
		body, _ := io.ReadAll(r.Body)
		if len(body) == 0 {
			return out, nil
		}
		if err := json.Unmarshal(body, &m); err != nil {
			return nil, err
		}
		for k, v := range m {
			var s string
			if json.Unmarshal(v, &s) == nil {
				out[k] = s
			} else {
				out[k] = string(v)
			}
		}
	case "multipart/form-data":
		// Calls without parameters come as an empty multipart body.
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			return out, nil
		}
		for k, v := range r.MultipartForm.Value {
			out[k] = v[0]
		}
	default:
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
		for k, v := range r.Form {
			out[k] = v[0]
		}
	}
	return out, nil
}

func repTgReply(w http.ResponseWriter, status int, result any, desc string) {
	body := map[string]any{"ok": status == 200}
	if status == 200 {
		body["result"] = result
	} else {
		body["error_code"] = status
		body["description"] = desc
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// repTgMessage is the JSON of a Telegram update carrying a text message.
func repTgMessage(updateID, chat int64, text string) []byte {
	raw, _ := json.Marshal(map[string]any{"update_id": updateID, "message": map[string]any{
		"message_id": updateID, "date": time.Now().Unix(), "text": text,
		"chat": map[string]any{"id": chat, "type": "private"},
		"from": map[string]any{"id": chat, "is_bot": false, "first_name": "An"},
	}})
	return raw
}

// tgCallback is the JSON of an update for a tapped inline button.
func tgCallback(updateID, chat int64, queryID, data string) []byte {
	raw, _ := json.Marshal(map[string]any{"update_id": updateID, "callback_query": map[string]any{
		"id": queryID, "data": data, "chat_instance": "ci",
		"from": map[string]any{"id": chat, "is_bot": false, "first_name": "An"},
		"message": map[string]any{"message_id": 1, "date": time.Now().Unix(), "text": "…",
			"chat": map[string]any{"id": chat, "type": "private"}},
	}})
	return raw
}
