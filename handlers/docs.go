package handlers

import (
	"fmt"
	"sort"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge/vi"
)

// maxDetailRunes caps a detail answer (documents, steps): beyond it the
// citizen is sent to the source, which a phone shows better than a wall of
// messages.
const maxDetailRunes = 3000

// isNoteGroup reports whether a document group holds notes for staff
// ("Lưu ý"), not papers.
func isNoteGroup(g motcua.DocumentGroup) bool {
	f := vi.Fold(g.Name)
	return strings.HasPrefix(f, "luu y") || strings.HasPrefix(f, "ghi chu")
}

// isHeading reports whether a document entry only introduces the next ones.
func isHeading(d motcua.Document) bool {
	return strings.HasSuffix(strings.TrimSpace(d.Name), ":")
}

// docScore ranks a document for the card: papers with a count and forms
// first; conditions ("Trường hợp…") and explanations last.
func docScore(d motcua.Document) int {
	f := vi.Fold(d.Name)
	score := 0
	if d.Count != "" {
		score += 3
	}
	if d.Form != "" || strings.HasPrefix(f, "to khai") || strings.HasPrefix(f, "don ") || strings.HasPrefix(f, "mau ") {
		score += 2
	}
	for _, p := range []string{"truong hop", "neu ", "doi voi", "nguoi ", "co quan", "viec ", "can bo", "ban chup", "luu y"} {
		if strings.HasPrefix(f, p) {
			score -= 5
		}
	}
	if strings.Contains(f, "trong truong hop") {
		score -= 4 // a paper only some applicants need
	}
	return score
}

// docsSummary names the main papers to bring, stale ones left out.
func docsSummary(p *motcua.Procedure) string {
	type ranked struct {
		name  string
		score int
		order int
	}
	var docs []ranked
	for _, g := range p.Documents {
		if isNoteGroup(g) {
			continue
		}
		for _, d := range g.Documents {
			if isHeading(d) || isStaleText(d.Name) {
				continue
			}
			if s := docScore(d); s > 0 {
				docs = append(docs, ranked{shortDocName(d.Name), s, len(docs)})
			}
		}
	}
	if len(docs) == 0 {
		return ""
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].score > docs[j].score })
	var names []string
	for _, d := range docs[:min(len(docs), summaryDocs)] {
		names = append(names, d.name)
	}
	s := strings.Join(names, "; ")
	if len(docs) > summaryDocs {
		s += fmt.Sprintf("; và %d giấy tờ khác", len(docs)-summaryDocs)
	}
	return s
}

// shortDocName keeps a document's name up to its first explanation.
func shortDocName(name string) string {
	name = strings.TrimSpace(name)
	if i := strings.IndexAny(name, "(;:,."); i > 15 {
		name = name[:i]
	}
	return shorten(strings.TrimRight(strings.TrimSpace(name), ";,."), 70)
}

// docsText lists the papers: the main ones first, numbered, then those
// only some applicants need. Notes for staff and stale papers are left out
// (the stale note says why).
func (e *Engine) docsText(p *motcua.Procedure) string {
	var main, cases []string
	for _, g := range p.Documents {
		if isNoteGroup(g) {
			continue
		}
		for _, d := range g.Documents {
			switch {
			case isStaleText(d.Name), isHeading(d):
			case docScore(d) > 0:
				main = append(main, fmt.Sprintf("%d. %s", len(main)+1, docLine(d)))
			default:
				cases = append(cases, "• "+shorten(docLine(d), 220))
			}
		}
	}
	if len(main)+len(cases) == 0 {
		return "Dữ liệu chưa có danh sách giấy tờ cho thủ tục này; bạn vui lòng hỏi cán bộ tiếp nhận."
	}
	var parts []string
	if len(main) > 0 {
		parts = append(parts, "Giấy tờ cần chuẩn bị:\n"+strings.Join(main, "\n"))
	}
	if len(cases) > 0 {
		parts = append(parts, "Tùy trường hợp:\n"+strings.Join(cases, "\n"))
	}
	return e.capDetail(p, strings.Join(parts, "\n\n"))
}

func docLine(d motcua.Document) string {
	s := shorten(strings.TrimSpace(d.Name), 300)
	if d.Form != "" && !strings.Contains(s, d.Form) {
		s += " (" + d.Form + ")"
	}
	if d.Count != "" {
		s += " — " + d.Count
	}
	if d.Note != "" && !isStaleText(d.Note) {
		s += ". " + strings.TrimSpace(d.Note)
	}
	return s
}

// capDetail shortens a long detail answer and points to the full text.
func (e *Engine) capDetail(p *motcua.Procedure, s string) string {
	if len([]rune(s)) <= maxDetailRunes {
		return s
	}
	return shorten(s, maxDetailRunes) + "\n\nXem đầy đủ tại: " + e.onlineURL(p)
}
