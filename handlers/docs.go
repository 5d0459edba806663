package handlers

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge/vi"
)

// maxDetailRunes caps a detail answer (documents, steps): beyond it the
// citizen is sent to the source, which a phone shows better than a wall of
// messages.
const maxDetailRunes = 3000

// maxCases is how many "Tùy trường hợp" lines the list shows.
const maxCases = 5

// docKind is what a document entry is to the citizen.
type docKind int

const (
	docMain   docKind = iota // a paper every applicant brings
	docShow                  // a paper shown for checking, not left behind
	docCase                  // a paper only some applicants need, or a condition
	docOnline                // the interactive form filled in on the portal
	docSkip                  // a heading, a note for staff, a stale paper
)

// groupRank orders document groups for the card: the papers to submit
// first, then the usual list, the papers to show, and the groups that only
// apply to some cases. Notes for staff are skipped (-1).
func groupRank(g motcua.DocumentGroup) int {
	f := vi.Fold(g.Name)
	switch {
	case strings.HasPrefix(f, "luu y"), strings.HasPrefix(f, "ghi chu"):
		return -1
	case strings.HasPrefix(f, "giay to phai nop"):
		return 0
	case strings.Contains(f, "xuat trinh"):
		return 2
	case isConditional(f), enumerator.MatchString(g.Name):
		return 3
	}
	return 1
}

// isConditional reports whether a folded text applies only to some
// applicants: "Trường hợp ủy quyền…", "Đối với…", "Nếu…".
func isConditional(f string) bool {
	for _, p := range []string{"truong hop", "neu ", "doi voi", "khi ", "rieng "} {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return strings.Contains(f, "trong truong hop") || strings.Contains(f, "doi voi truong hop")
}

// notPaper are folded beginnings of entries that explain rather than name a
// paper: who checks what, how copies are made.
var notPaper = []string{"vi du", "trong do", "hoac", "nguoi ", "co quan", "can bo", "ban chup", "luu y", "viec ", "cong dan ",
	"ca nhan ", "thong tin", "cac giay to", "giay to nop", "trong phieu", "sau khi", "ho so gom", "ho so bao gom"}

// kindOf classifies one entry of a group of rank rank.
func kindOf(d motcua.Document, rank int) docKind {
	name := stripEnumerator(d.Name)
	f := vi.Fold(name)
	switch {
	case isFragment(name) || isHeadingText(name) || isStaleText(d.Name):
		return docSkip
	case strings.Contains(f, "dien tu tuong tac"):
		return docOnline
	case isConditional(f):
		return docCase
	}
	for _, p := range notPaper {
		if strings.HasPrefix(f, p) {
			return docCase
		}
	}
	if rank == 2 {
		return docShow
	}
	return docMain
}

// isFragment reports an entry that is a piece of a sentence the source
// split badly: "Hoặc", "Có chứng thực)", ") (khoản 1 Điều 27…".
func isFragment(name string) bool {
	r := []rune(name)
	if len(r) < 8 || !unicode.IsLetter(r[0]) && !unicode.IsDigit(r[0]) {
		return true
	}
	f := vi.Fold(strings.TrimRight(name, " .,;"))
	return strings.Count(name, ")") > strings.Count(name, "(") || strings.HasSuffix(f, " hoac") || strings.HasSuffix(f, " va")
}

// isHeadingText reports whether an entry only introduces the next ones
// ("…các giấy tờ sau:", "Nhóm 1 gồm các văn bản").
func isHeadingText(name string) bool {
	f := strings.TrimRight(vi.Fold(strings.TrimSpace(name)), " .")
	return strings.HasSuffix(strings.TrimSpace(name), ":") || strings.HasSuffix(f, " gom") ||
		strings.HasSuffix(f, "bao gom") || strings.HasSuffix(f, "cac van ban") || strings.HasSuffix(f, "nhu sau") ||
		strings.HasSuffix(f, "giay to sau") || strings.HasSuffix(f, "tai lieu sau") || strings.HasSuffix(f, "nhung noi dung")
}

// enumerator matches the numbering the source puts before an entry:
// "(2) ", "a) ", "1.2. ", "(iv) ", "- ", "+ ".
var enumerator = regexp.MustCompile(`^\s*(?:[-+•*–]|\d+-|[A-ZĐ]\)|\(?(?:\d+(?:\.\d+)*|[a-zđ]|[ivx]{1,4})[.)]+)\s*`)

// number is the source's own number of an entry, "(2) …", to list the
// entries of a group in its order; 0 when there is none.
func number(s string) int {
	m := leadingNumber.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

var leadingNumber = regexp.MustCompile(`^\s*\(?(\d{1,2})[.)]`)

// stripEnumerator removes the source's numbering from the start of a name.
func stripEnumerator(s string) string {
	for {
		t := enumerator.ReplaceAllString(s, "")
		if t == s {
			return strings.TrimSpace(capitalise(squeezeRepeats(strings.TrimSpace(t))))
		}
		s = t
	}
}

// squeezeRepeats drops a pair of words the source wrote twice in a row
// ("Đơn yêu cầu yêu cầu hòa giải"). Single syllables may rightly repeat
// ("giao thông thông minh"), and words with punctuation belong to a list.
func squeezeRepeats(s string) string {
	ws := strings.Fields(s)
	plain := func(w string) bool { return !strings.ContainsAny(w, ",;:.()/") }
	var out []string
	for i := 0; i < len(ws); i++ {
		n := len(out)
		if n >= 2 && i+1 < len(ws) && out[n-2] == ws[i] && out[n-1] == ws[i+1] &&
			plain(ws[i]) && plain(ws[i+1]) {
			i++ // the pair again
			continue
		}
		out = append(out, ws[i])
	}
	return strings.Join(out, " ")
}

// entry is one paper as the card and the list show it.
type entry struct {
	doc   motcua.Document
	kind  docKind
	rank  int
	group string // the group's name, shown for groups that apply to some cases
}

// entries classifies p's papers, in the order the card ranks them: by
// group rank, then as the source lists them. Duplicates are dropped.
func entries(p *motcua.Procedure) []entry {
	var out []entry
	seen := map[string]bool{}
	for _, g := range p.Documents {
		rank := groupRank(g)
		if rank < 0 {
			continue
		}
		docs := append([]motcua.Document(nil), g.Documents...)
		sort.SliceStable(docs, func(i, j int) bool { return number(docs[i].Name) < number(docs[j].Name) })
		for _, d := range docs {
			k := kindOf(d, rank)
			key := vi.Fold(shortDocName(d.Name))
			if k == docSkip || seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, entry{d, k, rank, g.Name})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].rank < out[j].rank })
	return out
}

// docsSummary names the main papers to bring, for the card: those every
// applicant needs, the submitted ones first; stale ones are left out.
func docsSummary(p *motcua.Procedure) string {
	var names, firstCase []string
	caseGroup := ""                  // the first group that applies to some cases
	plainGroups := map[string]bool{} // groups titled neither "phải nộp" nor a case
	for _, e := range entries(p) {
		if e.kind != docMain && e.kind != docShow {
			continue
		}
		name := shortDocName(e.doc.Name)
		if e.rank == 1 {
			plainGroups[e.group] = true
		}
		switch {
		case e.rank < 3:
			names = append(names, name)
		case caseGroup == "" || caseGroup == e.group:
			caseGroup = e.group
			firstCase = append(firstCase, name)
		}
	}
	if len(plainGroups) >= manyCases {
		// Each group is one case ("thường trú vào nhà của mình", "… nhà
		// thuê"): their papers together would mislead. Say the forms
		// everyone fills in, and that the rest depends on the case.
		if forms := formsOf(names); len(forms) > 0 {
			return strings.Join(forms[:min(len(forms), summaryDocs)], "; ") + "; " + msgOtherPapersByCase
		}
		return msgPapersByCase
	}
	suffix := ""
	if len(names) == 0 && len(firstCase) > 0 {
		// Every group applies to some cases: the first is the usual one.
		names, suffix = firstCase, " (tùy trường hợp)"
	}
	if len(names) == 0 {
		return ""
	}
	s := strings.Join(names[:min(len(names), summaryDocs)], "; ")
	if len(names) > summaryDocs {
		s += fmt.Sprintf("; và %d giấy tờ khác", len(names)-summaryDocs)
	}
	return s + suffix
}

// shortDocName keeps a document's name up to its first explanation, and
// names an identity paper plainly.
func shortDocName(name string) string {
	name = stripEnumerator(name)
	if isIdentityPaper(name) {
		return "Giấy tờ tùy thân (thẻ căn cước hoặc hộ chiếu)"
	}
	name = cutAtAny(name, []string{" (", ";", ":", ". ", " - ", " theo mẫu số", " theo Mẫu số", " theo Mẫu", " ban hành kèm",
		" do cơ quan", ", có ", ", trong đó", ", bao gồm", " bao gồm", " gồm", " trong đó", " nếu ", " còn giá trị", " được chụp", " được tạo lập", " khi "}, 6)
	return shorten(strings.TrimRight(strings.TrimSpace(name), ";,."), 64)
}

// isIdentityPaper reports the long list of identity papers the civil
// status procedures name ("Hộ chiếu/Thẻ căn cước công dân/…").
func isIdentityPaper(name string) bool {
	f := vi.Fold(name)
	return strings.HasPrefix(f, "ho chieu/") || strings.HasPrefix(f, "ho chieu, ") || strings.HasPrefix(f, "giay to tuy than") ||
		strings.Contains(f, "goi tat la giay to tuy than")
}

// cutAtAny cuts s at the first of seps found after at least min runes.
func cutAtAny(s string, seps []string, min int) string {
	cut := len(s)
	for _, sep := range seps {
		i := strings.Index(s, sep)
		if i >= 0 && i < cut && len([]rune(s[:i])) >= min {
			cut = i
		}
	}
	return s[:cut]
}

// firstSentence is a document name up to its first sentence's end: the
// rest explains exceptions that the source link shows in full.
func firstSentence(s string) (first string, cut bool) {
	s = strings.TrimSpace(s)
	r := []rune(s)
	for i := 6; i+2 < len(r); i++ {
		if r[i] == '.' && r[i+1] == ' ' && isUpper(r[i+2]) {
			return string(r[:i+1]), true
		}
	}
	return s, false
}

