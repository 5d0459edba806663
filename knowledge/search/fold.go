package search

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/motcua/motcua/knowledge/vi"
)

// foldWord folds one lower-case syllable for matching: the spelling
// variants of normY, then vi.Fold.
func foldWord(lower string) string {
	return vi.Fold(normY(lower))
}

// yToI maps each form of "y" to the "i" with the same tone mark.
var yToI = map[rune]rune{'y': 'i', 'ý': 'í', 'ỳ': 'ì', 'ỷ': 'ỉ', 'ỹ': 'ĩ', 'ỵ': 'ị'}

// normY writes a final "y" after consonants only as "i", keeping its tone
// mark: kỹ/kĩ, lý/lí, mỹ/mĩ, tỷ/tỉ, sỹ/sĩ, hy/hi and quý/quí are one
// syllable each, spelt either way by citizens and by the catalogue, so
// that "đăng kí" finds "đăng ký". A "y" after a vowel (tay, thuỷ) is
// another sound and is left alone, as is "y" alone (y tế).
func normY(lower string) string {
	rs := []rune(lower)
	n := len(rs)
	if n < 2 {
		return lower
	}
	i, ok := yToI[rs[n-1]]
	if !ok {
		return lower
	}
	head := string(rs[:n-1])
	if head != "qu" && !consonants(head) {
		return lower
	}
	return head + string(i)
}

// consonants reports whether s is only consonant letters (đ included).
func consonants(s string) bool {
	for _, r := range s {
		if r == 'đ' {
			continue
		}
		if r < 'a' || r > 'z' || strings.ContainsRune("aeiouy", r) {
			return false
		}
	}
	return true
}

// toneKey is a syllable as typed with its tone mark moved to the end,
// so that the old and new placements of the mark ("hoà", "hòa") compare
// equal while "giáo" and "giao", or "giảm" and "giám", do not.
func toneKey(lower string) string {
	var b strings.Builder
	tone := rune(0)
	for _, r := range norm.NFD.String(lower) {
		switch r {
		case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
			tone = r
			continue
		}
		b.WriteRune(r)
	}
	k := norm.NFC.String(b.String())
	if tone != 0 {
		k += string(tone)
	}
	return k
}
