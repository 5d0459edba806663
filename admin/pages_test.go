package admin

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

// browser is a cookie-keeping client that does not follow redirects, so
// tests see where the pages send it.
type browser struct {
	h *harness
	c *http.Client
}

func newBrowser(h *harness) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{h: h, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (b *browser) get(path string) (*http.Response, string) {
	b.h.t.Helper()
	resp, err := b.c.Get(b.h.srv.URL + path)
	if err != nil {
		b.h.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func (b *browser) post(path string, form url.Values, header ...string) (*http.Response, string) {
	b.h.t.Helper()
	req, _ := http.NewRequest("POST", b.h.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.h.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func (b *browser) login() {
	b.h.t.Helper()
	resp, _ := b.post("/admin/login", url.Values{"token": {testToken}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/" {
		b.h.t.Fatalf("login = %d → %s", resp.StatusCode, resp.Header.Get("Location"))
	}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func csrfOf(t *testing.T, page string) string {
	t.Helper()
	m := csrfField.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF token in page")
	}
	return m[1]
}

func TestLogin(t *testing.T) {
	h := newHarness(t)
	b := newBrowser(h)
	if resp, _ := b.get("/admin/"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/login" {
		t.Errorf("inbox without a session = %d → %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, body := b.post("/admin/login", url.Values{"token": {"wrong"}}); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "không đúng") {
		t.Errorf("wrong token = %d", resp.StatusCode)
	}
	resp, _ := b.post("/admin/login", url.Values{"token": {testToken}})
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookie {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || cookie.Secure || strings.Contains(cookie.Value, testToken) {
		t.Fatalf("session cookie = %+v", cookie)
	}
	if resp, body := b.get("/admin/"); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Phản ánh, kiến nghị") {
		t.Errorf("inbox after login = %d", resp.StatusCode)
	} else if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("CSP = %q", csp)
	}
	// A session ends after its lifetime.
	h.now = h.now.Add(sessionTTL + time.Minute)
	if resp, _ := b.get("/admin/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("expired session = %d, want a redirect to login", resp.StatusCode)
	}
}

func TestForgedSessionRefused(t *testing.T) {
	h := newHarness(t)
	b := newBrowser(h)
	u, _ := url.Parse(h.srv.URL + "/admin/")
	// A far expiry with a made-up signature.
	b.c.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: strings.Repeat("9", 10) + "." + strings.Repeat("ab", 32), Path: "/admin/"}})
	if resp, _ := b.get("/admin/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("forged cookie = %d, want a redirect to login", resp.StatusCode)
	}
}

func TestSecureCookieBehindTLS(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.SecureCookies = true })
	resp, _ := newBrowser(h).post("/admin/login", url.Values{"token": {testToken}})
	if c := resp.Cookies(); len(c) != 1 || !c[0].Secure {
		t.Errorf("cookies = %+v, want one Secure cookie", c)
	}
}

func TestInboxOrder(t *testing.T) {
	h := newHarness(t)
	h.addComplaint("PA0001", motcua.ComplaintAnswered, "web", "s", testNow.Add(-2*time.Hour))
	h.addComplaint("PA0002", motcua.ComplaintNew, "web", "s", testNow.Add(-time.Hour))
	h.addComplaint("PA0003", motcua.ComplaintNew, "web", "s", testNow.Add(-73*time.Hour)) // overdue
	h.addComplaint("PA0004", motcua.ComplaintInProgress, "web", "s", testNow.Add(-3*time.Hour))
	b := newBrowser(h)
	b.login()
	_, body := b.get("/admin/")
	order := regexp.MustCompile(`/admin/complaints/(PA\d+)`).FindAllStringSubmatch(body, -1)
	var got []string
	for _, m := range order {
		got = append(got, m[1])
	}
	if strings.Join(got, ",") != "PA0003,PA0002,PA0004,PA0001" {
		t.Errorf("inbox order = %v, want overdue, new, in progress, answered", got)
	}
	if !strings.Contains(body, "Quá hạn") || !strings.Contains(body, "09:00 05/01/2026") {
		t.Errorf("inbox does not show the overdue mark and the deadline")
	}
	_, body = b.get("/admin/?status=answered")
	if !strings.Contains(body, "PA0001") || strings.Contains(body, "PA0002") {
		t.Errorf("status filter not applied")
	}
}

func TestComplaintPageReply(t *testing.T) {
	h := newHarness(t)
	h.addComplaint("PA0001", motcua.ComplaintNew, motcua.ChannelTelegram, "777", testNow)
	h.outbox()
	b := newBrowser(h)
	b.login()
	resp, page := b.get("/admin/complaints/PA0001")
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "quá hẹn 5 ngày") || !strings.Contains(page, "0912345678") {
		t.Fatalf("complaint page = %d", resp.StatusCode)
	}
	token := csrfOf(t, page)
	form := url.Values{"text": {"Hồ sơ của ông/bà đã có kết quả, xin lỗi vì chậm trễ."}, "status": {"closed"}, "by": {"Tổ giám sát"}}

	if resp, _ := b.post("/admin/complaints/PA0001/replies", form); resp.StatusCode != http.StatusForbidden {
		t.Errorf("reply without CSRF token = %d, want 403", resp.StatusCode)
	}
	form.Set("csrf", token)
	if resp, _ := b.post("/admin/complaints/PA0001/replies", form, "Origin", "https://evil.example"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("reply from another origin = %d, want 403", resp.StatusCode)
	}
	if n := len(h.outbox()); n != 0 {
		t.Fatalf("refused posts queued %d messages", n)
	}
	resp, _ = b.post("/admin/complaints/PA0001/replies", form, "Origin", h.srv.URL)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/complaints/PA0001?sent=1" {
		t.Fatalf("reply = %d → %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	msgs := h.outbox()
	if len(msgs) != 1 || msgs[0].ChatID != "777" || len(msgs[0].Reply.Buttons) != 3 {
		t.Fatalf("outbox = %+v", msgs)
	}
	_, page = b.get("/admin/complaints/PA0001?sent=1")
	if !strings.Contains(page, "Đã ghi nhận trả lời") || !strings.Contains(page, "Tổ giám sát") || !strings.Contains(page, "Đã kết thúc") {
		t.Errorf("page after reply lacks the confirmation or the history")
	}
	form.Set("text", " ")
	if resp, page := b.post("/admin/complaints/PA0001/replies", form); resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "thiếu nội dung") {
		t.Errorf("empty reply = %d", resp.StatusCode)
	}
	if resp, _ := b.get("/admin/complaints/PA9999"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown complaint page = %d", resp.StatusCode)
	}
}

