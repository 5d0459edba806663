package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"golang.org/x/time/rate"
)

func TestStats(t *testing.T) {
	h := &echoHandler{}
	srv := New(Config{Handler: h, Limits: Limits{AddrRate: rate.Inf, SessionRate: rate.Every(time.Hour), SessionBurst: 2}})
	mux := http.NewServeMux()
	srv.Register(mux)
	ts := httptest.NewServer(mux)
	defer ts.Close()
	postChat(t, ts, chatBody(t, map[string]string{"session_id": session, "text": "xin chào"}))
	postChat(t, ts, `{`)
	postChat(t, ts, chatBody(t, map[string]string{"session_id": session, "text": "panic"}))
	postChat(t, ts, chatBody(t, map[string]string{"session_id": session, "text": "x"}))
	want := Stats{Turns: 1, Failed: 1, Refused: 1, Limited: 1}
	if got := srv.Stats(); got != want {
		t.Errorf("stats %+v, want %+v", got, want)
	}
}

// ctxHandler reports whether its context outlived the client: the server
// notices a closed connection within milliseconds, so a second is ample.
type ctxHandler struct {
	entered chan struct{}
	alive   chan bool
}

func (h *ctxHandler) Handle(ctx context.Context, m motcua.Message) ([]motcua.Reply, error) {
	close(h.entered)
	select {
	case <-ctx.Done():
		h.alive <- false
	case <-time.After(time.Second):
		h.alive <- true
	}
	return nil, nil
}

// A citizen whose phone drops the connection mid-turn still has the turn
// carried out, so a confirmed step is not left half done.
func TestTurnOutlivesDroppedConnection(t *testing.T) {
	h := &ctxHandler{entered: make(chan struct{}), alive: make(chan bool, 1)}
	ts := newTestServer(t, Config{Handler: h, Limits: noLimits})
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "POST", ts.URL+"/api/chat",
		strings.NewReader(chatBody(t, map[string]string{"session_id": session, "action": "confirm"})))
	done := make(chan struct{})
	go func() {
		defer close(done)
		if res, err := http.DefaultClient.Do(req); err == nil {
			res.Body.Close()
		}
	}()
	<-h.entered
	cancel()
	<-done
	if !<-h.alive {
		t.Error("the turn was cancelled with the connection")
	}
}
