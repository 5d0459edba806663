package zalo

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot"
	"github.com/motcua/motcua/bot/zalo/zalotest"
	"github.com/motcua/motcua/internal/memstore"
)

var notice = []motcua.Reply{{Text: "Hồ sơ của bạn đã có kết quả, mời bạn đến nhận.",
	Buttons: []motcua.Button{{Label: "Xem chi tiết", Action: "f:dossier"}}}}

func TestSendNamesLastMessageInsideWindow(t *testing.T) {
	eachStore(t, func(t *testing.T, f *fixture) {
		f.event("user_send_text", "u1", "m1", "xin chào")
		f.bot.drain(t.Context())
		f.next()

		f.clock.Add(47 * time.Hour)
		if err := f.bot.Send(t.Context(), "u1", notice); err != nil {
			t.Fatal(err)
		}
		if got := f.next(); got.MessageID != "m1" || got.Buttons[0].Payload != "#mc:f:dossier" {
			t.Errorf("inside window: %+v", got)
		}
		f.clock.Add(2 * time.Hour)
		if err := f.bot.Send(t.Context(), "u1", notice); err != nil {
			t.Fatal(err)
		}
		if got := f.next(); got.MessageID != "" || got.UserID != "u1" {
			t.Errorf("after window: %+v", got)
		}
	})
}

func TestSendWindowClosed(t *testing.T) {
	for _, code := range []int{zalotest.CodeNotFollower, zalotest.CodeNoInteract} {
		f := newFixture(t)
		f.fz.CloseWindow("u1", code)
		err := f.bot.Send(t.Context(), "u1", notice)
		if !errors.Is(err, ErrWindowClosed) || !bot.IsPermanent(err) || motcua.ErrorCode(err) != motcua.EINVALID {
			t.Errorf("code %d: err = %v, want permanent ErrWindowClosed", code, err)
		}
	}
}

func TestWorkerDropsEventWhenWindowClosed(t *testing.T) {
	eachStore(t, func(t *testing.T, f *fixture) {
		f.fz.CloseWindow("u1", zalotest.CodeNoInteract)
		f.event("user_send_text", "u1", "m1", "xin chào")
		f.bot.drain(t.Context())
		if n := f.pending(); n != 0 {
			t.Errorf("%d events left; a closed window is not retried", n)
		}
	})
}

func TestSendRateLimited(t *testing.T) {
	f := newFixture(t)
	f.fz.FailNext(http.StatusOK, zalotest.CodeRateLimit)
	err := f.bot.Send(t.Context(), "u1", notice)
	if d, ok := bot.RetryAfterOf(err); !ok || d <= 0 || bot.IsPermanent(err) || motcua.ErrorCode(err) != motcua.ETHROTTLED {
		t.Errorf("err = %v, want a retry-after error", err)
	}
}

func TestSendInvalidIsPermanent(t *testing.T) {
	f := newFixture(t)
	f.fz.FailNext(http.StatusOK, zalotest.CodeParamInvalid)
	if err := f.bot.Send(t.Context(), "u1", notice); !bot.IsPermanent(err) {
		t.Errorf("err = %v, want permanent", err)
	}
}

// A 5xx after the engine answered: the event stays, and the retry sends the
// kept replies without asking the engine again.
func TestServerErrorIsRetriedWithoutRunningEngineTwice(t *testing.T) {
	eachStore(t, func(t *testing.T, f *fixture) {
		f.fz.FailNext(http.StatusBadGateway, 0)
		f.event("user_send_text", "u1", "m1", "xin chào")
		f.bot.drain(t.Context())
		if n := f.pending(); n != 1 {
			t.Fatalf("%d events left after 502, want 1", n)
		}
		if err := f.bot.Send(t.Context(), "u2", notice); motcua.ErrorCode(err) != "" {
			t.Fatalf("send after 502: %v", err)
		}
		f.next()
		f.clock.Add(claimLease + time.Second)
		f.bot.drain(t.Context())
		if got := f.next(); got.UserID != "u1" || got.MessageID != "m1" {
			t.Errorf("retried reply = %+v", got)
		}
		if n := len(f.eng.messages()); n != 1 {
			t.Errorf("engine called %d times, want 1", n)
		}
		if n := f.pending(); n != 0 {
			t.Errorf("%d events left", n)
		}
	})
}

func TestSendTransientErrors(t *testing.T) {
	f := newFixture(t)
	f.fz.FailNext(http.StatusInternalServerError, 0)
	err := f.bot.Send(t.Context(), "u1", notice)
	if err == nil || bot.IsPermanent(err) || motcua.ErrorCode(err) != motcua.EINTERNAL {
		t.Errorf("err = %v, want transient internal", err)
	}
}

