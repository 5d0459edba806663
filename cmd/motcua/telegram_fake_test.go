package main

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

const tgToken = "424242:whole-program-token"

// tgFake is a small Bot API server speaking the real protocol: methods at
// /bot{token}/{method} with multipart, urlencoded or JSON parameters,
// answers in the {"ok":…,"result":…} envelope, files at
// /file/bot{token}/{path}. It takes what the program sends and hands it to
// the test in order.
type tgFake struct {
	*httptest.Server

	mu      sync.Mutex
	sent    []tgSent
	sentCh  chan tgSent
	webhook map[string]string
	answers int               // answerCallbackQuery calls
	files   map[string]string // file_id → content, for getFile
}

// tgSent is one message the program sent.
type tgSent struct {
	Method string
	Chat   string
	Text   string
	Markup string // reply_markup, JSON
}

func newTGFake(t *testing.T) *tgFake {
	f := &tgFake{sentCh: make(chan tgSent, 1000), files: map[string]string{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
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
	p := tgParams(r)
	switch method {
	case "getMe":
		tgReply(w, 200, map[string]any{"id": 424242, "is_bot": true, "first_name": "Một cửa", "username": "motcua_bot"}, "")
	case "setWebhook":
		f.mu.Lock()
		f.webhook = p
		f.mu.Unlock()
		tgReply(w, 200, true, "")
	case "deleteWebhook":
		tgReply(w, 200, true, "")
	case "answerCallbackQuery":
		f.mu.Lock()
		f.answers++
		f.mu.Unlock()
		tgReply(w, 200, true, "")
	case "sendMessage", "sendPhoto", "sendDocument":
		m := tgSent{Method: method, Chat: p["chat_id"], Text: p["text"] + p["caption"], Markup: p["reply_markup"]}
		f.mu.Lock()
		f.sent = append(f.sent, m)
		n := len(f.sent)
		f.mu.Unlock()
		f.sentCh <- m
		tgReply(w, 200, map[string]any{"message_id": n, "date": time.Now().Unix(),
			"chat": map[string]any{"id": json.Number(m.Chat), "type": "private"}, "text": m.Text}, "")
	case "getFile":
		f.mu.Lock()
		_, ok := f.files[p["file_id"]]
		f.mu.Unlock()
		if !ok {
			tgReply(w, 400, nil, "Bad Request: invalid file_id")
			return
		}
		tgReply(w, 200, map[string]any{"file_id": p["file_id"], "file_unique_id": "u" + p["file_id"],
			"file_size": 4, "file_path": "photos/" + p["file_id"] + ".jpg"}, "")
	default:
		tgReply(w, 404, nil, "Not Found: method not found")
	}
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
func tgParams(r *http.Request) map[string]string {
	out := map[string]string{}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		var m map[string]json.RawMessage
		body, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(body, &m)
		for k, v := range m {
			var s string
			if json.Unmarshal(v, &s) == nil {
				out[k] = s
			} else {
				out[k] = string(v)
			}
		}
	case "multipart/form-data":
		if r.ParseMultipartForm(1<<20) == nil {
			for k, v := range r.MultipartForm.Value {
				out[k] = v[0]
			}
		}
	default:
		if r.ParseForm() == nil {
			for k, v := range r.Form {
				out[k] = v[0]
			}
		}
	}
	return out
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

// next waits for the next message the program sent.
func (f *tgFake) next(d time.Duration) (tgSent, bool) {
	select {
	case m := <-f.sentCh:
		return m, true
	case <-time.After(d):
		return tgSent{}, false
	}
}

// webhookSet returns the setWebhook parameters once the program registered.
func (f *tgFake) webhookSet() map[string]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.webhook
}

// callbacks returns the data of the inline buttons of m.
func (m tgSent) callbacks() map[string]string {
	var kb struct {
		Rows [][]struct {
			Text string `json:"text"`
			Data string `json:"callback_data"`
		} `json:"inline_keyboard"`
	}
	_ = json.Unmarshal([]byte(m.Markup), &kb)
	out := map[string]string{}
	for _, row := range kb.Rows {
		for _, b := range row {
			if b.Data != "" {
				out[b.Text] = b.Data
			}
		}
	}
	return out
}

// sentAll returns every message sent so far.
func (f *tgFake) sentAll() []tgSent {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]tgSent(nil), f.sent...)
}

// addFile makes a file available through getFile and the file endpoint.
func (f *tgFake) addFile(id, content string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files[id] = content
}
