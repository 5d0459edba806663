package telegram

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	tg "github.com/go-telegram/bot"

	"github.com/motcua/motcua"
)

// MaxFileBytes is the largest file the Bot API hands to bots (20 MB).
const MaxFileBytes = 20 << 20

// OpenFile streams a file a citizen sent (a photo's file_id) from the Bot
// API, for the staff pages: Telegram photos have no public URL. The caller
// closes the reader; at most MaxFileBytes are read. The download link holds
// the bot token, so it never leaves this function, not even in errors.
func (b *Bot) OpenFile(ctx context.Context, fileID string) (io.ReadCloser, string, error) {
	if fileID == "" {
		return nil, "", motcua.Errorf(motcua.EINVALID, "telegram: open file: no file id")
	}
	f, err := b.api.GetFile(ctx, &tg.GetFileParams{FileID: fileID})
	if err != nil {
		if errors.Is(err, tg.ErrorBadRequest) || errors.Is(err, tg.ErrorNotFound) {
			return nil, "", motcua.Errorf(motcua.ENOTFOUND, "telegram: open file: %v", redact(err, b.cfg.Token))
		}
		return nil, "", fmt.Errorf("telegram: open file: %w", redact(err, b.cfg.Token))
	}
	if f.FilePath == "" {
		return nil, "", motcua.Errorf(motcua.ENOTFOUND, "telegram: open file: Telegram gave no path (too large or gone)")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.api.FileDownloadLink(f), nil)
	if err != nil {
		return nil, "", motcua.Errorf(motcua.EINTERNAL, "telegram: open file: bad link")
	}
	resp, err := b.http.Do(req)
	if err != nil {
		return nil, "", motcua.Errorf(motcua.EINTERNAL, "telegram: open file: %v", redact(err, b.cfg.Token))
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, "", motcua.Errorf(motcua.ENOTFOUND, "telegram: open file: HTTP %d", resp.StatusCode)
	}
	return limitedBody{io.LimitReader(resp.Body, MaxFileBytes), resp.Body}, resp.Header.Get("Content-Type"), nil
}

// limitedBody reads at most a bound and closes the response body.
type limitedBody struct {
	io.Reader
	io.Closer
}
