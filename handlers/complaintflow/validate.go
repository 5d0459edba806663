package complaintflow

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of the "what happened" text, in characters.
const (
	minTextRunes = 10
	maxTextRunes = 2000
)

// checkText validates what happened; problem is the sentence for the
// citizen when it cannot be taken.
func checkText(text string) (clean, problem string) {
	text = strings.TrimSpace(text)
	n := utf8.RuneCountInString(text)
	switch {
	case text == "":
		return "", msgTextEmpty
	case !hasLetter(text):
		return "", msgTextSymbols
	case n > maxTextRunes:
		return "", fmt.Sprintf(msgTextTooLong, maxTextRunes, n)
	case n < minTextRunes || letterCount(text) < minTextRunes/2:
		return "", msgTextTooShort
	}
	return text, ""
}

// hasLetter reports whether s holds a letter or digit, unlike a message
// of emoji or punctuation only.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// checkName validates a name for the answer: letters, spaces and a few
// marks, 2 to 60 characters.
func checkName(name string) string {
	n := utf8.RuneCountInString(name)
	if name == "" || n > 60 || letterCount(name) < 2 {
		return msgBadName
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsSpace(r) && !strings.ContainsRune(".'-", r) && !unicode.Is(unicode.Mn, r) {
			return msgBadName
		}
	}
	return ""
}

// phoneRe finds a phone number typed with spaces, dots or dashes between
// groups of digits: 0905 123 456, +84 905.123.456.
var phoneRe = regexp.MustCompile(`(?:\+?84|0)[\s.\-]?\d(?:[\s.\-]?\d){7,9}`)

// splitNamePhone separates "Nguyễn Văn An 0905123456" into name and phone.
func splitNamePhone(text string) (name, phone string) {
	loc := phoneRe.FindStringIndex(text)
	if loc == nil {
		return strings.TrimSpace(text), ""
	}
	p, ok := normalizePhone(text[loc[0]:loc[1]])
	if !ok {
		return strings.TrimSpace(text), ""
	}
	name = strings.Trim(text[:loc[0]]+" "+text[loc[1]:], " ,;-–:")
	return strings.Join(strings.Fields(name), " "), p
}

// normalizePhone returns a Vietnamese phone number as 0 and 9 or 10 digits
// (a mobile or a landline), from 0…, +84… or 84… with separators.
func normalizePhone(s string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && b.Len() == 0:
		case r == ' ' || r == '.' || r == '-' || r == '(' || r == ')':
		default:
			return "", false
		}
	}
	d := b.String()
	if strings.HasPrefix(d, "84") && len(d) >= 11 {
		d = "0" + d[2:]
	}
	if !strings.HasPrefix(d, "0") || len(d) < 10 || len(d) > 11 || strings.HasPrefix(d, "00") {
		return "", false
	}
	return d, true
}

// command recognises the few words typed in place of a button.
func command(fold string) string {
	switch strings.Trim(strings.TrimSpace(fold), ".!") {
	case "huy", "huy bo", "thoi", "dung lai", "khong gui nua":
		return "cancel"
	case "quay lai", "tro lai", "lui lai":
		return "back"
	case "bo qua", "khong co", "khong", "ko", "k", "khong co ma", "khong co anh":
		return "skip"
	case "tiep tuc", "tiep", "xong", "het anh", "khong gui anh":
		return "next"
	case "gui", "gui di", "dong y gui", "xac nhan":
		return "send"
	}
	return ""
}

// photoNote says which photos were kept.
func photoNote(added, files, total int) string {
	var parts []string
	if added > 0 {
		parts = append(parts, fmt.Sprintf("Đã nhận %d ảnh (tổng cộng %d/%d ảnh).", added, total, maxPhotos))
	} else if files == 0 {
		parts = append(parts, fmt.Sprintf("Đã đủ %d ảnh, mình không nhận thêm.", maxPhotos))
	}
	if files > 0 {
		parts = append(parts, "Mình chỉ nhận ảnh chụp, không nhận tệp khác.")
	}
	return strings.Join(parts, " ")
}
