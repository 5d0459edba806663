// Package search finds procedures from how citizens write: an in-memory
// Bleve index with a Vietnamese analyzer, query cleaning (abbreviations,
// typos, missing diacritics), expansion from the centre's lexicon, ranking
// with field boosts and a preference for the commune level, and a judgement
// of whether the catalogue answers the question at all.
package search

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge"
)

// Index is a searchable catalogue. It is safe for concurrent use.
type Index struct {
	bleve bleve.Index
	cat   motcua.Catalog
	lex   *lexicon
	stats *stats
	// fieldDF is, per searched field, in how many procedures each term
	// occurs, read from the index's dictionaries.
	fieldDF map[string]map[string]uint64
	plain   bool // the baseline: default analyzer, no cleaning, no lexicon
}

var _ motcua.Searcher = (*Index)(nil)

// Index fields and how much a match in each counts.
const (
	fieldName  = "name"
	fieldArea  = "field"
	fieldDocs  = "docs"
	fieldLevel = "level"
)

// maxBodyBytes is how much of the steps and conditions the catalogue's
// vocabulary takes in.
const maxBodyBytes = 1500

// doc is what Bleve indexes for one procedure. Body (applicants,
// conditions, steps) is not indexed: matches there ranked no better and
// its long postings were much of a search's time; it feeds the
// vocabulary that typo correction and rarity are computed from.
type doc struct {
	Name  string `json:"name"`
	Field string `json:"field"`
	Docs  string `json:"docs"`
	Body  string `json:"-"`
	Level string `json:"level"`
}

func docOf(p *motcua.Procedure, lex *lexicon) doc {
	var docs []string
	for _, g := range p.Documents {
		for _, d := range g.Documents {
			docs = append(docs, d.Name)
		}
	}
	docs = append(docs, p.Result)
	// The steps and conditions run to pages; their opening says what the
	// procedure is about, the rest is the same administrative text in
	// every record and only slows indexing and search.
	body := truncate(strings.Join([]string{strings.Join(p.Applicants, "; "), p.Conditions, p.Steps}, "\n"), maxBodyBytes)
	return doc{
		Name:  lex.spellOut(p.Name),
		Field: p.Field,
		Docs:  strings.Join(docs, "\n"),
		Body:  body,
		Level: strings.Join(p.Levels, "; "),
	}
}

// New builds the index of every procedure of cat in memory, with the
// lexicon lex (nil for none).
func New(cat motcua.Catalog, lex *knowledge.Lexicon) (*Index, error) {
	c := compileLexicon(lex)
	m, err := viMapping()
	if err != nil {
		return nil, err
	}
	idx, err := fill("", m, cat, c)
	if err != nil {
		return nil, err
	}
	return wrap(idx, cat, c, false)
}

// NewPlain builds a Bleve index with the default (English) analyzer and no
// query cleaning: the baseline the evaluation compares against.
func NewPlain(cat motcua.Catalog) (*Index, error) {
	c := compileLexicon(nil)
	m := bleve.NewIndexMapping()
	addFields(m)
	idx, err := fill("", m, cat, c)
	if err != nil {
		return nil, err
	}
	return wrap(idx, cat, c, true)
}

// viMapping is the index mapping with the Vietnamese analyzer.
func viMapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	if err := addAnalyzer(m); err != nil {
		return nil, fmt.Errorf("search: analyzer: %w", err)
	}
	m.DefaultAnalyzer = analyzerName
	addFields(m)
	return m, nil
}

// addFields maps the fields of doc: three text fields, neither stored nor
// with term vectors (results are resolved from the catalogue), and the
// level as a keyword.
func addFields(m *mapping.IndexMappingImpl) {
	m.ScoringModel = "bm25"
	dm := bleve.NewDocumentMapping()
	for _, f := range []string{fieldName, fieldArea, fieldDocs} {
		fm := bleve.NewTextFieldMapping()
		fm.Store = false
		fm.IncludeTermVectors = false
		fm.IncludeInAll = false
		dm.AddFieldMappingsAt(f, fm)
	}
	km := bleve.NewKeywordFieldMapping()
	km.Store = false
	km.IncludeInAll = false
	dm.AddFieldMappingsAt(fieldLevel, km)
	m.DefaultMapping = dm
}

// fill creates a scorch index at path ("" for memory: NewMemOnly would
// use the older upsidedown format, slower and without BM25) and indexes
// every procedure of cat in one batch.
func fill(path string, m *mapping.IndexMappingImpl, cat motcua.Catalog, lex *lexicon) (bleve.Index, error) {
	idx, err := bleve.NewUsing(path, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("search: new index: %w", err)
	}
	b := idx.NewBatch()
	for _, p := range cat.Procedures() {
		if err := b.Index(p.Code, docOf(p, lex)); err != nil {
			idx.Close()
			return nil, fmt.Errorf("search: index %s: %w", p.Code, err)
		}
	}
	if err := idx.Batch(b); err != nil {
		idx.Close()
		return nil, fmt.Errorf("search: index batch: %w", err)
	}
	return idx, nil
}

func wrap(idx bleve.Index, cat motcua.Catalog, lex *lexicon, plain bool) (*Index, error) {
	df, err := fieldDFs(idx)
	if err != nil {
		idx.Close()
		return nil, err
	}
	return &Index{bleve: idx, cat: cat, lex: lex, stats: newStats(cat, lex), fieldDF: df, plain: plain}, nil
}

// fieldDFs reads the document frequency of every term of the searched
// fields from the index.
func fieldDFs(idx bleve.Index) (map[string]map[string]uint64, error) {
	out := map[string]map[string]uint64{}
	for _, f := range searchFields {
		d, err := idx.FieldDict(f)
		if err != nil {
			return nil, fmt.Errorf("search: dictionary of %s: %w", f, err)
		}
		m := map[string]uint64{}
		for e, err := d.Next(); e != nil || err != nil; e, err = d.Next() {
			if err != nil {
				d.Close()
				return nil, fmt.Errorf("search: dictionary of %s: %w", f, err)
			}
			m[e.Term] = e.Count
		}
		d.Close()
		out[f] = m
	}
	return out, nil
}

// Close releases the index.
func (x *Index) Close() error { return x.bleve.Close() }
