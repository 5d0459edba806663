package handlers

import (
	"strings"
	"unicode"

	"github.com/motcua/motcua"
)

// talk is a kind of small talk: a message that asks for no procedure but
// deserves a friendly word, not "no information".
type talk int

const (
	talkNone      talk = iota
	talkIdentity       // "bạn là ai"
	talkWellbeing      // "bạn khỏe không"
	talkLaugh          // "haha"
	talkAck            // "ok", "vâng", 👍
	talkThanks         // "cảm ơn"
	talkBye            // "tạm biệt"
	talkInsult         // "bot ngu"
	talkMore           // "còn gì nữa không"
)

// Phrases of small talk, folded; a message is small talk when it holds
// nothing but one kind's phrases and filler.
var (
	identityPhrases = newPhraseSet("ban la ai", "ban ten gi", "ban ten la gi", "ai do", "ai vay",
		"ai day", "ban la nguoi hay may", "ban la nguoi that", "nguoi that", "nguoi hay may",
		"ban la bot", "la bot", "la robot", "la may", "chatbot", "ban lam duoc gi",
		"ban giup duoc gi", "ban biet gi", "ban lam gi", "giup duoc gi", "lam duoc gi", "co ai khong")
	wellbeingPhrases = newPhraseSet("khoe khong", "co khoe khong", "khoe ko", "the nao roi",
		"dao nay the nao", "an com chua", "ngu chua", "vui khong", "co vui khong", "on khong", "co on khong",
		"khoe chu", "co met khong", "met khong")
	laughPhrases = newPhraseSet("haha", "hahaha", "ha ha", "hihi", "hi hi", "hehe", "he he", "hihihi",
		"hehehe", "kaka", "keke", "kkk", "lol", "hix", "huhu", "hic", "hjhj", "hoho")
	ackPhrases = newPhraseSet("ok", "okk", "okela", "vang", "da", "u", "uh", "uhm", "um", "duoc roi",
		"hieu roi", "ro roi", "biet roi", "vay a", "the a", "a", "oh", "o", "oki", "on",
		"on roi", "tot", "tot qua", "hay qua", "hay", "tuyet", "tuyet voi", "good", "nice", "yes", "dung roi", "chuan")
	thanksCore    = newPhraseSet("cam on", "thanks", "thank you", "cam ta", "da ta")
	thanksPhrases = newPhraseSet("cam on", "thanks", "thank you", "cam ta", "da ta", "rat nhieu", "nhieu",
		"ok", "vang", "duoc roi", "hieu roi", "ro roi", "biet roi", "tot qua", "hay qua")
	byePhrases = newPhraseSet("tam biet", "bye", "bye bye", "goodbye", "hen gap lai", "chao tam biet",
		"chuc ngu ngon", "ngu ngon", "di day", "toi di day")
	insultPhrases = newPhraseSet("ngu", "ngu qua", "ngu the", "ngu vay", "do ngu", "bot ngu", "may ngu",
		"vo dung", "vo tich su", "kem", "kem qua", "te", "te qua", "chan", "chan qua", "chan the",
		"dm", "dmm", "dcm", "vl", "vcl", "vkl", "clm", "cut", "im di", "lua dao", "do te",
		"rac", "do rac", "tra loi ngu", "tra loi linh tinh", "linh tinh", "vo van", "nham", "sai roi",
		"khong hieu gi", "chang hieu gi", "khong giup duoc gi", "bot", "qua", "that", "vay")
	morePhrases = newPhraseSet("con gi nua", "con gi", "gi nua", "them gi", "con nua", "con gi khac",
		"con thong tin gi", "thong tin khac", "con j nua", "them thong tin", "chi tiet hon", "xem them", "noi them")
)

// insultWords are the words that make a message an insult; the rest of
// insultPhrases ("bot", "quá") only go with them.
var insultWords = newPhraseSet("ngu", "do ngu", "vo dung", "vo tich su", "kem", "te", "chan",
	"dm", "dmm", "dcm", "vl", "vcl", "vkl", "clm", "cut", "im di", "lua dao", "rac", "linh tinh",
	"vo van", "nham", "sai roi", "khong hieu gi", "chang hieu gi", "khong giup duoc gi")

// smallTalk says which kind of small talk the words are, or talkNone.
func smallTalk(ws []string) talk {
	if as, _ := followUp(ws); len(as) > 0 {
		return talkNone // "cần mang gì ạ" asks about the procedure
	}
	switch {
	case len(ws) == 0:
		return talkNone
	case isWhole(identityPhrases, ws):
		return talkIdentity
	case isWhole(wellbeingPhrases, ws):
		return talkWellbeing
	case isWhole(laughPhrases, ws):
		return talkLaugh
	case isWhole(byePhrases, ws):
		return talkBye
	case thanksCore.contains(ws) && isWhole(thanksPhrases, ws):
		return talkThanks
	case isWhole(ackPhrases, ws):
		return talkAck
	case insultWords.contains(ws) && isWhole(insultPhrases, ws):
		return talkInsult
	case isWhole(morePhrases, ws):
		return talkMore
	}
	return talkNone
}

