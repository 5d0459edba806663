package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/store"
)

// TestReportAfterChat chats with the whole program, then reads the figures
// with `motcua report` (text and JSON) and on the staff page.
func TestReportAfterChat(t *testing.T) {
	cfg := testConfig(t.TempDir())
	m := startMain(t, cfg)
	for _, text := range []string{"làm giấy khai sinh cho con", "cách nuôi cá cảnh đẹp", "cách nuôi cá cảnh đẹp"} {
		if code, _ := chat(t, m, map[string]string{"session_id": "report-session-0001", "text": text}); code != http.StatusOK {
			t.Fatalf("chat %q: %d", text, code)
		}
	}
	t.Setenv("MOTCUA_DB", cfg.DB)
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"report", "--json"}, nil, &out, &errOut); err != nil {
		t.Fatalf("report --json: %v %s", err, errOut.String())
	}
	var r store.Report
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if r.Handled["web"] != 3 || r.Messages != 3 || r.Questions["out_of_scope"] != 2 || r.Questions["answered"]+r.Questions["clarified"] != 1 {
		t.Errorf("report: %+v", r)
	}
	if len(r.TopUnanswered) != 1 || r.TopUnanswered[0].Count != 2 {
		t.Errorf("unanswered: %+v", r.TopUnanswered)
	}
	out.Reset()
	if err := run(context.Background(), []string{"report", "--from", "2026-01-01", "--to", store.Day(time.Now())}, nil, &out, &errOut); err != nil {
		t.Fatalf("report: %v", err)
	}
	for _, want := range []string{"Câu hỏi về thủ tục", "Không có thông tin", "cách nuôi cá cảnh đẹp", "Mức độ hài lòng"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report text lacks %q:\n%s", want, out.String())
		}
	}
	if err := run(context.Background(), []string{"report", "--from", "01/02/2026"}, nil, &out, &errOut); exitCode(err) != 2 {
		t.Errorf("bad day: %v", err)
	}

	// The staff page shows the same figures.
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm("http://"+m.Addr()+"/admin/login", url.Values{"token": {cfg.AdminToken}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = c.Get("http://" + m.Addr() + "/admin/report")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "cách nuôi cá cảnh đẹp") || !strings.Contains(string(body), "Không có thông tin") {
		t.Errorf("staff page: %d\n%s", resp.StatusCode, body)
	}
}
