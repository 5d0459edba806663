package complaintflow

// Sentences a citizen reads, kept together so they stay consistent.
const (
	msgAskCategory     = "Bạn muốn phản ánh, kiến nghị về việc gì? Bạn chọn một mục bên dưới (hoặc gõ số thứ tự)."
	msgGuessedCategory = "Mình hiểu là: %s. Bạn bấm để xác nhận hoặc chọn mục khác."
	msgFormalNoted     = "Mình ghi nhận bạn muốn khiếu nại hoặc tố cáo. Nội dung bạn gửi ở đây được ghi lại và chuyển đến bộ phận giám sát, giải quyết khiếu nại; sau khi gửi, mình sẽ hướng dẫn cách nộp đơn chính thức."
	msgBadCategory     = "Mình chưa nhận ra loại phản ánh. Bạn bấm một nút bên dưới, hoặc gõ số từ 1 đến 8."
	msgAskText         = "Bạn kể ngắn gọn sự việc: ở đâu, khi nào, bộ phận hay cán bộ nào, điều gì đã xảy ra (từ 10 đến 2.000 ký tự)."
	msgPhotosWelcome   = "Bạn có thể gửi kèm ảnh chụp."
	msgKeepText        = "Nội dung bạn đã viết: «%s»\nBạn bấm «Giữ nội dung này», hoặc gõ nội dung mới."
	msgTextEmpty       = "Bạn chưa nhập nội dung sự việc."
	msgTextSymbols     = "Mình chỉ đọc được nội dung bằng chữ, chưa đọc được biểu tượng cảm xúc hay ký hiệu."
	msgTextTooShort    = "Nội dung ngắn quá, cán bộ chưa đủ thông tin để giải quyết. Bạn kể thêm một chút nhé."
	msgTextTooLong     = "Nội dung dài quá (tối đa %d ký tự, bạn đã gõ %d). Bạn vui lòng viết gọn lại; chi tiết có thể trao đổi khi cán bộ liên hệ."
	msgAskPhotos       = "Bạn có ảnh chụp liên quan (giấy tiếp nhận, bảng phí, nơi xảy ra sự việc…) không? Bạn gửi ảnh ngay tại đây (tối đa %d ảnh), rồi bấm «Tiếp tục». Không có ảnh thì bấm «Tiếp tục»."
	msgPhotosWanted    = "Ở bước này mình chờ ảnh chụp. Bạn gửi ảnh, hoặc bấm «Tiếp tục» nếu không có."
	msgPhotoNotHere    = "Ở bước này mình chưa nhận ảnh. Muốn thêm ảnh, bạn bấm «Sửa» ở bước xác nhận rồi chọn «Ảnh»."
	msgAskDossier      = "Nếu phản ánh liên quan đến một hồ sơ đã nộp, bạn gõ mã hồ sơ (in trên giấy tiếp nhận hồ sơ). Không có thì bấm «Bỏ qua»."
	msgAskDossierKnown = "Phản ánh này liên quan đến hồ sơ %s phải không? Bạn bấm xác nhận, gõ mã hồ sơ khác, hoặc bấm «Bỏ qua»."
	msgBadDossier      = "Mã hồ sơ chưa đúng dạng: mã gồm 6 đến 40 ký tự chữ, số và dấu . - / (ví dụ H12.99-260115-0001)."
	msgContact         = "Để trả lời và liên hệ khi cần làm rõ, trung tâm xin họ tên và số điện thoại của bạn.\n" +
		"Theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân: thông tin này chỉ dùng để giải quyết phản ánh này, chỉ cán bộ giải quyết được xem, và được xóa %s sau khi phản ánh được giải quyết xong.\n" +
		"Bạn có thể không để lại liên hệ: câu trả lời vẫn được gửi vào cuộc trò chuyện này.\n" +
		"Bạn có đồng ý cung cấp họ tên và số điện thoại không?"
	msgAskName         = "Bạn gõ họ và tên (ví dụ: Nguyễn Văn An). Có thể gõ kèm số điện thoại."
	msgBadName         = "Họ tên chưa hợp lệ: bạn gõ họ và tên bằng chữ, không có số hay ký hiệu (ví dụ: Nguyễn Văn An)."
	msgAskPhone        = "Bạn gõ số điện thoại để trung tâm liên hệ (ví dụ: 0905 123 456)."
	msgBadPhone        = "Số điện thoại chưa đúng. Bạn gõ số di động 10 chữ số bắt đầu bằng 0 (ví dụ: 0905 123 456), hoặc số máy bàn có mã vùng."
	msgUseButtons      = "Ở bước này bạn vui lòng bấm một nút bên dưới."
	msgSummaryHead     = "Bạn kiểm tra lại trước khi gửi:"
	msgSummaryTail     = "Bấm «Gửi» để gửi đến bộ phận giám sát, giải quyết khiếu nại của trung tâm, hoặc «Sửa» để thay đổi."
	msgAskEdit         = "Bạn muốn sửa phần nào?"
	msgStaleButton     = "Nút này thuộc một bước trước. Mình đang chờ câu trả lời cho bước dưới đây."
	msgFirstStep       = "Đây là bước đầu tiên."
	msgExpired         = "Phiên gửi phản ánh trước đã quá lâu không có trả lời nên chưa được gửi; mình bắt đầu lại từ đầu nhé."
	msgCancelled       = "Đã hủy, phản ánh chưa được gửi và nội dung đã được xóa. Khi cần, bạn có thể gửi lại bất cứ lúc nào."
	msgIntakeGone      = "Phiên gửi phản ánh này đã kết thúc (đã gửi, đã hủy hoặc hết hạn). Bạn có thể gửi phản ánh mới hoặc tra cứu phản ánh đã gửi."
	msgNothingToCancel = "Không có phản ánh nào đang soạn."
	msgNotSent         = "Xin lỗi, hệ thống chưa lưu được phản ánh nên chưa gửi. Nội dung của bạn vẫn được giữ nguyên: bạn bấm «Gửi» lại sau ít phút."

	msgSent       = "Đã gửi phản ánh của bạn đến bộ phận giám sát, giải quyết khiếu nại.\nMã theo dõi: %s"
	msgDue        = "Trung tâm sẽ trả lời trước %s và giải quyết xong trước ngày %s (tính theo ngày làm việc)."
	msgAnswerHere = "Câu trả lời sẽ được gửi vào cuộc trò chuyện này. Để xem tình trạng, bạn gõ mã %s hoặc bấm «Xem tình trạng»."
	msgAnonymous  = "Bạn không để lại liên hệ nên chỉ tra cứu được từ cuộc trò chuyện này; bạn giữ lại mã theo dõi nhé."

	msgAskCode      = "Bạn gõ mã phản ánh (in trong tin nhắn xác nhận, ví dụ %s)."
	msgMine         = "Phản ánh bạn đã gửi từ cuộc trò chuyện này (bấm để xem), hoặc gõ mã phản ánh khác:"
	msgBadCode      = "Mã phản ánh có dạng PA-2601-0042. Bạn gõ lại, hoặc bấm «Hủy»."
	msgAskDigits    = "Để bảo vệ thông tin, bạn gõ 4 số cuối của số điện thoại đã để lại khi gửi phản ánh %s."
	msgBadDigits    = "Bạn gõ đúng 4 chữ số cuối của số điện thoại (ví dụ 3456)."
	msgNoMatch      = "Mã phản ánh hoặc 4 số cuối điện thoại không khớp. Bạn kiểm tra lại; phản ánh gửi không để lại liên hệ chỉ tra cứu được từ cuộc trò chuyện đã gửi."
	msgThrottled    = "Bạn đã nhập sai nhiều lần. Để bảo vệ thông tin, bạn vui lòng thử lại sau 15 phút."
	msgRateThanks   = "Cảm ơn bạn đã đánh giá «%s» cho phản ánh %s. Ý kiến của bạn giúp trung tâm phục vụ tốt hơn."
	msgRateNotYours = "Không ghi nhận được đánh giá này: bạn chỉ đánh giá được phản ánh đã gửi từ cuộc trò chuyện này."
	msgRateTooEarly = "Phản ánh %s chưa được trả lời; bạn đánh giá sau khi nhận câu trả lời của trung tâm nhé."

	msgFormalKhieuNai = "Lưu ý: tin nhắn này được ghi nhận là phản ánh, chưa phải đơn khiếu nại chính thức theo Luật Khiếu nại 2011. " +
		"Để khiếu nại chính thức, bạn gửi đơn hoặc đến trình bày trực tiếp với cơ quan có thẩm quyền trong 90 ngày kể từ ngày biết quyết định, hành vi hành chính bị khiếu nại. " +
		"Thời hạn giải quyết lần đầu không quá 30 ngày kể từ ngày thụ lý, vụ việc phức tạp không quá 45 ngày."
	msgFormalToCao = "Lưu ý: tin nhắn này được ghi nhận là phản ánh, chưa phải đơn tố cáo chính thức theo Luật Tố cáo 2018. " +
		"Để tố cáo chính thức, bạn gửi đơn (ghi rõ họ tên, địa chỉ, nội dung tố cáo) hoặc đến trình bày trực tiếp với cơ quan có thẩm quyền. " +
		"Thời hạn giải quyết không quá 30 ngày kể từ ngày thụ lý, có thể gia hạn khi vụ việc phức tạp."
	msgFormalCards = "Xem hướng dẫn thủ tục:"
)
