package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/motcua/motcua"
)

var _ motcua.ComplaintStore = (*DB)(nil)

// Complaint ratings a citizen may give.
var complaintRatings = map[string]bool{"rat_hai_long": true, "hai_long": true, "khong_hai_long": true}

const complaintColumns = `code, category, formal, text, dossier_code, photos, name, phone, consent, channel, chat_id,
	status, rating, created_at, answer_due_at, resolve_due_at`

// CreateComplaint commits a complaint. An empty Code gets one from
// NewComplaintCode, an empty Status is "new", a zero CreatedAt is now; c is
// filled in with them. A second call with the same SubmissionID changes
// nothing, fills c with the first complaint and reports created=false.
func (db *DB) CreateComplaint(ctx context.Context, c *motcua.Complaint) (bool, error) {
	if err := validComplaint(c); err != nil {
		return false, err
	}
	var created bool
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var err error
		created, err = db.createComplaint(ctx, tx, c)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: create complaint: %w", err)
	}
	return created, nil
}

func validComplaint(c *motcua.Complaint) error {
	switch {
	case c == nil || c.Text == "":
		return motcua.Errorf(motcua.EINVALID, "store: complaint without text")
	case c.Channel == "" || c.ChatID == "":
		return motcua.Errorf(motcua.EINVALID, "store: complaint without channel or chat")
	case !knownCategory(c.Category):
		return motcua.Errorf(motcua.EINVALID, "store: unknown complaint category %q", c.Category)
	case c.Status != "" && motcua.ComplaintStatusLabels[c.Status] == "":
		return motcua.Errorf(motcua.EINVALID, "store: unknown complaint status %q", c.Status)
	}
	return nil
}

func knownCategory(code string) bool {
	for _, c := range motcua.ComplaintCategories {
		if c.Code == code {
			return true
		}
	}
	return false
}

func (db *DB) createComplaint(ctx context.Context, tx *sql.Tx, c *motcua.Complaint) (bool, error) {
	if c.SubmissionID != "" {
		if prev, err := db.complaintBySubmission(ctx, tx, c.SubmissionID); err == nil {
			*c = *prev
			return false, nil
		} else if !errors.Is(err, sql.ErrNoRows) {
			return false, err
		}
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = db.now()
	}
	if c.Status == "" {
		c.Status = motcua.ComplaintNew
	}
	if c.Code == "" {
		code, err := db.nextComplaintCode(ctx, tx, c.CreatedAt)
		if err != nil {
			return false, err
		}
		c.Code = code
	}
	n, err := db.insertComplaint(ctx, tx, c)
	if err != nil {
		return false, err
	}
	if n == 0 {
		// Another replica committed the same submission between our read
		// and our insert (PostgreSQL); its complaint stands.
		prev, err := db.complaintBySubmission(ctx, tx, c.SubmissionID)
		if err != nil {
			return false, motcua.Errorf(motcua.ECONFLICT, "complaint code %q already used", c.Code)
		}
		*c = *prev
		return false, nil
	}
	return true, nil
}

func (db *DB) insertComplaint(ctx context.Context, tx *sql.Tx, c *motcua.Complaint) (int64, error) {
	photos := ""
	if len(c.Photos) > 0 {
		b, err := json.Marshal(c.Photos)
		if err != nil {
			return 0, err
		}
		photos = string(b)
	}
	var sub any
	if c.SubmissionID != "" {
		sub = c.SubmissionID
	}
	return db.exec(ctx, tx, `INSERT INTO complaints (code, submission_id, category, formal, text, dossier_code, photos, name, phone,
		consent, channel, chat_id, status, created_at, answer_due_at, resolve_due_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		c.Code, sub, c.Category, boolInt(c.Formal), c.Text, c.DossierCode, photos, c.Name, c.Phone,
		boolInt(c.Consent), c.Channel, c.ChatID, c.Status, ts(c.CreatedAt), ts(c.AnswerDueAt), ts(c.ResolveDueAt))
}

func (db *DB) complaintBySubmission(ctx context.Context, q querier, sub string) (*motcua.Complaint, error) {
	c, err := scanComplaint(db.queryRow(ctx, q, "SELECT "+complaintColumns+" FROM complaints WHERE submission_id = ?", sub))
	if err != nil {
		return nil, err
	}
	c.SubmissionID = sub
	return c, nil
}

func scanComplaint(row interface{ Scan(...any) error }) (*motcua.Complaint, error) {
	var c motcua.Complaint
	var formal, consent int
	var photos string
	var created, answerDue, resolveDue int64
	err := row.Scan(&c.Code, &c.Category, &formal, &c.Text, &c.DossierCode, &photos, &c.Name, &c.Phone, &consent,
		&c.Channel, &c.ChatID, &c.Status, &c.Rating, &created, &answerDue, &resolveDue)
	if err != nil {
		return nil, err
	}
	if photos != "" {
		if err := json.Unmarshal([]byte(photos), &c.Photos); err != nil {
			return nil, err
		}
	}
	c.Formal, c.Consent = formal != 0, consent != 0
	c.CreatedAt, c.AnswerDueAt, c.ResolveDueAt = fromTS(created), fromTS(answerDue), fromTS(resolveDue)
	return &c, nil
}

// Complaint returns a complaint with its history; a missing code is ENOTFOUND.
func (db *DB) Complaint(ctx context.Context, code string) (*motcua.Complaint, error) {
	c, err := db.complaint(ctx, db.r, code, false)
	if err != nil {
		return nil, fmt.Errorf("store: complaint: %w", err)
	}
	return c, nil
}

func (db *DB) complaint(ctx context.Context, q querier, code string, lock bool) (*motcua.Complaint, error) {
	query := "SELECT " + complaintColumns + " FROM complaints WHERE code = ?"
	if lock {
		query += "{{forupdate}}"
	}
	c, err := scanComplaint(db.queryRow(ctx, q, query, code))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, motcua.Errorf(motcua.ENOTFOUND, "không có phản ánh %q", code)
	} else if err != nil {
		return nil, err
	}
	if c.History, err = db.complaintHistory(ctx, q, code); err != nil {
		return nil, err
	}
	return c, nil
}

func (db *DB) complaintHistory(ctx context.Context, q querier, code string) ([]motcua.ComplaintEvent, error) {
	rows, err := db.query(ctx, q, "SELECT status, text, by_name, at FROM complaint_events WHERE code = ? ORDER BY id", code)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []motcua.ComplaintEvent
	for rows.Next() {
		var e motcua.ComplaintEvent
		var at int64
		if err := rows.Scan(&e.Status, &e.Text, &e.By, &at); err != nil {
			return nil, err
		}
		e.At = fromTS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Complaints lists complaints, newest first, without their history. Overdue
// selects those not closed and past a deadline: not answered by
// AnswerDueAt, or not closed by ResolveDueAt.
func (db *DB) Complaints(ctx context.Context, f motcua.ComplaintFilter) ([]*motcua.Complaint, error) {
	q := "SELECT " + complaintColumns + " FROM complaints WHERE 1 = 1"
	var args []any
	if f.Status != "" {
		q += " AND status = ?"
		args = append(args, f.Status)
	}
	if f.Overdue {
		q += " AND " + complaintOverdueSQL
		now := ts(db.now())
		args = append(args, now, now)
	}
	q += " ORDER BY created_at DESC, code DESC LIMIT ?"
	args = append(args, limitOr(f.Limit, 100))
	out, err := db.listComplaints(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: complaints: %w", err)
	}
	return out, nil
}

// complaintOverdueSQL is the overdue condition; it takes now twice.
const complaintOverdueSQL = `status <> 'closed' AND ((answered_at = 0 AND answer_due_at > 0 AND answer_due_at < ?)
	OR (resolve_due_at > 0 AND resolve_due_at < ?))`

func (db *DB) listComplaints(ctx context.Context, q string, args ...any) ([]*motcua.Complaint, error) {
	rows, err := db.query(ctx, db.r, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*motcua.Complaint
	for rows.Next() {
		c, err := scanComplaint(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ChatComplaints lists the complaints sent from one chat, newest first, so
// a citizen can follow their own.
func (db *DB) ChatComplaints(ctx context.Context, channel, chatID string) ([]*motcua.Complaint, error) {
	out, err := db.listComplaints(ctx, "SELECT "+complaintColumns+` FROM complaints WHERE channel = ? AND chat_id = ?
		ORDER BY created_at DESC, code DESC LIMIT 50`, channel, chatID)
	if err != nil {
		return nil, fmt.Errorf("store: chat complaints: %w", err)
	}
	return out, nil
}

// AddComplaintEvent records a staff reply or status change (an empty
// Status keeps the current one) and, when reply is not nil, queues it to
// the complaint's chat in the same transaction. An event identical to the
// last one (status, text, by) is ignored, so a retried reply is sent once.
func (db *DB) AddComplaintEvent(ctx context.Context, code string, e motcua.ComplaintEvent, reply *motcua.Reply) error {
	if e.Status != "" && motcua.ComplaintStatusLabels[e.Status] == "" {
		return motcua.Errorf(motcua.EINVALID, "store: unknown complaint status %q", e.Status)
	}
	if e.At.IsZero() {
		e.At = db.now()
	}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		c, err := db.complaint(ctx, tx, code, true)
		if err != nil {
			return err
		}
		if e.Status == "" {
			e.Status = c.Status
		}
		if n := len(c.History); n > 0 {
			if last := c.History[n-1]; last.Status == e.Status && last.Text == e.Text && last.By == e.By {
				return nil
			}
		}
		if err := db.applyComplaintEvent(ctx, tx, code, e); err != nil {
			return err
		}
		if reply == nil {
			return nil
		}
		return db.enqueue(ctx, tx, motcua.OutboxMessage{Channel: c.Channel, ChatID: c.ChatID, Reply: *reply})
	})
	if err != nil {
		return fmt.Errorf("store: add complaint event %q: %w", code, err)
	}
	return nil
}

// applyComplaintEvent writes the event and moves the complaint's status and
// the times reports need (first answer, closing).
func (db *DB) applyComplaintEvent(ctx context.Context, tx *sql.Tx, code string, e motcua.ComplaintEvent) error {
	if _, err := db.exec(ctx, tx, "INSERT INTO complaint_events (code, status, text, by_name, at) VALUES (?, ?, ?, ?, ?)",
		code, e.Status, e.Text, e.By, ts(e.At)); err != nil {
		return err
	}
	answered := int64(0)
	if e.Text != "" || e.Status == motcua.ComplaintAnswered || e.Status == motcua.ComplaintClosed {
		answered = ts(e.At)
	}
	closed := int64(0)
	if e.Status == motcua.ComplaintClosed {
		closed = ts(e.At)
	}
	_, err := db.exec(ctx, tx, `UPDATE complaints SET status = ?,
		answered_at = CASE WHEN answered_at = 0 THEN CAST(? AS BIGINT) ELSE answered_at END,
		closed_at = CASE WHEN CAST(? AS BIGINT) > 0 THEN ? ELSE closed_at END
		WHERE code = ?`, e.Status, answered, closed, closed, code)
	return err
}

// RateComplaint stores the citizen's rating of the handling: rat_hai_long,
// hai_long or khong_hai_long. Rating again replaces it.
func (db *DB) RateComplaint(ctx context.Context, code, rating string) error {
	if !complaintRatings[rating] {
		return motcua.Errorf(motcua.EINVALID, "store: unknown rating %q", rating)
	}
	n, err := db.exec(ctx, db.w, "UPDATE complaints SET rating = ?, rated_at = ? WHERE code = ?", rating, ts(db.now()), code)
	if err != nil {
		return fmt.Errorf("store: rate complaint: %w", err)
	}
	if n == 0 {
		return motcua.Errorf(motcua.ENOTFOUND, "store: rate complaint: no complaint %q", code)
	}
	return nil
}

// ComplaintRatings counts ratings given in [from, to), by rating.
func (db *DB) ComplaintRatings(ctx context.Context, from, to time.Time) (map[string]int, error) {
	out, err := db.countBy(ctx, "SELECT rating, COUNT(*) FROM complaints WHERE rating <> '' AND rated_at >= ? AND rated_at < ? GROUP BY rating",
		ts(from), ts(to))
	if err != nil {
		return nil, fmt.Errorf("store: complaint ratings: %w", err)
	}
	return out, nil
}

// AnonymizeComplaints drops the name and phone of complaints created
// before before (the retention of contact data); it returns how many changed.
func (db *DB) AnonymizeComplaintsBefore(ctx context.Context, before time.Time) (int64, error) {
	n, err := db.exec(ctx, db.w, `UPDATE complaints SET name = '', phone = '', anonymized = 1
		WHERE created_at < ? AND anonymized = 0`, ts(before))
	if err != nil {
		return 0, fmt.Errorf("store: anonymize complaints: %w", err)
	}
	return n, nil
}

// countBy runs a "SELECT key, COUNT(*) … GROUP BY key" query on the read pool.
func (db *DB) countBy(ctx context.Context, q string, args ...any) (map[string]int, error) {
	rows, err := db.query(ctx, db.r, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, err
		}
		out[k] = n
	}
	return out, rows.Err()
}
