package handlers

import (
	"strings"

	"github.com/motcua/motcua"
)

// Sentences a citizen reads, kept together so they stay consistent.
const (
	msgEmpty          = "Bạn chưa nhập nội dung. Bạn cứ hỏi về thủ tục cần làm, ví dụ: \"làm giấy khai sinh cho con cần gì?\""
	msgTooLong        = "Tin nhắn dài quá (tối đa 4.000 ký tự). Bạn vui lòng viết ngắn gọn câu hỏi, ví dụ: \"đăng ký kết hôn cần giấy tờ gì?\""
	msgBinary         = "Tin nhắn có ký tự không đọc được. Bạn vui lòng gõ lại câu hỏi bằng chữ."
	msgSymbolsOnly    = "Mình chưa hiểu ý bạn. Bạn vui lòng gõ câu hỏi bằng chữ, ví dụ: \"làm căn cước cho con ở đâu?\""
	msgAttachmentOnly = "Mình đã nhận được tệp, nhưng chỉ đọc được câu hỏi bằng chữ. Bạn vui lòng gõ điều bạn cần hỏi."
	msgUnknownAction  = "Nút này không còn dùng được. Bạn chọn lại từ menu hoặc gõ câu hỏi nhé."
	msgProcedureGone  = "Không tìm thấy thủ tục này trong dữ liệu hiện có (có thể đã được thay thế). Bạn vui lòng gõ lại câu hỏi."
	msgInternal       = "Xin lỗi, hệ thống đang gặp sự cố. Bạn vui lòng thử lại sau ít phút."
	msgClarify        = "Câu hỏi của bạn có thể ứng với một trong các thủ tục sau. Bạn chọn đúng thủ tục nhé:"
	msgVariants       = "Nếu bạn hỏi về một trường hợp riêng, mời bạn chọn thủ tục ở các nút bên dưới."
	msgWhereDepends   = "Một số thủ tục nộp ở nơi khác (ví dụ đăng ký tạm trú nộp tại Công an cấp xã): bạn gõ tên thủ tục để mình chỉ đúng nơi nộp."
	msgWhichProcedure = "Bạn đang hỏi về thủ tục nào? Bạn gõ tên việc cần làm, ví dụ: \"đăng ký khai sinh\", \"cấp lại căn cước\"."
	msgHelp           = "Bạn gõ việc cần làm bằng lời của mình, có dấu hay không dấu đều được, ví dụ:\n• làm giấy khai sinh cho con\n• đăng ký kết hôn cần giấy tờ gì\n• xin giấy xác nhận độc thân ở đâu\nSau đó bạn có thể hỏi tiếp: \"phí bao nhiêu?\", \"mất bao lâu?\", \"làm online được không?\""
	msgThanks         = "Dạ, không có gì ạ. Khi cần hỏi thêm về thủ tục, bạn cứ nhắn cho mình nhé."
	msgWellbeing      = "Cảm ơn bạn đã hỏi thăm! Mình luôn sẵn sàng giúp bạn. Bạn cần hỏi về thủ tục gì ạ?"
	msgLaugh          = "😊 Bạn cần hỏi thêm gì về thủ tục, cứ nhắn cho mình nhé."
	msgAck            = "Dạ. Bạn cần hỏi thêm gì, cứ nhắn cho mình nhé."
	msgBye            = "Chào bạn, chúc bạn một ngày tốt lành! Khi cần, bạn cứ nhắn lại cho mình nhé."
	msgApology        = "Xin lỗi vì mình chưa giúp được bạn. Bạn thử gõ ngắn gọn việc cần làm, ví dụ: \"làm giấy khai sinh cho con\", hoặc chọn một mục bên dưới."
	msgOutOfScope     = "Xin lỗi, mình chưa có thông tin về câu hỏi này. Mình trả lời được các câu hỏi về thủ tục hành chính: giấy tờ cần nộp, thời hạn, phí, nơi nộp."
	msgWhat           = "Bạn nói rõ thêm giúp mình: bạn cần làm thủ tục gì, cho giấy tờ nào? Ví dụ: \"cấp lại thẻ căn cước bị mất\", \"đăng ký khai sinh cho con\", \"sang tên sổ đỏ\"."
	msgCondolence     = "Xin chia buồn cùng gia đình bạn."
	msgNothingToUndo  = "Hiện không có việc nào đang làm dở để quay lại hay hủy. Bạn cần hỏi gì, cứ nhắn cho mình hoặc chọn một mục bên dưới."
	msgAskInPerson    = "\nBạn cũng có thể hỏi trực tiếp cán bộ tại bộ phận một cửa của Trung tâm."

	noteHoKhau      = "Lưu ý: dữ liệu gốc còn nhắc sổ hộ khẩu, sổ tạm trú. Các sổ này không còn dùng từ năm 2023: bạn không cần mang, cán bộ tra thông tin cư trú trong Cơ sở dữ liệu quốc gia về dân cư."
	noteCMND        = "Lưu ý: dữ liệu gốc còn nhắc chứng minh nhân dân. Từ ngày 01/07/2024 giấy tờ tùy thân là thẻ căn cước (hoặc căn cước công dân còn hạn), bạn mang thẻ này."
	noteShortHoKhau = "Lưu ý: không cần sổ hộ khẩu, sổ tạm trú (đã bỏ từ năm 2023)."
	noteShortCMND   = "Lưu ý: chỗ nào ghi chứng minh nhân dân thì bạn mang thẻ căn cước."
	noteShortBoth   = "Lưu ý: không cần sổ hộ khẩu; chỗ nào ghi chứng minh nhân dân thì bạn mang thẻ căn cước."
	noteNoDistrict  = "Lưu ý: dữ liệu gốc còn ghi \"cấp huyện\". Từ ngày 01/07/2025 không còn cấp huyện; bạn vui lòng hỏi Trung tâm phục vụ hành chính công xã/phường nơi nào đang tiếp nhận."
	noteFlagged     = "Lưu ý: dữ liệu của thủ tục này đang được rà soát; bạn vui lòng kiểm tra lại với cán bộ tiếp nhận."
)

