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

const tgToken = "424242:whole-program-token"

// tgFake is a Bot API server speaking the real protocol: methods at
// /bot{token}/{method} with multipart, urlencoded or JSON parameters,
// answers in the {"ok":…,"result":…} envelope, files at
// /file/bot{token}/{path}. It serves the calls the program makes (getMe,
// setWebhook, deleteWebhook, getUpdates, sendMessage, sendPhoto,
// sendDocument, answerCallbackQuery, getFile) and records what the program
// sent, in order.
type tgFake struct {
	*httptest.Server

	mu        sync.Mutex
	changed   chan struct{} // closed and replaced on every change
	sent      []tgSent
	read      int                 // messages next has handed out
	webhooks  []map[string]string // setWebhook parameters, in order
	callbacks []string            // answerCallbackQuery query ids
	polls     int                 // getUpdates calls
	files     map[string]string   // file_id → content, for getFile
}

// tgSent is one message the program sent.
type tgSent struct {
	Method string
	Chat   string
	Text   string // text, or caption of a photo or document
	Markup string // reply_markup, JSON
}

func newTGFake(t testing.TB) *tgFake {
	f := &tgFake{changed: make(chan struct{}), files: map[string]string{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

// signal wakes every waiter; call with f.mu held.
func (f *tgFake) signal() {
	close(f.changed)
	f.changed = make(chan struct{})
}

func (f *tgFake) serve(w http.ResponseWriter, r *http.Request) {
	if path, ok := strings.CutPrefix(r.URL.Path, "/file/bot"+tgToken+"/"); ok {
		f.serveFile(w, path)
		return
	}
	token, method, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	if !ok || token != tgToken {
		tgReply(w, 401, nil, "Unauthorized")
		return
	}
	p, err := tgParams(r)
	if err != nil {
		tgReply(w, 400, nil, "Bad Request: "+err.Error())
		return
	}
	switch method {
	case "getMe":
		tgReply(w, 200, map[string]any{"id": 424242, "is_bot": true, "first_name": "Một cửa", "username": "motcua_bot"}, "")
	case "setWebhook":
		f.record(func() { f.webhooks = append(f.webhooks, p) })
		tgReply(w, 200, true, "")
	case "deleteWebhook":
		tgReply(w, 200, true, "")
	case "getUpdates":
		f.record(func() { f.polls++ })
		holdPoll(w, r, p)
	case "sendMessage", "sendPhoto", "sendDocument":
		f.send(w, method, p)
	case "answerCallbackQuery":
		f.record(func() { f.callbacks = append(f.callbacks, p["callback_query_id"]) })
		tgReply(w, 200, true, "")
	case "getFile":
		f.getFile(w, p["file_id"])
	default:
		tgReply(w, 404, nil, "Not Found: method not found")
	}
}

// record applies change under the lock and wakes the waiters.
func (f *tgFake) record(change func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	change()
	f.signal()
}

// holdPoll answers a long poll with no updates after its timeout, or when
// the poller goes away.
func holdPoll(w http.ResponseWriter, r *http.Request, p map[string]string) {
	timeout, _ := strconv.Atoi(p["timeout"])
	select {
	case <-time.After(time.Duration(timeout) * time.Second):
		tgReply(w, 200, []any{}, "")
	case <-r.Context().Done():
	}
}

// send records a message the program sent and answers with it.
func (f *tgFake) send(w http.ResponseWriter, method string, p map[string]string) {
	chat, err := strconv.ParseInt(p["chat_id"], 10, 64)
	if err != nil {
		tgReply(w, 400, nil, "Bad Request: chat not found")
		return
	}
	m := tgSent{Method: method, Chat: p["chat_id"], Text: p["text"] + p["caption"], Markup: p["reply_markup"]}
	var n int
	f.record(func() {
		f.sent = append(f.sent, m)
		n = len(f.sent)
	})
	tgReply(w, 200, map[string]any{
		"message_id": n, "date": time.Now().Unix(), "text": m.Text,
		"chat": map[string]any{"id": chat, "type": "private"},
	}, "")
}

func (f *tgFake) getFile(w http.ResponseWriter, id string) {
	f.mu.Lock()
	_, ok := f.files[id]
	f.mu.Unlock()
	if !ok {
		tgReply(w, 400, nil, "Bad Request: invalid file_id")
		return
	}
	tgReply(w, 200, map[string]any{"file_id": id, "file_unique_id": "u" + id,
		"file_size": 4, "file_path": "photos/" + id + ".jpg"}, "")
}

func (f *tgFake) serveFile(w http.ResponseWriter, path string) {
	id := strings.TrimSuffix(strings.TrimPrefix(path, "photos/"), ".jpg")
	f.mu.Lock()
	body, ok := f.files[id]
	f.mu.Unlock()
	if !ok {
		http.NotFound(w, nil)
		return
	}
	w.Header().Set("Content-Type", "image/jpeg")
	io.WriteString(w, body)
}

// tgParams reads a call's parameters as strings, whatever the encoding.
func tgParams(r *http.Request) (map[string]string, error) {
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

func tgReply(w http.ResponseWriter, status int, result any, desc string) {
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

// next waits up to d for the next message the program sent that next has
// not handed out yet.
func (f *tgFake) next(d time.Duration) (tgSent, bool) {
	timeout := time.After(d)
	for {
		f.mu.Lock()
		ch := f.changed
		if f.read < len(f.sent) {
			m := f.sent[f.read]
			f.read++
			f.mu.Unlock()
			return m, true
		}
		f.mu.Unlock()
		select {
		case <-ch:
		case <-timeout:
			return tgSent{}, false
		}
	}
}

// waitFor waits until cond holds on the server state, or fails the test.
func (f *tgFake) waitFor(t testing.TB, what string, cond func() bool) {
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

// webhookSet returns the last setWebhook parameters, or nil before the
// program registered.
func (f *tgFake) webhookSet() map[string]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.webhooks) == 0 {
		return nil
	}
	return f.webhooks[len(f.webhooks)-1]
}

// sentAll returns every message sent so far.
func (f *tgFake) sentAll() []tgSent {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]tgSent(nil), f.sent...)
}

// sentTo returns the messages sent to chat so far.
func (f *tgFake) sentTo(chat int64) []tgSent {
	id := strconv.FormatInt(chat, 10)
	var out []tgSent
	for _, m := range f.sentAll() {
		if m.Chat == id {
			out = append(out, m)
		}
	}
	return out
}

// callbackCount counts answerCallbackQuery calls for one query id.
func (f *tgFake) callbackCount(id string) int {
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

// addFile makes a file available through getFile and the file endpoint.
func (f *tgFake) addFile(id, content string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files[id] = content
}

// callbacks returns the data of the inline buttons of m, by button text.
func (m tgSent) callbacks() map[string]string {
	out := map[string]string{}
	for _, b := range m.buttons() {
		if b.Data != "" {
			out[b.Text] = b.Data
		}
	}
	return out
}

// tgButton is one inline keyboard button.
type tgButton struct {
	Text string `json:"text"`
	Data string `json:"callback_data"`
}

// buttons returns the inline buttons of m, row by row.
func (m tgSent) buttons() []tgButton {
	var kb struct {
		Rows [][]tgButton `json:"inline_keyboard"`
	}
	_ = json.Unmarshal([]byte(m.Markup), &kb)
	var out []tgButton
	for _, row := range kb.Rows {
		out = append(out, row...)
	}
	return out
}

// tgTextUpdate is the JSON of a Telegram update carrying a text message.
func tgTextUpdate(updateID, chat int64, text string) []byte {
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
