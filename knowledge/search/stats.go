package search

import (
	"math"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge/vi"
)

// stats are facts about the catalogue's words that query cleaning and the
// confidence judgement use.
type stats struct {
	vocab   map[string]int             // folded syllable → weighted frequency
	bigrams map[string]int             // folded two-syllable words of names → names holding them
	df      map[string]int             // folded syllable → procedures that contain it
	n       int                        // procedures
	words   map[string]map[string]bool // code → folded syllables of name, field and documents
	tones   map[string]map[string]bool // code → the same syllables as written (toneKey)
	names   map[string]map[string]bool // code → folded syllables and bigrams of the name
	folded  map[string]string          // code → the name's folded syllables, " "-joined and padded
	// nameTones are the syllables of all names as written (toneKey).
	nameTones map[string]bool
}

func newStats(cat motcua.Catalog, lex *lexicon) *stats {
	s := &stats{
		vocab:   map[string]int{},
		bigrams: map[string]int{},
		df:      map[string]int{},
		words:   map[string]map[string]bool{},
		tones:   map[string]map[string]bool{},
		names:   map[string]map[string]bool{},
		folded:  map[string]string{},

		nameTones: map[string]bool{},
	}
	tk := newTokenizer()
	for _, p := range cat.Procedures() {
		s.add(p, lex, tk)
	}
	lex.eachWord(func(w word) { s.vocab[w.fold] += 5 })
	return s
}

func (s *stats) add(p *motcua.Procedure, lex *lexicon, tk *tokenizer) {
	s.n++
	d := docOf(p, lex)
	name, field, docs, body := tk.words(d.Name), tk.words(d.Field), tk.words(d.Docs), tk.words(d.Body)
	nameSet := map[string]bool{}
	for i, w := range name {
		s.vocab[w.fold] += 5
		nameSet[w.fold] = true
		s.nameTones[tk.toneKey(w.lower)] = true
		if i > 0 {
			bg := name[i-1].fold + " " + w.fold
			if !nameSet[bg] {
				s.bigrams[bg]++
			}
			nameSet[bg] = true
		}
	}
	s.names[p.Code] = nameSet
	s.folded[p.Code] = " " + foldJoin(name) + " "
	set, tones, seen := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for i, ws := range [][]word{name, field, docs, body} {
		for _, w := range ws {
			if i < 3 { // name, field and documents: what coverage looks at
				set[w.fold] = true
				tones[tk.toneKey(w.lower)] = true
			}
			s.vocab[w.fold]++
			if !seen[w.fold] {
				seen[w.fold] = true
				s.df[w.fold]++
			}
		}
	}
	s.words[p.Code] = set
	s.tones[p.Code] = tones

}

// tokenizer splits catalogue text into words like words, remembering each
// distinct token: the catalogue repeats a few thousand syllables hundreds
// of thousands of times, and start-up time is spent here.
type tokenizer struct {
	memo  map[string]word
	tones map[string]string
}

func newTokenizer() *tokenizer {
	return &tokenizer{memo: map[string]word{}, tones: map[string]string{}}
}

func (tk *tokenizer) words(text string) []word {
	if !norm.NFC.IsNormalString(text) {
		text = norm.NFC.String(text)
	}
	fields := strings.FieldsFunc(text, isSeparator)
	out := make([]word, 0, len(fields))
	for _, f := range fields {
		w, ok := tk.memo[f]
		if !ok {
			lower := normY(strings.ToLower(f))
			fold := vi.Fold(lower)
			w = word{lower: lower, fold: fold, marked: lower != fold}
			tk.memo[f] = w
		}
		if w.fold != "" {
			out = append(out, w)
		}
	}
	return out
}

func (tk *tokenizer) toneKey(lower string) string {
	k, ok := tk.tones[lower]
	if !ok {
		k = toneKey(lower)
		tk.tones[lower] = k
	}
	return k
}

// idf is the rarity of a folded syllable among procedures; a syllable found
// nowhere weighs most.
func (s *stats) idf(fold string) float64 {
	return math.Log(1 + float64(s.n)/float64(1+s.df[fold]))
}
