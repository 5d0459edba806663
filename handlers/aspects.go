package handlers

import (
	"strings"

	"github.com/motcua/motcua/knowledge/vi"

	"github.com/motcua/motcua"
)

// aspectReply answers one or more aspects of p, each citing the procedure,
// with the card's buttons for the rest.
func (e *Engine) aspectReply(p *motcua.Procedure, aspects []aspect) []motcua.Reply {
	parts := []string{shorten(trimProcedurePrefix(p.Name), maxNameRunes) + " (mã " + p.Code + ")"}
	for _, a := range aspects {
		parts = append(parts, e.aspectText(p, a))
	}
	if n := e.staleNote(p); n != "" && (containsAspect(aspects, aspectDocs) || containsAspect(aspects, aspectSteps)) {
		parts = append(parts, n)
	} else if containsAspect(aspects, aspectWhere) && e.staleness(p).district {
		// The offices may still be named "cấp huyện".
		parts = append(parts, noteNoDistrict)
	}
	parts = append(parts, citation(p))
	return []motcua.Reply{{Text: strings.Join(parts, "\n\n"), Buttons: withoutAspects(e.cardButtons(p), p.Code, aspects)}}
}

// withoutAspects leaves out the buttons of the aspects just answered: the
// rest are the next steps.
func withoutAspects(buttons []motcua.Button, code string, answered []aspect) []motcua.Button {
	out := buttons[:0:0]
	for _, b := range buttons {
		keep := true
		for _, a := range answered {
			if b.Action == string(a)+":"+code {
				keep = false
			}
		}
		if keep {
			out = append(out, b)
		}
	}
	return out
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

// cleanNote trims a note of the source for a sentence: list dashes go,
// a note of no words is none.
func cleanNote(s string) string {
	s = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(s), "-–+•* "))
	if !hasWordChar(s) {
		return ""
	}
	return shorten(s, 400)
}

func (e *Engine) stepsText(p *motcua.Procedure) string {
	if strings.TrimSpace(p.Steps) == "" {
		return "Dữ liệu chưa có các bước thực hiện cho thủ tục này; bạn vui lòng hỏi cán bộ tiếp nhận."
	}
	return e.capDetail(p, "Các bước thực hiện:\n"+strings.TrimSpace(p.Steps))
}

func timeText(p *motcua.Procedure) string {
	has := func(m motcua.Method) bool { return m.TimeValue > 0 }
	return detailText(p, "Thời hạn giải quyết", has, timeLimit, func(m motcua.Method) string {
		if m.TimeValue > 0 && !strings.HasPrefix(vi.Fold(m.TimeNote), "nguon") {
			return m.TimeNote
		}
		return "" // without a figure the note is the limit itself
	})
}

func feeText(p *motcua.Procedure) string {
	has := func(m motcua.Method) bool { return strings.TrimSpace(m.Fee) != "" }
	return detailText(p, "Phí, lệ phí", has, func(m motcua.Method) string {
		return orDefault(strings.TrimSuffix(fee(m), " (bấm \"Phí, lệ phí\" để xem)"), "dữ liệu chưa ghi")
	}, func(m motcua.Method) string { return m.FeeNote })
}

// detailText answers about one value of the methods (time limit, fee):
// methods with the same value and note are named together, so that a note
// the source repeats for every method is read once. A method the source
// lists again without the value (one row per office) is left out when
// another of its rows has the value (has).
func detailText(p *motcua.Procedure, head string, has func(motcua.Method) bool, value, note func(motcua.Method) string) string {
	if len(p.Methods) == 0 {
		return head + ": dữ liệu chưa ghi, bạn vui lòng hỏi cán bộ tiếp nhận."
	}
	valued := map[string]bool{}
	for _, m := range p.Methods {
		valued[m.Kind] = valued[m.Kind] || has(m)
	}
	type row struct{ value, note string }
	var rows []row
	labels := map[row][]string{}
	for _, m := range methods(p) {
		if valued[m.Kind] && !has(m) {
			continue
		}
		r := row{value(m), cleanNote(note(m))}
		if _, ok := labels[r]; !ok {
			rows = append(rows, r)
		}
		if l := methodLabel(m.Kind); !contains(labels[r], l) {
			labels[r] = append(labels[r], l)
		}
	}
	if len(rows) == 1 {
		s := head + ": " + rows[0].value + " (" + strings.Join(labels[rows[0]], ", ") + ")."
		if rows[0].note != "" {
			s += "\n" + rows[0].note
		}
		return s
	}
	lines := []string{head + ":"}
	for _, r := range rows {
		line := "• " + capitalise(strings.Join(labels[r], ", ")) + ": " + r.value
		if r.note != "" {
			line += " (" + r.note + ")"
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
			if f := fee(m); f != "" {
				s += "\nPhí, lệ phí: " + f
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
