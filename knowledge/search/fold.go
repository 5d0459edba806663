package search

import (
	"strings"

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
