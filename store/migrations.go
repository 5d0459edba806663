package store

import (
	"context"
	"database/sql"
)

// migration is one step of the schema; its position in migrations is its
// version. Never edit or reorder a released migration: append a new one.
type migration struct {
	name string
	sql  string // one or more statements; {{…}} markers are rewritten per dialect
	// fill, when set, runs after sql in the same transaction, for data the
	// step derives in Go (the same function the program keeps it with).
	fill func(ctx context.Context, db *DB, tx *sql.Tx) error
}

// migrations is the schema history, oldest first. Times are BIGINT Unix
// nanoseconds, booleans INTEGER 0/1, structured values JSON TEXT.
var migrations = []migration{
	{name: "conversations, turns, unanswered", sql: `
CREATE TABLE conversations (
	key TEXT PRIMARY KEY,
	procedure TEXT NOT NULL DEFAULT '',
	flow TEXT NOT NULL DEFAULT '',
	flow_data TEXT NOT NULL DEFAULT '',
	proven TEXT NOT NULL DEFAULT '',
	updated_at BIGINT NOT NULL
);
CREATE INDEX conversations_updated ON conversations (updated_at);
CREATE TABLE turns (
	id {{id}},
	key TEXT NOT NULL,
	channel TEXT NOT NULL,
	sender TEXT NOT NULL,
	text TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX turns_key ON turns (key, id);
CREATE INDEX turns_at ON turns (at);
CREATE TABLE unanswered (
	id {{id}},
	channel TEXT NOT NULL,
	question TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX unanswered_at ON unanswered (at);
`},
	{name: "inbox, values, leases, attempts, web mailbox", sql: `
CREATE TABLE inbox (
	seq {{id}},
	channel TEXT NOT NULL,
	event_id TEXT NOT NULL,
	payload {{blob}} NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	lease_until BIGINT NOT NULL DEFAULT 0,
	done_at BIGINT NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL,
	UNIQUE (channel, event_id)
);
CREATE INDEX inbox_pending ON inbox (channel, done_at, seq);
CREATE TABLE kv (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE TABLE leases (
	name TEXT PRIMARY KEY,
	holder TEXT NOT NULL,
	expires_at BIGINT NOT NULL
);
CREATE TABLE attempts (
	id {{id}},
	key TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX attempts_key ON attempts (key, at);
CREATE INDEX attempts_at ON attempts (at);
CREATE TABLE web_messages (
	id {{id}},
	session_id TEXT NOT NULL,
	reply TEXT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX web_messages_session ON web_messages (session_id, id);
CREATE INDEX web_messages_created ON web_messages (created_at);
`},
	{name: "outbox", sql: `
CREATE TABLE outbox (
	id {{id}},
	channel TEXT NOT NULL,
	chat_id TEXT NOT NULL,
	reply TEXT NOT NULL,
	state TEXT NOT NULL DEFAULT 'pending',
	attempts INTEGER NOT NULL DEFAULT 0,
	next_at BIGINT NOT NULL,
	lease_until BIGINT NOT NULL DEFAULT 0,
	last_error TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	delivered_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX outbox_due ON outbox (state, next_at, id);
CREATE INDEX outbox_delivered ON outbox (state, delivered_at);
`},
	{name: "dossiers", sql: `
CREATE TABLE dossiers (
	code TEXT PRIMARY KEY,
	procedure_code TEXT NOT NULL DEFAULT '',
	applicant_name TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	received_at BIGINT NOT NULL DEFAULT 0,
	due_at BIGINT NOT NULL DEFAULT 0,
	status TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	updated_at BIGINT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX dossiers_status ON dossiers (status, due_at);
CREATE TABLE dossier_events (
	id {{id}},
	code TEXT NOT NULL REFERENCES dossiers (code) ON DELETE CASCADE,
	status TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	at BIGINT NOT NULL
);
CREATE INDEX dossier_events_code ON dossier_events (code, id);
CREATE INDEX dossier_events_at ON dossier_events (at);
CREATE TABLE subscriptions (
	dossier_code TEXT NOT NULL REFERENCES dossiers (code) ON DELETE CASCADE,
	channel TEXT NOT NULL,
	chat_id TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	PRIMARY KEY (dossier_code, channel, chat_id)
);
`},
	{name: "complaints", sql: `
CREATE TABLE complaints (
	code TEXT PRIMARY KEY,
	submission_id TEXT UNIQUE,
	category TEXT NOT NULL,
	formal INTEGER NOT NULL DEFAULT 0,
	text TEXT NOT NULL,
	dossier_code TEXT NOT NULL DEFAULT '',
	photos TEXT NOT NULL DEFAULT '',
	name TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	consent INTEGER NOT NULL DEFAULT 0,
	channel TEXT NOT NULL,
	chat_id TEXT NOT NULL,
	status TEXT NOT NULL,
	rating TEXT NOT NULL DEFAULT '',
	rated_at BIGINT NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL,
	answer_due_at BIGINT NOT NULL DEFAULT 0,
	resolve_due_at BIGINT NOT NULL DEFAULT 0,
	answered_at BIGINT NOT NULL DEFAULT 0,
	closed_at BIGINT NOT NULL DEFAULT 0,
	anonymized INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX complaints_status ON complaints (status, created_at);
CREATE INDEX complaints_created ON complaints (created_at);
CREATE INDEX complaints_chat ON complaints (channel, chat_id);
CREATE TABLE complaint_events (
	id {{id}},
	code TEXT NOT NULL REFERENCES complaints (code) ON DELETE CASCADE,
	status TEXT NOT NULL,
	text TEXT NOT NULL DEFAULT '',
	by_name TEXT NOT NULL DEFAULT '',
	at BIGINT NOT NULL
);
CREATE INDEX complaint_events_code ON complaint_events (code, id);
CREATE TABLE counters (
	name TEXT PRIMARY KEY,
	value BIGINT NOT NULL
);
`},
	{name: "outbox claimed in id order", sql: `
DROP INDEX outbox_due;
CREATE INDEX outbox_pending ON outbox (state, id);
`},
	{name: "daily counts", sql: `
CREATE TABLE daily_counts (
	day TEXT NOT NULL,
	name TEXT NOT NULL,
	value BIGINT NOT NULL,
	PRIMARY KEY (day, name)
);
`},
	{name: "dossier lookup key", sql: `
ALTER TABLE dossiers ADD COLUMN lookup_key TEXT NOT NULL DEFAULT '';
CREATE INDEX dossiers_lookup ON dossiers (lookup_key);
`, fill: fillDossierKeys},
	{name: "outbox claimed in chat order", sql: `
CREATE INDEX outbox_chat_pending ON outbox (channel, chat_id, id) WHERE state = 'pending';
`},
}
