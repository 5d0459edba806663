package dossierflow

import (
	"regexp"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/pii"
)

// Shapes that pass motcua.ValidDossierCode but are something else a citizen
// writes: a procedure code (mã TTHC), a date, a year range, an amount of
// money, the number of a legal document.
var (
	procedureCodeRe = regexp.MustCompile(`^\d{1,2}\.\d{6}$`)
	dateRe          = regexp.MustCompile(`^\d{1,4}[./-]\d{1,2}([./-]\d{1,4})?$`)
	yearRangeRe     = regexp.MustCompile(`^(19|20)\d\d[-/](19|20)\d\d$`)
	moneyRe         = regexp.MustCompile(`^\d{1,3}([.,]\d{3})+(D|VND|K)?$`)
	legalNumberRe   = regexp.MustCompile(`^\d+(/\d{4})?/[A-Z]{2,}(-[A-Z0-9]+)*$`)
	// complaintCodeRe is the tracking code of a complaint (PA-2611-0042):
	// the complaint flow answers it.
	complaintCodeRe = regexp.MustCompile(`^PA-?\d{4}-?\d{4,6}$`)
)

// codeTrim is what surrounds a code in a sentence without being part of it.
const codeTrim = ",;:!?()[]{}\"'“”‘’«»<>*"

// codeIn finds a dossier code in a citizen's text. With strict set (a
// message outside any flow, with nothing saying it is about a dossier) only
// a token that cannot well be anything else counts: letters and at least
// four digits, or a bare message of digits and separators. Otherwise any
// well-formed token with a digit does, as the citizen was asked for a code.
// Spaces inside a code are ignored when the whole message is the code.
func codeIn(text string, strict bool) (string, bool) {
	tokens := codeTokens(text)
	if len(tokens) == 0 {
		return "", false
	}
	bare := allCodeParts(tokens, strict)
	if bare {
		if c := motcua.NormalizeDossierCode(strings.Join(tokens, "")); acceptCode(c, strict, true) {
			return c, true
		}
	}
	// What looks most like a code goes first: a code typed with spaces in a
	// sentence, then a token with a letter or a separator, then digits alone.
	for _, run := range digitRuns(tokens) {
		if c := motcua.NormalizeDossierCode(strings.Join(run, "")); acceptCode(c, strict, false) {
			return c, true
		}
	}
	var plain []string
	for _, tok := range tokens {
		if !hasLetter(tok) && !strings.ContainsAny(tok, ".-/") {
			plain = append(plain, tok)
		} else if c := motcua.NormalizeDossierCode(tok); acceptCode(c, strict, len(tokens) == 1) {
			return c, true
		}
	}
	for _, tok := range plain {
		if c := motcua.NormalizeDossierCode(tok); acceptCode(c, strict, len(tokens) == 1) {
			return c, true
		}
	}
	return "", false
}

func hasCode(text string, strict bool) bool {
	_, ok := codeIn(text, strict)
	return ok
}

// digitRuns returns the runs of two or more neighbouring tokens that each
// hold a digit or are a lone separator: a code typed with spaces in the
// middle of a sentence ("hồ sơ h12 240115 0001 đến đâu").
func digitRuns(tokens []string) [][]string {
	var runs [][]string
	var cur []string
	flush := func() {
		if len(cur) > 1 {
			runs = append(runs, cur)
		}
		cur = nil
	}
	for _, t := range tokens {
		if codeChars(t) && (hasDigit(t) || strings.Trim(t, ".-/") == "") {
			cur = append(cur, t)
			continue
		}
		flush()
	}
	flush()
	return runs
}

// codeTokens splits text at white space and trims punctuation around each
// token (a sentence's full stop too, which no code ends with).
func codeTokens(text string) []string {
	var out []string
	for _, f := range strings.Fields(text) {
		f = strings.Trim(f, codeTrim)
		f = strings.TrimRight(f, ".")
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

// allCodeParts reports whether every token can be a piece of one code
// typed with spaces ("H12 240115 0001"): code characters only, and either a
// digit, a lone separator, or a short run of capitals (a prefix like "HS");
// the first token may be in small letters when the citizen was asked for
// a code (not strict).
func allCodeParts(tokens []string, strict bool) bool {
	for i, t := range tokens {
		if !codeChars(t) {
			return false
		}
		small := !strict && i == 0 && len(tokens) > 1 && !notPrefix[strings.ToLower(t)]
		prefix := len(t) <= 5 && (t == strings.ToUpper(t) || small)
		if !hasDigit(t) && strings.Trim(t, ".-/") != "" && !prefix {
			return false
		}
	}
	return true
}

// notPrefix are small words typed before a code or digits ("mã H12…",
// "là 4567"), never a code's own letters.
var notPrefix = map[string]bool{"ma": true, "la": true, "so": true, "sdt": true, "duoi": true, "cuoi": true,
	"ms": true, "code": true, "hoso": true}

// acceptCode reports whether a normalised token is taken for a dossier code.
func acceptCode(c string, strict, bare bool) bool {
	// A token shaped like a phone or identity number is taken for that,
	// never for a code, so that it is not kept as one.
	if !motcua.ValidDossierCode(c) || !hasDigit(c) || notACode(c) || pii.Contains(c) {
		return false
	}
	if !strict {
		return true
	}
	if countDigits(c) < 4 {
		return false
	}
	return hasLetter(c) || bare && strings.ContainsAny(c, ".-/")
}

// notACode reports the shapes of other things citizens write.
func notACode(c string) bool {
	return procedureCodeRe.MatchString(c) || dateRe.MatchString(c) || yearRangeRe.MatchString(c) ||
		moneyRe.MatchString(c) || legalNumberRe.MatchString(c) || complaintCodeRe.MatchString(c)
}

func codeChars(s string) bool {
	for _, r := range s {
		ok := r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '/'
		if !ok {
			return false
		}
	}
	return true
}

func hasDigit(s string) bool { return countDigits(s) > 0 }

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

func hasLetter(s string) bool {
	for _, r := range s {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
			return true
		}
	}
	return false
}

// phoneDigits returns the last four digits a citizen typed as the second
// factor: a message with exactly four digits ("4567", "số cuối 45 67"), or
// a whole phone number, of which the last four count. ok is false otherwise.
func phoneDigits(text string) (string, bool) {
	var ds []byte
	for i := 0; i < len(text); i++ {
		if text[i] >= '0' && text[i] <= '9' {
			ds = append(ds, text[i])
		}
	}
	switch {
	case len(ds) == 4:
		return string(ds), true
	case !hasLetter(text) && (len(ds) == 10 && ds[0] == '0' || len(ds) == 11 && string(ds[:2]) == "84"):
		return string(ds[len(ds)-4:]), true
	}
	return "", false
}

// maskCode hides a dossier code in text meant for logs.
func maskCode(text, code string) string {
	if code == "" {
		return text
	}
	return strings.ReplaceAll(text, code, "[mã hồ sơ]")
}

// complaintCodeIn reports whether the text holds a complaint's code.
func complaintCodeIn(text string) bool {
	for _, t := range codeTokens(text) {
		if complaintCodeRe.MatchString(motcua.NormalizeDossierCode(t)) {
			return true
		}
	}
	return false
}
