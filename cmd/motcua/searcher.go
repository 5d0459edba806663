package main

import (
	"github.com/motcua/motcua"
)

// newSearcher builds the procedure search over the catalogue.
func newSearcher(cat motcua.Catalog) (motcua.Searcher, error) {
	return nil, motcua.Errorf(motcua.EINTERNAL, "search is not built yet")
}
