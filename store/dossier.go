package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/motcua/motcua"
)

var _ motcua.DossierStore = (*DB)(nil)

const dossierColumns = "code, procedure_code, applicant_name, phone, received_at, due_at, status, note, updated_at"

// Dossier returns a dossier with its history; a missing code is ENOTFOUND.
// The code is matched exactly first, else by its lookup key (see
// motcua.DossierLookupKey), so that "h47 260301 0042" finds the dossier
// printed "H47-260301-0042". A key two dossiers share finds neither: the
// store does not guess. The dossier returned carries its stored code, which
// callers key subscriptions and events on.
func (db *DB) Dossier(ctx context.Context, code string) (*motcua.Dossier, error) {
	d, err := db.dossier(ctx, db.r, code, false)
	if motcua.ErrorCode(err) == motcua.ENOTFOUND {
		var stored string
		if stored, err = db.codeByKey(ctx, code); err == nil {
			d, err = db.dossier(ctx, db.r, stored, false)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("store: dossier: %w", err)
	}
	return d, nil
}

// dossier reads a dossier and its history on q, locking its row on
// PostgreSQL when lock is set.
func (db *DB) dossier(ctx context.Context, q querier, code string, lock bool) (*motcua.Dossier, error) {
	query := "SELECT " + dossierColumns + " FROM dossiers WHERE code = ?"
	if lock {
		query += "{{forupdate}}"
	}
	d, err := scanDossier(db.queryRow(ctx, q, query, code))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, motcua.Errorf(motcua.ENOTFOUND, "không có hồ sơ %q", code)
	} else if err != nil {
		return nil, err
	}
	if d.History, err = db.dossierHistory(ctx, q, code); err != nil {
		return nil, err
	}
	return d, nil
}

// codeByKey returns the stored code of the one dossier whose lookup key is
// code's; none, or more than one, is ENOTFOUND.
func (db *DB) codeByKey(ctx context.Context, code string) (string, error) {
	key := motcua.DossierLookupKey(code)
	if key == "" {
		return "", motcua.Errorf(motcua.ENOTFOUND, "không có hồ sơ %q", code)
	}
	rows, err := db.query(ctx, db.r, "SELECT code FROM dossiers WHERE lookup_key = ? LIMIT 2", key)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var codes []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return "", err
		}
		codes = append(codes, c)
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	if len(codes) != 1 {
		return "", motcua.Errorf(motcua.ENOTFOUND, "có %d hồ sơ khớp mã %q", len(codes), code)
	}
	return codes[0], nil
}

// fillDossierKeys sets the lookup key of every stored dossier; the
// migration that adds the column runs it.
func fillDossierKeys(ctx context.Context, db *DB, tx *sql.Tx) error {
	rows, err := db.query(ctx, tx, "SELECT code FROM dossiers")
	if err != nil {
		return err
	}
	var codes []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return err
		}
		codes = append(codes, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// Read first, write after: PostgreSQL runs one statement at a time on
	// a transaction's connection.
	for _, c := range codes {
		if _, err := db.exec(ctx, tx, "UPDATE dossiers SET lookup_key = ? WHERE code = ?", motcua.DossierLookupKey(c), c); err != nil {
			return err
		}
	}
	return nil
}

func scanDossier(row interface{ Scan(...any) error }) (*motcua.Dossier, error) {
	var d motcua.Dossier
	var rec, due, upd int64
	err := row.Scan(&d.Code, &d.ProcedureCode, &d.ApplicantName, &d.Phone, &rec, &due, &d.Status, &d.Note, &upd)
	if err != nil {
		return nil, err
	}
	d.ReceivedAt, d.DueAt, d.UpdatedAt = fromTS(rec), fromTS(due), fromTS(upd)
	return &d, nil
}

