package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"io"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/pii"
)

func init() { commands["search"] = runSearch }

// searchLine is one line of "search --batch --json" output.
type searchLine struct {
	Q       string       `json:"q"`
	InScope bool         `json:"in_scope"`
	Results []searchItem `json:"results"`
}

type searchItem struct {
	Code  string  `json:"code"`
	Name  string  `json:"name"`
	Score float64 `json:"score"`
}

// runSearch reads one query a line and writes one JSON object a line,
// flushed after each, so that a caller can pipe queries one at a time.
func runSearch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("search", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Bool("batch", true, "read one query a line from stdin (the only mode)")
	fl.Bool("json", true, "write one JSON object a line (the only format)")
	k := fl.Int("k", 5, "results per query")
	dir := kbFlag(fl)
	plain := fl.Bool("plain", false, "use the plain Bleve baseline")
	if _, err := parseAnywhere(fl, args); err != nil {
		return usageError(err.Error())
	}
	idx, err := openIndex(*dir, *plain)
	if err != nil {
		return err
	}
	defer idx.Close()
	return searchBatch(ctx, idx, *k, stdin, stdout)
}

func searchBatch(ctx context.Context, s motcua.Searcher, k int, stdin io.Reader, stdout io.Writer) error {
	sc := bufio.NewScanner(stdin)
	// A line may be long (a pasted document); Search cuts it, the
	// scanner must not fail on it.
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	w := bufio.NewWriter(stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for sc.Scan() {
		q := pii.StripHidden(sc.Text())
		res, err := s.Search(ctx, q, k)
		if err != nil {
			return err
		}
		line := searchLine{Q: sc.Text(), InScope: res.InScope, Results: []searchItem{}}
		for _, h := range res.Hits {
			line.Results = append(line.Results, searchItem{Code: h.Code, Name: h.Name, Score: round2(h.Score)})
		}
		if err := enc.Encode(line); err != nil {
			return err
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
	return sc.Err()
}

func round2(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }
