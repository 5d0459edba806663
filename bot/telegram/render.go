package telegram

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

// maxTextRunes is where a reply is split; Telegram's limit is 4,096.
const maxTextRunes = motcua.MaxReplyRunes

// htmlEscaper escapes the three characters Telegram's HTML mode reads.
var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// inlineKeyboard is Telegram's InlineKeyboardMarkup. The library's own
// button type always sends an empty copy_text object, which Telegram may
// refuse; reply_markup accepts any JSON-encodable value.
type inlineKeyboard struct {
	InlineKeyboard [][]inlineButton `json:"inline_keyboard"`
}

type inlineButton struct {
	Text         string `json:"text"`
	URL          string `json:"url,omitempty"`
	CallbackData string `json:"callback_data,omitempty"`
}

// keyboard renders buttons one per row: Vietnamese labels are long and a
// phone screen is narrow. Buttons that Telegram would refuse are dropped
// rather than losing the whole message.
func (b *Bot) keyboard(ctx context.Context, buttons []motcua.Button) (*inlineKeyboard, error) {
	var rows [][]inlineButton
	for _, bt := range buttons {
		label := strings.TrimSpace(bt.Label)
		if label == "" {
			continue
		}
		switch {
		case bt.URL != "":
			if !validURL(bt.URL) {
				continue
			}
			rows = append(rows, []inlineButton{{Text: label, URL: bt.URL}})
		case bt.Action != "":
			data, err := b.actions.data(ctx, bt.Action)
			if err != nil {
				return nil, err
			}
			rows = append(rows, []inlineButton{{Text: label, CallbackData: data}})
		}
	}
	if len(rows) == 0 {
		return nil, nil
	}
	return &inlineKeyboard{InlineKeyboard: rows}, nil
}

func validURL(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "tg://")
}

// splitText cuts text into parts of at most max runes, at a paragraph, a
// line, a sentence or a space in the second half of a part when there is
// one, so that no part is tiny or cut mid-word.
func splitText(s string, max int) []string {
	s = strings.TrimSpace(s)
	var parts []string
	for utf8.RuneCountInString(s) > max {
		cut := byteIndex(s, max)
		at := cut
		for _, sep := range []string{"\n\n", "\n", ". ", " "} {
			if i := strings.LastIndex(s[:cut], sep); i >= cut/2 {
				at = i + len(strings.TrimRight(sep, " \n"))
				break
			}
		}
		parts = append(parts, strings.TrimSpace(s[:at]))
		s = strings.TrimSpace(s[at:])
	}
	if s != "" {
		parts = append(parts, s)
	}
	return parts
}

// byteIndex returns the byte offset of rune n of s.
func byteIndex(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}
