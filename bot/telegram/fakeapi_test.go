package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"golang.org/x/time/rate"

	"github.com/motcua/motcua"
)

const testToken = "123456:TEST-token"

// fakeAPI is a Bot API server speaking the real protocol: methods at
// /bot{token}/{method}, parameters as multipart, urlencoded or JSON bodies,
// answers in the {"ok":…,"result":…} envelope, long polling with offsets,
// and the error answers the bot must cope with (429 with retry_after, 403,
// 409). With enforce set it applies Telegram's limits and answers 429.
type fakeAPI struct {
	srv *httptest.Server

	mu        sync.Mutex
	changed   chan struct{} // closed and replaced on every change
	pending   []fakeUpdate
	nextID    int64
	sent      []sentMsg
	callbacks []string
	webhook   map[string]string
	polls     int
	n429      int
	msgID     int

	// Faults, set by tests before or while the bot runs.
	throttle  map[int64]int  // chat → 429s to answer before accepting
	wait429   int            // retry_after of those 429s; 0 means 1
	forbidden map[int64]bool // chats that blocked the bot
	conflict  bool           // getUpdates answers 409
	enforce   bool           // apply the rate limits
	hold      func(m sentMsg) bool
	global    *rate.Limiter           // for enforce
	perChat   map[int64]*rate.Limiter // for enforce
	poller    chan struct{}
	files     map[string]string // file_id → content, for getFile
}

type fakeUpdate struct {
	id  int64
	raw json.RawMessage
}

// sentMsg is one message the bot sent.
type sentMsg struct {
	Method    string
	Chat      int64
	Text      string
	ParseMode string
	Markup    string // reply_markup as sent (JSON)
	File      string // photo or document
	At        time.Time
}

func newFakeAPI(t testing.TB) *fakeAPI {
	f := &fakeAPI{
		changed: make(chan struct{}), nextID: 1000,
		throttle: map[int64]int{}, forbidden: map[int64]bool{}, webhook: map[string]string{},
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) URL() string { return f.srv.URL }

// signal wakes every waiter; call with f.mu held.
func (f *fakeAPI) signal() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// push queues an update built from fields (update_id is added) and returns
// its id.
func (f *fakeAPI) push(fields map[string]any) int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextID++
	fields["update_id"] = f.nextID
	raw, _ := json.Marshal(fields)
	f.pending = append(f.pending, fakeUpdate{f.nextID, raw})
	f.signal()
	return f.nextID
}

// pushAgain queues an update with an id already used: a redelivery.
func (f *fakeAPI) pushAgain(id int64, fields map[string]any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fields["update_id"] = id
	raw, _ := json.Marshal(fields)
	f.pending = append(f.pending, fakeUpdate{id, raw})
	f.signal()
}

func (f *fakeAPI) pushText(chat int64, text string) int64 {
	return f.push(map[string]any{"message": msgFields(chat, text)})
}

func msgFields(chat int64, text string) map[string]any {
	return map[string]any{
		"message_id": 1, "date": time.Now().Unix(), "text": text,
		"chat": map[string]any{"id": chat, "type": "private"},
		"from": map[string]any{"id": chat, "is_bot": false, "first_name": "An"},
	}
}

// waitFor waits until cond holds on the server state, or fails the test.
func (f *fakeAPI) waitFor(t testing.TB, what string, cond func(f *fakeAPI) bool) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		f.mu.Lock()
		ok, ch := cond(f), f.changed
		f.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// waitSent waits until n messages were sent and returns them.
func (f *fakeAPI) waitSent(t testing.TB, n int) []sentMsg {
	t.Helper()
	f.waitFor(t, fmt.Sprintf("%d sent messages", n), func(f *fakeAPI) bool { return len(f.sent) >= n })
	return f.sentMsgs()
}

