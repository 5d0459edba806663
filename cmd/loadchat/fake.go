package main

import (
	"context"
	"net"
	"net/http"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/bot/web"
	"golang.org/x/time/rate"
)

// cardEngine is a fake engine answering every turn with a procedure card of
// the usual size, so that the measure is the web layer alone.
type cardEngine struct{}

var card = motcua.Reply{
	Text: "Thủ tục đăng ký khai sinh (mã 1.001193)\n" +
		strings.Repeat("• Giấy chứng sinh hoặc văn bản của người làm chứng xác nhận việc sinh.\n", 8) +
		"Thời hạn: ngay trong ngày làm việc. Lệ phí: miễn phí nếu đăng ký đúng hạn.",
	Buttons: []motcua.Button{
		{Label: "Giấy tờ cần mang", Action: "proc:1.001193:docs"},
		{Label: "Các bước thực hiện", Action: "proc:1.001193:steps"},
		{Label: "Phí, lệ phí", Action: "proc:1.001193:fee"},
		{Label: "Nộp trực tuyến", URL: "https://dichvucong.gov.vn/"},
	},
}

func (cardEngine) Handle(ctx context.Context, m motcua.Message) ([]motcua.Reply, error) {
	return []motcua.Reply{card}, nil
}

// serveFake starts the web chat with the fake engine on a loopback port.
func serveFake() (url string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	mux := http.NewServeMux()
	web.New(web.Config{
		Handler: cardEngine{},
		Limits:  web.Limits{AddrRate: rate.Inf, SessionRate: rate.Inf},
	}).Register(mux)
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}
