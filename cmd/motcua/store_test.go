package main

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store/storetest"
)

// openTestDossierStore returns a fresh real store for the command tests.
func openTestDossierStore(t *testing.T) motcua.DossierStore {
	t.Helper()
	return storetest.Open(t)
}
