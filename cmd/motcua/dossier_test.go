package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const importCSV = "\ufeffcode,procedure_code,applicant_name,phone,received_at,due_at,status,note\n" +
	"HS-2026-0001,1.001193,Nguyễn Văn An,0905123456,02/01/2026,09/01/2026,received,\n" +
	"HS-2026-0002,1.001193,Lê Thị Hoa,0905000111,02/01/2026,09/01/2026,done,\n" +
	"HS-2026-0003,1.001193,Trần Văn Ba,0905000222,02/01/2026,09/01/2026,processing,\n"

func TestDossierImportCommand(t *testing.T) {
	store := openTestDossierStore(t)
	path := filepath.Join(t.TempDir(), "hoso.csv")
	if err := os.WriteFile(path, []byte(importCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	err := importDossierFile(t.Context(), store, path, nil, &out, &errOut)
	if exitCode(err) != 1 {
		t.Errorf("exit code = %d (%v), want 1 for a file with a bad row", exitCode(err), err)
	}
	if !strings.Contains(errOut.String(), "hoso.csv:3: HS-2026-0002: status") {
		t.Errorf("stderr = %q, want the bad line reported", errOut.String())
	}
	if !strings.Contains(out.String(), "Đã nạp 2 hồ sơ") {
		t.Errorf("stdout = %q", out.String())
	}
	for _, code := range []string{"HS-2026-0001", "HS-2026-0003"} {
		if _, err := store.Dossier(t.Context(), code); err != nil {
			t.Errorf("%s not loaded: %v", code, err)
		}
	}
}

func TestDossierImportGoodFileFromStdin(t *testing.T) {
	store := openTestDossierStore(t)
	good := strings.Join(strings.Split(importCSV, "\n")[:2], "\n") + "\n"
	var out, errOut bytes.Buffer
	if err := importDossierFile(t.Context(), store, "-", strings.NewReader(good), &out, &errOut); err != nil {
		t.Fatalf("import: %v; stderr %q", err, errOut.String())
	}
	if errOut.Len() != 0 {
		t.Errorf("stderr = %q", errOut.String())
	}
}

func TestDossierCommandUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"dossier", "export"}, nil, &out, &errOut)
	if exitCode(err) != 2 || !strings.Contains(errOut.String(), "dossier import") {
		t.Errorf("bad usage: exit %d, stderr %q", exitCode(err), errOut.String())
	}
}

func TestDossierImportEndToEnd(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "hoso.csv")
	if err := os.WriteFile(path, []byte(importCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("MOTCUA_DB", "sqlite:"+filepath.Join(dir, "motcua.db"))
	var out, errOut bytes.Buffer
	err := run(t.Context(), []string{"dossier", "import", path}, nil, &out, &errOut)
	if exitCode(err) != 1 || !strings.Contains(out.String(), "2 mới") {
		t.Fatalf("first run: exit %d, stdout %q, stderr %q", exitCode(err), out.String(), errOut.String())
	}
	out.Reset()
	run(t.Context(), []string{"dossier", "import", path}, nil, &out, &errOut)
	if !strings.Contains(out.String(), "0 mới, 2 cập nhật") {
		t.Errorf("second run: stdout %q", out.String())
	}
}
