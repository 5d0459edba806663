package knowledge

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
)

// methodKind maps the portal's channel names to motcua's method kinds.
func methodKind(s string) string {
	switch f := strings.ToLower(oneLine(s)); {
	case strings.Contains(f, "trực tuyến"), f == "online":
		return motcua.MethodOnline
	case strings.Contains(f, "bưu"), f == "postal":
		return motcua.MethodPost
	case strings.Contains(f, "trực tiếp"), f == "direct":
		return motcua.MethodInPerson
	}
	return ""
}

// convertMethod turns one channel row into a Method. The portal glues the
// time, fee and description cells together; the time often lacks its unit,
// which is then looked for in the row's description and in the steps text.
func convertMethod(m dvcqgMethod, steps string) (motcua.Method, []string) {
	var flags []string
	out := motcua.Method{Kind: methodKind(m.Kind)}
	if out.Kind == "" {
		out.Kind = motcua.MethodInPerson
	}
	fee, feeNote, desc, ok := splitFeeCell(m.Fee)
	if !ok {
		flags = append(flags, FlagScrambled)
		desc = m.Raw
	}
	out.Fee, out.FeeNote = fee, feeNote
	if strings.Contains(out.Fee, "HĐND") {
		flags = append(flags, FlagFeeByProvince)
	}
	out.TimeNote = cleanText(desc)
	t := ""
	if m.Time != nil {
		t = oneLine(*m.Time)
	}
	flags = append(flags, setTime(&out, t, desc+"\n"+m.Raw, steps)...)
	return out, flags
}

var timeCell = regexp.MustCompile(`^(\d+(?:[.,]\d+)?)\s*(.*)$`)

// setTime fills the time limit of m from the time cell t, recovering a
// missing unit or a missing value from the free text.
func setTime(m *motcua.Method, t, desc, steps string) []string {
	if g := timeCell.FindStringSubmatch(t); g != nil {
		m.TimeValue = parseNumber(g[1])
		if unit := normUnit(g[2]); unit != "" {
			m.TimeUnit = unit
			return nil
		}
		if unit := findUnit(g[1], desc, steps); unit != "" {
			m.TimeUnit = unit
			return []string{FlagTimeUnitRecovered}
		}
		m.TimeUnit = UnitWorkingDays
		m.TimeNote = joinNote(m.TimeNote, "Nguồn không ghi đơn vị thời hạn; tạm hiểu là ngày làm việc.")
		return []string{FlagTimeUnitRecovered}
	}
	if v, unit := findTime(desc); unit != "" {
		m.TimeValue, m.TimeUnit = v, unit
		return []string{FlagTimeRecovered}
	}
	m.TimeUnit = UnitNone
	if notPrescribed.MatchString(desc) {
		return nil
	}
	m.TimeNote = joinNote(m.TimeNote, NoTimeNote)
	return []string{FlagNoTime}
}

// NoTimeNote is written in a method's time note when the source gives no
// time limit at all: its TimeUnit says "không quy định", but the truth is
// that nobody wrote it down.
const NoTimeNote = "Nguồn không ghi thời hạn giải quyết."

var notPrescribed = regexp.MustCompile(`(?i)không quy định`)

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n" + b
}

func parseNumber(s string) float64 {
	f, _ := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	return f
}

// normUnit maps the portal's unit words to the units motcua uses.
func normUnit(s string) string {
	switch f := strings.ToLower(oneLine(s)); {
	case f == "":
		return ""
	case strings.HasPrefix(f, "ngày làm việc"), f == "working_day":
		return UnitWorkingDays
	case strings.HasPrefix(f, "ngày"), f == "day":
		return UnitDays
	case strings.HasPrefix(f, "giờ"), f == "hour":
		return UnitHours
	case strings.HasPrefix(f, "tháng"), f == "month":
		return UnitMonths
	case strings.HasPrefix(f, "không quy định"):
		return UnitNone
	}
	return ""
}

