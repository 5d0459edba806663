package search

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge/vi"
)

// DefaultK is how many procedures a search returns when k ≤ 0.
const DefaultK = 5

// candidates is how many hits Bleve returns for re-ranking.
const candidates = 30

// Field boosts: the name says what a procedure is; the documents and
// field say what it is about; the steps mention much else.
var boosts = map[string]float64{fieldName: 4, fieldArea: 1.5, fieldDocs: 1, fieldBody: 0.3}

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
	text := foldJoin(p.content)
	var means []string
	for _, m := range p.meanings {
		means = append(means, foldJoin(m))
	}
	if strings.TrimSpace(text) == "" && len(means) == 0 {
		return res, nil
	}
	hits, err := x.run(ctx, x.query(text, strings.Join(means, " . ")))
	if err != nil {
		return res, err
	}
	x.rerank(hits)
	res.InScope, res.Confident = x.judge(p, hits)
	if len(hits) > k {
		hits = hits[:k]
	}
	res.Hits = hits
	return res, nil
}

// query builds the Bleve query: the citizen's words and the lexicon's
// meanings, each matched against every field with its boost.
func (x *Index) query(text, means string) query.Query {
	var qs []query.Query
	add := func(s string, w float64) {
		if strings.TrimSpace(s) == "" {
			return
		}
		for f, b := range boosts {
			if f == fieldBody && w != 1 {
				continue // the lexicon's wording is matched against names and documents only
			}
			mq := bleve.NewMatchQuery(s)
			mq.SetField(f)
			mq.SetBoost(b * w)
			qs = append(qs, mq)
		}
	}
	add(text, 1)
	add(means, meaningWeight)
	return bleve.NewDisjunctionQuery(qs...)
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

// communeBonus favours the commune-level variant: a citizen at a commune
// centre who does not say otherwise means the procedure done there.
const communeBonus = 1.08

// agencyPenalty lowers procedures that only organisations or officials
// file: the people who write to the centre are citizens.
const agencyPenalty = 0.85

// forCitizens reports whether a citizen may file p: its applicants name a
// person or household, or are not given.
func forCitizens(p *motcua.Procedure) bool {
	if len(p.Applicants) == 0 {
		return true
	}
	for _, a := range p.Applicants {
		f := vi.Fold(a)
		for _, w := range []string{"cong dan", "ca nhan", "nguoi", "ho gia dinh", "ho kinh doanh"} {
			if strings.Contains(f, w) {
				return true
			}
		}
	}
	return false
}

// closeVariant is how near a commune-level hit of the same field must
// score to the first hit to be preferred to it: the same procedure at
// another level, worded a little differently.
const closeVariant = 0.8

// rerank applies the level preference and sorts again.
func (x *Index) rerank(hits []motcua.Hit) {
	for i := range hits {
		if hits[i].Procedure.HasLevel(levelCommune) {
			hits[i].Score *= communeBonus
		}
		if !forCitizens(hits[i].Procedure) {
			hits[i].Score *= agencyPenalty
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	if len(hits) < 2 || hits[0].Procedure.HasLevel(levelCommune) {
		return
	}
	top := hits[0]
	for i := 1; i < len(hits) && hits[i].Score >= closeVariant*top.Score; i++ {
		if h := hits[i]; h.Procedure.HasLevel(levelCommune) && h.Procedure.Field == top.Procedure.Field &&
			sameStem(h.Name, top.Name) {
			// Move the commune variant first, keeping the order of the rest.
			copy(hits[1:i+1], hits[0:i])
			hits[0] = h
			hits[0].Score, hits[1].Score = top.Score, h.Score
			return
		}
	}
}

// levelCommune is the level a commune centre serves.
const levelCommune = "Cấp xã"

// sameStem reports whether two names start alike (their first six words),
// as the variants of one procedure at different levels do.
func sameStem(a, b string) bool {
	wa, wb := strings.Fields(strings.ToLower(a)), strings.Fields(strings.ToLower(b))
	n := min(6, len(wa), len(wb))
	for i := 0; i < n; i++ {
		if wa[i] != wb[i] {
			return false
		}
	}
	return n > 0
}

// searchPlain is the baseline: the raw query against every field.
func (x *Index) searchPlain(ctx context.Context, q string, k int) (motcua.SearchResult, error) {
	res := motcua.SearchResult{Query: q, Hits: []motcua.Hit{}}
	q = truncate(q, maxQueryBytes)
	if strings.TrimSpace(q) == "" {
		return res, nil
	}
	var qs []query.Query
	for f, b := range boosts {
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
