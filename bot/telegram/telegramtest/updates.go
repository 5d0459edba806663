package telegramtest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// conflictText is Telegram's answer to a second poller.
const conflictText = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"

type update struct {
	id  int64
	raw json.RawMessage
}

// Push queues an update built from fields (update_id is added) for
// getUpdates and returns its id.
func (s *Server) Push(fields map[string]any) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	s.queue(s.nextID, fields)
	return s.nextID
}

// PushAgain queues an update with an id already used: a redelivery.
func (s *Server) PushAgain(id int64, fields map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue(id, fields)
}

// queue adds an update; call with s.mu held.
func (s *Server) queue(id int64, fields map[string]any) {
	fields["update_id"] = id
	raw, _ := json.Marshal(fields)
	s.pending = append(s.pending, update{id, raw})
	s.signal()
}

// PushText queues a text message from a private chat and returns its
// update id.
func (s *Server) PushText(chat int64, text string) int64 {
	return s.Push(map[string]any{"message": MessageFields(chat, text)})
}

// MessageFields is the JSON object of a text message in a private chat.
func MessageFields(chat int64, text string) map[string]any {
	return map[string]any{
		"message_id": 1, "date": time.Now().Unix(), "text": text,
		"chat": map[string]any{"id": chat, "type": "private"},
		"from": map[string]any{"id": chat, "is_bot": false, "first_name": "An"},
	}
}

// TextUpdate is the JSON of an update carrying a text message, as posted
// to a webhook.
func TextUpdate(updateID, chat int64, text string) []byte {
	fields := MessageFields(chat, text)
	fields["message_id"] = updateID
	raw, _ := json.Marshal(map[string]any{"update_id": updateID, "message": fields})
	return raw
}

// CallbackUpdate is the JSON of an update for a tapped inline button, as
// posted to a webhook.
func CallbackUpdate(updateID, chat int64, queryID, data string) []byte {
	raw, _ := json.Marshal(map[string]any{"update_id": updateID, "callback_query": map[string]any{
		"id": queryID, "data": data, "chat_instance": "ci",
		"from": map[string]any{"id": chat, "is_bot": false, "first_name": "An"},
		"message": map[string]any{"message_id": 1, "date": time.Now().Unix(), "text": "…",
			"chat": map[string]any{"id": chat, "type": "private"}},
	}})
	return raw
}

// getUpdates confirms the updates before offset, then answers the pending
// ones, waiting up to timeout seconds for one. A newer getUpdates ends an
// older one with 409, as Telegram does.
func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, p map[string]string) {
	offset, _ := strconv.ParseInt(p["offset"], 10, 64)
	timeout, _ := strconv.Atoi(p["timeout"])
	limit, _ := strconv.Atoi(p["limit"])
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	s.mu.Lock()
	s.polls++
	s.signal()
	if s.conflict {
		s.mu.Unlock()
		reply(w, 409, nil, conflictText, 0)
		return
	}
	if s.poller != nil {
		close(s.poller)
	}
	mine := make(chan struct{})
	s.poller = mine
	s.mu.Unlock()
	deadline := time.After(time.Duration(timeout) * time.Second)
	for {
		out, ch := s.confirm(offset, limit)
		if len(out) > 0 || timeout == 0 {
			reply(w, 200, out, "", 0)
			return
		}
		select {
		case <-ch:
		case <-mine:
			reply(w, 409, nil, conflictText, 0)
			return
		case <-deadline:
			reply(w, 200, []any{}, "", 0)
			return
		case <-r.Context().Done():
			return
		}
	}
}

// confirm drops the updates before offset and returns up to limit pending
// ones, with the channel that signals the next change.
func (s *Server) confirm(offset int64, limit int) ([]json.RawMessage, chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	kept := s.pending[:0]
	for _, u := range s.pending {
		if offset == 0 || u.id >= offset {
			kept = append(kept, u)
		}
	}
	s.pending = kept
	out := []json.RawMessage{}
	for _, u := range kept[:min(len(kept), limit)] {
		out = append(out, u.raw)
	}
	return out, s.changed
}
