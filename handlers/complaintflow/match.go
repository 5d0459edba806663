package complaintflow

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/motcua/motcua/knowledge/vi"
)

// Phrases are folded (vi.Fold) and matched on whole words.
var (
	// feedbackWords name the bot's own service: a question about them
	// ("phản ánh ở đâu?") is answered by starting the intake.
	feedbackWords = phrases("phan anh", "kien nghi", "gop y", "phan nan", "buc xuc")
	// formalWords name the formal procedures: with a procedure question
	// ("thủ tục khiếu nại cần gì?") they are left to the search.
	formalWords = phrases("khieu nai", "to cao", "to giac")
	// procedureQuestion marks a question about a procedure.
	procedureQuestion = phrases("thu tuc", "mau don", "viet don", "can gi", "can nhung gi", "giay to gi",
		"ho so gom", "bao lau", "thoi han", "thoi hieu", "le phi", "o dau", "nop dau", "nhu the nao",
		"the nao", "lam sao", "cach", "huong dan", "quy trinh", "trinh tu", "dieu kien")
	// lookupVerbs and lookupNouns together ask to follow a complaint.
	lookupVerbs = phrases("tra cuu", "xem", "tinh trang", "ket qua", "kiem tra", "theo doi", "da gui", "cua toi")
	lookupNouns = phrases("phan anh", "kien nghi", "gop y")
)

// categoryPhrases are how citizens describe each category; they also start
// the intake on their own ("cán bộ hạch sách").
var categoryPhrases = []struct {
	code string
	ps   []string
}{
	{"extra_papers", phrases("doi them giay to", "bat nop them", "doi nop them", "yeu cau them giay to",
		"bat bo sung", "doi bo sung", "them giay to", "doi giay to", "bat photo")},
	{"harassment", phrases("hach sach", "nhung nhieu", "sach nhieu", "boi duong", "hoi lo", "an hoi lo",
		"tieu cuc", "doi tien", "vong vo", "lam kho", "gay kho", "gay kho de", "gay phien ha", "tien ca phe")},
	{"late", phrases("tre hen", "hen lan hen lua", "hen di hen lai", "hen mai", "cham tra", "tra cham")},
	{"wrong_fee", phrases("thu phi sai", "thu sai", "thu them tien", "thu tien sai", "thu tien ngoai",
		"thu phi ngoai", "thu cao hon", "thu phi", "thu tien")},
	{"attitude", phrases("thai do", "cau gat", "quat thao", "thieu ton trong", "hach dich", "vo le",
		"to tieng", "khong nhiet tinh", "thieu van hoa", "coi thuong", "khong tiep")},
	{"facilities", phrases("co so vat chat", "cho ngoi", "may lanh", "dieu hoa", "nha ve sinh",
		"cho de xe", "may lay so", "xep hang", "chat choi", "nong qua")},
	{"regulation", phrases("ruom ra", "phuc tap qua", "gop y quy dinh", "quy dinh bat hop ly", "thu tuc ruom ra")},
	{"other", phrases("khac")},
}

// naturalComplaint are the category phrases that start an intake; "khác",
// a fee named without a complaint, or a queue are too common in questions.
var naturalComplaint = func() []string {
	skip := map[string]bool{"khac": true, "thu phi": true, "thu tien": true, "xep hang": true,
		"cho ngoi": true, "dieu hoa": true, "cho de xe": true, "may lay so": true, "khong tiep": true}
	var out []string
	for _, c := range categoryPhrases {
		for _, p := range c.ps {
			if !skip[p] {
				out = append(out, p)
			}
		}
	}
	return out
}()

// isComplaint reports whether a message outside any flow is a complaint or
// feedback, and not a question about the formal procedures.
func isComplaint(fold string) bool {
	text := padded(fold)
	switch {
	case hasAny(text, naturalComplaint), hasAny(text, feedbackWords):
		return true
	case hasAny(text, formalWords):
		return !hasAny(text, procedureQuestion)
	}
	return false
}

// isLookup reports whether a message asks to follow a complaint sent.
func isLookup(fold string) bool {
	text := padded(fold)
	return hasAny(text, lookupNouns) && hasAny(text, lookupVerbs) &&
		!strings.Contains(text, " thu tuc ") && !hasAny(text, naturalComplaint)
}

// guessCategory reads a category from a description, or "".
func guessCategory(fold string) string {
	text := padded(fold)
	for _, c := range categoryPhrases {
		if c.code != "other" && hasAny(text, c.ps) {
			return c.code
		}
	}
	return ""
}

// typedCategory reads a category typed at the category step: its label,
// or words describing it.
func typedCategory(fold string) string {
	text := strings.TrimSpace(padded(fold))
	for _, c := range categoryPhrases {
		if label := vi.Fold(categoryLabel(c.code)); text == strings.Join(words(label), " ") {
			return c.code
		}
	}
	if c := guessCategory(fold); c != "" {
		return c
	}
	if text == "khac" {
		return "other"
	}
	return ""
}

// isDraft reports whether the message that started the intake already
// tells what happened, so it is offered at the "what happened" step.
func isDraft(text, fold string) bool {
	if _, problem := checkText(text); problem != "" {
		return false
	}
	n := 0
	for _, w := range words(fold) {
		if !draftFiller[w] {
			n++
		}
	}
	return n >= 4
}

// draftFiller are the words of a request to complain that say nothing of
// what happened ("tôi muốn gửi phản ánh ạ").
var draftFiller = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`toi em minh chau anh chi ban ad admin muon can xin gui lam co
		phan anh kien nghi khieu nai to cao giac gop y nan buc xuc ve viec mot cai a ah nhe nha voi cho duoc khong oi la
		trung tam can bo`) {
		m[w] = true
	}
	return m
}()

// codeRe finds a complaint code as store.NewComplaintCode makes them
// (PA-2611-0042), typed in any case, with spaces or without dashes.
var codeRe = regexp.MustCompile(`(?i)(?:^|[^\p{L}\d])PA[\s\-]?(\d{4})[\s\-]?(\d{4,6})(?:$|[^\p{L}\d])`)

// findCode returns the first complaint code in text, normalised, or "".
func findCode(text string) string {
	m := codeRe.FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	return "PA-" + m[1] + "-" + m[2]
}

// normalizeCode returns a code from a button in the store's form, or "".
func normalizeCode(s string) string { return findCode(s) }

// phrases returns folded phrases as given (already folded).
func phrases(ps ...string) []string { return ps }

// words splits folded text into words of letters and digits.
func words(fold string) []string {
	return strings.FieldsFunc(fold, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// padded joins the words of fold with a space at each end, for whole-word
// matching.
func padded(fold string) string { return " " + strings.Join(words(fold), " ") + " " }

// hasAny reports whether padded text holds any phrase as whole words.
func hasAny(text string, ps []string) bool {
	for _, p := range ps {
		if strings.Contains(text, " "+p+" ") {
			return true
		}
	}
	return false
}
