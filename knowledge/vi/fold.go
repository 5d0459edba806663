// Package vi holds the small pieces of Vietnamese text handling that several
// parts share: folding away diacritics and case, so that "Đăng ký khai sinh"
// and "dang ky khai sinh" compare equal.
package vi

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold returns s in lower case without diacritics ("đ" becomes "d") and with
// runs of white space collapsed to one space. It is how citizens type on a
// phone without a Vietnamese keyboard.
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.Map(func(r rune) rune {
		switch r {
		case 'đ', 'Đ':
			return 'd'
		}
		return unicode.ToLower(r)
	}, out)
	return strings.Join(strings.Fields(out), " ")
}

// HasDiacritics reports whether s carries any Vietnamese tone or vowel mark.
func HasDiacritics(s string) bool {
	for _, r := range s {
		if r == 'đ' || r == 'Đ' {
			return true
		}
		if r > unicode.MaxASCII && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
