package admin

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

// maxNoteRunes bounds a staff note; it is shown to citizens on a phone.
const maxNoteRunes = 2000

// dossierInput is the body of PUT dossiers/{code}: times stay strings so
// that a bad one is reported by name.
type dossierInput struct {
	Code          string `json:"code"`
	ProcedureCode string `json:"procedure_code"`
	ApplicantName string `json:"applicant_name"`
	Phone         string `json:"phone"`
	ReceivedAt    string `json:"received_at"`
	DueAt         string `json:"due_at"`
	Status        string `json:"status"`
	Note          string `json:"note"`
}

// eventInput is the body of POST dossiers/{code}/events.
type eventInput struct {
	Status string `json:"status"`
	Note   string `json:"note"`
	At     string `json:"at"`
}

// parseTime is how one input format turns a time field into a time.
type parseTime func(field, value string) (time.Time, error)

// rfc3339 parses an API time field.
func rfc3339(field, value string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(value))
	if err != nil {
		return time.Time{}, motcua.Errorf(motcua.EINVALID, "%s: %q không phải thời điểm RFC 3339 (ví dụ 2026-01-05T08:00:00+07:00)", field, value)
	}
	return t, nil
}

// toDossier validates the input and returns the dossier it describes.
func (in dossierInput) toDossier(parse parseTime) (*motcua.Dossier, error) {
	d := &motcua.Dossier{
		Code:          motcua.NormalizeDossierCode(in.Code),
		ProcedureCode: strings.TrimSpace(in.ProcedureCode),
		ApplicantName: strings.TrimSpace(in.ApplicantName),
		Phone:         strings.TrimSpace(in.Phone),
		Status:        strings.TrimSpace(in.Status),
		Note:          strings.TrimSpace(in.Note),
	}
	if err := checkDossierFields(d); err != nil {
		return nil, err
	}
	var err error
	if d.ReceivedAt, err = requiredTime(parse, "received_at", in.ReceivedAt); err != nil {
		return nil, err
	}
	if d.DueAt, err = requiredTime(parse, "due_at", in.DueAt); err != nil {
		return nil, err
	}
	if d.DueAt.Before(d.ReceivedAt) {
		return nil, motcua.Errorf(motcua.EINVALID, "due_at: ngày hẹn trả trước ngày tiếp nhận")
	}
	return d, nil
}

// checkDossierFields validates everything but the times.
func checkDossierFields(d *motcua.Dossier) error {
	switch {
	case !motcua.ValidDossierCode(d.Code):
		return motcua.Errorf(motcua.EINVALID, "code: mã hồ sơ phải có 6–40 ký tự gồm chữ, số, '.', '-', '/'")
	case d.ProcedureCode == "":
		return motcua.Errorf(motcua.EINVALID, "procedure_code: thiếu mã thủ tục")
	case phoneDigits(d.Phone) < 4:
		// The last four digits are what a citizen proves a dossier with.
		return motcua.Errorf(motcua.EINVALID, "phone: thiếu số điện thoại (cần ít nhất 4 chữ số)")
	case utf8.RuneCountInString(d.ApplicantName) > 200:
		return motcua.Errorf(motcua.EINVALID, "applicant_name: quá dài")
	}
	return checkStatusNote(d.Status, d.Note)
}

// checkStatusNote validates a dossier status and its note.
func checkStatusNote(status, note string) error {
	if _, ok := motcua.DossierStatusLabels[status]; !ok {
		return motcua.Errorf(motcua.EINVALID, "status: %q không hợp lệ; dùng một trong: %s", status, dossierStatusList)
	}
	if utf8.RuneCountInString(note) > maxNoteRunes {
		return motcua.Errorf(motcua.EINVALID, "note: quá dài (tối đa %d ký tự)", maxNoteRunes)
	}
	return nil
}

// dossierStatusList names the accepted statuses, in process order.
const dossierStatusList = "received, processing, need_supplement, waiting_payment, result_ready, returned, rejected, withdrawn"

// requiredTime parses a mandatory time field.
func requiredTime(parse parseTime, field, value string) (time.Time, error) {
	if strings.TrimSpace(value) == "" {
		return time.Time{}, motcua.Errorf(motcua.EINVALID, "%s: thiếu thời điểm", field)
	}
	return parse(field, value)
}

// phoneDigits counts the digits of a phone number.
func phoneDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// pathCode returns the normalized dossier code named in the path, or an
// invalid-input error.
func pathCode(raw string) (string, error) {
	code := motcua.NormalizeDossierCode(raw)
	if !motcua.ValidDossierCode(code) {
		return "", motcua.Errorf(motcua.EINVALID, "mã hồ sơ phải có 6–40 ký tự gồm chữ, số, '.', '-', '/'")
	}
	return code, nil
}
