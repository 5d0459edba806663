package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// TestEvalWithModel runs "eval --llm" against a fake OpenAI-compatible server
// that rewrites every question into the official name of a procedure: an
// unsure question it rescues must count as found.
func TestEvalWithModel(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"id": "x", "object": "chat.completion",
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
				"message": map[string]any{"role": "assistant", "content": "đăng ký khai tử"}}},
		})
	}))
	defer srv.Close()
	t.Setenv("OPENAI_BASE_URL", srv.URL+"/v1")
	t.Setenv("OPENAI_API_KEY", "key")
	t.Setenv("OPENAI_MODEL", "fake-model")

	file := filepath.Join(t.TempDir(), "q.jsonl")
	line := `{"id":"x1","q":"zzqx vvbn kkpl","gold":["1.000656"],"style":"situation"}` + "\n"
	if err := os.WriteFile(file, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"eval", "--queries", file, "--llm"}, nil, &out, &errOut); err != nil {
		t.Fatalf("eval --llm: %v\n%s", err, errOut.String())
	}
	if calls.Load() == 0 {
		t.Fatal("the model was never asked")
	}
	got := out.String()
	if !strings.Contains(got, "fake-model") || !strings.Contains(got, "(1 câu được thay kết quả)") {
		t.Errorf("output:\n%s", got)
	}
	// recall@1 without the model is 0 here, with it 1.
	if !strings.Contains(got, "recall@1                        0.000        1.000") {
		t.Errorf("recall@1 row not improved:\n%s", got)
	}
}
