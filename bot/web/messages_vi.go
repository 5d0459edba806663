package web

// What a citizen reads when a request cannot be served.
const (
	msgBadRequest = "Yêu cầu không hợp lệ. Bạn vui lòng tải lại trang rồi thử lại."
	msgEmpty      = "Bạn chưa nhập câu hỏi. Hãy gõ nội dung cần hỏi hoặc chọn một nút gợi ý."
	msgTooLong    = "Tin nhắn quá dài (tối đa 4.000 ký tự). Bạn vui lòng rút gọn hoặc chia thành nhiều tin."
	msgSession    = "Phiên trò chuyện không hợp lệ. Bạn vui lòng tải lại trang."
	msgCursor     = "Vị trí tin nhắn không hợp lệ. Bạn vui lòng tải lại trang."
	msgTooMany    = "Bạn gửi hơi nhanh. Vui lòng chờ vài giây rồi gửi lại."
	msgInternal   = "Xin lỗi, hệ thống đang gặp sự cố. Bạn vui lòng thử lại sau ít phút."
)
