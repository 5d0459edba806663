package handlers

// aspect is one part of a procedure a citizen asks about in a follow-up.
type aspect string

// Aspects, in the order their answers are given.
const (
	aspectDocs   aspect = "docs"
	aspectSteps  aspect = "steps"
	aspectTime   aspect = "time"
	aspectFee    aspect = "fee"
	aspectWhere  aspect = "where"
	aspectOnline aspect = "online"
)

var aspectOrder = []aspect{aspectDocs, aspectSteps, aspectTime, aspectFee, aspectWhere, aspectOnline}

// aspectPhrases are how citizens ask about each aspect, folded.
var aspectPhrases = map[aspect]phraseSet{
	aspectDocs: newPhraseSet("giay to", "ho so gom", "ho so can", "thanh phan ho so", "can mang",
		"mang gi", "mang theo gi", "can gi", "can nhung gi", "chuan bi gi", "chuan bi nhung gi",
		"nop nhung gi", "to khai", "mau don", "giay to nao", "ban goc", "ban chinh", "mang nhung gi"),
	aspectSteps: newPhraseSet("cac buoc", "trinh tu", "quy trinh", "lam the nao", "lam sao",
		"lam nhu the nao", "ra sao", "the nao", "thu tuc nhu the nao", "huong dan"),
	aspectTime: newPhraseSet("bao lau", "bao nhieu lau", "may ngay", "bao nhieu ngay", "thoi han",
		"thoi gian", "khi nao co", "bao gio co", "khi nao xong", "bao gio xong", "lau khong",
		"may hom", "hen tra", "bao gio lay", "khi nao lay", "bao gio nhan", "khi nao nhan",
		"bao lau thi xong", "bao lau xong", "bao gio co ket qua", "khi nao co ket qua", "co ket qua",
		"may ngay thi xong", "co nhanh khong"),
	aspectFee: newPhraseSet("phi", "le phi", "chi phi", "bao nhieu tien", "may tien", "mat tien",
		"ton tien", "tra tien", "nop tien", "het bao nhieu", "ton bao nhieu", "gia", "mien phi",
		"nop thue", "thue gi", "dong thue"),
	aspectWhere: newPhraseSet("o dau", "cho nao", "noi nao", "dia chi", "co quan nao", "den dau",
		"di dau", "nop dau", "lam dau", "phong nao", "lam o dau", "o cong an", "cong an xa"),
	aspectOnline: newPhraseSet("online", "truc tuyen", "qua mang", "tren mang", "dich vu cong",
		"qua internet", "tai nha", "tren dien thoai", "qua dien thoai", "vneid", "buu dien", "buu chinh"),
}

// followUp returns the aspects a message asks about and whether the message
// is only that: a follow-up about the procedure under discussion ("phí bao
// nhiêu?"), not a new question that happens to name an aspect.
func followUp(ws []string) (aspects []aspect, pure bool) {
	text := padded(ws)
	for _, a := range aspectOrder {
		var found bool
		if text, found = aspectPhrases[a].remove(text); found {
			aspects = append(aspects, a)
		}
	}
	return aspects, len(aspects) > 0 && onlyFiller(text)
}

var (
	greetingPhrases = newPhraseSet("xin chao", "chao", "hello", "hi", "helo", "alo", "hey",
		"start", "menu", "bat dau", "tro giup", "help", "chao buoi sang", "chao buoi chieu",
		"chao buoi toi", "huong dan", "xin chao ban", "chao ad", "alo alo")
	// vaguePhrases name an action on papers without saying which papers.
	vaguePhrases = newPhraseSet("cap lai", "lam lai", "cap doi", "doi lai", "dang ky", "dang ki", "dang ky lai",
		"xin", "xin giay", "giay to", "giay", "ho so", "lam ho so", "lam giay", "lam giay to", "nop ho so",
		"bi mat", "mat", "het han")
	// undoPhrases go back or cancel; outside a flow there is nothing to undo
	// (and "hủy" alone is not a question about cancelling a transaction).
	undoPhrases = newPhraseSet("quay lai", "tro lai", "quay ve", "huy", "huy bo", "thoi", "bo qua",
		"thoat", "dung lai", "back", "cancel", "lui lai")
	centrePhrases = newPhraseSet("gio lam viec", "lam viec", "mo cua", "dong cua", "may gio", "gio mo",
		"hotline", "duong day nong", "so dien thoai", "dien thoai", "lien he", "dia chi", "o dau",
		"trung tam", "mot cua", "bo phan mot cua", "tiep nhan", "linh vuc", "thu bay", "chu nhat", "thu 7", "t7",
		"gap can bo", "gap truc tiep", "noi chuyen voi can bo", "gap nguoi", "co lam khong", "co lam viec khong",
		"tong dai", "so tong dai", "goi tong dai", "nguoi that", "gap nguoi that", "noi chuyen voi nguoi that",
		"noi chuyen voi nguoi",
		"website", "trang web", "giai quyet nhung", "nhung linh vuc", "ngay le", "nghi trua", "buoi sang", "buoi chieu")
	centreMarkers = newPhraseSet("gio lam viec", "mo cua", "dong cua", "may gio", "gio mo", "hotline",
		"duong day nong", "so dien thoai", "dien thoai", "lien he", "trung tam", "mot cua", "linh vuc",
		"thu bay", "chu nhat", "thu 7", "t7", "website", "trang web", "nghi trua", "ngay le", "gap can bo",
		"gap truc tiep", "noi chuyen voi can bo", "tong dai", "so tong dai", "goi tong dai", "nguoi that",
		"gap nguoi that", "noi chuyen voi nguoi that", "noi chuyen voi nguoi")
)

// isWhole reports whether the message is nothing but phrases of ps and
// filler, e.g. "chào bạn ạ" for greetings.
func isWhole(ps phraseSet, ws []string) bool {
	rest, found := ps.remove(padded(ws))
	return found && onlyFiller(rest)
}

// isCentreQuestion reports whether the message asks about the centre itself
// (address, hours, hotline, fields) and nothing else.
func isCentreQuestion(ws []string) bool {
	return centreMarkers.contains(ws) && isWhole(centrePhrases, ws)
}
