package search

import (
	"regexp"
	"unicode/utf8"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge"
)

// Thresholds of the judgement. They are properties of the method (how much
// of a question the best procedure must explain), not of any question.
const (
	minCoverage   = 0.45 // share of the query's weight the best hit must explain
	minMeaningCov = 0.5  // share of a lexicon meaning the best hit's name must hold
	clearMargin   = 1.2  // best score over the second for a confident answer
	namedCov      = 0.8  // share of a lexicon meaning that names the best hit outright
	minWeight     = 2.0  // rarity the explained words must carry: not only "người", "làm"
)

// judge decides whether the catalogue answers the query (InScope) and
// whether the first hit is clearly the answer (Confident).
func (x *Index) judge(p parsed, hits []motcua.Hit) (inScope, confident bool) {
	// A mislabelled record is never the answer: it ranks first only when
	// nothing else matches.
	if p.chit || len(hits) == 0 || hits[0].Procedure.HasFlag(knowledge.FlagMislabelled) {
		return false, false
	}
	top := hits[0].Code
	named := false // a lexicon meaning names the first hit
	for _, m := range p.meanings {
		if x.nameCoverage(m, top) >= minMeaningCov {
			inScope = true
		}
		named = named || x.nameCoverage(m, top) >= namedCov
	}
	// An out-of-scope topic in the question ("… bằng lái xe", "… tòa án")
	// settles it, unless the question also names a procedure outright:
	// then the topic is part of the story, not the request.
	if p.oos && !named {
		return false, false
	}
	share, weight := x.coverage(p.content, top)
	inScope = inScope || (share >= minCoverage && weight >= minWeight)
	if !inScope {
		return false, false
	}
	return true, clearWinner(hits)
}

// clearWinner reports whether the first hit stands clearly above its
// first rival. Neither the same procedure at another level nor a variant
// of it (its name and more: "… lưu động", "… có yếu tố nước ngoài") is a
// rival: a question that does not name the variant means the basic
// procedure, and one that does ranks the variant first.
func clearWinner(hits []motcua.Hit) bool {
	top := nameWords(baseName(hits[0].Name))
	for _, h := range hits[1:] {
		if baseName(h.Name) == baseName(hits[0].Name) || containsWords(nameWords(h.Name), top) {
			continue
		}
		return hits[0].Score >= clearMargin*h.Score
	}
	return true
}

// nameWords is the set of folded syllables of a name, without the
// "Thủ tục" that some names start with.
func nameWords(name string) map[string]bool {
	ws := words(name)
	if len(ws) > 2 && ws[0].fold == "thu" && ws[1].fold == "tuc" {
		ws = ws[2:]
	}
	set := map[string]bool{}
	for _, w := range ws {
		set[w.fold] = true
	}
	return set
}

func containsWords(big, small map[string]bool) bool {
	for w := range small {
		if !big[w] {
			return false
		}
	}
	return true
}

// coverage is the share of the query's words, weighted by rarity, that the
// procedure's name, field or documents contain, and the weight they carry.
// A word of a question typed with diacritics counts in full only when
// written the same way ("giảm" is not "giám"), half when only its folded
// form is found.
func (x *Index) coverage(ws []word, code string) (share, weight float64) {
	set, tones := x.stats.words[code], x.stats.tones[code]
	var total float64
	seen := map[string]bool{}
	for _, w := range ws {
		// A lone letter or digit is rare in the catalogue, so it would
		// weigh much, and it says nothing: "x" is not a question.
		if seen[w.fold] || utf8.RuneCountInString(w.fold) < 2 {
			continue
		}
		seen[w.fold] = true
		idf := x.stats.idf(w.fold)
		total += idf
		switch {
		case !set[w.fold]:
		case !w.strict || tones[toneKey(w.lower)]:
			weight += idf
		default:
			weight += idf / 2
		}
	}
	if total == 0 {
		return 0, 0
	}
	return weight / total, weight
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
