package telegram

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/motcua/motcua"
)

// incoming is one update as the workers see it.
type incoming struct {
	updateID   string
	chatID     int64 // 0 when the update has no chat to answer in
	msg        motcua.Message
	callbackID string // a button press to answer with answerCallbackQuery
	// unsupported marks a message the engine cannot read (sticker, voice):
	// the bot answers it directly.
	unsupported bool
}

// commandActions maps bot commands to engine actions; every other command
// goes to the engine as text.
var commandActions = map[string]string{
	"/start": "menu",
	"/menu":  "menu",
	"/help":  "menu",
}

// decodeUpdate turns an inbox payload into an incoming message. A button's
// short callback data is mapped back to its action through the store.
func (b *Bot) decodeUpdate(ctx context.Context, id string, raw []byte) (incoming, error) {
	var u models.Update
	if err := json.Unmarshal(raw, &u); err != nil {
		return incoming{}, motcua.Errorf(motcua.EINVALID, "telegram: decode update %s: %v", id, err)
	}
	in := incoming{updateID: id}
	switch {
	case u.Message != nil:
		fromMessage(&in, u.Message)
	case u.CallbackQuery != nil:
		if err := b.fromCallback(ctx, &in, u.CallbackQuery); err != nil {
			return in, err
		}
	}
	if in.chatID != 0 {
		in.msg.Channel = Channel
		in.msg.ChatID = strconv.FormatInt(in.chatID, 10)
	}
	return in, nil
}

func fromMessage(in *incoming, m *models.Message) {
	if m.Chat.Type != models.ChatTypePrivate {
		// Groups are not served: a dossier or a complaint is nobody
		// else's business, and the bot would answer to a crowd.
		return
	}
	in.chatID = m.Chat.ID
	in.msg.ID = strconv.Itoa(m.ID)
	in.msg.At = time.Unix(int64(m.Date), 0)
	switch {
	case m.Text != "":
		in.msg.Text = m.Text
		if cmd := command(m.Text); cmd != "" {
			in.msg.Action = commandActions[cmd]
		}
	case len(m.Photo) > 0:
		// Telegram sends every size; the last is the largest.
		p := m.Photo[len(m.Photo)-1]
		in.msg.Text = m.Caption
		in.msg.Attachments = []motcua.Attachment{{Kind: "image", ChannelRef: p.FileID}}
	case m.Document != nil:
		in.msg.Text = m.Caption
		in.msg.Attachments = []motcua.Attachment{{
			Kind: "file", Name: m.Document.FileName, ChannelRef: m.Document.FileID,
		}}
	default:
		in.unsupported = true
	}
}

// command returns the bot command a text starts with ("/start@motcua_bot
// abc" → "/start"), or "".
func command(text string) string {
	if !strings.HasPrefix(text, "/") {
		return ""
	}
	cmd, _, _ := strings.Cut(text, " ")
	cmd, _, _ = strings.Cut(cmd, "@")
	return strings.ToLower(cmd)
}

func (b *Bot) fromCallback(ctx context.Context, in *incoming, q *models.CallbackQuery) error {
	in.callbackID = q.ID
	in.chatID = q.From.ID // a private chat's id is the user's id
	if m := q.Message.Message; m != nil {
		if m.Chat.Type != models.ChatTypePrivate {
			in.chatID = 0 // a button under a message in a group: not served
		}
	}
	in.msg.ID = "cb:" + q.ID
	in.msg.At = time.Now()
	action, err := b.actions.resolve(ctx, q.Data)
	if err != nil {
		return err
	}
	in.msg.Action = action
	return nil
}
