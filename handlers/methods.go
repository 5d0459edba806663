package handlers

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge"
	"github.com/motcua/motcua/knowledge/vi"
)

// methodLabels name the ways of filing as a citizen reads them.
var methodLabels = map[string]string{
	motcua.MethodInPerson: "trực tiếp",
	motcua.MethodOnline:   "trực tuyến",
	motcua.MethodPost:     "qua bưu chính",
}

func methodLabel(kind string) string {
	if l, ok := methodLabels[kind]; ok {
		return l
	}
	return kind
}

// methodRank orders methods as a citizen weighs them: in person first.
var methodRank = map[string]int{motcua.MethodInPerson: 0, motcua.MethodOnline: 1, motcua.MethodPost: 2}

// methods returns p's methods, in person first, then online, then by post.
// A row for Vietnam's missions abroad is left out where the same way of
// filing has a row for offices at home: the citizen is at a commune centre.
func methods(p *motcua.Procedure) []motcua.Method {
	home := map[string]bool{}
	for _, m := range p.Methods {
		if !abroad(m) {
			home[m.Kind] = true
		}
	}
	var ms []motcua.Method
	for _, m := range p.Methods {
		if !abroad(m) || !home[m.Kind] {
			ms = append(ms, m)
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return rank(ms[i].Kind) < rank(ms[j].Kind) })
	return ms
}

// abroad reports a method row about Vietnam's missions abroad ("Tại cơ quan
// đại diện: 10 USD/bản").
func abroad(m motcua.Method) bool {
	return strings.HasPrefix(vi.Fold(strings.TrimSpace(m.TimeNote)), "tai co quan dai dien") ||
		strings.Contains(vi.Fold(m.Fee), "usd")
}

func rank(kind string) int {
	if r, ok := methodRank[kind]; ok {
		return r
	}
	return len(methodRank)
}

func hasMethod(p *motcua.Procedure, kind string) bool {
	for _, m := range p.Methods {
		if m.Kind == kind {
			return true
		}
	}
	return false
}

// timeLimit writes one method's time limit with its unit: "3 ngày làm việc".
func timeLimit(m motcua.Method) string {
	unit := strings.TrimSpace(m.TimeUnit)
	note := strings.TrimSpace(m.TimeNote)
	switch {
	case m.TimeValue > 0 && unit != "":
		return viNumber(m.TimeValue) + " " + unit
	case m.TimeValue > 0:
		return viNumber(m.TimeValue) + " ngày"
	case strings.Contains(note, knowledge.NoTimeNote):
		return msgTimeUnknown
	case note != "":
		// No figure: the source says it in words ("ngay trong ngày").
		return shorten(note, 120)
	}
	return "không quy định"
}

// msgTimeUnknown stands for a time limit the source does not give: not
// "không quy định", which would say the law sets none.
const msgTimeUnknown = "chưa có trong dữ liệu, bạn hỏi cán bộ tiếp nhận"

// viNumber writes 0.5 as "0,5" and 3 as "3".
func viNumber(v float64) string {
	return strings.ReplaceAll(strconv.FormatFloat(v, 'f', -1, 64), ".", ",")
}

// perMethod joins a value per method, saying it once when every method has
// the same: "3 ngày làm việc", or "trực tiếp: 20 ngày làm việc; trực
// tuyến, qua bưu chính: 10 ngày làm việc". A method listed several times
// (in the source, one row per office) shows its distinct values merged.
func perMethod(p *motcua.Procedure, value func(motcua.Method) string) string {
	var kinds []string
	byKind := map[string][]string{}
	for _, m := range methods(p) {
		v := value(m)
		if _, ok := byKind[m.Kind]; !ok {
			kinds = append(kinds, m.Kind)
			byKind[m.Kind] = nil
		}
		if v != "" && !contains(byKind[m.Kind], v) {
			byKind[m.Kind] = append(byKind[m.Kind], v)
		}
	}
	// Methods with the same value are named together, in order.
	var values []string
	labels := map[string][]string{}
	for _, k := range kinds {
		v := mergeValues(byKind[k])
		if v == "" {
			continue
		}
		if _, ok := labels[v]; !ok {
			values = append(values, v)
		}
		labels[v] = append(labels[v], methodLabel(k))
	}
	if len(values) == 1 && len(labels[values[0]]) == countValued(byKind) {
		return values[0]
	}
	parts := make([]string, 0, len(values))
	for _, v := range values {
		parts = append(parts, strings.Join(labels[v], ", ")+": "+v)
	}
	return strings.Join(parts, "; ")
}

