package handlers

import (
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge"
	"github.com/motcua/motcua/knowledge/vi"
)

// Stale papers that old procedure texts still ask for, folded: the
// household book (invalid since 2023) and the old identity card (replaced by
// the thẻ căn cước from 1 July 2024).
var (
	staleHoKhau = []string{"so ho khau", "so tam tru"}
	staleCMND   = []string{"chung minh nhan dan", "cmnd", "cmtnd", "chung minh thu"}
)

// hasWords reports whether the folded words of s hold one of phrases.
func hasWords(s string, phrases []string) bool {
	f := padded(words(vi.Fold(s)))
	for _, p := range phrases {
		if strings.Contains(f, " "+p+" ") {
			return true
		}
	}
	return false
}

// isStaleText reports whether a paper's name asks for a stale paper.
func isStaleText(s string) bool { return hasWords(s, staleHoKhau) || hasWords(s, staleCMND) }

// docsMention reports whether a paper of p names one of phrases.
func docsMention(p *motcua.Procedure, phrases []string) bool {
	for _, g := range p.Documents {
		for _, d := range g.Documents {
			if hasWords(d.Name, phrases) || hasWords(d.Note, phrases) {
				return true
			}
		}
	}
	return false
}

// asksHoKhau reports whether p's data asks for the household book.
func asksHoKhau(p *motcua.Procedure) bool {
	return p.HasFlag(knowledge.FlagStaleHoKhau) || docsMention(p, staleHoKhau)
}

// asksCMND reports whether p's data asks for the old identity card; a
// procedure about the old card itself (confirming an old CMND number) does not.
func asksCMND(p *motcua.Procedure) bool {
	if hasWords(p.Name, staleCMND) {
		return docsMention(p, staleCMND)
	}
	return p.HasFlag(knowledge.FlagStaleCMND) || docsMention(p, staleCMND)
}

// mentionsDistrict reports whether the data still names the district level,
// gone since 1 July 2025.
func mentionsDistrict(p *motcua.Procedure) bool {
	if p.HasFlag(knowledge.FlagStaleCapHuyen) {
		return true
	}
	texts := append(append([]string{p.Address}, p.Offices...), p.Levels...)
	for _, t := range texts {
		if strings.Contains(vi.Fold(t), "cap huyen") {
			return true
		}
	}
	return false
}

// staleness is what a procedure's data says that is no longer true.
// It also keeps the card's summary of papers, which needs the same folding.
type staleness struct {
	hoKhau, cmnd, district, unsure bool
	docs                           string // docsSummary
}

func stalenessOf(p *motcua.Procedure) staleness {
	return staleness{asksHoKhau(p), asksCMND(p), mentionsDistrict(p), isFlaggedUnsure(p), docsSummary(p)}
}

// staleness returns p's staleness, worked out once per procedure: records
// do not change once loaded, and folding every paper on every turn is the
// most expensive part of an answer.
func (e *Engine) staleness(p *motcua.Procedure) staleness {
	if s, ok := e.stale.Load(p); ok {
		return s.(staleness)
	}
	s := stalenessOf(p)
	e.stale.Store(p, s)
	return s
}

// staleNote warns the citizen, in place of the stale text, of what has
// changed since the data was written; "" when nothing is stale.
func (e *Engine) staleNote(p *motcua.Procedure) string {
	s := e.staleness(p)
	var notes []string
	if s.hoKhau {
		notes = append(notes, noteHoKhau)
	}
	if s.cmnd {
		notes = append(notes, noteCMND)
	}
	if s.district {
		notes = append(notes, noteNoDistrict)
	}
	if len(notes) == 0 && s.unsure {
		notes = append(notes, noteFlagged)
	}
	return strings.Join(notes, "\n")
}

// staleCardNote is the short form of staleNote for the card; the details
// come with the document list.
func (e *Engine) staleCardNote(p *motcua.Procedure) string {
	s := e.staleness(p)
	switch {
	case s.hoKhau && s.cmnd:
		return noteShortBoth
	case s.hoKhau:
		return noteShortHoKhau
	case s.cmnd:
		return noteShortCMND
	case s.district:
		return noteNoDistrict
	case s.unsure:
		return noteFlagged
	}
	return ""
}

// isFlaggedUnsure reports flags that make the whole record doubtful.
func isFlaggedUnsure(p *motcua.Procedure) bool {
	return p.HasFlag(knowledge.FlagMislabelled) || p.HasFlag(knowledge.FlagScrambled)
}
