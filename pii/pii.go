// Package pii recognises and masks personal data in citizens' text —
// identity numbers, phone numbers, emails, tax and social-insurance codes —
// so that it is never logged, stored for statistics, or sent to an outside
// service (Nghị định 13/2023/NĐ-CP).
package pii

import (
	"regexp"
	"strings"
	"unicode"
)

// Placeholders that replace what was masked; they say what kind of data stood
// there, which keeps a masked question readable.
const (
	MaskEmail  = "[email]"
	MaskPhone  = "[số điện thoại]"
	MaskNumber = "[số định danh]"
)

var (
	emailRe = regexp.MustCompile(`[\p{L}0-9._%+\-]+@[\p{L}0-9.\-]+\.[\p{L}]{2,}`)
	// Vietnamese phones: 0 + 9 digits, or +84 / 84 + 9 digits, with optional
	// spaces, dots or dashes between groups.
	// The leading group keeps parts of longer codes (a dossier code such as
	// H12-240115-0001) from being taken for personal data.
	phoneRe = regexp.MustCompile(`(^|[^\w.\-/+])(?:\+?84|0)(?:[ .\-]?\d){9}\b`)
	// Identity numbers (12), old CMND (9), tax codes (10, or 13 written
	// 10-3), BHXH codes (10): any run of 9 or more digits, possibly grouped.
	// A 13-digit tax code (10-3) goes first, before its head looks like a phone.
	taxRe    = regexp.MustCompile(`(^|[^\w.\-/])\d{10}-\d{3}\b`)
	numberRe = regexp.MustCompile(`(^|[^\w.\-/])\d(?:[ .]?\d){8,}(?:-\d{3})?\b`)
)

// Mask returns text with every recognised item of personal data replaced by
// a placeholder. It is idempotent.
func Mask(text string) string {
	text = emailRe.ReplaceAllString(text, MaskEmail)
	text = taxRe.ReplaceAllString(text, "${1}"+MaskNumber)
	text = phoneRe.ReplaceAllString(text, "${1}"+MaskPhone)
	text = numberRe.ReplaceAllString(text, "${1}"+MaskNumber)
	return text
}

// Contains reports whether text holds anything Mask would replace.
func Contains(text string) bool {
	return emailRe.MatchString(text) || taxRe.MatchString(text) || phoneRe.MatchString(text) || numberRe.MatchString(text)
}

// StripHidden removes invisible and direction-changing characters (zero-width
// spaces and joiners, bidirectional controls, Unicode tag characters) that
// can hide instructions from a reader, and control characters other than
// newlines and tabs.
func StripHidden(text string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r >= 0xE0000 && r <= 0xE007F: // tag characters
			return -1
		case r == 0x200B || r == 0x200C || r == 0x200D || r == 0x2060 || r == 0xFEFF:
			return -1
		case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E || r == 0x200F:
			return -1
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, text)
}