// countValued counts the methods that have a value.
func countValued(byKind map[string][]string) int {
	n := 0
	for _, vs := range byKind {
		if len(vs) > 0 {
			n++
		}
	}
	return n
}

// mergeValues joins the values of one method: "không quy định" (or unknown)
// goes when a figure is given, and figures of one unit become a range ("1–3 ngày làm
// việc").
func mergeValues(vs []string) string {
	if len(vs) > 1 {
		var kept []string
		for _, v := range vs {
			if v != "không quy định" && v != msgTimeUnknown {
				kept = append(kept, v)
			}
		}
		if len(kept) == 0 {
			kept = vs[:1] // no figure at all: say so once
		}
		vs = kept
	}
	if lo, hi, unit, ok := sameUnit(vs); ok && len(vs) > 1 {
		return viNumber(lo) + "–" + viNumber(hi) + " " + unit
	}
	return strings.Join(vs, " hoặc ")
}

// sameUnit reads values "N unit" of one unit and returns their range.
func sameUnit(vs []string) (lo, hi float64, unit string, ok bool) {
	for i, v := range vs {
		num, u, found := strings.Cut(v, " ")
		n, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", "."), 64)
		if !found || err != nil || (i > 0 && u != unit) {
			return 0, 0, "", false
		}
		if i == 0 || n < lo {
			lo = n
		}
		if i == 0 || n > hi {
			hi = n
		}
		unit = u
	}
	return lo, hi, unit, len(vs) > 0
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// shortTime is a method's time limit for the card: a figure, or nothing
// when the source gives none (the Thời hạn button shows its words).
func shortTime(m motcua.Method) string {
	switch {
	case m.TimeValue > 0:
		return timeLimit(m)
	case strings.Contains(m.TimeNote, knowledge.NoTimeNote):
		return msgTimeUnknown
	case strings.TrimSpace(m.TimeUnit) == "không quy định":
		return "không quy định"
	}
	// A short note in words ("ngay trong ngày") is the limit itself; a long
	// one, or one about the source, belongs behind the button.
	note := strings.TrimSpace(m.TimeNote)
	if utf8.RuneCountInString(note) <= 60 && !strings.HasPrefix(vi.Fold(note), "nguon") {
		return note
	}
	return ""
}

func timeSummary(p *motcua.Procedure) string { return perMethod(p, shortTime) }

// fee is a method's fee as a citizen should read it. "Miễn phí" beside a
// note that cites the rules setting the fee (the export writes 0 where the
// amount is set elsewhere) would tell a citizen who will pay that they will
// not.
func fee(m motcua.Method) string {
	f := strings.TrimSpace(m.Fee)
	if vi.Fold(f) == "mien phi" && citesFeeRules(m.FeeNote) {
		return msgFeeByRules
	}
	return f
}

const msgFeeByRules = "theo quy định về phí, lệ phí (bấm \"Phí, lệ phí\" để xem)"

// citesFeeRules reports a note that refers to the rules that set a fee.
func citesFeeRules(note string) bool {
	f := vi.Fold(note)
	return strings.Contains(f, "luat phi va le phi") || strings.Contains(f, "muc thu") ||
		strings.Contains(f, "thu phi") || strings.Contains(f, "nop phi")
}

func feeSummary(p *motcua.Procedure) string {
	return perMethod(p, func(m motcua.Method) string {
		fee := shorten(fee(m), 60)
		if ex := exemption(m.FeeNote); ex != "" && fee != "" && !strings.HasPrefix(vi.Fold(fee), "mien") {
			fee += " (" + ex + ")"
		}
		return fee
	})
}

// exemption is the note's first sentence on who pays nothing ("Miễn lệ phí
// đối với trường hợp đăng ký khai tử đúng hạn, …"), shortened for a card:
// "set by the province" alone hides that most people pay nothing.
func exemption(note string) string {
	for _, sentence := range strings.Split(note, ". ") {
		sentence = strings.TrimSpace(sentence)
		if strings.HasPrefix(vi.Fold(sentence), "mien ") {
			return shorten(lowerFirst(strings.TrimSuffix(sentence, ".")), 90)
		}
	}
	return ""
}

// onlineSummary says whether the procedure can be filed online.
func onlineSummary(p *motcua.Procedure) string {
	if hasMethod(p, motcua.MethodOnline) {
		return "có"
	}
	return "chưa có, bạn nộp trực tiếp" + postSuffix(p)
}

func postSuffix(p *motcua.Procedure) string {
	if hasMethod(p, motcua.MethodPost) {
		return " hoặc qua bưu chính"
	}
	return ""
}
