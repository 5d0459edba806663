package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

func init() { commands["chat"] = chatCommand }

// chatCommand is "motcua chat": the engine of every channel, on stdin/stdout.
func chatCommand(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	fs.SetOutput(stderr)
	session := fs.String("session", "local", "tên cuộc trò chuyện (giữ ngữ cảnh giữa các lần chạy)")
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	cfg := loadConfig(osGetenv)
	app, err := openApp(ctx, cfg, newLogger("warn", stderr), nil)
	if err != nil {
		return err
	}
	defer app.Close()
	return chatLoop(ctx, app.Engine, *session, stdin, stdout)
}

// terminalChat holds the state of a chat in the terminal: the buttons of the
// last answer, which the user picks by number.
type terminalChat struct {
	h       motcua.Handler
	chatID  string
	out     io.Writer
	buttons []motcua.Button
	seq     int
}

// chatLoop reads one message a line until EOF, "/quit" or "thoát", and prints
// the answers, buttons as numbered choices.
func chatLoop(ctx context.Context, h motcua.Handler, chatID string, in io.Reader, out io.Writer) error {
	c := &terminalChat{h: h, chatID: chatID, out: out}
	fmt.Fprintln(out, "Gõ câu hỏi rồi nhấn Enter; gõ số để chọn một nút; /quit để thoát.")
	if err := c.send(ctx, motcua.Message{Action: "menu"}); err != nil {
		return err
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for c.prompt(); sc.Scan(); c.prompt() {
		line := strings.TrimSpace(sc.Text())
		switch strings.ToLower(line) {
		case "/quit", "/exit", "thoát", "thoat":
			return nil
		}
		if err := c.input(ctx, line); err != nil {
			return err
		}
	}
	fmt.Fprintln(out)
	return sc.Err()
}

func (c *terminalChat) prompt() { fmt.Fprint(c.out, "\n> ") }

// input sends a typed line: a number picks a button, anything else is text.
func (c *terminalChat) input(ctx context.Context, line string) error {
	if n, err := strconv.Atoi(line); err == nil && n >= 1 && n <= len(c.buttons) {
		b := c.buttons[n-1]
		if b.URL != "" {
			fmt.Fprintln(c.out, "Mở liên kết:", b.URL)
			return nil
		}
		return c.send(ctx, motcua.Message{Action: b.Action})
	}
	return c.send(ctx, motcua.Message{Text: line})
}

// send hands a message to the engine and prints the answer.
func (c *terminalChat) send(ctx context.Context, m motcua.Message) error {
	c.seq++
	m.Channel, m.ChatID, m.ID, m.At = motcua.ChannelTerminal, c.chatID, strconv.Itoa(c.seq), time.Now()
	replies, err := c.h.Handle(ctx, m)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return err
		}
		return fmt.Errorf("chat: %w", err)
	}
	c.print(replies)
	return nil
}

// print writes the replies and numbers the buttons of all of them.
func (c *terminalChat) print(replies []motcua.Reply) {
	c.buttons = c.buttons[:0]
	for _, r := range replies {
		fmt.Fprintln(c.out, r.Text)
		c.buttons = append(c.buttons, r.Buttons...)
	}
	for i, b := range c.buttons {
		if b.URL != "" {
			fmt.Fprintf(c.out, "  [%d] %s → %s\n", i+1, b.Label, b.URL)
		} else {
			fmt.Fprintf(c.out, "  [%d] %s\n", i+1, b.Label)
		}
	}
}
