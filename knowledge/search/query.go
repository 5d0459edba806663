package search

import "strings"

// parsed is a query after cleaning.
type parsed struct {
	typed    []word   // as typed, abbreviations expanded, typos corrected
	content  []word   // typed without stopwords and chit-chat
	meanings [][]word // official wording of the lexicon rules that matched
	oos      bool     // an out-of-scope rule matched
	topic    string   // its note
	chit     bool     // small talk only
}

// parse cleans a query: abbreviations, typos, stopwords, lexicon rules.
func (x *Index) parse(q string) parsed {
	ws := x.lex.expand(queryWords(q))
	ws = x.correct(ws)
	p := parsed{typed: ws}
	p.oos, p.topic = x.lex.outOfScope(ws)
	p.meanings = dropContained(x.lex.meanings(ws))
	stop, chit := x.lex.stopMask(ws), x.lex.chitMask(ws)
	anyChit := false
	for i, w := range ws {
		anyChit = anyChit || chit[i]
		if chit[i] || (stop[i] && !x.protected(ws, stop, i)) {
			continue
		}
		p.content = append(p.content, w)
	}
	p.chit = anyChit && len(p.content) == 0 && len(p.meanings) == 0
	return p
}

// protected reports whether the stopword at i is part of a two-syllable
// word of the catalogue with a neighbour that is not a stopword: "can"
// alone is "cần" (need), but "can cuoc" is "căn cước". The pair must be a
// word of several names, not a chance neighbourhood in one ("khai sinh
// cho người…" does not make "cho" a word in "khai sinh cho con").
func (x *Index) protected(ws []word, stop []bool, i int) bool {
	if i > 0 && !stop[i-1] && x.stats.bigrams[ws[i-1].fold+" "+ws[i].fold] >= minWordNames {
		return true
	}
	return i+1 < len(ws) && !stop[i+1] && x.stats.bigrams[ws[i].fold+" "+ws[i+1].fold] >= minWordNames
}

// minWordNames is in how many names a pair of syllables must occur to
// count as a word.
const minWordNames = 3

// correct replaces words the catalogue has never seen by the most frequent
// known word one edit away ("khai sinhh" → "khai sinh"). Short words and
// numbers are left alone: at two or three letters nearly every edit is
// another real syllable.
func (x *Index) correct(ws []word) []word {
	out := make([]word, len(ws))
	for i, w := range ws {
		out[i] = w
		if len(w.fold) < 4 || x.stats.vocab[w.fold] > 0 || hasDigit(w.fold) {
			continue
		}
		best, bestN := "", 0
		for _, c := range edits1(w.fold) {
			// Only toward words of names and the lexicon (weight ≥ 5):
			// correcting toward the long steps text adds noise.
			if n := x.stats.vocab[c]; n >= 5 && n > bestN {
				best, bestN = c, n
			}
		}
		if best != "" {
			out[i] = word{lower: best, fold: best}
		}
	}
	for i := range out {
		if c, ok := x.finalSlip(out, i); ok {
			out[i] = word{lower: c, fold: c}
		}
	}
	return out
}

// finalSlip corrects a real syllable typed with the wrong final consonant,
// -n for -ng or -t for -c and back ("gia hạng tạm trú", "trợ cấp thai
// sảng"): many speakers do not tell them apart. It applies only when the
// syllable makes a pair found in no name with either neighbour, the other
// final makes one that is, and the other syllable with the same tone mark
// is a word of the names; and only in a word typed with its marks: those
// say the writer chose the syllable.
func (x *Index) finalSlip(ws []word, i int) (string, bool) {
	pair := func(a, b string) int { return x.stats.bigrams[a+" "+b] }
	if !ws[i].marked {
		return "", false // without marks, "con" might as well be "cong"
	}
	w := ws[i].fold
	var prev, next string
	if i > 0 {
		prev = ws[i-1].fold
	}
	if i+1 < len(ws) {
		next = ws[i+1].fold
	}
	if pair(prev, w) > 0 || pair(w, next) > 0 {
		return "", false
	}
	c, ok := swapFinal(w)
	if !ok || !(pair(prev, c) > 0 || pair(c, next) > 0) {
		return "", false
	}
	// With its tone mark kept, the other syllable must be a word of the
	// names too: "hạng" → "hạn" is, "bán" → "báng" is not.
	lower, _ := swapFinal(ws[i].lower)
	return c, x.stats.nameTones[toneKey(lower)]
}

// swapFinal gives the syllable with the other final: -ng for -n, -t for -c
// and back.
func swapFinal(w string) (string, bool) {
	switch {
	case strings.HasSuffix(w, "ng"):
		return strings.TrimSuffix(w, "g"), true
	case strings.HasSuffix(w, "n"):
		return w + "g", true
	case strings.HasSuffix(w, "c") && !strings.HasSuffix(w, "ch"):
		return strings.TrimSuffix(w, "c") + "t", true
	case strings.HasSuffix(w, "t"):
		return strings.TrimSuffix(w, "t") + "c", true
	}
	return "", false
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// edits1 lists the strings one deletion, transposition, replacement or
// insertion away from s (letters a–z; s is folded ASCII).
func edits1(s string) []string {
	const letters = "abcdefghijklmnopqrstuvwxyz"
	var out []string
	for i := 0; i <= len(s); i++ {
		l, r := s[:i], s[i:]
		if len(r) > 0 {
			out = append(out, l+r[1:])
		}
		if len(r) > 1 {
			out = append(out, l+string(r[1])+string(r[0])+r[2:])
		}
		for j := 0; j < len(letters); j++ {
			c := string(letters[j])
			if len(r) > 0 {
				out = append(out, l+c+r[1:])
			}
			out = append(out, l+c+r)
		}
	}
	return out
}

// dropContained removes a meaning whose words all appear in a longer one:
// "giấy chứng nhận quyền sử dụng đất" says nothing more once "cấp đổi giấy
// chứng nhận quyền sử dụng đất" matched, and would only add weight to
// every certificate procedure.
func dropContained(ms [][]word) [][]word {
	var out [][]word
	for i, m := range ms {
		contained := false
		for j, o := range ms {
			if i != j && len(o) > len(m) && containsAll(o, m) {
				contained = true
				break
			}
		}
		if !contained {
			out = append(out, m)
		}
	}
	return out
}

func containsAll(big, small []word) bool {
	set := map[string]bool{}
	for _, w := range big {
		set[w.fold] = true
	}
	for _, w := range small {
		if !set[w.fold] {
			return false
		}
	}
	return true
}
