package zalotest

import (
	"encoding/json"
	"net/http"
	"unicode/utf8"
)

// sendBody is the request of /v3.0/oa/message/cs.
type sendBody struct {
	Recipient struct {
		UserID    string `json:"user_id"`
		MessageID string `json:"message_id"`
	} `json:"recipient"`
	Message struct {
		Text       string `json:"text"`
		Attachment *struct {
			Type    string `json:"type"`
			Payload struct {
				TemplateType string `json:"template_type"`
				Buttons      []struct {
					Title   string          `json:"title"`
					Type    string          `json:"type"`
					Payload json.RawMessage `json:"payload"`
				} `json:"buttons"`
				Elements []struct {
					MediaType string `json:"media_type"`
					URL       string `json:"url"`
				} `json:"elements"`
			} `json:"payload"`
		} `json:"attachment"`
	} `json:"message"`
}

func (s *Server) serveSend(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.failNext) > 0 {
		f := s.failNext[0]
		s.failNext = s.failNext[1:]
		if f.status != 0 && f.status != http.StatusOK {
			http.Error(w, "upstream failure", f.status)
			return
		}
		writeJSON(w, envelope(f.code, "failure", nil))
		return
	}
	token := r.Header.Get("access_token")
	if token != s.access {
		s.rejected++
		writeJSON(w, envelope(CodeTokenInvalid, "Access token is invalid", nil))
		return
	}
	var b sendBody
	if err := json.NewDecoder(r.Body).Decode(&b); err != nil || b.Recipient.UserID == "" {
		writeJSON(w, envelope(CodeParamInvalid, "Parameters are invalid", nil))
		return
	}
	if code, ok := s.closed[b.Recipient.UserID]; ok {
		writeJSON(w, envelope(code, "User has not interacted with the OA in the past 7 days", nil))
		return
	}
	m, ok := decodeSent(b)
	if !ok {
		writeJSON(w, envelope(CodeParamInvalid, "Parameters are invalid", nil))
		return
	}
	m.Token = token
	s.sent = append(s.sent, m)
	s.sentCh <- m
	writeJSON(w, envelope(0, "Success", map[string]any{"message_id": "oa-msg-" + itoa(len(s.sent)), "user_id": m.UserID}))
}

// decodeSent checks a message against the API's limits and flattens it.
func decodeSent(b sendBody) (Sent, bool) {
	m := Sent{UserID: b.Recipient.UserID, MessageID: b.Recipient.MessageID, Text: b.Message.Text}
	if !validText(m.Text) {
		return m, false
	}
	a := b.Message.Attachment
	if a == nil {
		return m, m.Text != ""
	}
	if a.Type != "template" || len(a.Payload.Buttons) > 5 {
		return m, false
	}
	for _, e := range a.Payload.Elements {
		if e.MediaType != "image" || e.URL == "" {
			return m, false
		}
		m.Images = append(m.Images, e.URL)
	}
	for _, bt := range a.Payload.Buttons {
		btn, ok := decodeButton(bt.Title, bt.Type, bt.Payload)
		if !ok {
			return m, false
		}
		m.Buttons = append(m.Buttons, btn)
	}
	return m, len(m.Buttons) == 0 || m.Text != ""
}

// decodeButton checks one button: a title of 1–100 characters and a
// payload of the shape its type needs.
func decodeButton(title, typ string, raw json.RawMessage) (Button, bool) {
	b := Button{Title: title, Type: typ}
	if n := utf8.RuneCountInString(title); n == 0 || n > 100 {
		return b, false
	}
	var obj map[string]string
	switch typ {
	case "oa.query.hide", "oa.query.show":
		return b, json.Unmarshal(raw, &b.Payload) == nil && b.Payload != "" && len(b.Payload) <= 1000
	case "oa.open.url":
		ok := json.Unmarshal(raw, &obj) == nil && obj["url"] != ""
		b.Payload = obj["url"]
		return b, ok
	case "oa.open.phone":
		ok := json.Unmarshal(raw, &obj) == nil && obj["phone_code"] != ""
		b.Payload = obj["phone_code"]
		return b, ok
	}
	return b, false
}