var (
	menuButton = motcua.Button{Label: "Menu", Action: "menu"}
	infoButton = motcua.Button{Label: "Thông tin trung tâm", Action: "info"}
	helpButton = motcua.Button{Label: "Hỏi về thủ tục", Action: "help"}
)

// maxButtonRunes is the longest button label: Zalo cuts titles and a
// Telegram button on a phone shows about 35–40 characters on one line.
const maxButtonRunes = 40

// centreName is the centre's name, or the generic one.
func (e *Engine) centreName() string {
	return orDefault(e.cfg.Centre.Name, "Trung tâm phục vụ hành chính công")
}

// menu greets the citizen and offers what the bot can do.
func (e *Engine) menu() []motcua.Reply {
	text := "Xin chào! Mình là trợ lý trực tuyến của " + e.centreName() + ".\n" +
		"Bạn có thể hỏi về thủ tục hành chính (giấy tờ, thời hạn, phí, nơi nộp) hoặc chọn một mục bên dưới."
	return []motcua.Reply{{Text: text, Buttons: e.menuButtons()}}
}

// menuButtons are the main menu: asking about a procedure, every flow, and
// the centre's information.
func (e *Engine) menuButtons() []motcua.Button {
	buttons := []motcua.Button{helpButton}
	for _, f := range e.cfg.Flows {
		buttons = append(buttons, motcua.Button{Label: f.Label(), Action: "f:" + f.Name()})
	}
	return append(buttons, infoButton)
}

// nothingToUndo answers "quay lại" or "hủy" when no flow is in progress.
func (e *Engine) nothingToUndo() []motcua.Reply {
	return []motcua.Reply{{Text: msgNothingToUndo, Buttons: e.menuButtons()}}
}

// askWhat asks which papers a vague request is about.
func (e *Engine) askWhat() []motcua.Reply {
	return []motcua.Reply{{Text: msgWhat, Buttons: e.menuButtons()}}
}

// askHelp explains how to ask about a procedure.
func (e *Engine) askHelp() []motcua.Reply { return reply(msgHelp) }

// askWhichProcedure answers a follow-up when no procedure is under discussion.
func (e *Engine) askWhichProcedure() []motcua.Reply {
	return []motcua.Reply{{Text: msgWhichProcedure, Buttons: []motcua.Button{helpButton, menuButton}}}
}

// unknownAction answers a button the engine does not know (an old or forged
// action); the conversation is left as it was.
func unknownAction() []motcua.Reply {
	return []motcua.Reply{{Text: msgUnknownAction, Buttons: []motcua.Button{menuButton}}}
}

// outOfScope says plainly that the bot has no information, and where to
// turn: the office that handles the topic, when the lexicon names one
// ("ly hôn (tòa án)"), and the centre.
func (e *Engine) outOfScope(topic string) []motcua.Reply {
	c := e.cfg.Centre
	text := msgOutOfScope
	if what, who, ok := strings.Cut(strings.TrimSuffix(strings.TrimSpace(topic), ")"), " ("); ok && who != "" {
		text += "\nViệc " + what + " do " + who + " giải quyết, không làm tại Trung tâm."
	}
	if len(c.Fields) > 0 {
		text += "\nCác lĩnh vực: " + strings.Join(c.Fields, ", ") + "."
	}
	if c.Hotline != "" {
		text += "\nBạn cũng có thể gọi đường dây nóng " + c.Hotline + " để được hỗ trợ."
	} else {
		text += msgAskInPerson
	}
	buttons := []motcua.Button{helpButton, infoButton, menuButton}
	return []motcua.Reply{{Text: text, Buttons: buttons}}
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
