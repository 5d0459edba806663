package web

import (
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestPage(t *testing.T) {
	ts := newTestServer(t, Config{Handler: &echoHandler{}})
	res, body := get(t, ts.URL+"/")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("status %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for _, want := range []string{`lang="vi"`, `role="log"`, `aria-live="polite"`, "Trợ lý Một cửa", "/api/chat/messages"} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(body, "zalo-platform-site-verification") || strings.Contains(body, "{{") {
		t.Error("page has an unfilled placeholder or an empty verification tag")
	}
	if regexp.MustCompile(`(?i)(src|href)="(https?:)?//`).MatchString(body) {
		t.Error("page loads something from another site")
	}
}

// TestPagePolicyPinsInlineCode checks that the policy allows exactly the
// inline style and script of the page, so that the browser runs them.
func TestPagePolicyPinsInlineCode(t *testing.T) {
	ts := newTestServer(t, Config{Handler: &echoHandler{}})
	res, body := get(t, ts.URL+"/")
	csp := res.Header.Get("Content-Security-Policy")
	for _, tag := range []string{"script", "style"} {
		m := regexp.MustCompile(`(?s)<` + tag + `>(.*?)</` + tag + `>`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no inline %s", tag)
		}
		sum := sha256.Sum256([]byte(m[1]))
		want := tag + "-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		if !strings.Contains(csp, want) {
			t.Errorf("policy %q lacks %q", csp, want)
		}
	}
	for _, want := range []string{"default-src 'none'", "frame-ancestors 'none'", "connect-src 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("policy lacks %q", want)
		}
	}
}

func TestPageSiteVerification(t *testing.T) {
	ts := newTestServer(t, Config{Handler: &echoHandler{}, SiteVerification: `AbC"123<x>`})
	_, body := get(t, ts.URL+"/")
	want := `<meta name="zalo-platform-site-verification" content="AbC&#34;123&lt;x&gt;">`
	if !strings.Contains(body, want) {
		t.Errorf("page lacks %s", want)
	}
}

func TestOnlyTheInterfaceRoutes(t *testing.T) {
	ts := newTestServer(t, Config{Handler: &echoHandler{}})
	for _, path := range []string{"/index.html", "/chat.js", "/api", "/api/chat/other"} {
		if res, _ := get(t, ts.URL+path); res.StatusCode != 404 {
			t.Errorf("GET %s: %d", path, res.StatusCode)
		}
	}
	res, err := http.Post(ts.URL+"/", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %d", res.StatusCode)
	}
}

func TestSecurityHeaders(t *testing.T) {
	ts := newTestServer(t, Config{Handler: &echoHandler{}, Limits: noLimits})
	pageRes, _ := get(t, ts.URL+"/")
	pollRes, _ := get(t, ts.URL+"/api/chat/messages?session_id="+session)
	chatRes, _ := postChat(t, ts, `{`)
	for name, res := range map[string]*http.Response{"page": pageRes, "poll": pollRes, "chat": chatRes} {
		h := res.Header
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" ||
			!strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("%s headers: %v", name, h)
		}
	}
}

func TestLimiterSetForgetsIdleBuckets(t *testing.T) {
	ls := newLimiterSet(rate.Every(time.Second), 2)
	now := time.Unix(1000, 0)
	for _, k := range []string{"a", "b", "c"} {
		if ok, _ := ls.allow(k, now); !ok {
			t.Fatal("first request refused")
		}
	}
	if ls.size() != 3 {
		t.Fatalf("size %d", ls.size())
	}
	later := now.Add(sweepEvery + time.Second)
	ls.allow("d", later)
	if ls.size() != 1 {
		t.Errorf("after sweep: %d buckets", ls.size())
	}
}
