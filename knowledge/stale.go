package knowledge

import (
	"regexp"
	"strings"

	"github.com/motcua/motcua"
)

var staleWords = []struct {
	flag string
	re   *regexp.Regexp
}{
	{FlagStaleCMND, regexp.MustCompile(`(?i)chứng minh nhân dân|\bCMND\b|\bCMTND\b`)},
	{FlagStaleHoKhau, regexp.MustCompile(`(?i)sổ hộ khẩu|sổ tạm trú`)},
	{FlagStaleCapHuyen, regexp.MustCompile(`(?i)cấp huyện|(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân) huyện`)},
}

var (
	legalTitle  = regexp.MustCompile(`(?i)(nghị định|thông tư|luật|quyết định|nghị quyết)`)
	amendsWords = regexp.MustCompile(`(?i)(sửa đổi|bãi bỏ|liên quan đến việc nộp|bổ sung một số điều)`)
)

// flagRecord sets the quality flags that depend on the whole record.
func flagRecord(p *motcua.Procedure) {
	text := recordText(p)
	for _, w := range staleWords {
		if hasStale(text, w.re) {
			p.Flags = addFlag(p.Flags, w.flag)
		}
	}
	if len(p.Documents) == 0 {
		p.Flags = addFlag(p.Flags, FlagNoDocuments)
	}
	if len(p.Methods) == 0 {
		p.Flags = addFlag(p.Flags, FlagNoTime)
		p.Flags = addFlag(p.Flags, FlagNoFee)
	}
	for _, m := range p.Methods {
		if m.Fee == "" {
			p.Flags = addFlag(p.Flags, FlagNoFee)
		}
	}
}

// recordText gathers the text a citizen would be told. The legal basis is
// left out: there the stale words only name the decrees that abolished them.
func recordText(p *motcua.Procedure) string {
	var b strings.Builder
	add := func(s string) { b.WriteString(s); b.WriteString("\n") }
	add(p.Name)
	add(p.Steps)
	add(p.Conditions)
	add(p.Result)
	add(p.Address)
	for _, s := range p.Applicants {
		add(s)
	}
	for _, s := range p.Offices {
		add(s)
	}
	for _, g := range p.Documents {
		add(g.Name)
		for _, d := range g.Documents {
			add(d.Name)
			add(d.Note)
		}
	}
	for _, m := range p.Methods {
		add(m.TimeNote)
		add(m.FeeNote)
	}
	return b.String()
}

// hasStale reports whether re matches text outside the title of a legal
// document that amends or abolishes the thing (a decree "sửa đổi … liên
// quan đến việc nộp, xuất trình sổ hộ khẩu" is not stale wording).
func hasStale(text string, re *regexp.Regexp) bool {
	for _, loc := range re.FindAllStringIndex(text, -1) {
		if !inAmendingTitle(text[:loc[0]]) {
			return true
		}
	}
	return false
}

func inAmendingTitle(before string) bool {
	if i := strings.LastIndexAny(before, ".;\n"); i >= 0 {
		before = before[i+1:]
	}
	if len(before) > 300 {
		before = before[len(before)-300:]
	}
	return legalTitle.MatchString(before) && amendsWords.MatchString(before)
}
