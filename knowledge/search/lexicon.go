package search

import (
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/motcua/motcua/knowledge"
)

// rule is a compiled knowledge.Rule.
type rule struct {
	when, with, unless []phrase
	means              []word
	note               string // of an out-of-scope rule: the topic and who handles it
}

// matches reports whether r applies to ws. A one-word phrase does not
// match inside an idiom (a stopword phrase of several words): "mất" in
// "mất bao lâu" is time taken, not a death or a loss.
func (r rule) matches(ws []word, idiom []bool) bool {
	if !anyIn(r.when, ws, idiom) {
		return false
	}
	if len(r.with) > 0 && !anyIn(r.with, ws, idiom) {
		return false
	}
	return !anyIn(r.unless, ws, nil)
}

// lexicon is a knowledge.Lexicon compiled for matching.
type lexicon struct {
	abbr      map[string][]word // by the abbreviation as typed (lower case)
	abbrPlain map[string][]word // abbreviations without diacritics, by folded form
	rules     []rule
	oos       []rule
	stop      []phrase // longest first
	chit      []phrase
}

func compileLexicon(l *knowledge.Lexicon) *lexicon {
	c := &lexicon{abbr: map[string][]word{}, abbrPlain: map[string][]word{}}
	if l == nil {
		return c
	}
	for k, v := range l.Abbreviations {
		ks := words(k)
		if len(ks) != 1 {
			continue
		}
		c.abbr[ks[0].lower] = words(v)
		if ks[0].plain() {
			c.abbrPlain[ks[0].fold] = words(v)
		}
	}
	c.rules = compileRules(l.Rules)
	c.oos = compileRules(l.OutOfScope)
	c.stop = compilePhrases(l.Stopwords)
	sort.SliceStable(c.stop, func(i, j int) bool { return len(c.stop[i]) > len(c.stop[j]) })
	c.chit = compilePhrases(l.Chitchat)
	return c
}

func compileRules(rs []knowledge.Rule) []rule {
	out := make([]rule, 0, len(rs))
	for _, r := range rs {
		out = append(out, rule{
			when:   compilePhrases(r.When),
			with:   compilePhrases(r.With),
			unless: compilePhrases(r.Unless),
			means:  words(r.Means),
			note:   r.Note,
		})
	}
	return out
}

// ageWord matches "25t", "14t": an age written with a trailing t (tuổi).
var ageWord = regexp.MustCompile(`^[0-9]{1,3}t$`)

// expand replaces abbreviations by what they stand for.
func (c *lexicon) expand(ws []word) []word {
	out := make([]word, 0, len(ws))
	for _, w := range ws {
		if v, ok := c.abbr[w.lower]; ok {
			out = append(out, v...)
		} else if v, ok := c.abbrPlain[w.fold]; ok && onlyD(w) {
			out = append(out, v...)
		} else if ageWord.MatchString(w.fold) {
			n := w.fold[:len(w.fold)-1]
			out = append(out, word{lower: n, fold: n}, word{lower: "tuổi", fold: "tuoi"})
		} else {
			out = append(out, w)
		}
	}
	return out
}

// meanings returns the official wording of every rule that matches.
func (c *lexicon) meanings(ws []word) [][]word {
	var out [][]word
	idiom := c.idioms(ws)
	for _, r := range c.rules {
		if r.matches(ws, idiom) {
			out = append(out, r.means)
		}
	}
	return out
}

// outOfScope reports whether an out-of-scope rule matches, and its note.
func (c *lexicon) outOfScope(ws []word) (bool, string) {
	idiom := c.idioms(ws)
	for _, r := range c.oos {
		if r.matches(ws, idiom) {
			return true, r.note
		}
	}
	return false, ""
}

// stopMask marks the words that belong to a stopword phrase.
func (c *lexicon) stopMask(ws []word) []bool {
	return mask(c.stop, ws)
}

// idioms marks the words that belong to a stopword phrase of several
// words ("mất bao lâu", "có thể").
func (c *lexicon) idioms(ws []word) []bool {
	m := make([]bool, len(ws))
	for i := range ws {
		for _, p := range c.stop {
			if len(p) > 1 && p.at(ws, i) {
				for j := range p {
					m[i+j] = true
				}
				break
			}
		}
	}
	return m
}

// chitMask marks the words that belong to a chit-chat phrase.
func (c *lexicon) chitMask(ws []word) []bool {
	return mask(c.chit, ws)
}

func mask(ps []phrase, ws []word) []bool {
	m := make([]bool, len(ws))
	for i := 0; i < len(ws); i++ {
		for _, p := range ps {
			if p.at(ws, i) {
				for j := range p {
					m[i+j] = true
				}
				break
			}
		}
	}
	return m
}

// eachWord calls f for every word the lexicon knows, so that typo
// correction does not "correct" them.
func (c *lexicon) eachWord(f func(word)) {
	for _, v := range c.abbr {
		for _, w := range v {
			f(w)
		}
	}
	each := func(ps []phrase) {
		for _, p := range ps {
			for _, w := range p {
				f(w)
			}
		}
	}
	for _, rs := range [][]rule{c.rules, c.oos} {
		for _, r := range rs {
			each(r.when)
			each(r.with)
			each(r.unless)
			for _, w := range r.means {
				f(w)
			}
		}
	}
	each(c.stop)
	each(c.chit)
}

// spellOut appends to text what the upper-case abbreviations in it stand
// for ("TNLĐ, BNN" → "… tai nạn lao động bệnh nghề nghiệp"), so that a
// catalogue written in abbreviations matches questions written in full.
// Lower-case words are left alone: "a", "k" or "v" are abbreviations only
// in chat.
func (c *lexicon) spellOut(text string) string {
	var extra []string
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(f)) < 2 || strings.ToUpper(f) != f {
			continue
		}
		if v, ok := c.abbr[normY(strings.ToLower(f))]; ok {
			extra = append(extra, joinLower(v))
		}
	}
	if len(extra) == 0 {
		return text
	}
	return text + " (" + strings.Join(extra, ", ") + ")"
}

func joinLower(ws []word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.lower
	}
	return strings.Join(parts, " ")
}

// onlyD reports whether w differs from its folded form at most by "đ", so
// that "đk" finds the abbreviation "dk" but "ạ" does not find "a".
func onlyD(w word) bool {
	return strings.ReplaceAll(w.lower, "đ", "d") == w.fold && w.marked == strings.Contains(w.lower, "đ")
}
