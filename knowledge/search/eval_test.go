package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motcua/motcua/knowledge"
	"github.com/motcua/motcua/knowledge/builtin"
	"github.com/motcua/motcua/knowledge/eval"
)

// sharedFile finds a file of ../shared (beside the repository) from the
// package folder, however deep the checkout sits.
func sharedFile(rel string) string {
	dir, _ := filepath.Abs(".")
	for i := 0; i < 6; i++ {
		p := filepath.Join(dir, "shared", rel)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		dir = filepath.Dir(dir)
	}
	return filepath.Join("..", "..", "..", "shared", rel)
}

var (
	devFile     = sharedFile("eval/dev.jsonl")
	citizenFile = sharedFile("data/dvcqg-2026/procedures-citizen.json")
	allFile     = sharedFile("data/dvcqg-2026/procedures-all.json")
)

func loadDev(t testing.TB) []eval.Query {
	f, err := os.Open(devFile)
	if err != nil {
		t.Skipf("dev set not available: %v", err)
	}
	defer f.Close()
	qs, err := eval.ReadQueries(f)
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

func builtinKB(t testing.TB) *knowledge.KB {
	kb, err := knowledge.Load(builtin.FS())
	if err != nil {
		t.Fatal(err)
	}
	return kb
}

func builtinLexicon(t testing.TB) *knowledge.Lexicon {
	lex, err := knowledge.LoadLexicon(builtin.FS())
	if err != nil {
		t.Fatal(err)
	}
	return lex
}

func TestDevDebug(t *testing.T) {
	if os.Getenv("MOTCUA_DEBUG_EVAL") == "" {
		t.Skip("set MOTCUA_DEBUG_EVAL=1 to print every dev query")
	}
	x, err := New(builtinKB(t), builtinLexicon(t))
	if err != nil {
		t.Fatal(err)
	}
	qs := loadDev(t)
	for _, q := range qs {
		res, _ := x.Search(context.Background(), q.Q, 3)
		p := x.parse(q.Q)
		rank := 0
		for i, h := range res.Hits {
			for _, g := range q.Gold {
				if h.Code == g && rank == 0 {
					rank = i + 1
				}
			}
		}
		ok := rank == 1 && res.InScope
		if q.OutOfScope() {
			ok = !res.InScope
		}
		mark := "  "
		if !ok {
			mark = "XX"
		}
		var top []string
		for _, h := range res.Hits {
			top = append(top, fmt.Sprintf("%s %.2f %.40s", h.Code, h.Score, h.Name))
		}
		cov := 0.0
		if len(res.Hits) > 0 {
			cov, _ = x.coverage(p.content, res.Hits[0].Code)
		}
		var ms []string
		for _, m := range p.meanings {
			ms = append(ms, foldJoin(m))
		}
		fmt.Printf("%s %s %-12s rank=%d in=%v conf=%v cov=%.2f gold=%v\n   q=%s\n   content=%s\n   means=%s\n   %s\n",
			mark, q.ID, q.Style, rank, res.InScope, res.Confident, cov, q.Gold, q.Q, foldJoin(p.content), strings.Join(ms, " | "), strings.Join(top, "\n   "))
	}
	rep, _ := eval.Run(context.Background(), x, qs, 5)
	fmt.Printf("%+v\n", rep.All)
}
