package admin

import (
	"embed"
	"html/template"
	"net/http"
	"strings"
)

//go:embed templates/*.html
var templateFS embed.FS

// pages renders the staff web pages.
type pages struct {
	s    *Server
	tmpl map[string]*template.Template
}

// page is what every template gets.
type page struct {
	Title    string
	LoggedIn bool
	CSRF     string
	Error    string
	Data     any
}

func newPages(s *Server) *pages {
	funcs := template.FuncMap{"safeURL": safeURL}
	p := &pages{s: s, tmpl: map[string]*template.Template{}}
	for _, name := range []string{"login", "inbox", "complaint", "unanswered", "outbox", "report", "error"} {
		p.tmpl[name] = template.Must(template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html"))
	}
	return p
}

// safeURL reports whether an attachment URL may be shown as a link and an
// image: only web addresses and the server's own paths, never script URLs.
func safeURL(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") ||
		strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//")
}

// register adds the page routes.
func (p *pages) register(mux *http.ServeMux) {
	mux.HandleFunc("GET /admin/login", p.loginFormHandler)
	mux.HandleFunc("POST /admin/login", p.loginHandler)
	mux.Handle("POST /admin/logout", p.requireSession(p.logoutHandler))
	mux.Handle("GET /admin/{$}", p.requireSession(p.inboxHandler))
	mux.Handle("GET /admin/complaints/{code}", p.requireSession(p.complaintHandler))
	mux.Handle("POST /admin/complaints/{code}/replies", p.requireSession(p.replyHandler))
	mux.Handle("GET /admin/complaints/{code}/photos/{n}", p.requireSession(p.photoHandler))
	mux.Handle("GET /admin/unanswered", p.requireSession(p.unansweredHandler))
	mux.Handle("GET /admin/outbox", p.requireSession(p.outboxHandler))
	mux.Handle("GET /admin/report", p.requireSession(p.reportHandler))
}

// sessionHandler is a page handler that knows the staff session.
type sessionHandler func(w http.ResponseWriter, r *http.Request, session string)

// requireSession sends a visitor without a valid session to the login page,
// and refuses a form post whose CSRF token does not match the session.
func (p *pages) requireSession(h sessionHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess := p.s.session(r)
		if sess == "" {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
				return
			}
			http.Error(w, "Phiên đăng nhập đã hết, vui lòng đăng nhập lại.", http.StatusUnauthorized)
			return
		}
		if r.Method == http.MethodPost {
			r.Body = http.MaxBytesReader(w, r.Body, maxJSONBody)
			if !p.s.validCSRF(r, sess) {
				http.Error(w, "Yêu cầu không hợp lệ (CSRF). Vui lòng tải lại trang.", http.StatusForbidden)
				return
			}
		}
		h(w, r, sess)
	})
}

// render writes a page with the headers every staff page carries: nothing
// cached, not framed, no outside scripts.
func (p *pages) render(w http.ResponseWriter, status int, name string, pg page) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: http: data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	w.WriteHeader(status)
	if err := p.tmpl[name].ExecuteTemplate(w, "layout", pg); err != nil {
		p.s.log.Error("admin page render failed", "page", name, "err", err)
	}
}

// loginFormHandler shows the login form, or the inbox to a logged-in user.
func (p *pages) loginFormHandler(w http.ResponseWriter, r *http.Request) {
	if p.s.session(r) != "" {
		http.Redirect(w, r, "/admin/", http.StatusSeeOther)
		return
	}
	p.render(w, http.StatusOK, "login", page{Title: "Đăng nhập"})
}

// loginHandler checks the token and starts a session. The login form needs
// no CSRF token: logging someone in with the admin token requires knowing
// it, and the cookie is SameSite=Strict.
func (p *pages) loginHandler(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if !p.s.validToken(r.PostFormValue("token")) {
		p.s.log.Warn("admin login refused")
		p.render(w, http.StatusUnauthorized, "login", page{Title: "Đăng nhập", Error: "Mã truy cập không đúng."})
		return
	}
	p.s.setSession(w, r, p.s.newSession())
	p.s.audit(r.Context(), "staff.login")
	http.Redirect(w, r, "/admin/", http.StatusSeeOther)
}

// logoutHandler ends the session.
func (p *pages) logoutHandler(w http.ResponseWriter, r *http.Request, _ string) {
	p.s.setSession(w, r, "")
	http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
}

// loggedIn returns the common fields of a page seen by a logged-in user.
func (p *pages) loggedIn(title, sess string, data any) page {
	return page{Title: title, LoggedIn: true, CSRF: p.s.csrfToken(sess), Data: data}
}
