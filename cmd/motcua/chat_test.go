package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/motcua/motcua"
)

// echoHandler answers every message with what it got and two buttons.
type echoHandler struct{ got []motcua.Message }

func (h *echoHandler) Handle(ctx context.Context, m motcua.Message) ([]motcua.Reply, error) {
	h.got = append(h.got, m)
	return []motcua.Reply{{Text: "nhận: " + m.Text + m.Action, Buttons: []motcua.Button{
		{Label: "Phí", Action: "fee:1.001193"},
		{Label: "Nộp trực tuyến", URL: "https://dichvucong.gov.vn"},
	}}}, nil
}

func TestChatLoop(t *testing.T) {
	h := &echoHandler{}
	var out bytes.Buffer
	in := strings.NewReader("khai sinh\n1\n2\n7\n/quit\nnot read\n")
	if err := chatLoop(context.Background(), h, "s1", in, &out); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range h.got {
		if m.Channel != motcua.ChannelTerminal || m.ChatID != "s1" {
			t.Fatalf("message %+v", m)
		}
		got = append(got, m.Text+"|"+m.Action)
	}
	if want := "|menu,khai sinh|,|fee:1.001193,7|"; strings.Join(got, ",") != want {
		t.Fatalf("sent %q, want %q", strings.Join(got, ","), want)
	}
	for _, w := range []string{"nhận: khai sinh", "[1] Phí", "[2] Nộp trực tuyến → https://dichvucong.gov.vn", "Mở liên kết: https://dichvucong.gov.vn"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("output lacks %q:\n%s", w, out.String())
		}
	}
}