const unitWords = `(ngày làm việc|ngày|giờ|tháng)`

// findUnit looks in the texts for the number n followed by a unit
// ("03 ngày làm việc", "10 (mười) ngày làm việc").
func findUnit(n string, texts ...string) string {
	re := regexp.MustCompile(`(?i)(?:^|[^\d])0*` + regexp.QuoteMeta(strings.TrimLeft(n, "0")) + `\s*(?:\([^)]{1,20}\)\s*)?` + unitWords)
	for _, t := range texts {
		if g := re.FindStringSubmatch(t); g != nil {
			return normUnit(g[1])
		}
	}
	return ""
}

var timePhrase = regexp.MustCompile(`(?i)(?:không quá|tối đa(?: là)?|trong thời hạn|thời hạn giải quyết:?|trong vòng)\s*:?\s*(\d+)\s*(?:\([^)]{1,20}\)\s*)?` + unitWords)

// findTime looks for a time limit phrase ("Không quá 15 ngày") in text.
func findTime(text string) (float64, string) {
	if g := timePhrase.FindStringSubmatch(text); g != nil {
		return parseNumber(g[1]), normUnit(g[2])
	}
	return 0, ""
}

var (
	feeHead  = regexp.MustCompile(`^\s*(Miễn phí|Không có thông tin|([\d.,]+)\s*(Việt Nam Đồng|VNĐ|VND|đồng|Đồng|USD))`)
	hdnd     = regexp.MustCompile(`(?i)(Hội đồng nhân dân|HĐND)`)
	freeNote = regexp.MustCompile(`(?i)^\(*\s*miễn lệ phí\s*\.`)
)

// splitFeeCell separates the glued fee cell "Miễn phí(note)description" into
// a short fee, its note and the description that followed it. ok is false
// when the cell does not start like a fee (the row was scrambled).
func splitFeeCell(s string) (fee, note, desc string, ok bool) {
	g := feeHead.FindStringSubmatchIndex(s)
	if g == nil {
		return "", "", s, false
	}
	head := s[g[2]:g[3]]
	rest := s[g[1]:]
	if strings.HasPrefix(strings.TrimSpace(rest), "(") {
		note, rest = balanced(strings.TrimSpace(rest))
	}
	note, desc = cleanText(note), cleanText(rest)
	per := ""
	if strings.HasPrefix(note, "/") && len(note) < 40 {
		per, note = note, "" // "30,000 Việt Nam Đồng(/giao dịch)"
	}
	return shortFee(head, s[max(g[4], 0):max(g[5], 0)], s[max(g[6], 0):max(g[7], 0)], note) + per, note, desc, true
}

// shortFee renders the fee the way the bot says it. A fee the provincial
// council sets is said so, never turned into a number or "free".
func shortFee(head, amount, currency, note string) string {
	byProvince := hdnd.MatchString(note) && !freeNote.MatchString(note)
	switch {
	case head == "Không có thông tin":
		return ""
	case amount == "" && byProvince:
		return "Do HĐND tỉnh quyết định"
	case amount == "":
		return "Miễn phí"
	}
	money := formatAmount(amount, currency)
	if byProvince {
		return "Do HĐND tỉnh quyết định (mức tham khảo " + money + ")"
	}
	return money
}

// formatAmount writes "150,000 Việt Nam Đồng" as "150.000 đồng".
func formatAmount(amount, currency string) string {
	amount = strings.ReplaceAll(strings.TrimRight(amount, ".,"), ",", ".")
	if currency == "USD" {
		return amount + " USD"
	}
	if amount == "0" {
		return "Miễn phí"
	}
	return amount + " đồng"
}

// balanced splits "(a (b) c)rest" into "a (b) c" and "rest".
func balanced(s string) (inner, rest string) {
	depth := 0
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return strings.Trim(s[:i+1], "() "), s[i+1:]
			}
		}
	}
	return strings.Trim(s, "() "), ""
}
