package store

import (
	"context"
	"fmt"
	"time"
)

// UnansweredQuestion is one question the bot could not answer.
type UnansweredQuestion struct {
	Channel  string
	Question string
	At       time.Time
}

// QuestionCount is a question and how often it was asked.
type QuestionCount struct {
	Question string `json:"question"`
	Count    int    `json:"count"`
}

// RecordUnanswered logs a question the bot could not answer. The caller
// strips personal data first (pii.Mask); at defaults to now.
func (db *DB) RecordUnanswered(ctx context.Context, channel, question string, at time.Time) error {
	if at.IsZero() {
		at = db.now()
	}
	_, err := db.exec(ctx, db.w, "INSERT INTO unanswered (channel, question, at) VALUES (?, ?, ?)", channel, question, ts(at))
	if err != nil {
		return fmt.Errorf("store: record unanswered: %w", err)
	}
	return nil
}

// Unanswered returns the latest unanswered questions, newest first.
func (db *DB) Unanswered(ctx context.Context, limit int) ([]UnansweredQuestion, error) {
	rows, err := db.query(ctx, db.r, "SELECT channel, question, at FROM unanswered ORDER BY at DESC, id DESC LIMIT ?", limitOr(limit, 100))
	if err != nil {
		return nil, fmt.Errorf("store: unanswered: %w", err)
	}
	defer rows.Close()
	var out []UnansweredQuestion
	for rows.Next() {
		var q UnansweredQuestion
		var at int64
		if err := rows.Scan(&q.Channel, &q.Question, &at); err != nil {
			return nil, fmt.Errorf("store: unanswered: %w", err)
		}
		q.At = fromTS(at)
		out = append(out, q)
	}
	return out, rows.Err()
}

// FrequentUnanswered returns the unanswered questions asked since since,
// most frequent first (same text counts as the same question).
func (db *DB) FrequentUnanswered(ctx context.Context, since time.Time, limit int) ([]QuestionCount, error) {
	return db.frequentUnanswered(ctx, since, time.Time{}, limit)
}

// frequentUnanswered counts questions asked in [from, to); a zero to means no end.
func (db *DB) frequentUnanswered(ctx context.Context, from, to time.Time, limit int) ([]QuestionCount, error) {
	end := ts(to)
	if to.IsZero() {
		end = 1<<63 - 1
	}
	rows, err := db.query(ctx, db.r, `SELECT question, COUNT(*) AS n FROM unanswered WHERE at >= ? AND at < ?
		GROUP BY question ORDER BY n DESC, question LIMIT ?`, ts(from), end, limitOr(limit, 20))
	if err != nil {
		return nil, fmt.Errorf("store: frequent unanswered: %w", err)
	}
	defer rows.Close()
	var out []QuestionCount
	for rows.Next() {
		var q QuestionCount
		if err := rows.Scan(&q.Question, &q.Count); err != nil {
			return nil, fmt.Errorf("store: frequent unanswered: %w", err)
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// DeleteUnansweredBefore deletes logged questions older than before.
func (db *DB) DeleteUnansweredBefore(ctx context.Context, before time.Time) (int64, error) {
	n, err := db.exec(ctx, db.w, "DELETE FROM unanswered WHERE at < ?", ts(before))
	if err != nil {
		return 0, fmt.Errorf("store: delete unanswered: %w", err)
	}
	return n, nil
}

// limitOr returns limit, or def when limit is not positive.
func limitOr(limit, def int) int {
	if limit <= 0 {
		return def
	}
	return limit
}