func isUpper(r rune) bool {
	return strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r)
}

// docsText lists the papers: those to submit, numbered; those to show;
// then those only some applicants need. Notes for staff and stale papers
// are left out (the stale note says why).
func (e *Engine) docsText(p *motcua.Procedure) string {
	var main, show, cases, online []string
	var caseGroups []string // "Trường hợp …:" sections, in order
	byGroup := map[string][]string{}
	trimmed := false
	for _, en := range entries(p) {
		line, cut := docLine(en.doc)
		trimmed = trimmed || cut
		switch {
		case en.rank == 3 && en.kind != docOnline:
			if _, ok := byGroup[en.group]; !ok {
				caseGroups = append(caseGroups, en.group)
			}
			byGroup[en.group] = append(byGroup[en.group], fmt.Sprintf("%d. %s", len(byGroup[en.group])+1, line))
			continue
		}
		switch en.kind {
		case docMain:
			main = append(main, fmt.Sprintf("%d. %s", len(main)+1, line))
		case docShow:
			show = append(show, fmt.Sprintf("%d. %s", len(show)+1, line))
		case docOnline:
			online = append(online, "• "+shorten(line, 160))
		default:
			cases = append(cases, "• "+shorten(line, 160))
		}
	}
	if len(main)+len(show)+len(cases)+len(online)+len(caseGroups) == 0 {
		return "Dữ liệu chưa có danh sách giấy tờ cho thủ tục này; bạn vui lòng hỏi cán bộ tiếp nhận."
	}
	var parts []string
	add := func(head string, lines []string) {
		if len(lines) > 0 {
			parts = append(parts, head+"\n"+strings.Join(lines, "\n"))
		}
	}
	add("Giấy tờ cần nộp:", main)
	add("Giấy tờ mang theo để xuất trình (cán bộ xem rồi trả lại):", show)
	for _, g := range caseGroups {
		add(groupHeading(g), byGroup[g])
	}
	add("Khi nộp trực tuyến:", online)
	if len(cases) > maxCases {
		// The rest are rarer cases; the source lists them all.
		cases = append(cases[:maxCases], fmt.Sprintf("• và %d trường hợp khác (xem chi tiết ở liên kết bên dưới)", len(cases)-maxCases))
		trimmed = true
	}
	add("Tùy trường hợp:", cases)
	s := strings.Join(parts, "\n\n")
	if trimmed && len([]rune(s)) <= maxDetailRunes {
		s += "\n\nChi tiết từng giấy tờ: " + e.onlineURL(p)
	}
	return e.capDetail(p, s)
}

// groupHeading is a group's name as the heading of its papers.
func groupHeading(name string) string {
	name = strings.TrimRight(strings.TrimSpace(stripEnumerator(name)), ":;,. ")
	return shorten(name, 200) + ":"
}

// docLine is one paper of the list: its first sentence, form and count.
// cut reports that explanations were left out.
func docLine(d motcua.Document) (line string, cut bool) {
	name := stripEnumerator(d.Name)
	if isIdentityPaper(name) {
		name = "Giấy tờ tùy thân còn giá trị: thẻ căn cước, căn cước điện tử, hộ chiếu hoặc giấy tờ khác có ảnh do cơ quan có thẩm quyền cấp"
	}
	s, cut := firstSentence(strings.TrimRight(strings.TrimSpace(name), ";,"))
	if len([]rune(s)) > 250 {
		s, cut = shorten(s, 250), true
	}
	if d.Form != "" && !strings.Contains(s, d.Form) {
		s += " (" + d.Form + ")"
	}
	if d.Count != "" {
		s += " — " + d.Count
	}
	if d.Note != "" && !isStaleText(d.Note) {
		s += ". " + strings.TrimSpace(d.Note)
	}
	return s, cut
}

// capDetail shortens a long detail answer and points to the full text.
func (e *Engine) capDetail(p *motcua.Procedure, s string) string {
	if len([]rune(s)) <= maxDetailRunes {
		return s
	}
	return shorten(s, maxDetailRunes) + "\n\nXem đầy đủ tại: " + e.onlineURL(p)
}

// manyCases is how many groups of papers, titled by the case they serve
// rather than "Giấy tờ phải nộp", make a list that depends on the case.
const manyCases = 3

const (
	msgOtherPapersByCase = "các giấy tờ khác tùy trường hợp (bấm \"Giấy tờ cần nộp\")"
	msgPapersByCase      = "tùy trường hợp (bấm \"Giấy tờ cần nộp\" để xem từng trường hợp)"
)

// formsOf keeps the forms an applicant fills in: "Tờ khai…", "Đơn…".
func formsOf(names []string) []string {
	var out []string
	for _, n := range names {
		f := vi.Fold(n)
		if strings.HasPrefix(f, "to khai") || strings.HasPrefix(f, "don ") || strings.HasPrefix(f, "ban khai") {
			out = append(out, n)
		}
	}
	return out
}
