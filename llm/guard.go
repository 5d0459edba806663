package llm

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/motcua/motcua/pii"
)

// MaskDossierCode replaces what looks like a dossier code: a receipt-slip
// code joined to a phone number's last digits must not leave the process.
const MaskDossierCode = "[mã hồ sơ]"

// dossierCodeRe matches codes with letters and at least five digits, such as
// H12.240115.0001 or 000.00.12.H34-240115-0001; procedure codes (1.001193)
// have no letters and are kept.
var dossierCodeRe = regexp.MustCompile(`\b[\w.\-/]*[A-Za-z][\w.\-/]*\d[\w.\-/]*\b|\b[\w.\-/]*\d[\w.\-/]*[A-Za-z][\w.\-/]*\b`)

// clean makes citizen or record text safe to send out: hidden characters
// removed, personal data and dossier codes masked, prompt delimiters defused,
// and at most max runes kept.
func clean(s string, max int) string {
	s = pii.StripHidden(s)
	s = pii.Mask(s)
	s = dossierCodeRe.ReplaceAllStringFunc(s, func(tok string) string {
		if countDigits(tok) >= 5 && utf8.RuneCountInString(tok) >= 6 {
			return MaskDossierCode
		}
		return tok
	})
	s = defuse(s)
	if max > 0 && utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max]) + "…"
	}
	return s
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// defuse removes the markers that delimit data in the prompt, so that text
// cannot close its own block and pose as instructions.
func defuse(s string) string {
	r := strings.NewReplacer("<<<", "‹‹", ">>>", "››", "```", "'''")
	return r.Replace(s)
}
