package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot/telegram/telegramtest"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

const replicaWebhookSecret = "replica-webhook-secret"

// cluster is two replicas of the program on one PostgreSQL database, a fake
// Telegram Bot API in webhook mode, and a store of the test's own on the same
// database to look at what the replicas did.
type cluster struct {
	t    *testing.T
	reps []*Main
	tg   *telegramtest.Server
	db   *store.DB
}

// newCluster starts two replicas at once on a fresh PostgreSQL schema (both
// run the migrations concurrently; the advisory lock lets one do it). It
// skips the test unless MOTCUA_TEST_POSTGRES is set.
func newCluster(t *testing.T) *cluster {
	t.Helper()
	dsn := storetest.PostgresDSN(t)
	c := &cluster{t: t, tg: telegramtest.New(t, tgToken)}
	cfgs := []Config{c.replicaConfig(dsn), c.replicaConfig(dsn)}
	c.reps = make([]*Main, len(cfgs))
	errs := make([]error, len(cfgs))
	var wg sync.WaitGroup
	for i, cfg := range cfgs {
		c.reps[i] = NewMain(cfg, io.Discard)
		wg.Go(func() { errs[i] = c.reps[i].Run(context.Background()) })
	}
	wg.Wait()
	for i, m := range c.reps {
		t.Cleanup(func() { m.Close() })
		if errs[i] != nil {
			t.Fatalf("replica %d: Run: %v", i, errs[i])
		}
	}
	c.db = storetest.OpenDSN(t, dsn)
	// Each replica registers the webhook at start; Telegram keeps the last.
	c.tg.WaitFor(t, "both replicas to set the webhook", func() bool { return len(c.tg.Webhooks()) == len(c.reps) })
	return c
}

func (c *cluster) replicaConfig(dsn string) Config {
	cfg := testConfig(c.t.TempDir()) // a data folder of its own
	cfg.DB = dsn
	cfg.WebLimitsOff = true // every test client comes from one loopback address
	cfg.TelegramToken = tgToken
	cfg.TelegramAPIURL = c.tg.URL
	cfg.TelegramWebhookURL = "https://bot.example.org/telegram/webhook"
	cfg.TelegramWebhookSecret = replicaWebhookSecret
	cfg.TelegramPacing = false
	return cfg
}

// rep returns replica i modulo their number, so that turns alternate.
func (c *cluster) rep(i int) *Main { return c.reps[i%len(c.reps)] }

// call sends a JSON request to a replica and decodes the JSON answer into
// out; it returns the status, or an error the caller reports.
func call(m *Main, method, path, token string, body, out any) (int, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, "http://"+m.Addr()+path, rd)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, err
	}
	if out != nil && len(raw) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			return resp.StatusCode, fmt.Errorf("%s %s: %v: %s", method, path, err, raw)
		}
	}
	return resp.StatusCode, nil
}

// webChat is one web-chat turn on replica m.
func webChat(m *Main, session, text, action string) (chatReply, error) {
	var r chatReply
	st, err := call(m, "POST", "/api/chat", "", map[string]string{"session_id": session, "text": text, "action": action}, &r)
	if err == nil && st != http.StatusOK {
		err = fmt.Errorf("chat %q%q on %s: status %d %s", text, action, m.Addr(), st, r.Error)
	}
	return r, err
}

// mailbox reads a web session's notices after cursor from replica m.
func mailbox(m *Main, session, cursor string) (texts []string, next string, err error) {
	var out struct {
		Messages []motcua.Reply `json:"messages"`
		Cursor   string         `json:"cursor"`
	}
	st, err := call(m, "GET", "/api/chat/messages?session_id="+session+"&after="+cursor, "", nil, &out)
	if err == nil && st != http.StatusOK {
		err = fmt.Errorf("messages: status %d", st)
	}
	for _, r := range out.Messages {
		texts = append(texts, r.Text)
	}
	return texts, out.Cursor, err
}

