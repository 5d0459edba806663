package admin

import (
	"context"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// mixedStore is the real store (SQLite, or PostgreSQL when
// MOTCUA_TEST_POSTGRES is set) for dossiers and the outbox, with complaints
// kept in memory until the store implements them; the outbox it shows is
// both queues together.
type mixedStore struct {
	*store.DB
	c *memStore
}

// newTestStore returns the store the admin tests run against.
func newTestStore(t *testing.T, now func() time.Time) testStore {
	t.Helper()
	db := storetest.Open(t)
	db.Now = now
	return mixedStore{DB: db, c: newMemStore(now)}
}

func (m mixedStore) CreateComplaint(ctx context.Context, c *motcua.Complaint) (bool, error) {
	return m.c.CreateComplaint(ctx, c)
}

func (m mixedStore) Complaint(ctx context.Context, code string) (*motcua.Complaint, error) {
	return m.c.Complaint(ctx, code)
}

func (m mixedStore) Complaints(ctx context.Context, f motcua.ComplaintFilter) ([]*motcua.Complaint, error) {
	return m.c.Complaints(ctx, f)
}

func (m mixedStore) AddComplaintEvent(ctx context.Context, code string, e motcua.ComplaintEvent, r *motcua.Reply) error {
	return m.c.AddComplaintEvent(ctx, code, e, r)
}

func (m mixedStore) RateComplaint(ctx context.Context, code, rating string) error {
	return m.c.RateComplaint(ctx, code, rating)
}

func (m mixedStore) ClaimOutbox(ctx context.Context, n int, lease time.Duration) ([]motcua.OutboxMessage, error) {
	a, err := m.DB.ClaimOutbox(ctx, n, lease)
	if err != nil {
		return nil, err
	}
	b, err := m.c.ClaimOutbox(ctx, n, lease)
	return append(a, b...), err
}

// failingDossiers fails every read with an internal error.
type failingDossiers struct{ motcua.DossierStore }

func (failingDossiers) Dossier(context.Context, string) (*motcua.Dossier, error) {
	return nil, errSecret
}
