package handlers

import (
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge/vi"
)

// stalePapers are papers no longer valid that old procedure texts still ask
// for: the household book (invalid since 2023) and the old identity card
// (replaced by the thẻ căn cước from 1 July 2024). Folded.
var stalePapers = []string{"so ho khau", "so tam tru", "chung minh nhan dan", "cmnd", "chung minh thu"}

// isStaleText reports whether a paper's name asks for a stale paper.
func isStaleText(s string) bool {
	f := " " + strings.Join(words(vi.Fold(s)), " ") + " "
	for _, p := range stalePapers {
		if strings.Contains(f, " "+p+" ") {
			return true
		}
	}
	return false
}

// hasStaleDocs reports whether any paper of p is stale.
func hasStaleDocs(p *motcua.Procedure) bool {
	for _, g := range p.Documents {
		for _, d := range g.Documents {
			if isStaleText(d.Name) || isStaleText(d.Note) {
				return true
			}
		}
	}
	return false
}

// mentionsDistrict reports whether the data still names the district level,
// gone since 1 July 2025.
func mentionsDistrict(p *motcua.Procedure) bool {
	texts := append(append([]string{p.Address}, p.Offices...), p.Levels...)
	for _, t := range texts {
		if strings.Contains(vi.Fold(t), "cap huyen") {
			return true
		}
	}
	return false
}

// staleNote warns the citizen, in place of the stale text, of what has
// changed since the data was written; "" when nothing is stale.
func staleNote(p *motcua.Procedure) string {
	var notes []string
	if hasStaleDocs(p) {
		notes = append(notes, noteStalePapers)
	}
	if mentionsDistrict(p) {
		notes = append(notes, noteNoDistrict)
	}
	if len(notes) == 0 && len(p.Flags) > 0 {
		notes = append(notes, noteFlagged)
	}
	return strings.Join(notes, "\n")
}

// staleCardNote is the short form of staleNote for the card; the details
// come with the document list.
func staleCardNote(p *motcua.Procedure) string {
	switch {
	case hasStaleDocs(p):
		return noteStaleShort
	case mentionsDistrict(p):
		return noteNoDistrict
	case len(p.Flags) > 0:
		return noteFlagged
	}
	return ""
}
