package search

import (
	"math"
	"strings"

	"github.com/motcua/motcua"
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
}

func newStats(cat motcua.Catalog, lex *lexicon) *stats {
	s := &stats{
		vocab:   map[string]int{},
		bigrams: map[string]int{},
		df:      map[string]int{},
		words:   map[string]map[string]bool{},
		tones:   map[string]map[string]bool{},
		names:   map[string]map[string]bool{},
	}
	for _, p := range cat.Procedures() {
		s.add(p, lex)
	}
	lex.eachWord(func(w word) { s.vocab[w.fold] += 5 })
	return s
}

func (s *stats) add(p *motcua.Procedure, lex *lexicon) {
	s.n++
	d := docOf(p, lex)
	name := words(d.Name)
	nameSet := map[string]bool{}
	for i, w := range name {
		s.vocab[w.fold] += 5
		nameSet[w.fold] = true
		if i > 0 {
			bg := name[i-1].fold + " " + w.fold
			if !nameSet[bg] {
				s.bigrams[bg]++
			}
			nameSet[bg] = true
		}
	}
	s.names[p.Code] = nameSet
	set, tones := map[string]bool{}, map[string]bool{}
	for _, text := range []string{d.Name, d.Field, d.Docs} {
		for _, w := range wordsAll(text) {
			set[w.fold] = true
			tones[toneKey(w.lower)] = true
		}
	}
	s.words[p.Code] = set
	s.tones[p.Code] = tones
	seen := map[string]bool{}
	for _, text := range []string{d.Name, d.Field, d.Docs, d.Body} {
		for _, w := range wordsAll(text) {
			s.vocab[w.fold]++
			if !seen[w.fold] {
				seen[w.fold] = true
				s.df[w.fold]++
			}
		}
	}
}

// wordsAll is words without the length cut, for long catalogue texts.
func wordsAll(text string) []word {
	var out []word
	for len(text) > 0 {
		chunk := truncate(text, maxQueryBytes)
		// Cut at the last space so that no syllable is split in two.
		if len(chunk) < len(text) {
			if i := strings.LastIndexByte(chunk, ' '); i > 0 {
				chunk = chunk[:i]
			}
		}
		out = append(out, words(chunk)...)
		text = text[len(chunk):]
	}
	return out
}

// idf is the rarity of a folded syllable among procedures; a syllable found
// nowhere weighs most.
func (s *stats) idf(fold string) float64 {
	return math.Log(1 + float64(s.n)/float64(1+s.df[fold]))
}
