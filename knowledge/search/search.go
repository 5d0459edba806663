package search

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/motcua/motcua"
)

// DefaultK is how many procedures a search returns when k ≤ 0.
const DefaultK = 5

// candidates is how many hits Bleve returns for re-ranking.
const candidates = 30

// Field boosts: the name says what a procedure is; the documents and
// field say what it is about. The steps are not searched: they mention
// much else.
var boosts = map[string]float64{fieldName: 4, fieldArea: 1.5, fieldDocs: 1}

// searchFields are the keys of boosts in a fixed order: the order of a
// query's clauses decides how equal scores add up, and so how ties fall.
var searchFields = []string{fieldName, fieldArea, fieldDocs}

// meaningWeight is how much more the lexicon's official wording counts than
// the citizen's own words: it is what a staff member would have searched.
const meaningWeight = 1.5

// Search finds the procedures that best answer q, best first, at most k.
func (x *Index) Search(ctx context.Context, q string, k int) (motcua.SearchResult, error) {
	if k <= 0 {
		k = DefaultK
	}
	res := motcua.SearchResult{Query: q, Hits: []motcua.Hit{}}
	if x.plain {
		return x.searchPlain(ctx, q, k)
	}
	p := x.parse(q)
	if len(p.content) == 0 && len(p.meanings) == 0 {
		return res, nil
	}
	hits, err := x.run(ctx, x.query(p.content, p.meanings))
	if err != nil {
		return res, err
	}
	x.rerank(p, hits)
	res.InScope, res.Confident = x.judge(p, hits)
	if !res.InScope {
		res.Topic = p.topic
	}
	if len(hits) > k {
		hits = hits[:k]
	}
	res.Hits = hits
	return res, nil
}

// query builds the Bleve query: the citizen's words and the lexicon's
// meanings, each matched against every field with its boost. It is what
// a match query per field would do (the analyzer's syllables and pairs of
// syllables, any of them), built from the words already cleaned, less the
// syllables that most of the catalogue holds: they rank nothing, and
// walking their postings was most of the time of a search on the full
// national catalogue. Their pairs ("đăng ký", "cấp lại") stay.
func (x *Index) query(text []word, means [][]word) query.Query {
	var qs []query.Query
	add := func(terms []string, w float64) {
		for _, f := range searchFields {
			b := boosts[f]
			var tqs []query.Query
			for _, t := range terms {
				if len(terms) > 2 && x.common(f, t) {
					continue
				}
				tq := bleve.NewTermQuery(t)
				tq.SetField(f)
				tq.SetBoost(b * w) // a disjunction's own boost is not applied
				tqs = append(tqs, tq)
			}
			if len(tqs) > 0 {
				qs = append(qs, bleve.NewDisjunctionQuery(tqs...))
			}
		}
	}
	add(x.terms(text), 1)
	var mt []string
	for _, m := range means {
		mt = append(mt, x.terms(m)...)
	}
	add(dedupe(mt), meaningWeight)
	return bleve.NewDisjunctionQuery(qs...)
}

// common reports whether term t is in so many procedures' field f that
// searching for it there ranks nothing.
func (x *Index) common(f, t string) bool {
	df := x.fieldDF[f][t]
	return df > minCommon && float64(df) > commonShare*float64(x.stats.n)
}

// minCommon is how many procedures a term must be in to count as common
// at all: in a small catalogue every word is in a good share of it.
const minCommon = 20

// commonShare is the share of procedures above which a syllable is too
// common to search for alone.
const commonShare = 0.1

// terms lists the index terms of ws: each syllable and each pair of
// neighbours, as the analyzer indexes them.
func (x *Index) terms(ws []word) []string {
	var out []string
	for i, w := range ws {
		out = append(out, w.fold)
		if i > 0 {
			out = append(out, ws[i-1].fold+" "+w.fold)
		}
	}
	return dedupe(out)
}

func dedupe(ss []string) []string {
	seen := make(map[string]bool, len(ss))
	out := ss[:0:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// run executes q and resolves the hits to procedures.
func (x *Index) run(ctx context.Context, q query.Query) ([]motcua.Hit, error) {
	req := bleve.NewSearchRequestOptions(q, candidates, 0, false)
	sr, err := x.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	hits := make([]motcua.Hit, 0, len(sr.Hits))
	for _, h := range sr.Hits {
		p, err := x.cat.Procedure(h.ID)
		if err != nil {
			continue // removed from the catalogue since indexing
		}
		hits = append(hits, motcua.Hit{Procedure: p, Code: p.Code, Name: p.Name, Score: h.Score})
	}
	return hits, nil
}

// searchPlain is the baseline: the raw query against every field.
func (x *Index) searchPlain(ctx context.Context, q string, k int) (motcua.SearchResult, error) {
	res := motcua.SearchResult{Query: q, Hits: []motcua.Hit{}}
	q = truncate(q, maxQueryBytes)
	if strings.TrimSpace(q) == "" {
		return res, nil
	}
	var qs []query.Query
	for _, f := range searchFields {
		b := boosts[f]
		mq := bleve.NewMatchQuery(q)
		mq.SetField(f)
		mq.SetBoost(b)
		qs = append(qs, mq)
	}
	hits, err := x.run(ctx, bleve.NewDisjunctionQuery(qs...))
	if err != nil {
		return res, err
	}
	if len(hits) > k {
		hits = hits[:k]
	}
	res.Hits = hits
	res.InScope = len(hits) > 0
	res.Confident = res.InScope
	return res, nil
}