func (f *fakeAPI) sentMsgs() []sentMsg {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]sentMsg(nil), f.sent...)
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	if path, ok := strings.CutPrefix(r.URL.Path, "/file/bot"+testToken+"/photos/"); ok {
		f.mu.Lock()
		body, found := f.files[path]
		f.mu.Unlock()
		if !found {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "image/jpeg")
		io.WriteString(w, body)
		return
	}
	token, method, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	if !ok || token != testToken {
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
		reply(w, 200, map[string]any{"id": 123456, "is_bot": true, "first_name": "Một cửa", "username": "motcua_bot"}, "", 0)
	case "getUpdates":
		f.getUpdates(w, r, p)
	case "sendMessage", "sendPhoto", "sendDocument":
		f.send(w, r, method, p)
	case "answerCallbackQuery":
		f.mu.Lock()
		f.callbacks = append(f.callbacks, p["callback_query_id"])
		f.signal()
		f.mu.Unlock()
		reply(w, 200, true, "", 0)
	case "setWebhook":
		f.mu.Lock()
		f.webhook = p
		f.signal()
		f.mu.Unlock()
		reply(w, 200, true, "", 0)
	case "deleteWebhook":
		reply(w, 200, true, "", 0)
	case "getFile":
		if p["file_id"] == "" || p["file_id"] == "gone" {
			reply(w, 400, nil, "Bad Request: invalid file_id", 0)
			return
		}
		reply(w, 200, map[string]any{"file_id": p["file_id"], "file_unique_id": "u", "file_path": "photos/" + p["file_id"]}, "", 0)
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
			var s string
			if json.Unmarshal(v, &s) == nil {
				out[k] = s
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

// getUpdates confirms the updates before offset, then answers the pending
// ones, waiting up to timeout seconds for one. A newer getUpdates ends an
// older one with 409, as Telegram does.
func (f *fakeAPI) getUpdates(w http.ResponseWriter, r *http.Request, p map[string]string) {
	offset, _ := strconv.ParseInt(p["offset"], 10, 64)
	timeout, _ := strconv.Atoi(p["timeout"])
	limit, _ := strconv.Atoi(p["limit"])
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	f.mu.Lock()
	f.polls++
	f.signal()
	if f.conflict {
		f.mu.Unlock()
		reply(w, 409, nil, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", 0)
		return
	}
	if f.poller != nil {
		close(f.poller)
	}
	mine := make(chan struct{})
	f.poller = mine
	f.mu.Unlock()
	deadline := time.After(time.Duration(timeout) * time.Second)
	for {
		f.mu.Lock()
		kept := f.pending[:0]
		for _, u := range f.pending {
			if offset == 0 || u.id >= offset {
				kept = append(kept, u)
			}
		}
		f.pending = kept
		out := append([]json.RawMessage{}, rawOf(kept[:min(len(kept), limit)])...)
		ch := f.changed
		f.mu.Unlock()
		if len(out) > 0 || timeout == 0 {
			reply(w, 200, out, "", 0)
			return
		}
		select {
		case <-ch:
		case <-mine:
			reply(w, 409, nil, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", 0)
			return
		case <-deadline:
			reply(w, 200, []any{}, "", 0)
			return
		case <-r.Context().Done():
			return
		}
	}
}

func rawOf(us []fakeUpdate) []json.RawMessage {
	out := make([]json.RawMessage, len(us))
	for i, u := range us {
		out[i] = u.raw
	}
	return out
}

func (f *fakeAPI) send(w http.ResponseWriter, r *http.Request, method string, p map[string]string) {
	chat, err := strconv.ParseInt(p["chat_id"], 10, 64)
	if err != nil {
		reply(w, 400, nil, "Bad Request: chat not found", 0)
		return
	}
	m := sentMsg{Method: method, Chat: chat, Text: p["text"], ParseMode: p["parse_mode"],
		Markup: p["reply_markup"], File: p["photo"] + p["document"], At: time.Now()}
	if f.hold != nil && f.hold(m) {
		// Until the body is read to its end the server cannot notice that
		// the caller went away.
		_, _ = io.Copy(io.Discard, r.Body)
		<-r.Context().Done() // the caller gives up: a crash mid-send
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case f.forbidden[chat]:
		reply(w, 403, nil, "Forbidden: bot was blocked by the user", 0)
		return
	case f.throttle[chat] > 0:
		f.throttle[chat]--
		f.n429++
		f.signal()
		after := max(f.wait429, 1)
		reply(w, 429, nil, fmt.Sprintf("Too Many Requests: retry after %d", after), after)
		return
	case f.enforce && f.overLimit(m):
		f.n429++
		f.signal()
		reply(w, 429, nil, "Too Many Requests: retry after 1", 1)
		return
	}
	if textLength(m) > 4096 {
		reply(w, 400, nil, "Bad Request: message is too long", 0)
		return
	}
	f.msgID++
	f.sent = append(f.sent, m)
	f.signal()
	reply(w, 200, map[string]any{"message_id": f.msgID, "date": time.Now().Unix(),
		"chat": map[string]any{"id": chat, "type": "private"}, "text": m.Text}, "", 0)
}

// textLength is the length Telegram checks: UTF-16 units after entities
// are parsed.
func textLength(m sentMsg) int {
	text := m.Text
	if m.ParseMode == "HTML" {
		text = html.UnescapeString(text)
	}
	return len(utf16.Encode([]rune(text)))
}

// Limits the fake enforces, as token buckets: Telegram's 30 messages a
// second overall and 1 a second in one chat, each with a short burst
// tolerated (Telegram's own words: "short bursts that go over this limit"),
// which also absorbs the scheduling jitter of a loaded test machine.
const (
	fakeGlobalRate  = 30
	fakeGlobalBurst = 15
	fakeChatRate    = 1
	fakeChatBurst   = 4
)

// overLimit reports whether m breaks a limit; call with f.mu held.
func (f *fakeAPI) overLimit(m sentMsg) bool {
	if f.global == nil {
		f.global = rate.NewLimiter(fakeGlobalRate, fakeGlobalBurst)
		f.perChat = map[int64]*rate.Limiter{}
	}
	c, ok := f.perChat[m.Chat]
	if !ok {
		c = rate.NewLimiter(fakeChatRate, fakeChatBurst)
		f.perChat[m.Chat] = c
	}
	now := time.Now()
	if c.TokensAt(now) < 1 || f.global.TokensAt(now) < 1 {
		return true
	}
	c.AllowN(now, 1)
	f.global.AllowN(now, 1)
	return false
}

// startBot runs a bot against the fake until the test ends; it returns the
// bot and a stop function that waits for Run to return.
func startBot(t testing.TB, f *fakeAPI, st Store, h motcua.Handler, tune func(*Config)) (*Bot, func() error) {
	t.Helper()
	cfg := Config{Token: testToken, APIURL: f.URL(), PollTimeout: time.Second, HandleLease: time.Minute, ShutdownGrace: -1,
		Logger: slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	if tune != nil {
		tune(&cfg)
	}
	b, err := New(cfg, h, st)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	var once sync.Once
	var runErr error
	stop := func() error {
		once.Do(func() { cancel(); runErr = <-done })
		return runErr
	}
	t.Cleanup(func() { _ = stop() })
	return b, stop
}

// testLog sends the bot's log to the test's.
type testLog struct{ t testing.TB }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// handlerFunc is an engine written inline in a test.
type handlerFunc func(ctx context.Context, m motcua.Message) ([]motcua.Reply, error)

func (h handlerFunc) Handle(ctx context.Context, m motcua.Message) ([]motcua.Reply, error) {
	return h(ctx, m)
}

// quiet is a logger for tests that expect warnings.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))
