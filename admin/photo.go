package admin

import (
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
)

// PhotoOpener streams a photo a citizen sent on a channel that keeps it
// behind its own reference instead of a public URL (a Telegram file_id). It
// returns the content and its type; the caller closes the reader.
type PhotoOpener func(r *http.Request, channel, ref string) (io.ReadCloser, string, error)

// photoHandler streams photo n of a complaint for the staff page, through
// the channel that holds it. Only images are served inline: anything else
// is offered as a download, so that a citizen's upload never runs as a page.
func (p *pages) photoHandler(w http.ResponseWriter, r *http.Request, sess string) {
	c, err := p.s.complaint(r, r.PathValue("code"))
	if err != nil {
		p.pageError(w, r, sess, err)
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 0 || n >= len(c.Photos) || c.Photos[n].ChannelRef == "" || p.s.cfg.Photo == nil {
		p.pageError(w, r, sess, motcua.Errorf(motcua.ENOTFOUND, "không có ảnh này"))
		return
	}
	body, ctype, err := p.s.cfg.Photo(r, c.Channel, c.Photos[n].ChannelRef)
	if err != nil {
		p.s.log.Warn("complaint photo", "code", c.Code, "channel", c.Channel, "err", err)
		p.pageError(w, r, sess, err)
		return
	}
	defer body.Close()
	h := w.Header()
	if !strings.HasPrefix(ctype, "image/") || strings.Contains(ctype, "svg") {
		ctype = "application/octet-stream"
		h.Set("Content-Disposition", "attachment")
	}
	h.Set("Content-Type", ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, max-age=3600")
	_, _ = io.Copy(w, body)
}
