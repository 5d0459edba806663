package zalo

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/motcua/motcua"
)

// BenchmarkWebhook measures taking one signed event: read, verify, store
// in memory.
func BenchmarkWebhook(b *testing.B) { benchWebhook(b, newFixture(b)) }

// BenchmarkWebhookSQLite is the same with the real store (SQLite, or
// PostgreSQL when MOTCUA_TEST_POSTGRES is set).
func BenchmarkWebhookSQLite(b *testing.B) { benchWebhook(b, newSQLFixture(b)) }

func benchWebhook(b *testing.B, f *fixture) {
	h := f.bot.WebhookHandler()
	bodies, sigs := make([][]byte, b.N), make([]string, b.N)
	for i := range b.N {
		bodies[i], sigs[i] = f.fz.Event("user_send_text", "u1", "m"+strconv.Itoa(i), "làm giấy khai sinh cho con", f.clock.Now())
	}
	b.ResetTimer()
	for i := range b.N {
		body, sig := bodies[i], sigs[i]
		req := httptest.NewRequest(http.MethodPost, WebhookPath, bytes.NewReader(body))
		req.Header.Set("X-ZEvent-Signature", sig)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkRender measures turning a typical answer into API messages.
func BenchmarkRender(b *testing.B) {
	r := motcua.Reply{Text: "Thủ tục đăng ký khai sinh (mã 1.001193). Hồ sơ gồm tờ khai theo mẫu và giấy chứng sinh.",
		Buttons: []motcua.Button{{Label: "Giấy tờ cần nộp", Action: "p:1.001193:docs"}, {Label: "Lệ phí", Action: "p:1.001193:fee"},
			{Label: "Xem trên Cổng DVC", URL: "https://dichvucong.gov.vn/p/1.001193"}}}
	for b.Loop() {
		_ = render(r)
	}
}
