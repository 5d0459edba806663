package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestBackupWhileServingAndRestore backs up the database of a running
// program while citizens chat, then restores the copy the documented way
// (the copy becomes MOTCUA_DB) and continues a conversation from it.
func TestBackupWhileServingAndRestore(t *testing.T) {
	cfg := testConfig(t.TempDir())
	cfg.WebLimitsOff = true
	m := startMain(t, cfg)
	session := "backup-session-0001"
	if code, r := chat(t, m, map[string]string{"session_id": session, "action": "p:1.001193"}); code != http.StatusOK {
		t.Fatalf("first turn: %d %+v", code, r)
	}

	// Chats go on in the background while the backup runs.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			buf, _ := json.Marshal(map[string]string{"session_id": fmt.Sprintf("busy-session-%04d", i), "text": "xin chào"})
			resp, err := http.Post("http://"+m.Addr()+"/api/chat", "application/json", bytes.NewReader(buf))
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
		}
	}()
	t.Setenv("MOTCUA_DB", cfg.DB)
	file := filepath.Join(t.TempDir(), "motcua-backup.db")
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"backup", file}, nil, &out, &errOut)
	close(stop)
	wg.Wait()
	if err != nil || !strings.Contains(out.String(), file) {
		t.Fatalf("backup: %v %s %s", err, out.String(), errOut.String())
	}
	if err := run(context.Background(), []string{"backup", file}, nil, &out, &errOut); err == nil {
		t.Errorf("a backup over an existing file was made")
	}
	m.Close()

	// Restore: the program runs on the copy, and the conversation goes on.
	restored := testConfig(t.TempDir())
	restored.DB = "sqlite:" + file
	m2 := startMain(t, restored)
	code, r := chat(t, m2, map[string]string{"session_id": session, "text": "phí bao nhiêu"})
	if code != http.StatusOK || !strings.Contains(r.text(), "1.001193") {
		t.Fatalf("after restore the conversation lost its procedure: %d %q", code, r.text())
	}
}

func TestBackupPostgresTellsPgDump(t *testing.T) {
	t.Setenv("MOTCUA_DB", "postgres://motcua@db.invalid/motcua")
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"backup", filepath.Join(t.TempDir(), "x.db")}, nil, &out, &errOut)
	if err == nil || !strings.Contains(errOut.String(), "pg_dump") {
		t.Errorf("postgres: %v %q", err, errOut.String())
	}
	if err := run(context.Background(), []string{"backup"}, nil, &out, &errOut); exitCode(err) != 2 {
		t.Errorf("no file: %v", err)
	}
}
