package admin

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// CSV import of dossiers. The file has a header row naming the columns, in
// any order and any case; columns beyond these are ignored, so an export
// of the one-door system can be loaded as it is:
//
//	code, procedure_code, applicant_name, phone, received_at, due_at, status, note
//
// applicant_name and note may be absent. Times are RFC 3339, "YYYY-MM-DD
// HH:MM[:SS]", or the "dd/mm/yyyy[ HH:MM[:SS]]" Excel writes, in Vietnam
// time; a due date without a time means the end of that working day. The
// separator is ',' or, as Excel writes in locales with a decimal comma, ';'.
// A UTF-8 byte-order mark is skipped.
//
// Each good row is loaded; each bad row is reported with its line number
// and the reason and changes nothing. Rows are independent facts, so one
// typo must not hold back thousands of good dossiers, and loading is an
// upsert: fixing the bad rows and loading the whole file again is safe.
var csvColumns = []string{"code", "procedure_code", "applicant_name", "phone", "received_at", "due_at", "status", "note"}

// optionalColumns may be missing from the header.
var optionalColumns = map[string]bool{"applicant_name": true, "note": true}

// RowError is one bad row of an import.
type RowError struct {
	Line   int    `json:"line"`
	Code   string `json:"code,omitempty"`
	Reason string `json:"reason"`
}

// ImportResult reports an import: how many dossiers were created and
// replaced, and the rows that were refused.
type ImportResult struct {
	Created  int        `json:"created"`
	Replaced int        `json:"replaced"`
	Errors   []RowError `json:"errors"`
}

// ImportDossiers loads a CSV file of dossiers into store. It returns an
// error only when the file as a whole cannot be read (no header, a missing
// column) or the store fails; bad rows are in the result.
func ImportDossiers(ctx context.Context, store motcua.DossierStore, r io.Reader, notify func(*motcua.Dossier) motcua.Reply, now time.Time) (ImportResult, error) {
	res := ImportResult{Errors: []RowError{}}
	rows, err := newCSVRows(r)
	if err != nil {
		return res, err
	}
	l := loader{store: store, notify: notify, now: now, res: &res}
	seen := map[string]int{}
	for {
		d, line, err := rows.next()
		if err == io.EOF {
			return res, l.flush(ctx)
		}
		if err == nil && seen[codeOf(d)] > 0 {
			err = motcua.Errorf(motcua.EINVALID, "mã hồ sơ trùng với dòng %d", seen[d.Code])
		}
		if err != nil {
			if motcua.ErrorCode(err) != motcua.EINVALID {
				return res, err
			}
			res.Errors = append(res.Errors, RowError{Line: line, Code: codeOf(d), Reason: motcua.ErrorMessage(err)})
			continue
		}
		seen[d.Code] = line
		if err := l.add(ctx, d, line); err != nil {
			return res, err
		}
	}
}

// codeOf returns a dossier's code, or "" for no dossier.
func codeOf(d *motcua.Dossier) string {
	if d == nil {
		return ""
	}
	return d.Code
}

// bulkImporter is a store that writes many dossiers in one transaction;
// loading in batches makes a file of a million rows take minutes, not hours.
type bulkImporter interface {
	ImportDossiers(ctx context.Context, ds []*motcua.Dossier) (created, updated int, err error)
}

// importBatch is how many rows go into one transaction.
const importBatch = 500

// loader writes good rows in batches.
type loader struct {
	store  motcua.DossierStore
	notify func(*motcua.Dossier) motcua.Reply
	now    time.Time
	res    *ImportResult
	batch  []*motcua.Dossier
	lines  []int
}

// add queues a good row, writing the batch when it is full.
func (l *loader) add(ctx context.Context, d *motcua.Dossier, line int) error {
	l.batch, l.lines = append(l.batch, d), append(l.lines, line)
	if len(l.batch) < importBatch {
		return nil
	}
	return l.flush(ctx)
}

// flush writes the queued rows: status changes first as events, so that
// subscribers are told as through the PUT endpoint, then the dossiers in
// one transaction when the store can, one by one otherwise or when the
// batch is refused (to find the row at fault).
func (l *loader) flush(ctx context.Context) error {
	defer func() { l.batch, l.lines = l.batch[:0], l.lines[:0] }()
	for i, d := range l.batch {
		if err := recordChange(ctx, l.store, d, l.notify, l.now); err != nil {
			return fmt.Errorf("admin: import line %d: %w", l.lines[i], err)
		}
	}
	if bulk, ok := l.store.(bulkImporter); ok && len(l.batch) > 0 {
		created, updated, err := bulk.ImportDossiers(ctx, l.batch)
		if err == nil {
			l.res.Created, l.res.Replaced = l.res.Created+created, l.res.Replaced+updated
			return nil
		}
	}
	for i, d := range l.batch {
		if err := l.put(ctx, d, l.lines[i]); err != nil {
			return err
		}
	}
	return nil
}

