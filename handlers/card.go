package handlers

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge/vi"
)

// maxNameRunes is the longest procedure name a reply shows: some official
// names run to three phone screens' lines and more.
const maxNameRunes = 120

// summaryDocs is how many papers the card names before "và N giấy tờ khác".
const summaryDocs = 3

// card is the short answer about a procedure that reads well on a phone:
// what to bring, how long, how much, where, whether online, then buttons for
// the details, with the code, source and data date to check it against.
func (e *Engine) card(p *motcua.Procedure) motcua.Reply {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n(%s)\n", shorten(p.Name, maxNameRunes), levelsAndCode(p))
	if docs := e.staleness(p).docs; docs != "" {
		b.WriteString("\n• Giấy tờ: " + docs)
	} else if len(p.Documents) == 0 {
		b.WriteString("\n• Giấy tờ: " + msgNoDocs)
	}
	if t := timeSummary(p); t != "" {
		b.WriteString("\n• Thời hạn: " + t)
	}
	if f := feeSummary(p); f != "" {
		b.WriteString("\n• Phí, lệ phí: " + f)
	}
	if w := e.whereSummary(p); w != "" {
		b.WriteString("\n• Nộp tại: " + w)
	}
	b.WriteString("\n• Nộp trực tuyến: " + onlineSummary(p))
	if n := e.staleCardNote(p); n != "" {
		b.WriteString("\n\n" + n)
	}
	b.WriteString("\n\n" + citation(p))
	return motcua.Reply{Text: b.String(), Buttons: e.cardButtons(p)}
}

// msgNoDocs stands for a list of papers the data does not give.
const msgNoDocs = "chưa có trong dữ liệu, bạn hỏi cán bộ tiếp nhận"

// cardButtons lead to the details of p.
func (e *Engine) cardButtons(p *motcua.Procedure) []motcua.Button {
	var buttons []motcua.Button
	// A button that could only say "no data" is left out.
	if len(p.Documents) > 0 {
		buttons = append(buttons, motcua.Button{Label: "Giấy tờ cần nộp", Action: "docs:" + p.Code})
	}
	if strings.TrimSpace(p.Steps) != "" {
		buttons = append(buttons, motcua.Button{Label: "Các bước", Action: "steps:" + p.Code})
	}
	buttons = append(buttons, []motcua.Button{
		{Label: "Phí, lệ phí", Action: "fee:" + p.Code},
		{Label: "Thời hạn", Action: "time:" + p.Code},
		{Label: "Nộp ở đâu", Action: "where:" + p.Code},
	}...)
	if hasMethod(p, motcua.MethodOnline) {
		// The action answers a client that cannot open links.
		buttons = append(buttons, motcua.Button{Label: "Nộp trực tuyến", URL: e.onlineURL(p), Action: "online:" + p.Code})
	}
	return append(buttons, menuButton)
}

// onlineURL is where p is filed online: its own page on the portal when the
// data has one.
func (e *Engine) onlineURL(p *motcua.Procedure) string {
	if strings.HasPrefix(p.SourceURL, "https://") || strings.HasPrefix(p.SourceURL, "http://") {
		return p.SourceURL
	}
	return e.cfg.PortalURL
}

// citation names the code, the source and the date of the data, so that a
// member of staff can check the answer.
func citation(p *motcua.Procedure) string {
	// The source may carry how it was collected, in brackets: a citizen
	// needs only its name.
	src, _, _ := strings.Cut(p.Source, " (")
	if src = strings.TrimSpace(src); src == "" {
		src = "Cơ sở dữ liệu quốc gia về thủ tục hành chính"
	}
	s := "Mã thủ tục " + p.Code + " · Nguồn: " + src
	if d := viDate(p.DataDate); d != "" {
		s += " · Dữ liệu ngày " + d
	}
	return s
}

// viDate writes YYYY-MM-DD as DD/MM/YYYY and YYYY-MM as MM/YYYY; anything
// else is kept as is.
func viDate(d string) string {
	var y, m, day int
	if n, _ := fmt.Sscanf(d, "%4d-%2d-%2d", &y, &m, &day); n == 3 {
		return fmt.Sprintf("%02d/%02d/%04d", day, m, y)
	} else if n == 2 && len(d) == 7 {
		return fmt.Sprintf("%02d/%04d", m, y)
	}
	return d
}

// shorten cuts s to at most n runes at a word boundary, with an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := string([]rune(s)[:n-1])
	if i := strings.LastIndex(cut, " "); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;.-") + "…"
}

// trimProcedurePrefix drops the "Thủ tục" that starts most names, which a
// button has no room for.
func trimProcedurePrefix(name string) string {
	if f := vi.Fold(name); strings.HasPrefix(f, "thu tuc ") {
		r := []rune(name)
		rest := strings.TrimSpace(string(r[len("thu tuc "):]))
		if rest != "" {
			r2 := []rune(rest)
			return strings.ToUpper(string(r2[0])) + string(r2[1:])
		}
	}
	return name
}
