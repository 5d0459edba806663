package admin

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/motcua/motcua"
)

// TestPhotoRoute streams photos kept by a channel: an image inline, other
// content as a download, a missing one as not found, and the page links
// them only when a source is configured.
func TestPhotoRoute(t *testing.T) {
	opened := map[string]int{}
	h := newHarness(t, func(c *Config) {
		c.Photo = func(r *http.Request, channel, ref string) (io.ReadCloser, string, error) {
			opened[channel+":"+ref]++
			if ref == "html" {
				return io.NopCloser(strings.NewReader("<script>alert(1)</script>")), "text/html", nil
			}
			return io.NopCloser(strings.NewReader("JPEG")), "image/jpeg", nil
		}
	})
	c := &motcua.Complaint{Code: "PA0077", Category: "other", Text: "Ảnh phòng chờ", Channel: motcua.ChannelTelegram, ChatID: "42",
		Status: motcua.ComplaintNew, CreatedAt: testNow,
		Photos: []motcua.Attachment{{Kind: "image", ChannelRef: "AgAD1"}, {Kind: "image", ChannelRef: "html"}}}
	if _, err := h.store.CreateComplaint(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(h)
	b.login()
	if _, page := b.get("/admin/complaints/PA0077"); !strings.Contains(page, `src="/admin/complaints/PA0077/photos/0"`) {
		t.Errorf("page does not link the photo")
	}
	resp, body := b.get("/admin/complaints/PA0077/photos/0")
	if resp.StatusCode != 200 || body != "JPEG" || resp.Header.Get("Content-Type") != "image/jpeg" || opened["telegram:AgAD1"] != 1 {
		t.Errorf("photo 0: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	resp, _ = b.get("/admin/complaints/PA0077/photos/1")
	if resp.Header.Get("Content-Type") != "application/octet-stream" || resp.Header.Get("Content-Disposition") != "attachment" {
		t.Errorf("non-image served as %q %q", resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
	}
	for _, n := range []string{"2", "-1", "x"} {
		if resp, _ := b.get("/admin/complaints/PA0077/photos/" + n); resp.StatusCode != http.StatusNotFound {
			t.Errorf("photo %s: %d", n, resp.StatusCode)
		}
	}

	h2 := newHarness(t)
	h2.store.CreateComplaint(t.Context(), c)
	b2 := newBrowser(h2)
	b2.login()
	if _, page := b2.get("/admin/complaints/PA0077"); strings.Contains(page, "/photos/0") || !strings.Contains(page, "AgAD1") {
		t.Errorf("without a photo source the page should show the reference only")
	}
}
