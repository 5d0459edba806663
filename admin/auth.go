package admin

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// requireBearer lets a request through only with the admin token in its
// Authorization header, compared in constant time.
func (s *Server) requireBearer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.validToken(bearer(r)) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="motcua-admin"`)
			writeError(w, motcua.Errorf(motcua.EUNAUTH, "thiếu hoặc sai mã truy cập"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// bearer returns the token of an "Authorization: Bearer …" header, or "".
func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if len(h) < 7 || !strings.EqualFold(h[:7], "bearer ") {
		return ""
	}
	return strings.TrimSpace(h[7:])
}

// validToken compares a presented token with the configured one. Both are
// hashed first so that the comparison takes the same time whatever the
// lengths.
func (s *Server) validToken(got string) bool {
	if got == "" || s.cfg.Token == "" {
		return false
	}
	a, b := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(s.cfg.Token))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// Staff page sessions are stateless: the cookie holds an expiry and a MAC of
// it keyed by the admin token, so changing the token logs everyone out and
// the token itself never sits in a browser.
const (
	sessionCookie = "motcua_admin"
	sessionTTL    = 12 * time.Hour
)

// mac returns the hex HMAC-SHA256 of parts under the admin token.
func (s *Server) mac(parts ...string) string {
	m := hmac.New(sha256.New, []byte(s.cfg.Token))
	m.Write([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(m.Sum(nil))
}

// newSession returns a cookie value valid until now+sessionTTL.
func (s *Server) newSession() string {
	exp := strconv.FormatInt(s.cfg.Now().Add(sessionTTL).Unix(), 10)
	return exp + "." + s.mac("session", exp)
}

// session returns the request's valid session value, or "".
func (s *Server) session(r *http.Request) string {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return ""
	}
	exp, sig, ok := strings.Cut(c.Value, ".")
	if !ok || !hmac.Equal([]byte(sig), []byte(s.mac("session", exp))) {
		return ""
	}
	n, err := strconv.ParseInt(exp, 10, 64)
	if err != nil || s.cfg.Now().Unix() >= n {
		return ""
	}
	return c.Value
}

// csrfToken is the form token bound to one session: a page from this
// session can post, a page elsewhere cannot know it.
func (s *Server) csrfToken(session string) string { return s.mac("csrf", session) }

// validCSRF checks a posted form token against the session, and the Origin
// header when the browser sends one.
func (s *Server) validCSRF(r *http.Request, session string) bool {
	if o := r.Header.Get("Origin"); o != "" && o != "null" && !sameOrigin(o, r) {
		return false
	}
	got := r.PostFormValue("csrf")
	return got != "" && hmac.Equal([]byte(got), []byte(s.csrfToken(session)))
}

// sameOrigin reports whether an Origin header names the host the request
// was sent to.
func sameOrigin(origin string, r *http.Request) bool {
	_, host, ok := strings.Cut(origin, "://")
	return ok && host == r.Host
}

// setSession sets (or, with an empty value, clears) the session cookie.
func (s *Server) setSession(w http.ResponseWriter, r *http.Request, value string) {
	c := &http.Cookie{
		Name:     sessionCookie,
		Value:    value,
		Path:     "/admin/",
		HttpOnly: true,
		SameSite: http.SameSiteStrictMode,
		Secure:   r.TLS != nil || s.cfg.SecureCookies,
	}
	if value == "" {
		c.MaxAge = -1
	} else {
		c.MaxAge = int(sessionTTL / time.Second)
	}
	http.SetCookie(w, c)
}
