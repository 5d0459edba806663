package zalo

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Event names the channel acts on; Zalo sends many more, which are
// acknowledged and ignored.
const (
	evText     = "user_send_text"
	evImage    = "user_send_image"
	evFile     = "user_send_file"
	evFollow   = "follow"
	evUnfollow = "unfollow"
)

// actionPrefix starts the payload of every button the bot sends. Zalo
// returns a click on an oa.query.hide button as a text message carrying the
// payload; the prefix tells it apart from a question the citizen typed.
const actionPrefix = "#mc:"

// event is an OA webhook event as Zalo posts it; all ids are strings.
type event struct {
	AppID     string          `json:"app_id"`
	EventName string          `json:"event_name"`
	Timestamp json.RawMessage `json:"timestamp"` // milliseconds, a string (a number in some events)
	Sender    struct {
		ID string `json:"id"`
	} `json:"sender"`
	Recipient struct {
		ID string `json:"id"`
	} `json:"recipient"`
	Follower struct {
		ID string `json:"id"`
	} `json:"follower"`
	Message struct {
		MsgID       string       `json:"msg_id"`
		Text        string       `json:"text"`
		Attachments []attachment `json:"attachments"`
	} `json:"message"`
}

// attachment is a photo or file the user sent.
type attachment struct {
	Type    string `json:"type"`
	Payload struct {
		URL       string `json:"url"`
		Thumbnail string `json:"thumbnail"`
		Name      string `json:"name"`
	} `json:"payload"`
}

// parseEvent decodes an event body.
func parseEvent(body []byte) (event, error) {
	var ev event
	if err := json.Unmarshal(body, &ev); err != nil {
		return ev, motcua.Errorf(motcua.EINVALID, "zalo: bad event: %v", err)
	}
	return ev, nil
}

// timestamp is the event's timestamp exactly as signed (the digits, without
// the quotes of a JSON string).
func (ev event) timestamp() string {
	return string(bytes.Trim(bytes.TrimSpace(ev.Timestamp), `"`))
}

// at is the event's time, the zero time when it has none.
func (ev event) at() time.Time {
	ms, err := strconv.ParseInt(ev.timestamp(), 10, 64)
	if err != nil {
		return time.Time{}
	}
	return time.UnixMilli(ms)
}

// userID is the citizen the event is about.
func (ev event) userID() string {
	if ev.EventName == evFollow || ev.EventName == evUnfollow {
		if ev.Follower.ID != "" {
			return ev.Follower.ID
		}
	}
	return ev.Sender.ID
}

// id identifies the event for de-duplication: the message id, or for events
// without one (follow) the name, user and time.
func (ev event) id() string {
	if ev.Message.MsgID != "" {
		return ev.Message.MsgID
	}
	return ev.EventName + ":" + ev.userID() + ":" + ev.timestamp()
}

// message turns an event into the engine's message; ok is false for events
// the engine does not need.
func (ev event) message(welcome string) (m motcua.Message, ok bool) {
	m = motcua.Message{Channel: motcua.ChannelZalo, ChatID: ev.userID(), ID: ev.Message.MsgID, At: ev.at()}
	switch ev.EventName {
	case evText:
		m.Text = ev.Message.Text
		if a, found := strings.CutPrefix(strings.TrimSpace(m.Text), actionPrefix); found {
			m.Text, m.Action = "", a
		}
	case evImage, evFile:
		m.Text = ev.Message.Text
		m.Attachments = ev.attachments()
	case evFollow:
		m.Action = welcome
	default:
		return m, false
	}
	return m, m.ChatID != ""
}

// attachments converts the photos and files of an event.
func (ev event) attachments() []motcua.Attachment {
	var out []motcua.Attachment
	for _, a := range ev.Message.Attachments {
		kind := "file"
		if a.Type == "image" || ev.EventName == evImage {
			kind = "image"
		}
		if a.Payload.URL == "" {
			continue
		}
		out = append(out, motcua.Attachment{Kind: kind, URL: a.Payload.URL, Name: a.Payload.Name})
	}
	return out
}
