package admin

import (
	"context"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store/storetest"
)

// newTestStore returns a fresh real store: SQLite, or PostgreSQL when
// MOTCUA_TEST_POSTGRES is set.
func newTestStore(t *testing.T, now func() time.Time) testStore {
	t.Helper()
	db := storetest.Open(t)
	db.Now = now
	return db
}

// failingDossiers fails every read with an internal error.
type failingDossiers struct{ motcua.DossierStore }

func (failingDossiers) Dossier(context.Context, string) (*motcua.Dossier, error) {
	return nil, errSecret
}
