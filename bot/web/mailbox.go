package web

import (
	"net/http"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/pii"
)

// maxCursorLen bounds the after parameter; cursors are the store's short ids.
const maxCursorLen = 128

// messagesResponse is the answer of GET /api/chat/messages.
type messagesResponse struct {
	Messages []motcua.Reply `json:"messages"`
	Cursor   string         `json:"cursor"`
}

func (s *Server) serveMessages(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	addr := s.clientAddr(r)
	if s.limited(w, s.pollAddr, addr, addr == "", now) {
		return
	}
	q := r.URL.Query()
	session, cursor := q.Get("session_id"), q.Get("after")
	if !validSession(session) {
		writeError(w, http.StatusBadRequest, msgSession)
		return
	}
	if len(cursor) > maxCursorLen {
		writeError(w, http.StatusBadRequest, msgCursor)
		return
	}
	if s.limited(w, s.pollSession, session, addr == "", now) {
		return
	}
	replies, next, err := s.fetch(r, session, cursor)
	switch motcua.ErrorCode(err) {
	case "":
		writeJSON(w, http.StatusOK, messagesResponse{Messages: replies, Cursor: next})
	case motcua.EINVALID:
		writeError(w, http.StatusBadRequest, msgCursor)
	default:
		s.log.Error("web mailbox failed", "code", motcua.ErrorCode(err), "err", pii.Mask(err.Error()))
		writeError(w, http.StatusInternalServerError, msgInternal)
	}
}

// fetch reads the session's mailbox after cursor; with no mailbox it is
// always empty and the cursor stays where it was.
func (s *Server) fetch(r *http.Request, session, cursor string) ([]motcua.Reply, string, error) {
	if s.mailbox == nil {
		return []motcua.Reply{}, cursor, nil
	}
	replies, next, err := s.mailbox.WebMessages(r.Context(), session, cursor)
	if replies == nil {
		replies = []motcua.Reply{}
	}
	return replies, next, err
}