// admin calls the staff API on replica m and fails the test on an error
// status.
func (c *cluster) admin(m *Main, method, path string, body any) int {
	c.t.Helper()
	st, err := call(m, method, "/admin/api/v1/"+path, "staff-token", body, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	if st >= 300 {
		c.t.Fatalf("%s %s on %s: status %d", method, path, m.Addr(), st)
	}
	return st
}

// webhook posts a Telegram update to replica m as Telegram would.
func webhook(m *Main, raw []byte) (int, error) {
	req, err := http.NewRequest("POST", "http://"+m.Addr()+"/telegram/webhook", bytes.NewReader(raw))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", replicaWebhookSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// tgTurn posts an update to replica m and waits until every update in the
// inbox is handled, replies sent.
func (c *cluster) tgTurn(m *Main, raw []byte) {
	c.t.Helper()
	if st, err := webhook(m, raw); err != nil || st != http.StatusOK {
		c.t.Fatalf("webhook: %d %v", st, err)
	}
	c.waitInboxDone()
}

// waitInboxDone polls the shared inbox until no Telegram update is pending.
func (c *cluster) waitInboxDone() {
	c.t.Helper()
	c.poll("the Telegram inbox to empty", func() (bool, error) {
		n, err := c.db.PendingInbox(context.Background(), motcua.ChannelTelegram)
		return n == 0, err
	})
}

// waitOutboxDone polls the shared outbox until nothing is pending and
// returns the delivered count per channel.
func (c *cluster) waitOutboxDone() map[string]int {
	c.t.Helper()
	delivered := map[string]int{}
	c.poll("the outbox to drain", func() (bool, error) {
		stats, err := c.db.OutboxStats(context.Background())
		pending := 0
		for _, s := range stats {
			pending += s.Pending + s.Failed
			delivered[s.Channel] = s.Delivered
		}
		return pending == 0, err
	})
	return delivered
}

// poll checks cond every 20 ms until it holds, for at most 30 s.
func (c *cluster) poll(what string, cond func() (bool, error)) {
	c.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ok, err := cond()
		if err != nil {
			c.t.Fatalf("waiting for %s: %v", what, err)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestReplicas runs two replicas on one PostgreSQL database and sends them
// interleaved web-chat, webhook and staff traffic.
func TestReplicas(t *testing.T) {
	c := newCluster(t)
	t.Run("web chat alternating replicas", c.testWebChat)
	t.Run("same Telegram update to both", c.testSameUpdate)
	t.Run("notifications once", c.testNotifications)
	t.Run("complaints once", c.testComplaints)
}

// testWebChat: conversations whose turns alternate between the replicas
// keep the procedure under discussion.
func (c *cluster) testWebChat(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Go(func() {
			session := fmt.Sprintf("replica-web-session-%04d", i)
			turns := []struct{ text, action, want string }{
				{text: "lam giay khai sinh cho con", want: "1.001193"},
				{action: "p:1.001193", want: "1.001193"},
				{text: "phi bao nhieu", want: "1.001193"},
			}
			for j, turn := range turns {
				r, err := webChat(c.rep(i+j), session, turn.text, turn.action)
				if err != nil {
					t.Errorf("session %d turn %d: %v", i, j, err)
					return
				}
				if !strings.Contains(r.text(), turn.want) {
					t.Errorf("session %d turn %d on replica %d lost the procedure: %q", i, j, (i+j)%2, r.text())
					return
				}
				if j == 2 && !strings.Contains(strings.ToLower(r.text()), "phí") {
					t.Errorf("session %d: follow-up does not speak of the fee: %q", i, r.text())
				}
			}
		})
	}
	wg.Wait()
}

// testSameUpdate: one update posted to both replicas' webhooks, at once and
// again, is handled once; so is a tapped button.
func (c *cluster) testSameUpdate(t *testing.T) {
	// The same question once, to learn how many messages one answer takes.
	const once, twice = 9100, 9101
	c.tgTurn(c.rep(0), telegramtest.TextUpdate(500001, once, "lam giay khai sinh"))
	want := len(c.tg.MessagesTo(once))
	if want == 0 {
		t.Fatal("no answer on Telegram")
	}

	update := telegramtest.TextUpdate(500002, twice, "lam giay khai sinh")
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Go(func() {
			if st, err := webhook(c.rep(i), update); err != nil || st != http.StatusOK {
				t.Errorf("webhook %d: %d %v", i, st, err)
			}
		})
	}
	wg.Wait()
	c.waitInboxDone()
	if got := c.tg.MessagesTo(twice); len(got) != want {
		t.Fatalf("update posted 6 times to 2 replicas: %d messages sent, want %d", len(got), want)
	}

	tap := telegramtest.CallbackUpdate(500003, twice, "cbq-replica-1", "p:1.001193")
	for i := range 4 {
		wg.Go(func() {
			if st, err := webhook(c.rep(i), tap); err != nil || st != http.StatusOK {
				t.Errorf("webhook %d: %d %v", i, st, err)
			}
		})
	}
	wg.Wait()
	c.waitInboxDone()
	if n := c.tg.CallbackCount("cbq-replica-1"); n != 1 {
		t.Errorf("button tap posted 4 times: answered %d times", n)
	}
	if got := len(c.tg.MessagesTo(twice)); got <= want {
		t.Errorf("no answer to the tapped button: %d messages", got)
	} else if tapped := got - want; tapped > want {
		t.Errorf("button tap answered %d messages, more than once", tapped)
	}
}

// subscriber is a chat that follows a dossier.
type subscriber struct {
	web     string // web session id, or ""
	tg      int64  // Telegram chat, or 0
	cursor  string // web mailbox position before the events
	tgSeen  int    // Telegram messages before the events
	dossier string
}

// testNotifications: dossiers created on both replicas, chats subscribed
// through the dossier chat flow with turns alternating between replicas,
// status events posted alternately (one of them twice, at once, to both):
// every notice is delivered exactly once.
func (c *cluster) testNotifications(t *testing.T) {
	const dossiers = 4
	var subs []*subscriber
	for i := range dossiers {
		code := fmt.Sprintf("H12-260301-%04d", i+1)
		phone := fmt.Sprintf("09051234%02d", i)
		c.admin(c.rep(i), "PUT", "dossiers/"+code, map[string]string{
			"code": code, "procedure_code": "1.001193", "applicant_name": "Nguyễn Văn An", "phone": phone,
			"received_at": "2026-03-01T08:00:00+07:00", "due_at": "2026-03-10T17:00:00+07:00", "status": motcua.StatusReceived,
		})
		w := &subscriber{web: fmt.Sprintf("replica-notice-session-%04d", i), dossier: code}
		c.subscribeWeb(t, w, phone[len(phone)-4:], i)
		tgs := &subscriber{tg: int64(9200 + i), dossier: code}
		c.subscribeTelegram(t, tgs, phone[len(phone)-4:], i, int64(600000+10*i))
		subs = append(subs, w, tgs)
	}
	for _, s := range subs {
		if got, err := c.db.Subscriptions(context.Background(), s.dossier); err != nil || len(got) != 2 {
			t.Fatalf("%s: subscriptions %+v %v", s.dossier, got, err)
		}
	}
	before := c.waitOutboxDone()

	events := []map[string]string{
		{"status": motcua.StatusProcessing},
		{"status": motcua.StatusNeedSupplement, "note": "Bản sao giấy chứng sinh"},
		{"status": motcua.StatusResultReady},
	}
	var wg sync.WaitGroup
	for i := range dossiers {
		code := fmt.Sprintf("H12-260301-%04d", i+1)
		wg.Go(func() {
			for j, e := range events {
				if j > 0 {
					c.postEvent(t, c.rep(i+j), code, e)
					continue
				}
				// The first event at once to both replicas, then retried.
				var dup sync.WaitGroup
				for k := range 2 {
					dup.Go(func() { c.postEvent(t, c.rep(k), code, e) })
				}
				dup.Wait()
				c.postEvent(t, c.rep(i+1), code, e)
			}
		})
	}
	wg.Wait()
	after := c.waitOutboxDone()
	for _, ch := range []string{motcua.ChannelWeb, motcua.ChannelTelegram} {
		if n := after[ch] - before[ch]; n != dossiers*len(events) {
			t.Errorf("%s: %d notices delivered, want %d", ch, n, dossiers*len(events))
		}
	}
	for i, s := range subs {
		c.checkNotices(t, s, c.rep(i), []string{"Đang giải quyết", "Cần bổ sung hồ sơ", "Đã có kết quả"})
	}
}

// postEvent posts a status change to replica m; a retry answers 200.
func (c *cluster) postEvent(t *testing.T, m *Main, code string, e map[string]string) {
	st, err := call(m, "POST", "/admin/api/v1/dossiers/"+code+"/events", "staff-token", e, nil)
	if err != nil || (st != http.StatusCreated && st != http.StatusOK) {
		t.Errorf("event %v on %s: %d %v", e, code, st, err)
	}
}

// subscribeWeb looks the dossier up in the web chat and subscribes, each
// turn on the other replica than the one before.
func (c *cluster) subscribeWeb(t *testing.T, s *subscriber, digits string, start int) {
	t.Helper()
	steps := []struct{ text, action, want string }{
		{text: strings.ToLower(s.dossier), want: "4 số cuối"},
		{text: digits, want: "Đã tiếp nhận"},
		{action: "f:dossier:sub:" + s.dossier, want: "Đã đăng ký nhận thông báo"},
	}
	for j, st := range steps {
		r, err := webChat(c.rep(start+j), s.web, st.text, st.action)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(r.text(), st.want) {
			t.Fatalf("web lookup step %d on replica %d: %q", j, (start+j)%2, r.text())
		}
	}
	var err error
	if _, s.cursor, err = mailbox(c.rep(start), s.web, ""); err != nil {
		t.Fatal(err)
	}
}

// subscribeTelegram does the same over the Telegram webhook.
func (c *cluster) subscribeTelegram(t *testing.T, s *subscriber, digits string, start int, update int64) {
	t.Helper()
	steps := []struct {
		raw  []byte
		want string
	}{
		{telegramtest.TextUpdate(update, s.tg, s.dossier), "4 số cuối"},
		{telegramtest.TextUpdate(update+1, s.tg, digits), "Đã tiếp nhận"},
		{telegramtest.CallbackUpdate(update+2, s.tg, fmt.Sprintf("cbq-sub-%d", update), "f:dossier:sub:"+s.dossier), "Đã đăng ký nhận thông báo"},
	}
	for j, st := range steps {
		seen := len(c.tg.MessagesTo(s.tg))
		c.tgTurn(c.rep(start+j+1), st.raw)
		got := c.tg.MessagesTo(s.tg)[seen:]
		var b strings.Builder
		for _, m := range got {
			b.WriteString(m.Text + "\n")
		}
		if !strings.Contains(b.String(), st.want) {
			t.Fatalf("telegram lookup step %d: %q", j, b.String())
		}
	}
	s.tgSeen = len(c.tg.MessagesTo(s.tg))
}

// checkNotices asserts that s received each notice once, in any order
// (replicas deliver in parallel).
func (c *cluster) checkNotices(t *testing.T, s *subscriber, m *Main, labels []string) {
	t.Helper()
	var texts []string
	if s.web != "" {
		var err error
		if texts, _, err = mailbox(m, s.web, s.cursor); err != nil {
			t.Fatal(err)
		}
	} else {
		for _, msg := range c.tg.MessagesTo(s.tg)[s.tgSeen:] {
			texts = append(texts, msg.Text)
		}
	}
	if len(texts) != len(labels) {
		t.Errorf("%s%d: %d notices, want %d: %q", s.web, s.tg, len(texts), len(labels), texts)
		return
	}
	for _, l := range labels {
		n := 0
		for _, x := range texts {
			if strings.Contains(x, l) && strings.Contains(x, s.dossier) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s%d: notice %q received %d times: %q", s.web, s.tg, l, n, texts)
		}
	}
}

// complaintCode finds a tracking code (PA-2601-0042) in a text.
var complaintCode = regexp.MustCompile(`PA-\d{4}-\d{4,}`)

// filed is a complaint sent through the chat flow.
type filed struct {
	code string
	web  string // web session, or ""
	tg   int64  // Telegram chat, or 0
}

// nextStep is the button that moves an intake on: send when offered, else
// decline giving contact details, else skip an optional step (or go on
// without photos).
func nextStep(actions []string) string {
	for _, want := range []string{"f:complaint:send", "f:complaint:consent:no", "f:complaint:skip", "f:complaint:next"} {
		if slices.Contains(actions, want) {
			return want
		}
	}
	return ""
}

func replyActions(r chatReply) []string {
	var out []string
	for _, m := range r.Messages {
		for _, b := range m.Buttons {
			out = append(out, b.Action)
		}
	}
	return out
}

// tgActions lists the callback data of the inline buttons of messages.
func tgActions(msgs []telegramtest.Sent) []string {
	var out []string
	for _, m := range msgs {
		for _, b := range m.Buttons() {
			out = append(out, b.Data)
		}
	}
	return out
}

const complaintText = "Hồ sơ khai sinh của tôi hẹn trả ngày 05/01 nhưng đến nay vẫn chưa có kết quả, không ai báo lý do."

// fileWeb sends a complaint from a web session, turns alternating between
// replicas, and presses "Gửi" on both replicas at once.
func (c *cluster) fileWeb(t *testing.T, session string, start int) *filed {
	t.Helper()
	turns := []struct{ text, action string }{
		{text: "Tôi muốn gửi phản ánh"}, {action: "f:complaint:cat:late"}, {text: complaintText},
	}
	var r chatReply
	var err error
	for j, turn := range turns {
		if r, err = webChat(c.rep(start+j), session, turn.text, turn.action); err != nil {
			t.Fatal(err)
		}
	}
	for j := 0; ; j++ {
		next := nextStep(replyActions(r))
		if next == "" || j > 5 {
			t.Fatalf("web intake stuck: %q %v", r.text(), replyActions(r))
		}
		if next == "f:complaint:send" {
			break
		}
		if r, err = webChat(c.rep(start+j), session, "", next); err != nil {
			t.Fatal(err)
		}
	}
	// A double tap reaching both replicas: one complaint, the same code.
	var codes [2]string
	var wg sync.WaitGroup
	for k := range codes {
		wg.Go(func() {
			r, err := webChat(c.rep(k), session, "", "f:complaint:send")
			if err != nil {
				t.Error(err)
				return
			}
			codes[k] = complaintCode.FindString(r.text())
		})
	}
	wg.Wait()
	if codes[0] == "" || codes[0] != codes[1] {
		t.Fatalf("web %s: receipts %q", session, codes)
	}
	return &filed{code: codes[0], web: session}
}

// fileTelegram sends a complaint from a Telegram chat over the webhooks of
// both replicas in turn; the confirmation is posted to both at once, then
// pressed again (a new update with the same button).
func (c *cluster) fileTelegram(t *testing.T, chat, update int64, start int) *filed {
	t.Helper()
	turn := func(j int, raw []byte) []telegramtest.Sent {
		seen := len(c.tg.MessagesTo(chat))
		c.tgTurn(c.rep(start+j), raw)
		return c.tg.MessagesTo(chat)[seen:]
	}
	turn(0, telegramtest.TextUpdate(update, chat, "Tôi muốn gửi phản ánh"))
	turn(1, telegramtest.CallbackUpdate(update+1, chat, fmt.Sprintf("cbq-%d-1", update), "f:complaint:cat:late"))
	got := turn(2, telegramtest.TextUpdate(update+2, chat, complaintText))
	id := update + 3
	for ; ; id++ {
		next := nextStep(tgActions(got))
		if next == "" || id > update+8 {
			t.Fatalf("telegram intake stuck: %+v", got)
		}
		if next == "f:complaint:send" {
			break
		}
		got = turn(int(id), telegramtest.CallbackUpdate(id, chat, fmt.Sprintf("cbq-%d", id), next))
	}
	seen := len(c.tg.MessagesTo(chat))
	confirm := telegramtest.CallbackUpdate(id, chat, fmt.Sprintf("cbq-%d", id), "f:complaint:send")
	var wg sync.WaitGroup
	for k := range 2 {
		wg.Go(func() {
			if st, err := webhook(c.rep(k), confirm); err != nil || st != http.StatusOK {
				t.Errorf("webhook: %d %v", st, err)
			}
		})
	}
	wg.Wait()
	c.waitInboxDone()
	receipt := c.tg.MessagesTo(chat)[seen:]
	again := turn(0, telegramtest.CallbackUpdate(id+1, chat, fmt.Sprintf("cbq-%d", id+1), "f:complaint:send"))
	var codes []string
	for _, m := range append(receipt, again...) {
		if code := complaintCode.FindString(m.Text); code != "" && !slices.Contains(codes, code) {
			codes = append(codes, code)
		}
	}
	if len(receipt) == 0 || len(codes) != 1 {
		t.Fatalf("telegram %d: receipt %+v, again %+v", chat, receipt, again)
	}
	return &filed{code: codes[0], tg: chat}
}

// testComplaints: complaints sent through the complaint chat flow on both
// replicas, each confirmation redelivered, are stored once each; staff
// answer them on either replica, the same answer twice at once to both,
// and each citizen gets each answer once.
func (c *cluster) testComplaints(t *testing.T) {
	ctx := context.Background()
	before, err := c.db.Complaints(ctx, motcua.ComplaintFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var all []*filed
	for i := range 3 {
		all = append(all, c.fileWeb(t, fmt.Sprintf("replica-complaint-session-%04d", i), i))
		all = append(all, c.fileTelegram(t, int64(9300+i), int64(700000+20*i), i))
	}
	stored, err := c.db.Complaints(ctx, motcua.ComplaintFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(stored)-len(before) != len(all) {
		t.Fatalf("%d complaints sent, %d stored", len(all), len(stored)-len(before))
	}
	for _, f := range all {
		ch, chat := motcua.ChannelWeb, f.web
		if f.tg != 0 {
			ch, chat = motcua.ChannelTelegram, fmt.Sprint(f.tg)
		}
		if mine, err := c.db.ChatComplaints(ctx, ch, chat); err != nil || len(mine) != 1 || mine[0].Code != f.code {
			t.Fatalf("%s %s: stored %d complaints (%v), want 1 with code %s", ch, chat, len(mine), err, f.code)
		}
	}
	c.answerComplaints(t, all)
}

// answerComplaints posts two staff answers to each complaint, each to both
// replicas at once, and checks that each citizen got each answer once.
func (c *cluster) answerComplaints(t *testing.T, all []*filed) {
	cursors := map[string]string{}
	seen := map[int64]int{}
	for i, f := range all {
		if f.web != "" {
			_, cur, err := mailbox(c.rep(i), f.web, "")
			if err != nil {
				t.Fatal(err)
			}
			cursors[f.web] = cur
		} else {
			seen[f.tg] = len(c.tg.MessagesTo(f.tg))
		}
	}
	before := c.waitOutboxDone()
	var wg sync.WaitGroup
	for i, f := range all {
		wg.Go(func() {
			answers := []map[string]string{
				{"status": motcua.ComplaintInProgress, "text": "Trung tâm đã chuyển phản ánh đến bộ phận Hộ tịch.", "by": "Bộ phận một cửa"},
				{"status": motcua.ComplaintAnswered, "text": "Hồ sơ của ông/bà đã có kết quả, mời nhận tại quầy số 3.", "by": "Bộ phận một cửa"},
			}
			for j, a := range answers {
				var dup sync.WaitGroup
				for k := range 2 { // the same answer to both replicas at once
					dup.Go(func() {
						st, err := call(c.rep(i+j+k), "POST", "/admin/api/v1/complaints/"+f.code+"/replies", "staff-token", a, nil)
						if err != nil || (st != http.StatusCreated && st != http.StatusOK) {
							t.Errorf("reply to %s: %d %v", f.code, st, err)
						}
					})
				}
				dup.Wait()
			}
		})
	}
	wg.Wait()
	after := c.waitOutboxDone()
	if n := after[motcua.ChannelWeb] + after[motcua.ChannelTelegram] - before[motcua.ChannelWeb] - before[motcua.ChannelTelegram]; n != 2*len(all) {
		t.Errorf("%d answers delivered, want %d", n, 2*len(all))
	}
	for i, f := range all {
		var texts []string
		if f.web != "" {
			var err error
			if texts, _, err = mailbox(c.rep(i+1), f.web, cursors[f.web]); err != nil {
				t.Fatal(err)
			}
		} else {
			for _, m := range c.tg.MessagesTo(f.tg)[seen[f.tg]:] {
				texts = append(texts, m.Text)
			}
		}
		if len(texts) != 2 || !strings.Contains(texts[0]+texts[1], "quầy số 3") || !strings.Contains(texts[0]+texts[1], "bộ phận Hộ tịch") {
			t.Errorf("complaint %s: answers received %q", f.code, texts)
		}
	}
}
