package admin

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/motcua/motcua"
)

func TestReportPage(t *testing.T) {
	var asked [2]string
	h := newHarness(t, func(c *Config) {
		c.Report = func(_ context.Context, from, to string) ([]ReportSection, error) {
			if from > to {
				return nil, motcua.Errorf(motcua.EINVALID, "reversed")
			}
			asked = [2]string{from, to}
			return []ReportSection{{Title: "Câu hỏi theo lĩnh vực", Rows: []Stat{{Label: "Hộ tịch", Value: "12"}}}}, nil
		}
	})
	b := newBrowser(h)
	if resp, _ := b.get("/admin/report"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("without a session: %d", resp.StatusCode)
	}
	b.login()
	resp, body := b.get("/admin/report")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Hộ tịch") || !strings.Contains(body, "12") {
		t.Fatalf("report: %d %s", resp.StatusCode, body)
	}
	// The current month by default, in Vietnam's time.
	month := testNow.In(h.cal.Location()).Format("2006-01")
	if asked[0] != month+"-01" || !strings.HasPrefix(asked[1], month) {
		t.Errorf("default period %v", asked)
	}
	b.get("/admin/report?from=2026-01-01&to=2026-03-31")
	if asked != [2]string{"2026-01-01", "2026-03-31"} {
		t.Errorf("period %v", asked)
	}
	if resp, body := b.get("/admin/report?from=2026-03-31&to=2026-01-01"); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "không hợp lệ") {
		t.Errorf("reversed period: %d", resp.StatusCode)
	}
}

func TestReportPageOff(t *testing.T) {
	b := newBrowser(newHarness(t))
	b.login()
	if resp, body := b.get("/admin/report"); resp.StatusCode != http.StatusOK || !strings.Contains(body, "chưa được bật") {
		t.Errorf("without a source: %d", resp.StatusCode)
	}
}
