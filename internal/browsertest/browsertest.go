// Package browsertest drives headless Chromium in tests through chromedp.
// Tests that use it are skipped unless MOTCUA_TEST_CHROMIUM names the
// browser's executable.
package browsertest

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// EnvChromium names the environment variable holding the browser's path.
const EnvChromium = "MOTCUA_TEST_CHROMIUM"

// Timeout bounds each wait for the page.
const Timeout = 20 * time.Second

// New starts a headless Chromium with a fresh profile for t and returns the
// context of one of its tabs; the browser stops when t ends. Errors and
// exceptions on the page's console (a script the policy blocked, a failed
// request) fail t.
func New(t testing.TB) context.Context {
	t.Helper()
	path := os.Getenv(EnvChromium)
	if path == "" {
		t.Skip(EnvChromium + " is not set: browser tests skipped")
	}
	profile, err := os.MkdirTemp("", "motcua-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), options(path, profile)...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	// The first run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		os.RemoveAll(profile)
		t.Fatalf("browsertest: start %s: %v", path, err)
	}
	report := watchConsole(ctx)
	t.Cleanup(func() {
		_ = chromedp.Cancel(ctx) // closes the browser; call it once only
		cancel()
		cancelAlloc()
		for _, e := range report() {
			t.Errorf("browser console: %s", e)
		}
		os.RemoveAll(profile) // best effort
	})
	return ctx
}

// options are the flags of a quiet, self-contained headless browser.
func options(path, profile string) []chromedp.ExecAllocatorOption {
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(path), chromedp.UserDataDir(profile)}
	for _, f := range []string{
		"headless", "no-sandbox", "disable-gpu", "disable-quic", "no-first-run",
		"disable-background-networking", "disable-component-update", "disable-sync",
		"disable-dev-shm-usage", "no-default-browser-check",
	} {
		opts = append(opts, chromedp.Flag(f, true))
	}
	return opts
}

// watchConsole collects every error and exception the page reports; the
// function it returns waits for the browser to close and gives them.
func watchConsole(ctx context.Context) func() []string {
	var errs []string
	msgs := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				errs = append(errs, string(m.Type)+": "+m.Text)
			}
		}
	}()
	return func() []string {
		<-done
		return errs
	}
}

// Do runs steps with a Timeout.
func Do(t testing.TB, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	if err := chromedp.Do(tctx, steps...); err != nil {
		t.Fatalf("browsertest: %v", err)
	}
}

// Eval evaluates a JavaScript expression and decodes its value.
func Eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	v, err := chromedp.Run(tctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("browsertest: eval %s: %v", expr, err)
	}
	return v
}

// WaitText waits until an element matching the CSS selector sel holds text
// containing want.
func WaitText(t testing.TB, ctx context.Context, sel, want string) {
	t.Helper()
	expr := `Array.from(document.querySelectorAll(` + quote(sel) + `)).some(e => e.textContent.includes(` + quote(want) + `))`
	tctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(Timeout))); err != nil {
		t.Fatalf("browsertest: no %s with text %q: %v", sel, want, err)
	}
}

// quote makes s a JavaScript string literal.
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
