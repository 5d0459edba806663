package handlers

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge/vi"
	"github.com/motcua/motcua/pii"
)

// checkInput refuses a message the engine cannot read: nothing in it, too
// long, binary, or only symbols and emoji. bad is true with the answer.
func checkInput(m motcua.Message) (replies []motcua.Reply, bad bool) {
	if m.Action != "" {
		if !utf8.ValidString(m.Action) || len(m.Action) > 200 {
			return unknownAction(), true
		}
		return nil, false
	}
	text := m.Text
	switch {
	case !utf8.ValidString(text) || hasControl(text):
		return reply(msgBinary), true
	case utf8.RuneCountInString(text) > motcua.MaxMessageRunes:
		return reply(msgTooLong), true
	}
	t, _ := clean(text)
	switch {
	case t == "" && len(m.Attachments) > 0:
		return reply(msgAttachmentOnly), true
	case t == "":
		return reply(msgEmpty), true
	case !hasWordChar(t):
		return reply(msgSymbolsOnly), true
	}
	return nil, false
}

// checkInput is checkInput that reads a thumbs-up or a smile sent outside
// any flow as a nod; the conversation is left as it was all the same.
func (e *Engine) checkInput(m motcua.Message, conv *motcua.Conversation) (replies []motcua.Reply, bad bool) {
	replies, bad = checkInput(m)
	if bad && m.Action == "" && (conv.Flow == "" || conv.Flow == choiceName) && utf8.ValidString(m.Text) {
		if kind := symbolTalk(m.Text); kind != talkNone {
			return e.chat(kind, conv), true
		}
	}
	return replies, bad
}

// clean trims the text, removes hidden characters and folds it for matching.
func clean(text string) (trimmed, folded string) {
	trimmed = strings.TrimSpace(pii.StripHidden(text))
	return trimmed, vi.Fold(trimmed)
}

// hasControl reports control characters other than white space, the mark of
// binary data pasted or sent by a broken client.
func hasControl(s string) bool {
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\t' {
			continue
		}
		if unicode.IsControl(r) || r == utf8.RuneError {
			return true
		}
	}
	return false
}

// hasWordChar reports whether s holds a letter or a digit.
func hasWordChar(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// reply is one text reply with the menu button, the answer to anything the
// engine could not use.
func reply(text string) []motcua.Reply {
	return []motcua.Reply{{Text: text, Buttons: []motcua.Button{menuButton}}}
}
