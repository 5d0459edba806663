package telegram

import "github.com/motcua/motcua"

// Texts the channel itself says to citizens, without the engine.
var (
	// apology answers an update the engine failed on for good.
	apology = motcua.Reply{
		Text:    "Xin lỗi, hệ thống đang gặp sự cố nên chưa trả lời được tin nhắn của bạn. Bạn vui lòng thử lại sau ít phút nhé.",
		Buttons: []motcua.Button{{Label: "Menu", Action: "menu"}},
	}
	// onlyText answers stickers, voice notes, videos and the like.
	onlyText = motcua.Reply{
		Text:    "Xin lỗi, hiện tôi chỉ đọc được tin nhắn chữ và ảnh. Bạn vui lòng gõ câu hỏi bằng chữ nhé.",
		Buttons: []motcua.Button{{Label: "Menu", Action: "menu"}},
	}
)
