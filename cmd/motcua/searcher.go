package main

import (
	"io/fs"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge"
	"github.com/motcua/motcua/knowledge/search"
)

// newSearcher builds the procedure search over the catalogue, with the
// lexicon of the knowledge base in fsys.
func newSearcher(cat motcua.Catalog, fsys fs.FS) (motcua.Searcher, error) {
	lex, err := knowledge.LoadLexicon(fsys)
	if err != nil {
		return nil, err
	}
	return search.New(cat, lex)
}
