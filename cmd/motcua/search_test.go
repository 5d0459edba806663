package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSearchBatch(t *testing.T) {
	in := strings.Join([]string{
		"lam giay khai sinh",
		"",
		"😀😀",
		"\x00\xff\xfe",
		strings.Repeat("sổ đỏ ", 20000), // about 180 kB
		"giá vàng hôm nay",
	}, "\n") + "\n"
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"search", "--batch", "--json", "-k", "3"}, strings.NewReader(in), &out, &errb)
	if err != nil {
		t.Fatalf("search: %v (%s)", err, errb.String())
	}
	lines := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
	if len(lines) != 6 {
		t.Fatalf("got %d lines, want 6", len(lines))
	}
	var first searchLine
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.Q != "lam giay khai sinh" || !first.InScope || len(first.Results) == 0 || len(first.Results) > 3 ||
		first.Results[0].Code != "1.001193" {
		t.Errorf("first line: %+v", first)
	}
	for i, want := range map[int]bool{1: false, 2: false, 3: false, 5: false} {
		var l searchLine
		if err := json.Unmarshal([]byte(lines[i]), &l); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if l.InScope != want || l.Results == nil {
			t.Errorf("line %d: in_scope=%v results=%v", i+1, l.InScope, l.Results)
		}
	}
}

func TestAsk(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"ask", "bố tôi mới mất thì làm giấy tờ gì"}, nil, &out, &out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "1.000656") || !strings.Contains(out.String(), "khai tử") {
		t.Errorf("ask: %s", out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"ask", "--json", "-k", "2", "xin chào"}, nil, &out, &out); err != nil {
		t.Fatal(err)
	}
	var res struct {
		InScope bool `json:"in_scope"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil || res.InScope {
		t.Errorf("ask --json chit-chat: %v %s", err, out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"ask", ""}, nil, &out, &out); err != nil || !strings.Contains(out.String(), "chưa nhập") {
		t.Errorf("ask empty: %v %s", err, out.String())
	}
}

func TestEval(t *testing.T) {
	file := filepath.Join(t.TempDir(), "q.jsonl")
	data := `{"id":"x1","q":"lam giay khai sinh cho con","gold":["1.001193"],"style":"nodiacritics"}
{"id":"x2","q":"giá vàng hôm nay","gold":[],"style":"outofscope"}
`
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"eval", "--queries", file}, nil, &out, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"recall@1", "plain Bleve", "out of scope flagged", "nodiacritics"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("eval output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := run(context.Background(), []string{"eval", "--json", "--queries", file}, nil, &out, &out); err != nil {
		t.Fatal(err)
	}
	var rep map[string]json.RawMessage
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil || rep["motcua"] == nil || rep["plain_bleve"] == nil {
		t.Errorf("eval --json: %v %s", err, out.String())
	}
	if err := run(context.Background(), []string{"eval"}, nil, &out, &out); exitCode(err) != 2 {
		t.Errorf("eval without --queries: %v", err)
	}
}
