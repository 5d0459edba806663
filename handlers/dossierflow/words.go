package dossierflow

import (
	"strings"
	"unicode"
)

// Phrases, folded (vi.Fold), matched on whole words.
var (
	// startPhrases ask to look up a dossier.
	startPhrases = []string{"tra cuu ho so", "tra ho so", "kiem tra ho so", "ho so cua toi", "ho so cua minh",
		"ho so den dau", "ho so toi den dau", "tinh trang ho so", "trang thai ho so", "tien do ho so",
		"ho so xong chua", "ho so da xong chua", "theo doi ho so", "ma ho so", "ma so ho so"}
	// progressPhrases ask how far something has got ("hồ sơ … đến đâu rồi").
	progressPhrases = []string{"den dau", "dau roi", "toi dau", "xong chua", "co ket qua chua",
		"bao gio xong", "bao gio co", "the nao roi", "sao roi", "duyet chua", "tinh trang", "trang thai"}
	// unsubPhrases stop notices.
	unsubPhrases = []string{"huy theo doi", "bo theo doi", "ngung theo doi", "dung theo doi",
		"huy thong bao", "ngung thong bao", "dung thong bao", "khong nhan thong bao", "tat thong bao"}
	// cancelWords end the flow when they are all the message says.
	cancelWords = map[string]bool{"huy": true, "thoi": true, "dung": true, "thoat": true, "khong": true,
		"can": true, "nua": true, "bo": true, "qua": true, "cancel": true, "stop": true, "exit": true,
		"a": true, "nhe": true, "nha": true, "roi": true, "khoi": true, "tra": true, "cuu": true, "lai": true,
		"quay": true, "tro": true, "ve": true}
	// helpPhrases ask what the code or the digits are.
	helpPhrases = []string{"o dau", "la gi", "khong nho", "quen", "khong biet", "khong co", "mat giay",
		"mat phieu", "cho nao", "tim dau", "so nao", "khong thay", "dau"}
	// otherFlowPhrases start another conversation (a complaint) and are
	// handed back to the engine even at the code or digits step.
	otherFlowPhrases = []string{"phan anh", "kien nghi", "khieu nai", "to cao", "gop y"}
	// dossierWords keep a message about the dossier inside the flow.
	dossierWords = []string{"ho so", "ma", "giay tiep nhan", "phieu", "bien nhan", "so dien thoai",
		"dien thoai", "sdt", "so cuoi", "4 so"}
)

// foldWords splits a folded text into words, dropping punctuation.
func foldWords(fold string) []string {
	return strings.FieldsFunc(fold, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// hasAny reports whether padded (" w1 w2 … ") holds one of phrases as whole words.
func hasAny(padded string, phrases []string) bool {
	for _, p := range phrases {
		if strings.Contains(padded, " "+p+" ") {
			return true
		}
	}
	return false
}

// isCancel reports whether the message only says to stop: "hủy", "thôi",
// "thôi không cần nữa", "quay lại".
func isCancel(padded string) bool {
	ws := strings.Fields(padded)
	if len(ws) == 0 || len(ws) > 5 {
		return false
	}
	stop := false
	for _, w := range ws {
		if !cancelWords[w] {
			return false
		}
		switch w {
		case "huy", "thoi", "thoat", "cancel", "stop", "exit", "khoi", "quay", "tro":
			// not "dung": folded, "đúng" (right) reads the same as "dừng" (stop)
			stop = true
		}
	}
	return stop
}