func TestTokenRefreshedOnExpiry(t *testing.T) {
	eachStore(t, func(t *testing.T, f *fixture) {
		f.fz.Expire()
		if err := f.bot.Send(t.Context(), "u1", notice); err != nil {
			t.Fatal(err)
		}
		access, refresh := f.fz.Tokens()
		if got := f.next(); got.Token != access {
			t.Errorf("sent with %q, want the refreshed %q", got.Token, access)
		}
		ts := f.storedTokens()
		if ts.Access != access || ts.Refresh != refresh || ts.ExpiresAt != f.clock.Now().Unix()+90000 {
			t.Errorf("stored %+v", ts)
		}
		if err := f.bot.Send(t.Context(), "u1", notice); err != nil {
			t.Fatal(err)
		}
		if n := f.fz.Refreshes(); n != 1 {
			t.Errorf("%d refreshes, want 1", n)
		}
		// A restart keeps the refreshed pair, not the settings' spent one.
		if err := f.newBot().Send(t.Context(), "u1", notice); err != nil || f.fz.Refreshes() != 1 {
			t.Errorf("after restart: err %v, %d refreshes", err, f.fz.Refreshes())
		}
	})
}

func TestTokenRefreshedBeforeExpiry(t *testing.T) {
	f := newFixture(t)
	f.fz.Expire()
	if err := f.bot.Send(t.Context(), "u1", notice); err != nil {
		t.Fatal(err)
	}
	rejected := f.fz.Rejected()
	f.clock.Add(25*time.Hour - 10*time.Minute)
	if err := f.bot.Send(t.Context(), "u1", notice); err != nil {
		t.Fatal(err)
	}
	if f.fz.Refreshes() != 2 || f.fz.Rejected() != rejected {
		t.Errorf("%d refreshes, %d rejected sends; want a refresh ahead of expiry", f.fz.Refreshes(), f.fz.Rejected()-rejected)
	}
}

// New tokens in the settings (the app authorised again) replace the stored pair.
func TestSettingsTokensReplaceStoredOnes(t *testing.T) {
	eachStore(t, func(t *testing.T, f *fixture) {
		f.fz.Expire()
		if err := f.bot.Send(t.Context(), "u1", notice); err != nil {
			t.Fatal(err)
		}
		f.fz.Expire() // and the operator authorises again, outside motcua
		if _, err := f.fz.ForceRefresh(); err != nil {
			t.Fatal(err)
		}
		access, refresh := f.fz.Tokens()
		if err := f.newBotWith(access, refresh).Send(t.Context(), "u1", notice); err != nil {
			t.Fatal(err)
		}
		if got := f.storedTokens(); got.Access != access || got.Refresh != refresh {
			t.Errorf("stored %+v, want the settings' pair", got)
		}
	})
}

// Two replicas, twenty senders, one expired token: one refresh, every
// message delivered.
func TestTokenRefreshOnceUnderConcurrency(t *testing.T) {
	eachStore(t, func(t *testing.T, f *fixture) {
		testRefreshOnce(t, f)
	})
}

func testRefreshOnce(t *testing.T, f *fixture) {
	t.Helper()
	replicas := []*Bot{f.bot, f.newBot()}
	const senders = 20
	f.fz.Expire()
	release := f.fz.HoldRefreshes()
	defer release()
	var wg sync.WaitGroup
	errs := make(chan error, senders)
	for i := range senders {
		wg.Go(func() { errs <- replicas[i%2].Send(context.Background(), "u1", notice) })
	}
	waitFor(t, func() bool { return f.fz.Rejected()+len(errs) >= senders }) // errs: senders that failed early
	t.Logf("rejected %d", f.fz.Rejected())
	release()
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if n := f.fz.Refreshes(); n != 1 {
		t.Errorf("%d refreshes, want exactly 1", n)
	}
	if n := len(f.fz.Sent()); n != senders {
		t.Errorf("%d sent, want %d", n, senders)
	}
}

// waitFor polls cond until it holds, failing after a deadline.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestPacerSpacesSends(t *testing.T) {
	p := &pacer{gap: 20 * time.Millisecond}
	start := time.Now()
	for range 4 {
		if err := p.wait(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	// Three gaps at least; an upper bound would be a timed assertion.
	if el := time.Since(start); el < 60*time.Millisecond {
		t.Errorf("4 sends in %s, want at least 60ms", el)
	}
}

func TestNoTokensAnywhere(t *testing.T) {
	f := newFixture(t)
	b := f.newBotWith("", "")
	if err := b.Send(t.Context(), "u1", notice); motcua.ErrorCode(err) != motcua.EUNAUTH {
		t.Errorf("err = %v, want unauthorized", err)
	}
}

func TestNewNeedsKeys(t *testing.T) {
	st, h := memstore.New(time.Now), &fakeEngine{}
	for _, cfg := range []Config{{AppSecret: "s", OASecretKey: "k"}, {AppID: "a", AppSecret: "s"}, {AppID: "a", OASecretKey: "k"}} {
		if _, err := New(cfg, st, h); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Errorf("New(%+v) err = %v, want invalid", cfg, err)
		}
	}
}
