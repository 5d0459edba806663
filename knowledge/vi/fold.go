// Package vi holds the small pieces of Vietnamese text handling that several
// parts share: folding away diacritics and case, so that "Đăng ký khai sinh"
// and "dang ky khai sinh" compare equal.
package vi

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// foldTable maps each precomposed Latin letter (U+00C0–U+024F and the
// Vietnamese block U+1E00–U+1EFF) to its folded form. Fold is on the hot
// path of indexing and search, and a table lookup is far cheaper than a
// Unicode transform chain for every word.
var foldTable = buildFoldTable()

const (
	foldLo = 0x00C0
	foldHi = 0x1EFF
)

func buildFoldTable() []rune {
	t := make([]rune, foldHi-foldLo+1)
	for r := rune(foldLo); r <= foldHi; r++ {
		t[r-foldLo] = unicode.ToLower(r)
		if unicode.Is(unicode.Mn, r) {
			t[r-foldLo] = -1 // a combining mark of decomposed text: dropped
			continue
		}
		if f := []rune(slowFold(string(r))); len(f) == 1 {
			t[r-foldLo] = f[0]
		}
	}
	return t
}

func slowFold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case 'đ', 'Đ':
			return 'd'
		}
		return unicode.ToLower(r)
	}, out)
}

// Fold returns s in lower case without diacritics ("đ" becomes "d") and with
// runs of white space collapsed to one space. It is how citizens type on a
// phone without a Vietnamese keyboard.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r < utf8.RuneSelf:
			if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' {
				space = b.Len() > 0
				continue
			}
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		case r >= foldLo && r <= foldHi:
			if r = foldTable[r-foldLo]; r < 0 {
				continue
			}
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.Is(unicode.Mn, r):
			continue // a combining mark of decomposed text
		default:
			r = unicode.ToLower(r)
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
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
