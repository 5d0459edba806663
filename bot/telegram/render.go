package telegram

import (
	"context"
	"strings"

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
