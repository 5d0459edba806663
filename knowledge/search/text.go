package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/motcua/motcua/knowledge/vi"
)

// maxQueryBytes bounds the work one query can cause; a citizen's question
// is far shorter, and a 100 kB paste is cut, not refused.
const maxQueryBytes = 2000

// word is one syllable of a query or phrase, kept both as typed (lower case,
// with diacritics) and folded (no diacritics).
type word struct {
	lower  string // spelling variants normalised (normY)
	fold   string
	marked bool // typed with diacritics
	strict bool // from a question typed with diacritics: means what it says
}

// plain reports whether the word was typed without diacritics, so that it
// may stand for any accented form. In a question typed with a Vietnamese
// keyboard an unaccented word is meant as written ("quan" in "cơ quan" is
// not "quán").
func (w word) plain() bool { return !w.marked && !w.strict }

// accentedShare is the share of accented words above which a question
// counts as typed with diacritics.
const accentedShare = 0.3

// queryWords splits a question into words, marking them strict when the
// question was typed with diacritics.
func queryWords(q string) []word {
	ws := words(q)
	accented := 0
	for _, w := range ws {
		if w.marked {
			accented++
		}
	}
	if len(ws) > 0 && float64(accented) >= accentedShare*float64(len(ws)) {
		for i := range ws {
			ws[i].strict = true
		}
	}
	return ws
}

// same reports whether a query word q matches a lexicon word p: equal when
// folded, and equal as typed unless the query word has no diacritics ("dat"
// matches "đất", "đất" matches "đất", but "đất" does not match "đạt", and
// "công" does not match "cong").
func same(q, p word) bool {
	return q.fold == p.fold && (q.plain() || q.lower == p.lower)
}

// words splits text into syllables: letters and digits; everything else
// separates. Text is cut to maxQueryBytes first.
func words(text string) []word {
	text = truncate(text, maxQueryBytes)
	text = norm.NFC.String(text)
	fields := strings.FieldsFunc(text, isSeparator)
	out := make([]word, 0, len(fields))
	for _, f := range fields {
		lower := normY(strings.ToLower(f))
		fold := vi.Fold(lower)
		if fold == "" {
			continue
		}
		out = append(out, word{lower: lower, fold: fold, marked: lower != fold})
	}
	return out
}

// isSeparator reports whether r separates words: anything but letters,
// digits and combining marks.
func isSeparator(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}

// minToneFree is how long a phrase must be for its words to match whatever
// their tone marks: "xin giây phép xay dưng" is a slip of the keyboard,
// and three syllables folded alike are almost never another phrase.
const minToneFree = 3

// phrase is a compiled lexicon phrase.
type phrase []word

func compilePhrases(list []string) []phrase {
	out := make([]phrase, 0, len(list))
	for _, s := range list {
		if p := phrase(words(s)); len(p) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// at reports whether p occurs in ws starting at i. A phrase of two words
// or more lets an unaccented word of an accented question stand for its
// accented form: people mix both on one line ("xin giấy phép xay dựng"),
// and two syllables together are rarely ambiguous where one alone is. In
// a phrase of minToneFree words or more, or of two in a question typed
// without diacritics, a word with the wrong marks matches too.
func (p phrase) at(ws []word, i int) bool {
	if i+len(p) > len(ws) {
		return false
	}
	for j, pw := range p {
		q := ws[i+j]
		if len(p) > 1 && !q.marked {
			q.strict = false
		}
		toneFree := len(p) >= minToneFree || (len(p) > 1 && !q.strict)
		if !same(q, pw) && !(toneFree && q.fold == pw.fold) {
			return false
		}
	}
	return true
}

// anyIn reports whether one of ps occurs in ws. With idiom, a phrase of
// one word does not count where idiom marks its position.
func anyIn(ps []phrase, ws []word, idiom []bool) bool {
	for _, p := range ps {
		for i := range ws {
			if p.at(ws, i) && (len(p) > 1 || idiom == nil || !idiom[i]) {
				return true
			}
		}
	}
	return false
}

func foldJoin(ws []word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.fold
	}
	return strings.Join(parts, " ")
}
