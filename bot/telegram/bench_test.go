package telegram

import (
	"context"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/motcua/motcua/bot/telegram/telegramtest"
)

// benchChats spreads the updates of the end-to-end benchmarks over this
// many chats, so that per-chat order does not serialise everything.
const benchChats = 100

// pushN queues n text updates over benchChats chats.
func pushN(f *telegramtest.Server, n int) {
	for i := range n {
		f.PushText(int64(1+i%benchChats), "xin chào "+strconv.Itoa(i))
	}
}

// runEndToEnd measures updates per second from getUpdates to sendMessage:
// all b.N updates are queued, then the clock runs until the last answer.
func runEndToEnd(b *testing.B, start func(f *telegramtest.Server)) {
	f := telegramtest.New(b, testToken)
	start(f)
	b.ResetTimer()
	t0 := time.Now()
	pushN(f, b.N)
	f.WaitMessages(b, b.N)
	b.StopTimer()
	b.ReportMetric(float64(b.N)/time.Since(t0).Seconds(), "updates/s")
}

// BenchmarkEndToEnd compares this channel (durable inbox, offset, progress
// records; pacing off) with a minimal echo bot built on the library's own
// poller and handlers, against the same fake Bot API on loopback.
func BenchmarkEndToEnd(b *testing.B) {
	b.Run("motcua-sqlite", func(b *testing.B) {
		runEndToEnd(b, func(f *telegramtest.Server) {
			startBot(b, f, openSQLite(b), echo(new(atomic.Int32)), func(c *Config) { c.PacingOff = true; c.Logger = quiet })
		})
	})
	b.Run("library-echo", func(b *testing.B) {
		runEndToEnd(b, func(f *telegramtest.Server) { startEchoBot(b, f) })
	})
}

// startEchoBot runs the smallest bot the library allows: its poller, its
// default handler answering each text with the same text.
func startEchoBot(b *testing.B, f *telegramtest.Server) {
	echo := func(ctx context.Context, api *tg.Bot, u *models.Update) {
		if u.Message != nil {
			_, _ = api.SendMessage(ctx, &tg.SendMessageParams{ChatID: u.Message.Chat.ID, Text: "đã nhận: " + u.Message.Text})
		}
	}
	api, err := tg.New(testToken, tg.WithServerURL(f.URL), tg.WithDefaultHandler(echo),
		tg.WithHTTPClient(2*time.Second, &http.Client{Timeout: 10 * time.Second}), tg.WithErrorsHandler(func(error) {}))
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); api.Start(ctx) }()
	b.Cleanup(func() { cancel(); <-done })
}

// BenchmarkFanOut sends one notification to each of 3,000 chats at once
// through Send, with pacing on, against a fake that enforces Telegram's
// limits; it reports the achieved rate and the 429s. It takes ~100 s: run
// it with -benchtime 1x.
func BenchmarkFanOut(b *testing.B) {
	for range b.N {
		f := telegramtest.New(b, testToken)
		f.Enforce()
		t0 := time.Now()
		_, failed := fanOutErrs(newSender(b, f, false), 3000)
		el := time.Since(t0)
		n429, sent := f.Count429(), len(f.Messages())
		b.ReportMetric(float64(sent)/el.Seconds(), "msgs/s")
		b.ReportMetric(float64(n429), "429s")
		b.ReportMetric(float64(failed), "failed")
	}
}
