package handlers

import (
	"strings"

	"github.com/motcua/motcua"
)

// aspectReply answers one or more aspects of p, each citing the procedure,
// with the card's buttons for the rest.
func (e *Engine) aspectReply(p *motcua.Procedure, aspects []aspect) []motcua.Reply {
	parts := []string{trimProcedurePrefix(p.Name) + " (mã " + p.Code + ")"}
	for _, a := range aspects {
		parts = append(parts, e.aspectText(p, a))
	}
	if n := e.staleNote(p); n != "" && (containsAspect(aspects, aspectDocs) || containsAspect(aspects, aspectSteps)) {
		parts = append(parts, n)
	}
	parts = append(parts, citation(p))
	return []motcua.Reply{{Text: strings.Join(parts, "\n\n"), Buttons: e.cardButtons(p)}}
}

func containsAspect(as []aspect, a aspect) bool {
	for _, x := range as {
		if x == a {
			return true
		}
	}
	return false
}

// aspectText is the full answer about one aspect.
func (e *Engine) aspectText(p *motcua.Procedure, a aspect) string {
	switch a {
	case aspectDocs:
		return e.docsText(p)
	case aspectSteps:
		return e.stepsText(p)
	case aspectTime:
		return timeText(p)
	case aspectFee:
		return feeText(p)
	case aspectWhere:
		return e.whereText(p)
	case aspectOnline:
		return e.onlineText(p)
	}
	return ""
}

func (e *Engine) stepsText(p *motcua.Procedure) string {
	if strings.TrimSpace(p.Steps) == "" {
		return "Dữ liệu chưa có các bước thực hiện cho thủ tục này; bạn vui lòng hỏi cán bộ tiếp nhận."
	}
	return e.capDetail(p, "Các bước thực hiện:\n"+strings.TrimSpace(p.Steps))
}

func timeText(p *motcua.Procedure) string {
	if len(p.Methods) == 0 {
		return "Thời hạn giải quyết: dữ liệu chưa ghi, bạn vui lòng hỏi cán bộ tiếp nhận."
	}
	if one := timeSummary(p); !strings.Contains(one, ":") && !hasTimeNotes(p) {
		return "Thời hạn giải quyết: " + one + " (" + methodList(p) + ")."
	}
	lines := []string{"Thời hạn giải quyết:"}
	for _, m := range methods(p) {
		line := "• " + capitalise(methodLabel(m.Kind)) + ": " + timeLimit(m)
		if note := strings.TrimSpace(m.TimeNote); note != "" && m.TimeValue > 0 {
			line += " (" + shorten(note, 200) + ")"
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

func feeText(p *motcua.Procedure) string {
	if len(p.Methods) == 0 {
		return "Phí, lệ phí: dữ liệu chưa ghi, bạn vui lòng hỏi cán bộ tiếp nhận."
	}
	if one := feeSummary(p); one != "" && !strings.Contains(one, ":") && !hasFeeNotes(p) {
		return "Phí, lệ phí: " + one + " (" + methodList(p) + ")."
	}
	lines := []string{"Phí, lệ phí:"}
	for _, m := range methods(p) {
		fee := strings.TrimSpace(m.Fee)
		if fee == "" {
			fee = "dữ liệu chưa ghi"
		}
		line := "• " + capitalise(methodLabel(m.Kind)) + ": " + fee
		if note := strings.TrimSpace(m.FeeNote); note != "" {
			line += " (" + note + ")"
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// whereSummary is the place to file p, for the card.
func (e *Engine) whereSummary(p *motcua.Procedure) string {
	if a := strings.TrimSpace(p.Address); a != "" {
		return shorten(a, 160)
	}
	c := e.cfg.Centre
	if c.Name != "" && (p.HasLevel("Cấp xã") || len(p.Levels) == 0) {
		if c.Address != "" {
			return c.Name + ", " + c.Address
		}
		return c.Name
	}
	if len(p.Offices) > 0 {
		return shorten(p.Offices[0], 160)
	}
	return ""
}

func (e *Engine) whereText(p *motcua.Procedure) string {
	lines := []string{"Nơi nộp hồ sơ: " + orUnknown(e.whereSummary(p))}
	if len(p.Offices) > 0 {
		lines = append(lines, "Cơ quan giải quyết: "+strings.Join(p.Offices, "; "))
	}
	if h := e.cfg.Centre.Hours; h != "" {
		lines = append(lines, "Giờ tiếp nhận: "+h)
	}
	if hasMethod(p, motcua.MethodOnline) {
		lines = append(lines, "Bạn cũng có thể nộp trực tuyến: "+e.onlineURL(p))
	}
	return strings.Join(lines, "\n")
}

func (e *Engine) onlineText(p *motcua.Procedure) string {
	for _, m := range p.Methods {
		if m.Kind == motcua.MethodOnline {
			s := "Có, thủ tục này nộp trực tuyến được tại " + e.onlineURL(p) + " (đăng nhập bằng tài khoản định danh điện tử VNeID)."
			s += "\nThời hạn khi nộp trực tuyến: " + timeLimit(m)
			if fee := strings.TrimSpace(m.Fee); fee != "" {
				s += "\nPhí, lệ phí: " + fee
			}
			return s
		}
	}
	return "Thủ tục này chưa nộp trực tuyến được; bạn nộp trực tiếp" + postSuffix(p) + " tại: " + orUnknown(e.whereSummary(p)) + "."
}

func orUnknown(s string) string {
	if s == "" {
		return "dữ liệu chưa ghi, bạn vui lòng hỏi cán bộ tiếp nhận"
	}
	return s
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// methodList names the ways p can be filed: "trực tiếp, trực tuyến".
func methodList(p *motcua.Procedure) string {
	var names []string
	for _, m := range methods(p) {
		if l := methodLabel(m.Kind); !contains(names, l) {
			names = append(names, l)
		}
	}
	return strings.Join(names, ", ")
}

func hasTimeNotes(p *motcua.Procedure) bool {
	for _, m := range p.Methods {
		if strings.TrimSpace(m.TimeNote) != "" && !strings.HasPrefix(m.TimeNote, "Nguồn") {
			return true
		}
	}
	return false
}

func hasFeeNotes(p *motcua.Procedure) bool {
	for _, m := range p.Methods {
		if strings.TrimSpace(m.FeeNote) != "" {
			return true
		}
	}
	return false
}
