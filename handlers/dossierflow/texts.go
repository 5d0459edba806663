package dossierflow

import (
	"strings"

	"github.com/motcua/motcua"
)

// Sentences a citizen reads, kept together so they stay consistent.
const (
	msgAskCode         = "Bạn vui lòng nhập mã hồ sơ in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả (ví dụ: H12-240115-0001). Viết hoa hay thường, có dấu cách đều được."
	msgWhereCode       = "Mã hồ sơ in ở đầu Giấy tiếp nhận hồ sơ và hẹn trả kết quả mà cán bộ đưa khi bạn nộp hồ sơ (gồm chữ và số, ví dụ: H12-240115-0001). Bạn nhập mã đó nhé."
	msgBadCode         = "Mã hồ sơ chưa đúng dạng: mã gồm 6–40 ký tự chữ, số và các dấu . - / (ví dụ: H12-240115-0001). Bạn kiểm tra lại giấy tiếp nhận và nhập lại nhé."
	msgNoPersonal      = "Mình chỉ cần mã hồ sơ in trên giấy tiếp nhận, không cần số điện thoại hay số căn cước. Bạn nhập mã hồ sơ nhé."
	msgAskDigits       = "Để bảo vệ thông tin của người nộp, bạn vui lòng nhập 4 số cuối của số điện thoại ghi trên giấy tiếp nhận hồ sơ."
	msgBadDigits       = "Bạn vui lòng nhập đúng 4 chữ số cuối của số điện thoại ghi trên giấy tiếp nhận (ví dụ: 4567)."
	msgForgotDigits    = "4 số cuối là của số điện thoại người nộp đã khai khi nộp hồ sơ, ghi trên giấy tiếp nhận. Nếu không nhớ, bạn mang giấy tiếp nhận và thẻ căn cước đến Trung tâm để được tra cứu trực tiếp."
	msgNoMatch         = "Mã hồ sơ hoặc 4 số cuối điện thoại chưa khớp với dữ liệu của Trung tâm. Bạn kiểm tra lại giấy tiếp nhận rồi nhập lại 4 số cuối, hoặc gõ lại mã hồ sơ nếu mã chưa đúng."
	msgThrottled       = "Đã có nhiều lần nhập sai, nên để bảo vệ thông tin hồ sơ, việc tra cứu tạm dừng. Bạn vui lòng thử lại sau ít phút."
	msgCancelled       = "Đã dừng tra cứu hồ sơ. Bạn cần gì thêm cứ nhắn cho mình nhé."
	msgNeedProof       = "Để nhận thông báo, bạn cần tra cứu hồ sơ này trước."
	msgSubscribed      = "Đã đăng ký nhận thông báo cho hồ sơ %s. Khi trạng thái hồ sơ thay đổi, mình sẽ nhắn bạn ngay tại đây.\nMình chỉ lưu mã cuộc trò chuyện này để gửi thông báo, cho đến khi bạn hủy theo dõi. Để dừng, bấm \"Hủy theo dõi\" hoặc gõ \"hủy theo dõi\"."
	msgSubscribeFinal  = "Hồ sơ %s đã hoàn tất (%s), sẽ không còn thay đổi nên không cần đăng ký nhận thông báo."
	msgUnsubscribed    = "Đã hủy theo dõi hồ sơ %s. Bạn sẽ không nhận thông báo về hồ sơ này nữa."
	msgUnsubscribedAll = "Đã hủy theo dõi các hồ sơ bạn đã tra cứu trong cuộc trò chuyện này. Bạn sẽ không nhận thông báo nữa."
	msgUnsubWhich      = "Bạn muốn hủy theo dõi hồ sơ nào? Bạn bấm nút \"Hủy theo dõi\" trong thông báo đã nhận, hoặc gõ \"hủy theo dõi\" kèm mã hồ sơ."
)

// Buttons of the flow.
var (
	menuButton    = motcua.Button{Label: "Menu", Action: "menu"}
	anotherButton = motcua.Button{Label: "Tra cứu hồ sơ khác", Action: "f:" + Name}
	cancelButton  = motcua.Button{Label: "Hủy", Action: "f:" + Name + ":cancel"}
)

// showButton looks up again a code the conversation has proven.
func showButton(code string) motcua.Button {
	return motcua.Button{Label: "Hồ sơ " + code, Action: "f:" + Name + ":show:" + code}
}

func subscribeButton(code string) motcua.Button {
	return motcua.Button{Label: "Nhận thông báo khi có thay đổi", Action: "f:" + Name + ":sub:" + code}
}

func unsubscribeButton(code string) motcua.Button {
	return motcua.Button{Label: "Hủy theo dõi", Action: "f:" + Name + ":unsub:" + code}
}

// complaintButton hands the citizen to the complaint flow with the dossier
// in question.
func complaintButton(code string) motcua.Button {
	return motcua.Button{Label: "Gửi phản ánh", Action: "f:complaint:dossier:" + code}
}

// one is a single reply with buttons.
func one(text string, buttons ...motcua.Button) []motcua.Reply {
	return []motcua.Reply{{Text: text, Buttons: buttons}}
}

// withHotline adds the centre's hotline to a sentence, when there is one.
func (f *Flow) withHotline(text string) string {
	if strings.TrimSpace(f.cfg.CentreHotline) == "" {
		return text
	}
	return text + " Bạn cũng có thể gọi đường dây nóng " + f.cfg.CentreHotline + " để được hỗ trợ."
}
