package handlers

import (
	"sort"
	"strings"
	"unicode"
)

// abbreviations citizens type on a phone, folded, mapped to the folded words
// they stand for.
var abbreviations = map[string]string{
	"bn": "bao nhieu", "bnh": "bao nhieu", "bao nhiu": "bao nhieu",
	"ko": "khong", "k": "khong", "hok": "khong", "kg": "khong", "kh": "khong", "hong": "khong",
	"dc": "duoc", "dk": "dang ky", "dky": "dang ky", "j": "gi", "lm": "lam",
	"onl": "online", "ol": "online", "tks": "thanks", "thank": "thanks", "ty": "thanks",
	"ad": "ban", "oke": "ok", "okay": "ok", "okie": "ok", "hnay": "hom nay",
	"ntn": "nhu the nao", "sdt": "so dien thoai", "dt": "dien thoai", "bhxh": "bao hiem xa hoi", "bhyt": "bao hiem y te",
}

// words returns the folded text as words: punctuation dropped,
// abbreviations spelled out.
func words(fold string) []string {
	fields := strings.FieldsFunc(fold, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := make([]string, 0, len(fields))
	for _, f := range fields {
		if full, ok := abbreviations[f]; ok {
			out = append(out, strings.Fields(full)...)
			continue
		}
		out = append(out, f)
	}
	return out
}

// phraseSet is a list of folded phrases, longest first so that "le phi" is
// taken before "phi".
type phraseSet []string

func newPhraseSet(phrases ...string) phraseSet {
	s := append(phraseSet(nil), phrases...)
	sort.SliceStable(s, func(i, j int) bool { return len(s[i]) > len(s[j]) })
	return s
}

// remove takes every phrase of the set out of text (a space-joined word list
// with a space at each end) and reports whether any was found.
func (ps phraseSet) remove(text string) (rest string, found bool) {
	for _, p := range ps {
		needle := " " + p + " "
		for strings.Contains(text, needle) {
			text = strings.Replace(text, needle, " ", 1)
			found = true
		}
	}
	return text, found
}

// contains reports whether any phrase of the set occurs in the word list.
func (ps phraseSet) contains(ws []string) bool {
	_, found := ps.remove(padded(ws))
	return found
}

// padded joins words with a space at each end, for whole-word matching.
func padded(ws []string) string { return " " + strings.Join(ws, " ") + " " }

// onlyFiller reports whether text holds nothing but filler words: what is
// left once the phrases that carry an intent have been taken out.
func onlyFiller(text string) bool {
	for _, w := range strings.Fields(text) {
		if !filler[w] {
			return false
		}
	}
	return true
}

// filler words carry politeness or grammar, not what the citizen asks about.
var filler = setOf(`a ak ah oi u uh um vang da vay the thi ma la va voi con nua
	cho toi minh em anh chi ban bac co chu ong ba bot ad
	hoi xin vui long giup lam on nhe nha day do nay kia cai
	thu tuc lam can co khong duoc phai roi sao nhu the nao gi bao nhieu
	ra neu muon nop de tai o qua tu cua mat het ton se hay di den mang theo
	chua nhi ha nhung nao xong`)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
