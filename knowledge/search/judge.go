package search

import (
	"regexp"

	"github.com/motcua/motcua"
)

// Thresholds of the judgement. They are properties of the method (how much
// of a question the best procedure must explain), not of any question.
const (
	minCoverage   = 0.45 // share of the query's weight the best hit must explain
	minMeaningCov = 0.5  // share of a lexicon meaning the best hit's name must hold
	clearMargin   = 1.2  // best score over the second for a confident answer
)

// judge decides whether the catalogue answers the query (InScope) and
// whether the first hit is clearly the answer (Confident).
func (x *Index) judge(p parsed, hits []motcua.Hit) (inScope, confident bool) {
	if p.oos || p.chit || len(hits) == 0 {
		return false, false
	}
	top := hits[0].Code
	inScope = x.coverage(p.content, top) >= minCoverage
	for _, m := range p.meanings {
		if x.nameCoverage(m, top) >= minMeaningCov {
			inScope = true
		}
	}
	if !inScope {
		return false, false
	}
	if len(hits) == 1 || hits[0].Score >= clearMargin*hits[1].Score {
		return true, true
	}
	// The same procedure at another level is not a rival.
	return true, baseName(hits[0].Name) == baseName(hits[1].Name)
}

// coverage is the share of the query's words, weighted by rarity, that the
// procedure's name, field or documents contain.
func (x *Index) coverage(ws []word, code string) float64 {
	set := x.stats.words[code]
	var have, total float64
	seen := map[string]bool{}
	for _, w := range ws {
		if seen[w.fold] {
			continue
		}
		seen[w.fold] = true
		idf := x.stats.idf(w.fold)
		total += idf
		if set[w.fold] {
			have += idf
		}
	}
	if total == 0 {
		return 0
	}
	return have / total
}

// nameCoverage is the share of a lexicon meaning's words in the name.
func (x *Index) nameCoverage(ws []word, code string) float64 {
	set := x.stats.names[code]
	if len(ws) == 0 {
		return 0
	}
	n := 0
	for _, w := range ws {
		if set[w.fold] {
			n++
		}
	}
	return float64(n) / float64(len(ws))
}

var levelNote = regexp.MustCompile(`(?i)\s*\((thực hiện tại |)cấp (xã|tỉnh|huyện|bộ)\)\s*`)

// baseName is a name without its level note ("… (thực hiện tại cấp tỉnh)").
func baseName(name string) string {
	return levelNote.ReplaceAllString(name, "")
}
