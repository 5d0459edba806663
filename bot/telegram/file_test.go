package telegram

import (
	"io"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot/telegram/telegramtest"
	"github.com/motcua/motcua/store/storetest"
)

// TestOpenFile streams a photo through getFile and the file endpoint; a
// file Telegram does not know or cannot serve is not found, and no error
// carries the bot token.
func TestOpenFile(t *testing.T) {
	f := telegramtest.New(t, testToken)
	f.AddFile("AgAD1", "JPEG bytes")
	b, err := New(Config{Token: testToken, APIURL: f.URL, Logger: quiet}, handlerFunc(nil), storetest.Open(t))
	if err != nil {
		t.Fatal(err)
	}
	rc, ctype, err := b.OpenFile(t.Context(), "AgAD1")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(rc)
	rc.Close()
	if string(body) != "JPEG bytes" || ctype != "image/jpeg" {
		t.Errorf("got %q %q", body, ctype)
	}
	for _, id := range []string{"gone", "missing-on-disk", ""} {
		_, _, err := b.OpenFile(t.Context(), id)
		if err == nil || strings.Contains(err.Error(), testToken) {
			t.Errorf("%q: %v", id, err)
		}
		if id != "" && motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Errorf("%q: code %q", id, motcua.ErrorCode(err))
		}
	}
}
