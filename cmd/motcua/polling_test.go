package main

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot/telegram/telegramtest"
	"github.com/motcua/motcua/store/storetest"
)

// TestSecondPollerRefused: with long polling (no TELEGRAM_WEBHOOK_URL) a
// second replica on the same database and bot refuses to start, saying
// why; once the first stops, it starts.
func TestSecondPollerRefused(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		testSecondPoller(t, "sqlite:"+filepath.Join(t.TempDir(), "shared.db"))
	})
	t.Run("postgres", func(t *testing.T) { testSecondPoller(t, storetest.PostgresDSN(t)) })
}

func testSecondPoller(t *testing.T, dsn string) {
	tg := telegramtest.New(t, tgToken)
	config := func() Config {
		cfg := testConfig(t.TempDir())
		cfg.DB = dsn
		cfg.TelegramToken = tgToken
		cfg.TelegramAPIURL = tg.URL
		cfg.TelegramPacing = false
		return cfg
	}
	first := startMain(t, config())
	tg.WaitFor(t, "the first replica to poll", func() bool { return tg.Polls() > 0 })

	var log strings.Builder
	second := NewMain(config(), &log)
	err := second.Run(context.Background())
	second.Close()
	if motcua.ErrorCode(err) != motcua.ECONFLICT || !strings.Contains(err.Error(), "TELEGRAM_WEBHOOK_URL") {
		t.Fatalf("second poller: %v", err)
	}
	if !strings.Contains(log.String(), "another replica already long-polls") {
		t.Errorf("no log line says why: %s", log.String())
	}

	// A clean stop gives the lease up: the next replica polls.
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	third := NewMain(config(), io.Discard)
	t.Cleanup(func() { third.Close() })
	if err := third.Run(context.Background()); err != nil {
		t.Fatalf("after the first stopped: %v", err)
	}
}
