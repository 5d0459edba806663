package web

import (
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"html"
	"net/http"
	"strings"
)

// The page is plain HTML, CSS and JavaScript built into the binary: no build
// step, nothing loaded from another site.
//
//go:embed page/index.html page/chat.css page/chat.js
var pageFiles embed.FS

// page is the chat page rendered once, with the Content-Security-Policy that
// allows exactly its inline style and script.
type page struct {
	body []byte
	csp  string
}

// buildPage renders the page; the style and script are inlined so that GET /
// is the only route the page needs, and pinned by hash in the policy.
func buildPage(siteVerification string) page {
	tpl := mustRead("page/index.html")
	css := mustRead("page/chat.css")
	js := mustRead("page/chat.js")
	meta := ""
	if siteVerification != "" {
		meta = `<meta name="zalo-platform-site-verification" content="` + html.EscapeString(siteVerification) + `">`
	}
	body := strings.NewReplacer(
		"{{SITE_VERIFICATION}}", meta,
		"{{STYLE}}", css,
		"{{SCRIPT}}", js,
	).Replace(tpl)
	return page{body: []byte(body), csp: policy(css, js)}
}

// policy is the Content-Security-Policy of the page: its own inline style and
// script only, requests to this origin only, no framing.
func policy(css, js string) string {
	return strings.Join([]string{
		"default-src 'none'",
		"script-src '" + hash(js) + "'",
		"style-src '" + hash(css) + "'",
		"connect-src 'self'",
		"img-src 'self' data: https:",
		"base-uri 'none'",
		"form-action 'self'",
		"frame-ancestors 'none'",
	}, "; ")
}

func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

func mustRead(name string) string {
	b, err := pageFiles.ReadFile(name)
	if err != nil {
		panic("web: embedded page missing: " + name)
	}
	return string(b)
}

func (s *Server) servePage(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", s.page.csp)
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	_, _ = w.Write(s.page.body)
}

// apiPolicy is the Content-Security-Policy of the JSON answers: they are
// never a document.
const apiPolicy = "default-src 'none'; frame-ancestors 'none'"

// secure sets the headers every answer of the web chat carries; the page
// replaces the policy with its own.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", apiPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}
