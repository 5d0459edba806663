package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestKBImportAndCheck(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"kb", "import", "--format", "dvcqg", "--in", "../../knowledge/testdata/dvcqg-sample.json", "--out", out}, nil, &stdout, &stderr)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "10 thủ tục") {
		t.Errorf("import output: %s", stdout.String())
	}
	stdout.Reset()
	if err := run(context.Background(), []string{"kb", "check", "--kb", out}, nil, &stdout, &stderr); err != nil {
		t.Fatalf("check: %v", err)
	}
	if !strings.Contains(stdout.String(), "mislabelled") || !strings.Contains(stdout.String(), "Lỗi nghiêm trọng: 0") {
		t.Errorf("check output:\n%s", stdout.String())
	}

	// A duplicate code is a hard error: exit code 3.
	b, _ := os.ReadFile(filepath.Join(out, "procedures", "1.001193.yaml"))
	os.WriteFile(filepath.Join(out, "procedures", "dup.yaml"), b, 0o644)
	stdout.Reset()
	err = run(context.Background(), []string{"kb", "check", "--kb", out}, nil, &stdout, &stderr)
	if err == nil || exitCode(err) != 3 {
		t.Fatalf("check with a duplicate: err %v, exit %d", err, exitCode(err))
	}
}

func TestKBCheckBuiltin(t *testing.T) {
	t.Setenv("MOTCUA_KB", "")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"kb", "check"}, nil, &stdout, &stderr); err != nil {
		t.Fatalf("check built-in: %v\n%s", err, stdout.String())
	}
}

func TestKBUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	for _, args := range [][]string{{"kb"}, {"kb", "nope"}, {"kb", "import"}, {"kb", "import", "--format", "x", "--in", "a", "--out", "b"}} {
		if err := run(context.Background(), args, nil, &stdout, &stderr); exitCode(err) != 2 {
			t.Errorf("%v: err %v, want a usage error", args, err)
		}
	}
	if err := run(context.Background(), []string{"kb", "check", "--kb", t.TempDir() + "/none"}, nil, &stdout, &stderr); err == nil {
		t.Error("check of a missing folder succeeded")
	}
}