func TestComplaintPageEscapes(t *testing.T) {
	h := newHarness(t)
	c := &motcua.Complaint{Code: "PA0009", Category: "other", Text: `<script>alert(1)</script>`, Channel: "web", ChatID: "s",
		Status: motcua.ComplaintNew, CreatedAt: testNow,
		Photos: []motcua.Attachment{{Kind: "image", URL: "javascript:alert(1)"}, {Kind: "image", URL: "https://files.example/a.jpg"}}}
	h.store.CreateComplaint(t.Context(), c)
	b := newBrowser(h)
	b.login()
	_, page := b.get("/admin/complaints/PA0009")
	if strings.Contains(page, "<script>alert") || strings.Contains(page, `href="javascript:`) {
		t.Errorf("complaint page does not escape citizen input")
	}
	if !strings.Contains(page, `src="https://files.example/a.jpg"`) {
		t.Errorf("photo not shown")
	}
}

func TestListPages(t *testing.T) {
	h := newHarness(t, func(c *Config) {
		c.Unanswered = func(context.Context, int) ([]UnansweredQuestion, error) {
			return []UnansweredQuestion{{Channel: "zalo", Question: "xin giấy phép nuôi chó", Count: 3, LastAt: testNow}}, nil
		}
		c.FailedOutbox = func(context.Context, int) ([]motcua.OutboxMessage, error) {
			return []motcua.OutboxMessage{{Channel: "zalo", Reply: motcua.Reply{Text: "Hồ sơ HS000001 vừa được cập nhật."}, Attempts: 9, LastError: "zalo: -230 window closed"}}, nil
		}
	})
	b := newBrowser(h)
	b.login()
	if _, page := b.get("/admin/unanswered"); !strings.Contains(page, "xin giấy phép nuôi chó") {
		t.Errorf("unanswered page lacks the question")
	}
	if _, page := b.get("/admin/outbox"); !strings.Contains(page, "-230 window closed") || !strings.Contains(page, "HS000001") {
		t.Errorf("outbox page lacks the failure")
	}
	h2 := newHarness(t)
	b2 := newBrowser(h2)
	b2.login()
	if _, page := b2.get("/admin/outbox"); !strings.Contains(page, "chưa được bật") {
		t.Errorf("outbox page without a source does not say so")
	}
}

func TestLogout(t *testing.T) {
	h := newHarness(t)
	b := newBrowser(h)
	b.login()
	_, page := b.get("/admin/")
	resp, _ := b.post("/admin/logout", url.Values{"csrf": {csrfOf(t, page)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout = %d", resp.StatusCode)
	}
	if resp, _ := b.get("/admin/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("inbox after logout = %d", resp.StatusCode)
	}
}
