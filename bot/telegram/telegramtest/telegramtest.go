// Package telegramtest is a fake Telegram Bot API server for tests. It
// speaks the real protocol: methods at /bot{token}/{method} with multipart,
// urlencoded or JSON parameters, answers in the {"ok":…,"result":…}
// envelope, long polling with offsets, files at /file/bot{token}/{path},
// and the error answers a bot must cope with (429 with retry_after, 403,
// 409). It records what the bot sent, in order.
package telegramtest

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

	"golang.org/x/time/rate"
)

// GoneFile is a file id getFile refuses, as Telegram does for an expired
// or unknown one. Any other id gets a path; its download is 404 unless
// AddFile gave it content.
const GoneFile = "gone"

// Server is a fake Bot API on an httptest server; its URL is the bot's API
// URL. Only calls with its Token are served; others get 401.
type Server struct {
	*httptest.Server
	Token string

	mu        sync.Mutex
	changed   chan struct{} // closed and replaced on every change
	pending   []update
	nextID    int64
	sent      []Sent
	read      int // messages Next has handed out
	callbacks []string
	webhooks  []map[string]string // setWebhook parameters, in order
	polls     int
	n429      int
	poller    chan struct{} // closed when a newer getUpdates arrives
	files     map[string]string

	// Faults, set by tests through the methods below.
	throttle  map[int64]int // chat → 429s to answer before accepting
	wait429   int           // retry_after of those 429s; 0 means 1
	forbidden map[int64]bool
	conflict  bool
	enforce   bool
	hold      func(Sent) bool
	global    *rate.Limiter
	perChat   map[int64]*rate.Limiter
}

// Sent is one message the bot sent.
type Sent struct {
	Method    string
	Chat      int64
	Text      string // text, or caption of a photo or document
	ParseMode string
	Markup    string // reply_markup as sent (JSON)
	File      string // photo or document
	At        time.Time
}

// New starts a fake serving token until the test ends.
func New(t testing.TB, token string) *Server {
	s := &Server{Token: token, changed: make(chan struct{}), nextID: 1000,
		files: map[string]string{}, throttle: map[int64]int{}, forbidden: map[int64]bool{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// signal wakes every waiter; call with s.mu held.
func (s *Server) signal() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// record applies change under the lock and wakes the waiters.
func (s *Server) record(change func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	change()
	s.signal()
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if path, ok := strings.CutPrefix(r.URL.Path, "/file/bot"+s.Token+"/"); ok {
		s.serveFile(w, r, path)
		return
	}
	token, method, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	if !ok || token != s.Token {
		reply(w, 401, nil, "Unauthorized", 0)
		return
	}
	p, err := params(r)
	if err != nil {
		reply(w, 400, nil, "Bad Request: "+err.Error(), 0)
		return
	}
	switch method {
	case "getMe":
		id, _, _ := strings.Cut(s.Token, ":")
		botID, _ := strconv.ParseInt(id, 10, 64)
		reply(w, 200, map[string]any{"id": botID, "is_bot": true, "first_name": "Một cửa", "username": "motcua_bot"}, "", 0)
	case "getUpdates":
		s.getUpdates(w, r, p)
	case "sendMessage", "sendPhoto", "sendDocument":
		s.send(w, r, method, p)
	case "answerCallbackQuery":
		s.record(func() { s.callbacks = append(s.callbacks, p["callback_query_id"]) })
		reply(w, 200, true, "", 0)
	case "setWebhook":
		s.record(func() { s.webhooks = append(s.webhooks, p) })
		reply(w, 200, true, "", 0)
	case "deleteWebhook":
		reply(w, 200, true, "", 0)
	case "getFile":
		s.getFile(w, p["file_id"])
	default:
		reply(w, 404, nil, "Not Found: method not found", 0)
	}
}

// params reads the call's parameters as strings, whatever the encoding;
// nested objects stay JSON text, as Telegram reads them.
func params(r *http.Request) (map[string]string, error) {
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
			var str string
			if json.Unmarshal(v, &str) == nil {
				out[k] = str
			} else {
				out[k] = string(v)
			}
		}
	case "multipart/form-data":
		// The library sends an empty multipart body for calls without
		// parameters (getMe); Telegram accepts it.
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

// reply writes the Bot API envelope; retryAfter > 0 adds the parameters of
// a 429.
func reply(w http.ResponseWriter, status int, result any, desc string, retryAfter int) {
	body := map[string]any{"ok": status == 200}
	if status == 200 {
		body["result"] = result
	} else {
		body["error_code"] = status
		body["description"] = desc
		if retryAfter > 0 {
			body["parameters"] = map[string]any{"retry_after": retryAfter}
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// AddFile makes content available through getFile and the file endpoint.
func (s *Server) AddFile(id, content string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[id] = content
}

func (s *Server) getFile(w http.ResponseWriter, id string) {
	if id == "" || id == GoneFile {
		reply(w, 400, nil, "Bad Request: invalid file_id", 0)
		return
	}
	s.mu.Lock()
	content := s.files[id]
	s.mu.Unlock()
	reply(w, 200, map[string]any{"file_id": id, "file_unique_id": "u" + id,
		"file_size": len(content), "file_path": "photos/" + id}, "", 0)
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, path string) {
	id, _ := strings.CutPrefix(path, "photos/")
	s.mu.Lock()
	body, ok := s.files[id]
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "image/jpeg")
	_, _ = io.WriteString(w, body)
}
