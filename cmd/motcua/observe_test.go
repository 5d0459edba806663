package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/internal/syncbuf"
)

// syncBuffer is a log destination the program and the test share.
type syncBuffer = syncbuf.Buffer

// scrape reads /metrics into "name{labels}" → value.
func scrape(t *testing.T, m *Main, token string) map[string]float64 {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, "http://"+m.Addr()+"/metrics", nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics: %d", resp.StatusCode)
	}
	out := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("metric line %q: %v", line, err)
		}
		out[line[:i]] = v
	}
	return out
}

// piiMessage is a question full of personal data: a 12-digit citizen ID, a
// phone, an email and a name.
const piiMessage = "Tôi là Nguyễn Văn Bình, CCCD 079203001234, số 0905123456, email binh.nguyen@example.com, muốn làm giấy khai sinh cho con"

var piiParts = []string{"079203001234", "0905123456", "binh.nguyen@example.com", "Nguyễn Văn Bình", "Bình", "giấy khai sinh",
	"0935111222", "1222", "Lê Thị Hoa"}

// TestServeMetricsAndLogs has a short web chat with the whole program and
// shows the counters moving on /metrics, one log line per message with
// channel, intent, outcome and latency, and no personal data or text in
// the whole log.
func TestServeMetricsAndLogs(t *testing.T) {
	cfg := testConfig(t.TempDir())
	cfg.LogLevel = "debug"
	cfg.MetricsToken = "scrape-secret"
	logs := &syncBuffer{}
	m := NewMain(cfg, logs)
	if err := m.Run(context.Background()); err != nil {
		t.Fatalf("Run: %v", err)
	}
	t.Cleanup(func() { m.Close() })

	resp, err := http.Get("http://" + m.Addr() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("/metrics without the token: %d", resp.StatusCode)
	}
	before := scrape(t, m, cfg.MetricsToken)
	putDossier(t, m, "H47-260301-0007", "0935111222")
	session := "metrics-session-0001"
	for _, body := range []map[string]string{
		{"session_id": session, "text": piiMessage},
		{"session_id": session, "text": "xin chào"},
		{"session_id": session, "text": "cách nuôi cá cảnh đẹp"},
		{"session_id": session, "text": "hồ sơ H47-260301-0007 của tôi đến đâu rồi"},
		{"session_id": session, "text": "1222"},
	} {
		if code, r := chat(t, m, body); code != http.StatusOK {
			t.Fatalf("chat %q: %d %+v", body["text"], code, r)
		}
	}
	after := scrape(t, m, cfg.MetricsToken)
	moved := func(name string, want float64) {
		t.Helper()
		if got := after[name] - before[name]; got != want {
			t.Errorf("%s moved by %v, want %v", name, got, want)
		}
	}
	moved(`motcua_messages_total{channel="web"}`, 5)
	moved(`motcua_turn_duration_seconds_count{channel="web"}`, 5)
	moved(`motcua_dossier_lookups_total{outcome="found"}`, 1)
	moved(`motcua_turns_total{channel="web",intent="dossier",outcome="found"}`, 1)
	moved(`motcua_turns_total{channel="web",intent="dossier",outcome="ok"}`, 1)
	moved(`motcua_search_total{outcome="out_of_scope"}`, 1)
	moved(`motcua_turns_total{channel="web",intent="question",outcome="out_of_scope"}`, 1)
	if after[`motcua_replies_total{channel="web"}`] < 3 {
		t.Errorf("replies: %v", after[`motcua_replies_total{channel="web"}`])
	}
	if after[`motcua_search_total{outcome="answered"}`]+after[`motcua_search_total{outcome="clarified"}`] != 1 {
		t.Errorf("the birth registration question was neither answered nor clarified: %v", after)
	}
	for _, name := range []string{"motcua_snapshot_up", "motcua_complaints_overdue", "motcua_dossiers",
		`motcua_dossier_lookups_total{outcome="found"}`, "motcua_dispatcher_delivered_total"} {
		if _, ok := after[name]; !ok {
			t.Errorf("%s missing from /metrics", name)
		}
	}
	if after["motcua_snapshot_up"] != 1 {
		t.Errorf("snapshot_up = %v", after["motcua_snapshot_up"])
	}
	checkTurnLogs(t, logs.String(), 5)
	checkReady(t, m)
	if t.Failed() || testing.Verbose() {
		t.Logf("log:\n%s", logs.String())
	}
}

// checkTurnLogs finds one "turn" line per message, with its fields, and no
// personal data or message text anywhere in the log.
func checkTurnLogs(t *testing.T, log string, want int) {
	t.Helper()
	for _, p := range piiParts {
		if strings.Contains(log, p) {
			t.Errorf("the log holds %q", p)
		}
	}
	if strings.Contains(log, "metrics-session-0001") {
		t.Errorf("the log holds the session id in clear")
	}
	turns := 0
	for _, line := range strings.Split(strings.TrimSpace(log), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line is not JSON: %q", line)
		}
		if rec["msg"] != "turn" {
			continue
		}
		turns++
		for _, k := range []string{"channel", "chat", "intent", "outcome", "ms"} {
			if _, ok := rec[k]; !ok {
				t.Errorf("turn line without %s: %s", k, line)
			}
		}
		if rec["channel"] != "web" || len(rec["chat"].(string)) != 8 {
			t.Errorf("turn line: %s", line)
		}
	}
	if turns != want {
		t.Errorf("%d turn lines, want %d", turns, want)
	}
}

// putDossier creates a dossier through the staff API.
func putDossier(t *testing.T, m *Main, code, phone string) {
	t.Helper()
	b, _ := json.Marshal(map[string]string{"code": code, "procedure_code": "1.001193", "applicant_name": "Lê Thị Hoa",
		"phone": phone, "status": "processing", "received_at": time.Now().AddDate(0, 0, -1).Format(time.RFC3339),
		"due_at": time.Now().AddDate(0, 0, 5).Format(time.RFC3339)})
	req, _ := http.NewRequest("PUT", "http://"+m.Addr()+"/admin/api/v1/dossiers/"+code, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+m.Config.AdminToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("put dossier: %d", resp.StatusCode)
	}
}

// checkReady reads /readyz: ready with the index loaded, then 503 naming a
// background loop that stopped.
func checkReady(t *testing.T, m *Main) {
	t.Helper()
	get := func() (int, string) {
		resp, err := http.Get("http://" + m.Addr() + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get(); code != http.StatusOK || !strings.Contains(body, "procedures") {
		t.Errorf("/readyz: %d %q", code, body)
	}
	m.ready.loop("telegram", false)
	if code, body := get(); code != http.StatusServiceUnavailable || !strings.Contains(body, "stopped: telegram") {
		t.Errorf("/readyz with a stopped loop: %d %q", code, body)
	}
}
