package main

import (
	"testing"

	"github.com/motcua/motcua"
)

// openTestDossierStore returns the store the command tests load into.
func openTestDossierStore(t *testing.T) motcua.DossierStore {
	t.Helper()
	return &mapDossiers{m: map[string]*motcua.Dossier{}}
}
