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
	x.rerank(hits)
	res.InScope, res.Confident = x.judge(p, hits)
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
	// Equal scores fall by code: Bleve numbers the documents of a batch
	// in no fixed order, and the same question must get the same answer.
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].Code < hits[j].Code
	})
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
