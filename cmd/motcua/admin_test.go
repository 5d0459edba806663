package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store/storetest"
)

// noComplaints is an empty complaint store.
type noComplaints struct{ motcua.ComplaintStore }

func (noComplaints) Complaints(context.Context, motcua.ComplaintFilter) ([]*motcua.Complaint, error) {
	return nil, nil
}

func TestAdminServerWiring(t *testing.T) {
	cfg := loadConfig(func(k string) string {
		return map[string]string{"MOTCUA_ADMIN_TOKEN": "tok-123456", "MOTCUA_HOLIDAYS": "2026-01-01"}[k]
	})
	cal, err := newCalendar(cfg)
	if err != nil {
		t.Fatal(err)
	}
	db := storetest.Open(t)
	db.RecordUnanswered(t.Context(), "web", "nuôi chó có phải đăng ký không", db.Now())
	db.RecordUnanswered(t.Context(), "zalo", "nuôi chó có phải đăng ký không", db.Now())
	mux := http.NewServeMux()
	newAdminServer(cfg, db, noComplaints{}, cal, slog.New(slog.NewTextHandler(io.Discard, nil)), nil, nil).Register(mux)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	if _, err := c.PostForm(srv.URL+"/admin/login", url.Values{"token": {"tok-123456"}}); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{"/admin/": "Hồ sơ quá hạn", "/admin/unanswered": "nuôi chó", "/admin/outbox": "Không có tin nào"} {
		resp, err := c.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s = %d, want a page with %q", path, resp.StatusCode, want)
		}
		if path == "/admin/unanswered" && !strings.Contains(string(body), "<td>2</td>") {
			t.Errorf("unanswered page does not count repeats")
		}
	}
}

func TestBadWorktimeSettings(t *testing.T) {
	for _, env := range []map[string]string{{"MOTCUA_COMPLAINT_ANSWER_HOURS": "tám"}, {"MOTCUA_HOLIDAYS": "30/04/2026"}} {
		cfg := loadConfig(func(k string) string { return env[k] })
		if _, err := newCalendar(cfg); err == nil {
			t.Errorf("settings %v accepted", env)
		}
	}
	cfg := loadConfig(func(string) string { return "" })
	if cfg.ComplaintAnswerHours != 8 || cfg.ComplaintResolveDays != 10 {
		t.Errorf("defaults = %d hours, %d days", cfg.ComplaintAnswerHours, cfg.ComplaintResolveDays)
	}
}
