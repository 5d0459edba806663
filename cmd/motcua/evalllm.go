package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync/atomic"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/knowledge/eval"
)

// rewriter turns a question into a search query (the llm client).
type rewriter interface {
	Rewrite(ctx context.Context, question string, turns []motcua.Turn) (string, error)
}

// rewritingSearcher searches again with a model's rewrite of the question
// when the first search is unsure, keeping the second result only when it is
// surer — the rule the engine applies in a conversation.
type rewritingSearcher struct {
	motcua.Searcher
	model    rewriter
	rewrites atomic.Int64 // questions whose result the rewrite replaced
}

func (s *rewritingSearcher) Search(ctx context.Context, q string, k int) (motcua.SearchResult, error) {
	res, err := s.Searcher.Search(ctx, q, k)
	if err != nil || (res.InScope && res.Confident) {
		return res, err
	}
	better, err := s.model.Rewrite(ctx, q, nil)
	if err != nil || strings.TrimSpace(better) == "" {
		return res, nil
	}
	again, err := s.Searcher.Search(ctx, better, k)
	if err != nil || !again.InScope || (res.InScope && !again.Confident) {
		return res, nil
	}
	s.rewrites.Add(1)
	again.Query = q
	return again, nil
}

// evalWithModel runs the evaluation again with the model's rewrites and
// prints the figures beside those of the search alone.
func evalWithModel(ctx context.Context, w io.Writer, cfg Config, s motcua.Searcher, qs []eval.Query, k int, alone *eval.Report) error {
	model := llmOf(cfg, newLogger("error", io.Discard), nil)
	if model == nil {
		return usageError("eval --llm: set OPENAI_MODEL and OPENAI_BASE_URL (or OPENAI_API_KEY for OpenAI itself)")
	}
	rs := &rewritingSearcher{Searcher: s, model: model}
	rep, err := eval.Run(ctx, rs, qs, k)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nvới mô hình %s viết lại câu hỏi khi tìm kiếm chưa chắc (%d câu được thay kết quả):\n", cfg.OpenAIModel, rs.rewrites.Load())
	compareTable(w, "motcua", "motcua+LLM", alone.All, rep.All)
	return nil
}
