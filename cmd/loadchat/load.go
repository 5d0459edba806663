package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// questions are typed by the simulated citizens, in turn, some without
// diacritics as people type on phones.
var questions = []string{
	"làm giấy khai sinh cần gì",
	"lam can cuoc cong dan o dau",
	"phí bao nhiêu",
	"đăng ký kết hôn cần giấy tờ gì",
	"mất bao lâu",
	"xin chào",
	"cap lai giay phep lai xe",
	"làm online được không",
}

// turnReply is the part of the answer the load needs: buttons to tap.
type turnReply struct {
	Messages []struct {
		Buttons []struct {
			Action string `json:"action"`
		} `json:"buttons"`
	} `json:"messages"`
}

// result gathers every session's latencies and errors.
type result struct {
	mu        sync.Mutex
	latencies []time.Duration
	errors    map[string]int
	elapsed   time.Duration
}

func (r *result) add(d time.Duration, errKey string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if errKey != "" {
		r.errors[errKey]++
		return
	}
	r.latencies = append(r.latencies, d)
}

// load runs c.sessions conversations at once until the duration passes or
// each has made c.turns turns.
func load(ctx context.Context, client *http.Client, c config) *result {
	res := &result{errors: map[string]int{}}
	ctx, cancel := context.WithTimeout(ctx, c.duration)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for i := 0; i < c.sessions; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			converse(ctx, client, c, i, res)
		}(i)
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

// converse is one citizen: a question, then a tap on the first button
// offered, then the next question; turns go to the servers in turn.
func converse(ctx context.Context, client *http.Client, c config, n int, res *result) {
	session := newSession()
	action := ""
	for turn := 0; c.turns == 0 || turn < c.turns; turn++ {
		body := map[string]string{"session_id": session}
		if action != "" {
			body["action"] = action
		} else {
			body["text"] = questions[(n+turn)%len(questions)]
		}
		t0 := time.Now()
		reply, errKey := post(ctx, client, c.urls[(n+turn)%len(c.urls)], body)
		if ctx.Err() != nil {
			return // the run ended during this turn: not counted
		}
		res.add(time.Since(t0), errKey)
		action = ""
		if len(reply.Messages) > 0 && len(reply.Messages[0].Buttons) > 0 && turn%2 == 0 {
			action = reply.Messages[0].Buttons[0].Action
		}
	}
}

// post sends one turn; errKey names the failure, "" on success.
func post(ctx context.Context, client *http.Client, base string, body map[string]string) (turnReply, string) {
	var reply turnReply
	b, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(ctx, "POST", base+"/api/chat", bytes.NewReader(b))
	if err != nil {
		return reply, "request: " + err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return reply, "transport"
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, resp.Body)
		return reply, fmt.Sprintf("HTTP %d", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&reply); err != nil {
		return reply, "bad JSON"
	}
	return reply, ""
}

// newSession is a random session id as the page makes one.
func newSession() string {
	b := make([]byte, 24)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
