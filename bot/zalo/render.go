package zalo

import (
	"strings"
	"unicode/utf8"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/split"
)

// Limits of a consultation message.
const (
	maxTextRunes   = 2000 // text of one message
	maxButtons     = 5    // buttons under one message
	maxTitleRunes  = 100  // title of a button
	maxActionBytes = 900  // payload of an oa.query.hide button (Zalo allows 1000)
)

// Texts sent when the engine gave buttons without text, or more buttons
// than fit under one message.
const (
	chooseText = "Mời bạn chọn:"
	moreText   = "Lựa chọn khác:"
)

// outMessage is the "message" object of a send request.
type outMessage struct {
	Text       string         `json:"text,omitempty"`
	Attachment *outAttachment `json:"attachment,omitempty"`
}

type outAttachment struct {
	Type    string     `json:"type"` // "template"
	Payload outPayload `json:"payload"`
}

type outPayload struct {
	TemplateType string       `json:"template_type,omitempty"` // "media" for a photo
	Buttons      []outButton  `json:"buttons,omitempty"`
	Elements     []outElement `json:"elements,omitempty"`
}

type outButton struct {
	Title   string `json:"title"`
	Type    string `json:"type"`    // oa.query.hide, oa.open.url, oa.open.phone
	Payload any    `json:"payload"` // a string, {"url":…} or {"phone_code":…}
}

type outElement struct {
	MediaType string `json:"media_type"` // "image"
	URL       string `json:"url"`
}

// render turns one reply into the messages that carry it: the text in
// pieces Zalo accepts, the buttons under the last piece (five at most per
// message, the rest under short follow-up messages), then each image.
func render(r motcua.Reply) []outMessage {
	var out []outMessage
	texts := split.Text(r.Text, maxTextRunes)
	buttons := renderButtons(r.Buttons)
	if len(texts) == 0 && len(buttons) > 0 {
		texts = []string{chooseText}
	}
	for i, t := range texts {
		m := outMessage{Text: t}
		if i == len(texts)-1 && len(buttons) > 0 {
			m.Attachment, buttons = withButtons(buttons)
		}
		out = append(out, m)
	}
	for len(buttons) > 0 {
		m := outMessage{Text: moreText}
		m.Attachment, buttons = withButtons(buttons)
		out = append(out, m)
	}
	return append(out, renderMedia(r.Attachments)...)
}

// withButtons takes up to maxButtons buttons into a template attachment.
func withButtons(bs []outButton) (*outAttachment, []outButton) {
	n := min(len(bs), maxButtons)
	return &outAttachment{Type: "template", Payload: outPayload{Buttons: bs[:n]}}, bs[n:]
}

// renderButtons maps the engine's buttons: an action becomes a hidden query
// whose payload comes back as a text starting with actionPrefix; a link
// opens in the browser; a tel: link dials.
func renderButtons(bs []motcua.Button) []outButton {
	var out []outButton
	for _, b := range bs {
		title := truncate(b.Label, maxTitleRunes)
		switch {
		case strings.HasPrefix(b.URL, "tel:"):
			out = append(out, outButton{title, "oa.open.phone", map[string]string{"phone_code": strings.TrimPrefix(b.URL, "tel:")}})
		case b.URL != "":
			out = append(out, outButton{title, "oa.open.url", map[string]string{"url": b.URL}})
		case b.Action != "" && len(b.Action) <= maxActionBytes:
			out = append(out, outButton{title, "oa.query.hide", actionPrefix + b.Action})
		}
	}
	return out
}

// renderMedia sends each image with a public URL as a media message; files
// go as a link in a text.
func renderMedia(as []motcua.Attachment) []outMessage {
	var out []outMessage
	for _, a := range as {
		switch {
		case a.URL == "":
			continue // a reference of another channel: nothing Zalo can fetch
		case a.Kind == "image":
			out = append(out, outMessage{Attachment: &outAttachment{Type: "template",
				Payload: outPayload{TemplateType: "media", Elements: []outElement{{"image", a.URL}}}}})
		default:
			out = append(out, outMessage{Text: strings.TrimSpace(a.Name + " " + a.URL)})
		}
	}
	return out
}

// truncate shortens s to n runes, with an ellipsis when cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