// chat answers small talk; conv is read for the procedure under discussion.
func (e *Engine) chat(kind talk, conv *motcua.Conversation) []motcua.Reply {
	switch kind {
	case talkIdentity:
		return []motcua.Reply{{Text: e.identityText(), Buttons: e.menuButtons()}}
	case talkWellbeing:
		return []motcua.Reply{{Text: msgWellbeing, Buttons: e.nextButtons(conv)}}
	case talkLaugh:
		return []motcua.Reply{{Text: msgLaugh, Buttons: e.nextButtons(conv)}}
	case talkAck:
		return []motcua.Reply{{Text: msgAck, Buttons: e.nextButtons(conv)}}
	case talkThanks:
		return []motcua.Reply{{Text: msgThanks, Buttons: e.nextButtons(conv)}}
	case talkBye:
		return []motcua.Reply{{Text: msgBye, Buttons: []motcua.Button{menuButton}}}
	case talkInsult:
		return e.apology()
	case talkMore:
		return e.more(conv)
	}
	return e.askHelp()
}

// identityText says who answers and what it can do, in two lines.
func (e *Engine) identityText() string {
	return "Mình là trợ lý trực tuyến tự động của " + e.centreName() + ".\n" +
		"Mình trả lời về thủ tục hành chính (giấy tờ, thời hạn, phí, nơi nộp)" + e.flowsPhrase() +
		". Thông tin lấy từ Cơ sở dữ liệu quốc gia về thủ tục hành chính; việc cụ thể của bạn, cán bộ tiếp nhận sẽ xem xét."
}

// flowsPhrase names what the flows of this deployment do: ", Tra cứu hồ sơ".
func (e *Engine) flowsPhrase() string {
	var labels []string
	for _, f := range e.cfg.Flows {
		labels = append(labels, strings.ToLower(f.Label()))
	}
	if len(labels) == 0 {
		return ""
	}
	return ", " + strings.Join(labels, ", ")
}

// nextButtons are the likely next steps after a word of small talk: the
// procedure under discussion first, when there is one.
func (e *Engine) nextButtons(conv *motcua.Conversation) []motcua.Button {
	if conv != nil && conv.Procedure != "" {
		if p, err := e.procedure(conv.Procedure); err == nil {
			return []motcua.Button{
				{Label: shorten("Xem lại: "+trimProcedurePrefix(p.Name), maxButtonRunes), Action: "p:" + p.Code},
				helpButton, menuButton,
			}
		}
	}
	return []motcua.Button{helpButton, infoButton, menuButton}
}

// apology answers an insult or a complaint about the bot calmly, with a way
// to reach a person.
func (e *Engine) apology() []motcua.Reply {
	text := msgApology
	if h := e.cfg.Centre.Hotline; h != "" {
		text += "\nBạn cũng có thể gọi đường dây nóng " + h + " để gặp cán bộ."
	}
	buttons := []motcua.Button{helpButton}
	for _, f := range e.cfg.Flows {
		if f.Name() == "complaint" {
			buttons = append(buttons, motcua.Button{Label: f.Label(), Action: "f:" + f.Name()})
		}
	}
	buttons = append(buttons, infoButton, menuButton)
	return []motcua.Reply{{Text: text, Buttons: buttons}}
}

// more answers "còn gì nữa không": the parts of the procedure under
// discussion the citizen can still open, or how to ask.
func (e *Engine) more(conv *motcua.Conversation) []motcua.Reply {
	if conv.Procedure == "" {
		return e.askHelp()
	}
	p, err := e.procedure(conv.Procedure)
	if err != nil {
		conv.Procedure = ""
		return e.missingProcedure(err)
	}
	text := "Về thủ tục " + lowerFirst(trimProcedurePrefix(shorten(p.Name, 120))) +
		", bạn có thể xem thêm các mục bên dưới, hoặc hỏi thủ tục khác."
	return []motcua.Reply{{Text: text, Buttons: e.cardButtons(p)}}
}

// lowerFirst lowers the first letter, for a name placed inside a sentence,
// unless the name starts with an abbreviation ("UBND").
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) < 2 || unicode.IsUpper(r[1]) {
		return s
	}
	return string(unicode.ToLower(r[0])) + string(r[1:])
}

// Friendly symbols: a message of only these is a nod or a smile, answered
// like "ok"; any other symbols get msgSymbolsOnly.
var (
	ackSymbols   = "👍👌🙏❤♥💕💖😊🙂😀😃😄😁☺🥰😍👏✅✔🆗💯🤝🌹🌸"
	laughSymbols = "😂🤣😆😅😹"
)

// symbolTalk reads a message of symbols only: a thumbs-up, a smile, ":)".
func symbolTalk(t string) talk {
	switch strings.TrimSpace(t) {
	case ":)", ":))", ":)))", ":D", "=))", "^^", "^_^", ":-)", "<3":
		return talkAck
	}
	kind := talkNone
	for _, r := range t {
		switch {
		case unicode.IsSpace(r) || r == '\uFE0F' || r == '\u200D' || r == '!' || r == '.' || unicode.Is(unicode.Sk, r):
		case strings.ContainsRune(laughSymbols, r):
			kind = talkLaugh
		case strings.ContainsRune(ackSymbols, r):
			if kind == talkNone {
				kind = talkAck
			}
		default:
			return talkNone
		}
	}
	return kind
}
