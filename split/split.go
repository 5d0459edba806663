// Package split cuts a long reply into parts that a chat channel accepts,
// at the most natural boundary available: a blank line, a line break, the
// end of a sentence, a space, and only as a last resort inside a word.
package split

import (
	"strings"
	"unicode/utf8"
)

// boundaries are tried in order; the first one found in the second half of a
// part wins, so that parts are neither tiny nor cut mid-sentence.
var boundaries = []string{"\n\n", "\n", ". ", "; ", ", ", " "}

// Text returns s cut into parts of at most max runes each, trimmed of the
// white space at the cuts. Empty parts are dropped; an s of at most max
// runes comes back whole. A max below 1 returns s unsplit.
func Text(s string, max int) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if max < 1 {
		return []string{s}
	}
	var parts []string
	for utf8.RuneCountInString(s) > max {
		head, tail := cut(s, max)
		if head = strings.TrimSpace(head); head != "" {
			parts = append(parts, head)
		}
		s = strings.TrimSpace(tail)
	}
	if s != "" {
		parts = append(parts, s)
	}
	return parts
}

// cut splits s at the best boundary within its first max runes. The window
// looks one rune further, since white space just past the limit is a fine
// place to cut.
func cut(s string, max int) (head, tail string) {
	limit := byteOffset(s, max)
	window := s[:byteOffset(s, max+1)]
	for _, b := range boundaries {
		i := strings.LastIndex(window, b)
		// Keep the punctuation with the sentence it ends.
		end := i + len(strings.TrimRight(b, " \n"))
		if i < 0 || end > limit {
			continue
		}
		// A boundary in the first half would make a tiny part; a weaker
		// boundary further on is better.
		if utf8.RuneCountInString(s[:end]) >= max/2 && end > 0 {
			return s[:end], s[end:]
		}
	}
	return s[:limit], s[limit:]
}

// byteOffset returns the byte index of the rune number n in s.
func byteOffset(s string, n int) int {
	i := 0
	for pos := range s {
		if i == n {
			return pos
		}
		i++
	}
	return len(s)
}
