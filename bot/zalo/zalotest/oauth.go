package zalotest

import (
	"net/http"
	"strconv"
)

// serveRefresh is POST /v4/oa/access_token with grant_type=refresh_token.
// A refresh token works once: the pair is replaced on success.
func (s *Server) serveRefresh(w http.ResponseWriter, r *http.Request) {
	if gate := s.gate(); gate != nil {
		select {
		case <-gate:
		case <-r.Context().Done():
			return
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.Header.Get("secret_key") != s.AppSecret {
		writeJSON(w, map[string]any{"error": -14002, "error_name": "Invalid parameter", "error_description": "Invalid secret key"})
		return
	}
	if r.FormValue("app_id") != s.AppID || r.FormValue("grant_type") != "refresh_token" ||
		r.FormValue("refresh_token") != s.refresh {
		writeJSON(w, map[string]any{"error": CodeBadRefresh, "error_name": "Invalid parameter", "error_description": "Invalid refresh token"})
		return
	}
	s.rotate()
	s.refreshes++
	writeJSON(w, map[string]string{"access_token": s.access, "refresh_token": s.refresh, "expires_in": "90000"})
}

func (s *Server) gate() chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refreshGate
}

func itoa(n int) string { return strconv.Itoa(n) }
