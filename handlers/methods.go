package handlers

import (
	"strconv"
	"strings"

	"github.com/motcua/motcua"
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
	case note != "":
		// No figure: the source says it in words ("ngay trong ngày").
		return shorten(note, 120)
	}
	return "không quy định"
}

// viNumber writes 0.5 as "0,5" and 3 as "3".
func viNumber(v float64) string {
	return strings.ReplaceAll(strconv.FormatFloat(v, 'f', -1, 64), ".", ",")
}

// perMethod joins a value per method, saying it once when every method has
// the same: "3 ngày làm việc" or "trực tiếp: 3 ngày; trực tuyến: 2 ngày".
func perMethod(p *motcua.Procedure, value func(motcua.Method) string) string {
	var parts []string
	same := true
	for i, m := range p.Methods {
		v := value(m)
		if v == "" {
			continue
		}
		if i > 0 && v != value(p.Methods[0]) {
			same = false
		}
		parts = append(parts, methodLabel(m.Kind)+": "+v)
	}
	switch {
	case len(parts) == 0:
		return ""
	case same:
		return value(p.Methods[0])
	}
	return strings.Join(parts, "; ")
}

func timeSummary(p *motcua.Procedure) string { return perMethod(p, timeLimit) }

func feeSummary(p *motcua.Procedure) string {
	return perMethod(p, func(m motcua.Method) string { return strings.TrimSpace(m.Fee) })
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
