package admin

import (
	"testing"
	"time"
)

// newTestStore returns the store the admin tests run against.
func newTestStore(t *testing.T, now func() time.Time) testStore {
	t.Helper()
	return newMemStore(now)
}
