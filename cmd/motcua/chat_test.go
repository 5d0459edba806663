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

// TestChatCommandEndToEnd runs "motcua chat" on the built-in knowledge base,
// its search and a SQLite store in a temporary data folder, twice: the
// second run continues the first conversation.
func TestChatCommandEndToEnd(t *testing.T) {
	t.Setenv("MOTCUA_DATA_DIR", t.TempDir())
	t.Setenv("MOTCUA_DB", "")
	t.Setenv("MOTCUA_KB", "")
	chat := func(input string) string {
		var out, errOut bytes.Buffer
		err := run(context.Background(), []string{"chat", "--session", "e2e"}, strings.NewReader(input), &out, &errOut)
		if err != nil {
			t.Fatalf("chat: %v\n%s", err, errOut.String())
		}
		return out.String()
	}
	out := chat("lam giay khai sinh cho con\n1\n")
	for _, w := range []string{"[1] Hỏi về thủ tục", "mã 1.001193", "[1] Giấy tờ cần nộp", "Giấy tờ cần nộp:"} {
		if !strings.Contains(out, w) {
			t.Errorf("first run lacks %q:\n%s", w, out)
		}
	}
	out = chat("phi bao nhieu\n")
	if !strings.Contains(out, "Phí, lệ phí") || !strings.Contains(out, "1.001193") {
		t.Errorf("second run lost the procedure:\n%s", out)
	}
}

func TestAskPrintsTheEngineAnswer(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"ask", "lam giay khai sinh cho con"}, nil, &out, &errOut); err != nil {
		t.Fatalf("ask: %v\n%s", err, errOut.String())
	}
	for _, w := range []string{"mã 1.001193", "Phí, lệ phí: Miễn phí", "[Giấy tờ cần nộp]"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("ask output lacks %q:\n%s", w, out.String())
		}
	}
}