// put writes one dossier, reporting a refused one as a bad row.
func (l *loader) put(ctx context.Context, d *motcua.Dossier, line int) error {
	created, err := l.store.PutDossier(ctx, d)
	switch {
	case motcua.ErrorCode(err) == motcua.EINTERNAL:
		return fmt.Errorf("admin: import line %d: %w", line, err)
	case err != nil:
		l.res.Errors = append(l.res.Errors, RowError{Line: line, Code: d.Code, Reason: motcua.ErrorMessage(err)})
	case created:
		l.res.Created++
	default:
		l.res.Replaced++
	}
	return nil
}

// recordChange appends d's status as an event when a stored dossier of the
// same code is in another status or has another note.
func recordChange(ctx context.Context, store motcua.DossierStore, d *motcua.Dossier, notify func(*motcua.Dossier) motcua.Reply, now time.Time) error {
	old, err := store.Dossier(ctx, d.Code)
	if motcua.ErrorCode(err) == motcua.ENOTFOUND {
		return nil
	} else if err != nil {
		return err
	}
	if old.Code != d.Code {
		return nil // another dossier, found by a code written alike: d is new
	}
	if old.Status == d.Status && old.Note == d.Note {
		return nil
	}
	return store.AddDossierEvent(ctx, d.Code, motcua.DossierEvent{Status: d.Status, Note: d.Note, At: now}, notify)
}

// csvRows reads dossiers from a CSV file, one row at a time.
type csvRows struct {
	r   *csv.Reader
	col map[string]int // column name → index
}

// newCSVRows reads the header and checks the columns.
func newCSVRows(r io.Reader) (*csvRows, error) {
	br := bufio.NewReader(r)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3)
	}
	first, _ := br.Peek(4096)
	line, _, _ := bytes.Cut(first, []byte("\n"))
	cr := csv.NewReader(br)
	if bytes.Count(line, []byte(";")) > bytes.Count(line, []byte(",")) {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, motcua.Errorf(motcua.EINVALID, "không đọc được dòng tiêu đề CSV: %v", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, c := range csvColumns {
		if _, ok := col[c]; !ok && !optionalColumns[c] {
			return nil, motcua.Errorf(motcua.EINVALID, "thiếu cột %q ở dòng tiêu đề; các cột: %s", c, strings.Join(csvColumns, ", "))
		}
	}
	return &csvRows{r: cr, col: col}, nil
}

// next returns the next row's dossier and line number, an EINVALID error
// for a bad row, or io.EOF.
func (c *csvRows) next() (*motcua.Dossier, int, error) {
	rec, err := c.r.Read()
	for err == nil && blank(rec) {
		rec, err = c.r.Read() // Excel leaves rows of empty cells after the data
	}
	if err == io.EOF {
		return nil, 0, io.EOF
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return nil, pe.StartLine, motcua.Errorf(motcua.EINVALID, "dòng CSV hỏng: %v", pe.Err)
	} else if err != nil {
		return nil, 0, fmt.Errorf("admin: read csv: %w", err)
	}
	line, _ := c.r.FieldPos(0)
	field := func(name string) string {
		if i, ok := c.col[name]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	in := dossierInput{Code: field("code"), ProcedureCode: field("procedure_code"), ApplicantName: field("applicant_name"),
		Phone: field("phone"), ReceivedAt: field("received_at"), DueAt: field("due_at"), Status: field("status"), Note: field("note")}
	d, err := in.toDossier(csvTime)
	if err != nil && d == nil {
		d = &motcua.Dossier{Code: motcua.NormalizeDossierCode(in.Code)}
	}
	return d, line, err
}

// csvTime parses the time formats of a CSV file, in Vietnam time. A date
// without a time is the start of that day for received_at and closing time
// (17:00) for due_at, the last moment the appointment is kept.
func csvTime(field, value string) (time.Time, error) {
	v := strings.TrimSpace(value)
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2/1/2006 15:04:05", "2/1/2006 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, v, vietnam); err == nil {
			return t, nil
		}
	}
	for _, layout := range []string{"2006-01-02", "2/1/2006"} {
		if t, err := time.ParseInLocation(layout, v, vietnam); err == nil {
			if field == "due_at" {
				t = t.Add(17 * time.Hour)
			}
			return t, nil
		}
	}
	return time.Time{}, motcua.Errorf(motcua.EINVALID, "%s: %q không phải ngày giờ (dùng dd/mm/yyyy, dd/mm/yyyy HH:MM hoặc RFC 3339)", field, value)
}

// blank reports whether every field of a record is empty.
func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
