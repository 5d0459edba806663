package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/motcua/motcua/knowledge/eval"
	"github.com/motcua/motcua/knowledge/search"
)

func init() { commands["eval"] = runEval }

// runEval measures the search on a labelled query file, beside a plain
// Bleve index of the same knowledge base so that the gain is visible.
func runEval(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("eval", flag.ContinueOnError)
	fl.SetOutput(stderr)
	file := fl.String("queries", "", "query file, one JSON object a line (id, q, gold, style)")
	k := fl.Int("k", 5, "results per query")
	asJSON := fl.Bool("json", false, "print the reports as JSON")
	withModel := fl.Bool("llm", false, "also measure with the language model (OPENAI_*) rewriting unsure questions")
	dir := kbFlag(fl)
	if _, err := parseAnywhere(fl, args); err != nil {
		return usageError(err.Error())
	}
	if *file == "" {
		return usageError("eval: --queries FILE is required")
	}
	f, err := os.Open(*file)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	qs, err := eval.ReadQueries(f)
	f.Close()
	if err != nil {
		return err
	}
	kb, lex, err := loadKB(*dir)
	if err != nil {
		return err
	}
	idx, err := search.New(kb, lex)
	if err != nil {
		return err
	}
	defer idx.Close()
	base, err := search.NewPlain(kb)
	if err != nil {
		return err
	}
	defer base.Close()
	rep, err := eval.Run(ctx, idx, qs, *k)
	if err != nil {
		return err
	}
	plain, err := eval.Run(ctx, base, qs, *k)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]*eval.Report{"motcua": rep, "plain_bleve": plain})
	}
	printEval(stdout, *file, len(qs), rep, plain)
	if *withModel {
		return evalWithModel(ctx, stdout, loadConfig(osGetenv), idx, qs, *k, rep)
	}
	return nil
}

// compareTable prints a header and the rows both reports share, a beside b,
// and returns the function that prints one more row.
func compareTable(w io.Writer, colA, colB string, a, b eval.Metrics) (row func(name string, a, b float64)) {
	fmt.Fprintf(w, "%-26s %10s %12s\n", "", colA, colB)
	row = func(name string, a, b float64) { fmt.Fprintf(w, "%-26s %10.3f %12.3f\n", name, a, b) }
	row("recall@1", a.RecallAt1, b.RecallAt1)
	row("recall@3", a.RecallAt3, b.RecallAt3)
	row("MRR", a.MRR, b.MRR)
	row("out of scope flagged", a.OOSFlagged, b.OOSFlagged)
	row("in scope wrongly flagged", a.InScopeFlagged, b.InScopeFlagged)
	return row
}

func printEval(w io.Writer, file string, n int, rep, plain *eval.Report) {
	fmt.Fprintf(w, "%s: %d câu hỏi (%d có đáp án, %d ngoài phạm vi), k=%d\n\n",
		file, n, rep.All.InScope, rep.All.OutOfScope, rep.K)
	row := compareTable(w, "motcua", "plain Bleve", rep.All, plain.All)
	row("confident", rep.All.Confident, plain.All.Confident)
	row("confident but wrong", rep.All.ConfidentWrong, plain.All.ConfidentWrong)
	if styles := rep.Styles(); len(styles) > 0 {
		fmt.Fprintf(w, "\n%-14s %4s %6s %6s %6s %6s   (plain R@1)\n", "style", "n", "R@1", "R@3", "MRR", "OOS")
		for _, s := range styles {
			m, p := rep.ByStyle[s], plain.ByStyle[s]
			fmt.Fprintf(w, "%-14s %4d %6.2f %6.2f %6.2f %6.2f   (%.2f)\n", s, m.InScope+m.OutOfScope,
				m.RecallAt1, m.RecallAt3, m.MRR, m.OOSFlagged, p.RecallAt1)
		}
	}
	if len(rep.Misses) > 0 {
		fmt.Fprintf(w, "\nmisses (%d):\n", len(rep.Misses))
		for _, m := range rep.Misses {
			fmt.Fprintf(w, "  %s [%s] rank=%d in_scope=%v gold=%s got=%s\n      %s\n", m.ID, m.Style, m.Rank,
				m.InScope, strings.Join(m.Gold, ","), strings.Join(m.Got, ","), m.Q)
		}
	}
}