func (db *DB) dossierHistory(ctx context.Context, q querier, code string) ([]motcua.DossierEvent, error) {
	rows, err := db.query(ctx, q, "SELECT status, note, at FROM dossier_events WHERE code = ? ORDER BY id", code)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []motcua.DossierEvent
	for rows.Next() {
		var e motcua.DossierEvent
		var at int64
		if err := rows.Scan(&e.Status, &e.Note, &at); err != nil {
			return nil, err
		}
		e.At = fromTS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// PutDossier creates or replaces a dossier; created reports which. A new
// dossier's history starts with d.History, or with its status when that is
// empty. Replacing it with another status appends that status to the
// history without notifying subscribers: staff changes that must reach
// citizens go through AddDossierEvent.
func (db *DB) PutDossier(ctx context.Context, d *motcua.Dossier) (bool, error) {
	if err := validDossier(d); err != nil {
		return false, err
	}
	var created bool
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var err error
		created, err = db.putDossier(ctx, tx, d)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: put dossier %q: %w", d.Code, err)
	}
	return created, nil
}

func validDossier(d *motcua.Dossier) error {
	if d == nil || d.Code == "" {
		return motcua.Errorf(motcua.EINVALID, "store: dossier without a code")
	}
	if _, ok := motcua.DossierStatusLabels[d.Status]; !ok {
		return motcua.Errorf(motcua.EINVALID, "store: dossier %q: unknown status %q", d.Code, d.Status)
	}
	return nil
}

func (db *DB) putDossier(ctx context.Context, tx *sql.Tx, in *motcua.Dossier) (bool, error) {
	d := *in // UpdatedAt is defaulted below without touching the caller's value
	var oldStatus, oldNote string
	err := db.queryRow(ctx, tx, "SELECT status, note FROM dossiers WHERE code = ?{{forupdate}}", d.Code).Scan(&oldStatus, &oldNote)
	created := errors.Is(err, sql.ErrNoRows)
	if err != nil && !created {
		return false, err
	}
	now := db.now()
	if d.UpdatedAt.IsZero() {
		d.UpdatedAt = now
	}
	args := []any{d.ProcedureCode, d.ApplicantName, d.Phone, ts(d.ReceivedAt), ts(d.DueAt), d.Status, d.Note, ts(d.UpdatedAt),
		motcua.DossierLookupKey(d.Code), d.Code}
	if created {
		_, err = db.exec(ctx, tx, `INSERT INTO dossiers (procedure_code, applicant_name, phone, received_at, due_at, status, note, updated_at, lookup_key, code, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(args, ts(now))...)
	} else {
		_, err = db.exec(ctx, tx, `UPDATE dossiers SET procedure_code = ?, applicant_name = ?, phone = ?, received_at = ?,
			due_at = ?, status = ?, note = ?, updated_at = ?, lookup_key = ? WHERE code = ?`, args...)
	}
	if err != nil {
		return false, err
	}
	return created, db.putDossierHistory(ctx, tx, &d, created, oldStatus != d.Status || oldNote != d.Note)
}

// putDossierHistory records the history a put implies.
func (db *DB) putDossierHistory(ctx context.Context, tx *sql.Tx, d *motcua.Dossier, created, changed bool) error {
	events := d.History
	if !created || len(events) == 0 {
		if !created && !changed {
			return nil
		}
		at := d.UpdatedAt
		if created && !d.ReceivedAt.IsZero() {
			at = d.ReceivedAt
		}
		events = []motcua.DossierEvent{{Status: d.Status, Note: d.Note, At: at}}
	}
	for _, e := range events {
		if _, err := db.exec(ctx, tx, "INSERT INTO dossier_events (code, status, note, at) VALUES (?, ?, ?, ?)",
			d.Code, e.Status, e.Note, ts(e.At)); err != nil {
			return err
		}
	}
	return nil
}

// AddDossierEvent appends a status change and, in the same transaction,
// queues notify's reply for every subscriber (none when notify is nil). An
// event with the same status and note as the last one is ignored, so a
// retried call changes nothing and notifies nobody twice. The code is
// matched exactly: pass the stored code Dossier returns.
func (db *DB) AddDossierEvent(ctx context.Context, code string, e motcua.DossierEvent, notify func(*motcua.Dossier) motcua.Reply) error {
	if _, ok := motcua.DossierStatusLabels[e.Status]; !ok {
		return motcua.Errorf(motcua.EINVALID, "store: dossier event: unknown status %q", e.Status)
	}
	if e.At.IsZero() {
		e.At = db.now()
	}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		d, err := db.dossier(ctx, tx, code, true)
		if err != nil {
			return err
		}
		if n := len(d.History); n > 0 && d.History[n-1].Status == e.Status && d.History[n-1].Note == e.Note {
			return nil
		}
		if _, err := db.exec(ctx, tx, "INSERT INTO dossier_events (code, status, note, at) VALUES (?, ?, ?, ?)",
			code, e.Status, e.Note, ts(e.At)); err != nil {
			return err
		}
		if _, err := db.exec(ctx, tx, "UPDATE dossiers SET status = ?, note = ?, updated_at = ? WHERE code = ?",
			e.Status, e.Note, ts(e.At), code); err != nil {
			return err
		}
		d.Status, d.Note, d.UpdatedAt = e.Status, e.Note, e.At
		d.History = append(d.History, e)
		return db.notifySubscribers(ctx, tx, d, notify)
	})
	if err != nil {
		return fmt.Errorf("store: add dossier event %q: %w", code, err)
	}
	return nil
}

func (db *DB) notifySubscribers(ctx context.Context, tx *sql.Tx, d *motcua.Dossier, notify func(*motcua.Dossier) motcua.Reply) error {
	if notify == nil {
		return nil
	}
	subs, err := db.subscriptions(ctx, tx, d.Code)
	if err != nil {
		return err
	}
	for _, s := range subs {
		m := motcua.OutboxMessage{Channel: s.Channel, ChatID: s.ChatID, Reply: notify(d)}
		if err := db.enqueue(ctx, tx, m); err != nil {
			return err
		}
	}
	return nil
}

// Subscribe asks for a chat to be told of a dossier's changes; subscribing
// twice is the same as once. The dossier must exist.
func (db *DB) Subscribe(ctx context.Context, s motcua.Subscription) error {
	if s.DossierCode == "" || s.Channel == "" || s.ChatID == "" {
		return motcua.Errorf(motcua.EINVALID, "store: subscribe: missing field")
	}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var one int
		err := db.queryRow(ctx, tx, "SELECT 1 FROM dossiers WHERE code = ?", s.DossierCode).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return motcua.Errorf(motcua.ENOTFOUND, "không có hồ sơ %q", s.DossierCode)
		} else if err != nil {
			return err
		}
		_, err = db.exec(ctx, tx, `INSERT INTO subscriptions (dossier_code, channel, chat_id, created_at) VALUES (?, ?, ?, ?)
			ON CONFLICT DO NOTHING`, s.DossierCode, s.Channel, s.ChatID, ts(db.now()))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: subscribe: %w", err)
	}
	return nil
}

// Unsubscribe stops notifications; unsubscribing when not subscribed is not an error.
func (db *DB) Unsubscribe(ctx context.Context, s motcua.Subscription) error {
	_, err := db.exec(ctx, db.w, "DELETE FROM subscriptions WHERE dossier_code = ? AND channel = ? AND chat_id = ?",
		s.DossierCode, s.Channel, s.ChatID)
	if err != nil {
		return fmt.Errorf("store: unsubscribe: %w", err)
	}
	return nil
}

// Subscriptions lists the chats subscribed to a dossier.
func (db *DB) Subscriptions(ctx context.Context, dossierCode string) ([]motcua.Subscription, error) {
	subs, err := db.subscriptions(ctx, db.r, dossierCode)
	if err != nil {
		return nil, fmt.Errorf("store: subscriptions: %w", err)
	}
	return subs, nil
}

func (db *DB) subscriptions(ctx context.Context, q querier, code string) ([]motcua.Subscription, error) {
	rows, err := db.query(ctx, q, "SELECT channel, chat_id FROM subscriptions WHERE dossier_code = ? ORDER BY created_at, channel, chat_id", code)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []motcua.Subscription
	for rows.Next() {
		s := motcua.Subscription{DossierCode: code}
		if err := rows.Scan(&s.Channel, &s.ChatID); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ImportDossiers creates or replaces many dossiers in one transaction: all
// load or none does. A bad dossier fails the whole import with its index.
func (db *DB) ImportDossiers(ctx context.Context, ds []*motcua.Dossier) (created, updated int, err error) {
	for i, d := range ds {
		if err := validDossier(d); err != nil {
			return 0, 0, fmt.Errorf("store: import dossier %d: %w", i+1, err)
		}
	}
	err = db.tx(ctx, func(tx *sql.Tx) error {
		created, updated = 0, 0
		for _, d := range ds {
			c, err := db.putDossier(ctx, tx, d)
			if err != nil {
				return fmt.Errorf("dossier %q: %w", d.Code, err)
			}
			if c {
				created++
			} else {
				updated++
			}
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("store: import dossiers: %w", err)
	}
	return created, updated, nil
}

// CountDossiers counts dossiers, and those overdue at now.
func (db *DB) CountDossiers(ctx context.Context) (total, overdue int, err error) {
	now := ts(db.now())
	err = db.queryRow(ctx, db.r, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN due_at > 0 AND due_at < ? AND status NOT IN ('returned', 'rejected', 'withdrawn') THEN 1 ELSE 0 END), 0)
		FROM dossiers`, now).Scan(&total, &overdue)
	if err != nil {
		return 0, 0, fmt.Errorf("store: count dossiers: %w", err)
	}
	return total, overdue, nil
}
