// Package eval measures how well a motcua.Searcher finds procedures on a
// file of labelled citizen questions (one JSON object a line, the format of
// the project's dev set): recall@1, recall@3, mean reciprocal rank, and how
// well out-of-scope questions are told apart.
package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/motcua/motcua"
)

// Query is one labelled question.
type Query struct {
	ID    string   `json:"id"`
	Q     string   `json:"q"`
	Gold  []string `json:"gold"`            // right procedure codes; empty: out of scope
	Style string   `json:"style,omitempty"` // formal, colloquial, nodiacritics, abbrev, situation, outofscope
	Topic string   `json:"topic,omitempty"`
}

// OutOfScope reports whether the catalogue has no right answer.
func (q Query) OutOfScope() bool { return len(q.Gold) == 0 }

// ReadQueries reads one Query a line; blank lines are skipped.
func ReadQueries(r io.Reader) ([]Query, error) {
	var qs []Query
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var q Query
		if err := json.Unmarshal([]byte(line), &q); err != nil {
			return nil, motcua.Errorf(motcua.EINVALID, "eval: line %d: %v", n, err)
		}
		if q.ID == "" {
			q.ID = fmt.Sprintf("line-%d", n)
		}
		qs = append(qs, q)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval: read queries: %w", err)
	}
	return qs, nil
}

// Metrics are the figures over a set of questions.
type Metrics struct {
	InScope         int     `json:"in_scope"`         // questions with a right answer
	OutOfScope      int     `json:"out_of_scope"`     // questions without
	RecallAt1       float64 `json:"recall_at_1"`      // a right code first
	RecallAt3       float64 `json:"recall_at_3"`      // a right code among the first 3
	MRR             float64 `json:"mrr"`              // mean of 1/rank of the first right code
	OOSFlagged      float64 `json:"oos_flagged"`      // share of out-of-scope questions flagged out of scope
	InScopeFlagged  float64 `json:"in_scope_flagged"` // share of in-scope questions wrongly flagged out of scope
	Confident       float64 `json:"confident"`        // share of in-scope questions answered confidently
	ConfidentWrong  float64 `json:"confident_wrong"`  // share of confident answers whose first hit is wrong
	hit1, hit3, rr  float64 // sums
	oosOK, isFlag   int     // counts
	conf, confWrong int     // counts
}

// Miss is a question the searcher got wrong.
type Miss struct {
	Query
	Rank    int      `json:"rank"` // of the first right code; 0: not found
	Got     []string `json:"got"`  // codes returned
	InScope bool     `json:"in_scope"`
}

// Report is the result of a run.
type Report struct {
	K       int                 `json:"k"`
	All     Metrics             `json:"all"`
	ByStyle map[string]*Metrics `json:"by_style,omitempty"`
	Misses  []Miss              `json:"misses"`
}

// Run searches every question with s and scores the answers, keeping k hits.
func Run(ctx context.Context, s motcua.Searcher, qs []Query, k int) (*Report, error) {
	if k < 3 {
		k = 3
	}
	rep := &Report{K: k, ByStyle: map[string]*Metrics{}}
	for _, q := range qs {
		res, err := s.Search(ctx, q.Q, k)
		if err != nil {
			return nil, fmt.Errorf("eval: %s: %w", q.ID, err)
		}
		rank := rankOf(res.Hits, q.Gold)
		rep.All.add(q, res, rank)
		if q.Style != "" {
			m := rep.ByStyle[q.Style]
			if m == nil {
				m = &Metrics{}
				rep.ByStyle[q.Style] = m
			}
			m.add(q, res, rank)
		}
		if miss(q, res, rank) {
			rep.Misses = append(rep.Misses, Miss{Query: q, Rank: rank, Got: codes(res.Hits), InScope: res.InScope})
		}
	}
	rep.All.finish()
	for _, m := range rep.ByStyle {
		m.finish()
	}
	return rep, nil
}

// rankOf is the 1-based rank of the first right code, 0 when absent.
func rankOf(hits []motcua.Hit, gold []string) int {
	for i, h := range hits {
		for _, g := range gold {
			if h.Code == g {
				return i + 1
			}
		}
	}
	return 0
}

func miss(q Query, res motcua.SearchResult, rank int) bool {
	if q.OutOfScope() {
		return res.InScope
	}
	return rank != 1 || !res.InScope
}

func codes(hits []motcua.Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Code
	}
	return out
}

func (m *Metrics) add(q Query, res motcua.SearchResult, rank int) {
	if q.OutOfScope() {
		m.OutOfScope++
		if !res.InScope {
			m.oosOK++
		}
		return
	}
	m.InScope++
	if rank == 1 {
		m.hit1++
	}
	if rank >= 1 && rank <= 3 {
		m.hit3++
	}
	if rank > 0 {
		m.rr += 1 / float64(rank)
	}
	if !res.InScope {
		m.isFlag++
	}
	if res.InScope && res.Confident {
		m.conf++
		if rank != 1 {
			m.confWrong++
		}
	}
}

func (m *Metrics) finish() {
	if n := float64(m.InScope); n > 0 {
		m.RecallAt1, m.RecallAt3, m.MRR = m.hit1/n, m.hit3/n, m.rr/n
		m.InScopeFlagged = float64(m.isFlag) / n
		m.Confident = float64(m.conf) / n
	}
	if m.conf > 0 {
		m.ConfidentWrong = float64(m.confWrong) / float64(m.conf)
	}
	if m.OutOfScope > 0 {
		m.OOSFlagged = float64(m.oosOK) / float64(m.OutOfScope)
	}
}

// Styles returns the style names of the report, sorted.
func (r *Report) Styles() []string {
	var out []string
	for s := range r.ByStyle {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}
